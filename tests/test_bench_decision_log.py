"""The decision log of the log4brains comparison (``benchmarks/_decision_log.py``):
Paved reads every file as the planned decision with no diagnostic, the files follow
log4brains' conventions, and the site comparison notices a disagreement."""

from __future__ import annotations

import importlib
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from paved.generator.core.api import check

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture(scope="module")
def dl() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        yield importlib.import_module("_decision_log")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def planned(dl: ModuleType) -> list[Any]:
    adrs: list[Any] = dl.plan(40, 7)
    return adrs


@pytest.fixture(scope="module")
def repo(dl: ModuleType, planned: list[Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("decision-log")
    dl.write_repository(out, planned, extensions=dl.shipped_extensions(ROOT / "mkdocs.yml"))
    return out


def test_the_plan_has_supersede_chains_and_several_statuses(planned: list[Any]) -> None:
    assert len(planned) == 40
    assert any(a.superseded_by for a in planned)
    assert len({a.status for a in planned}) >= 3


def test_paved_reads_every_file_as_the_planned_decision_without_diagnostics(
    dl: ModuleType, repo: Path, planned: list[Any]
) -> None:
    result = check(repo)
    assert result.diagnostics == []
    by_number = {a.number: a for a in planned}

    def slug(number: int) -> str:
        """log4brains' id: the file name ``YYYYMMDD-slug.md`` without ``.md``."""
        return str(dl.l4b_filename(by_number[number])).removesuffix(".md")

    decisions = result.platform.decisions
    assert sorted(decisions) == sorted(slug(a.number) for a in planned)
    for adr in planned:
        got = decisions[slug(adr.number)]
        assert got.title == adr.title
        assert str(got.status) == adr.status
        assert str(got.date)[:10] == adr.date.isoformat()
        expected_successor = slug(adr.superseded_by) if adr.superseded_by else None
        assert got.superseded_by == expected_successor
        assert list(got.supersedes) == [slug(n) for n in adr.supersedes]
        assert list(got.tags) == adr.tags
        assert list(got.decision_makers) == adr.deciders
        assert got.format == "log4brains"


def test_files_follow_log4brains_conventions(repo: Path, planned: list[Any]) -> None:
    """Bullets right under the H1; a superseded record names an existing file's slug."""
    assert "adrFolder: ./adrs" in (repo / ".log4brains.yml").read_text("utf-8")
    stems = {p.stem for p in (repo / "adrs").glob("*.md")}
    for adr in planned:
        name = f"{adr.date:%Y%m%d}-{adr.slug}.md"
        lines = (repo / "adrs" / name).read_text("utf-8").splitlines()
        assert lines[0] == f"# {adr.title}"
        assert lines[2].startswith("- Status: ")
        if adr.superseded_by:
            match = re.fullmatch(r"- Status: superseded by \[([^\]]+)\]\(\1\.md\)", lines[2])
            assert match is not None
            assert match.group(1) in stems
    assert not (repo / ".git" / "index.lock").exists()


def test_extensions_config_enables_admonitions(repo: Path) -> None:
    text = (repo / "mkdocs-extensions.yml").read_text("utf-8")
    assert "- paved" in text
    assert "markdown_extensions:" in text
    assert "- admonition" in text
    assert "markdown_extensions" not in (repo / "mkdocs.yml").read_text("utf-8")


def _l4b_page(site: Path, slug: str, adr: dict[str, Any]) -> None:
    data = {"props": {"pageProps": {"currentAdr": {"slug": slug, **adr}}}}
    page = site / "adr" / slug / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        f'<html><script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}'
        "</script></html>",
        "utf-8",
    )


def test_differences_reports_a_disagreement_and_a_missing_page(
    dl: ModuleType, tmp_path: Path
) -> None:
    paved = tmp_path / "paved"
    (paved / "api").mkdir(parents=True)
    decision = {
        "path": "adrs/20200102-use-x.md",
        "title": "Use X",
        "status": "superseded",
        "date": "2020-01-02",
        "superseded_by": "20200103-use-y",
        "decision_makers": ["Ann"],
        "tags": ["a"],
    }
    second = {
        **decision,
        "path": "adrs/20200103-use-y.md",
        "status": "accepted",
        "superseded_by": None,
    }
    (paved / "api" / "platform.json").write_text(
        json.dumps({"decisions": [decision, second]}), "utf-8"
    )
    l4b = tmp_path / "l4b"
    _l4b_page(
        l4b,
        "20200102-use-x",
        {
            "title": "Use X",
            "status": "accepted",
            "publicationDate": "2020-01-02T23:59:59.000Z",
            "supersededBy": {"slug": "20200103-use-y"},
            "deciders": ["Ann"],
            "tags": ["a"],
        },
    )
    found = dl.differences(dl.read_paved_site(paved), dl.read_log4brains_site(l4b))
    assert found == [
        "ADR 20200103-use-y: only in Paved's site",
        "ADR 20200102-use-x status: Paved 'superseded', log4brains 'accepted'",
    ]
