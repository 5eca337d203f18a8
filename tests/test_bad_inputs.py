"""Every fixture case under tests/fixtures/bad/ and good/ gives what its expected.yaml says.

Bad cases: a diagnostic with the expected code at the expected location
(``str(Location)``). Good cases: no diagnostic of the listed code families, and
the converted values or row numbers listed. Cases are checked through
``paved.generator.core.api.check`` (the whole pipeline) and the ``paved validate`` command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from paved.generator.cli import main
from paved.generator.core import api
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.limits import MAX_MARKDOWN_BYTES, MAX_WORKBOOK_BYTES
from paved.generator.core.load.repository import load_repository

FIXTURES = Path(__file__).parent / "fixtures"
BAD_CASES = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())
GOOD_CASES = sorted(p for p in (FIXTURES / "good").iterdir() if p.is_dir())


def expected(case: Path) -> dict[str, Any]:
    data = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def diagnostics_for(case: Path) -> list[Diagnostic]:
    return list(api.check(case).diagnostics)


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.name for c in BAD_CASES])
def test_bad_case_reports_expected_code_at_location(case: Path) -> None:
    want = expected(case)
    found = diagnostics_for(case)
    pairs = [(d.code, str(d.location)) for d in found]
    assert (want["code"], want["location"]) in pairs, pairs
    match = next(d for d in found if (d.code, str(d.location)) == (want["code"], want["location"]))
    assert match.severity.value == want.get("severity", "error")
    assert match.message
    assert match.hint


@pytest.mark.parametrize("case", GOOD_CASES, ids=[c.name for c in GOOD_CASES])
def test_good_case_has_no_loader_findings(case: Path) -> None:
    want = expected(case)
    found = diagnostics_for(case)
    unwanted = [
        (d.code, str(d.location))
        for d in found
        if any(d.code.startswith(prefix) for prefix in want["absent"])
    ]
    assert unwanted == []
    loaded, _ = load_repository(case)
    for sheet, rows in want.get("rows", {}).items():
        assert [r.row for r in loaded.sheets[sheet].rows] == rows
    for sheet, by_row in want.get("values", {}).items():
        rows_by_number = {r.row: r.values for r in loaded.sheets[sheet].rows}
        for row, values in by_row.items():
            for name, value in values.items():
                assert rows_by_number[int(row)][name] == value


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.name for c in BAD_CASES])
def test_validate_command_fails_cleanly(case: Path) -> None:
    want = expected(case)
    result = CliRunner().invoke(main, ["validate", str(case)])
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert want["code"] in result.stdout
    assert result.exit_code == (1 if want.get("severity", "error") == "error" else 0), result.output


def test_oversized_workbook_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "custodians" / "catalogue.xlsx"
    book.parent.mkdir()
    with book.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(MAX_WORKBOOK_BYTES + 1)
    _, found = load_repository(tmp_path)
    assert [(d.code, str(d.location)) for d in found] == [("SHEET009", "custodians/catalogue.xlsx")]
    assert "50.0 MB" in found[0].message


def test_oversized_markdown_is_refused(tmp_path: Path) -> None:
    wid = tmp_path / "wids" / "WID-0001-huge.md"
    wid.parent.mkdir()
    with wid.open("wb") as handle:
        handle.write(b"---\nid: WID-0001\n---\n")
        handle.truncate(MAX_MARKDOWN_BYTES + 1)
    loaded, found = load_repository(tmp_path)
    assert [(d.code, str(d.location)) for d in found] == [("FILE004", "wids/WID-0001-huge.md")]
    assert loaded.wids == ()
