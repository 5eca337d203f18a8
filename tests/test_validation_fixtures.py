"""Builders for small in-memory repositories used by the validation tests, and a
check that the mini fixture repository (tests/fixtures/validation/mini) is clean.

The builders go through the real parsers (``parse_markdown``, ``parse_adr``,
``build_sheet``) so positions are the ones users will see."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from paved.generator.core.api import check
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.adr_formats import parse_adr
from paved.generator.core.load.markdown import parse_markdown
from paved.generator.core.load.repository import load_repository
from paved.generator.core.load.sheets import build_sheet
from paved.generator.core.load.types import LoadedRepository, MarkdownDoc, Sheet

MINI = Path(__file__).parent / "fixtures" / "validation" / "mini"


def md(text: str, path: str = "docs/page.md") -> MarkdownDoc:
    doc, found = parse_markdown(text, path, require_front_matter=False)
    assert doc is not None, found
    return doc


def wid(text: str, path: str = "wids/WID-0001-store-sales.md") -> MarkdownDoc:
    doc, found = parse_markdown(text, path, require_front_matter=True)
    assert doc is not None, found
    return doc


def adr(text: str, path: str = "adrs/0001-x.md") -> MarkdownDoc:
    doc, found = parse_adr(text, path)
    assert doc is not None, found
    return doc


def sheet(name: str, header: list[str], *rows: list[Any], strict: bool = True) -> Sheet:
    """A catalogue sheet as the workbook loader builds it (loader findings must be
    empty unless ``strict`` is off, e.g. when a test leaves out required columns)."""
    table, found = build_sheet("custodians/catalogue.xlsx", name, [header, *rows])
    assert not (strict and found), found
    return table


def mini() -> LoadedRepository:
    loaded, found = load_repository(MINI)
    assert found == []
    return loaded


def mini_wid_text() -> str:
    return (MINI / "wids" / "WID-0001-store-sales.md").read_text(encoding="utf-8")


def mini_adr_text(n: int) -> str:
    name = {1: "0001-nightly-batch.md", 2: "0002-hourly-batch.md"}[n]
    return (MINI / "adrs" / name).read_text(encoding="utf-8")


def with_docs(loaded: LoadedRepository, **changes: Any) -> LoadedRepository:
    return dataclasses.replace(loaded, **changes)


def with_sheet(loaded: LoadedRepository, table: Sheet) -> LoadedRepository:
    return dataclasses.replace(loaded, sheets={**loaded.sheets, table.name: table})


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def where(diagnostic: Diagnostic) -> str:
    return str(diagnostic.location)


def test_mini_repository_is_clean() -> None:
    result = check(MINI)
    assert result.diagnostics == []
    assert result.ok
    assert list(result.platform.products) == ["WID-0001"]
