"""Real workbooks and CSV files, written by Excel, Mac Excel, LibreOffice and gnumeric and
collected from public repositories (tests/fixtures/real-sheets/*/SOURCE.md: repository,
commit, path, licence and the sha256 of every file).

Their bytes are not committed (fetched binaries stay out of this repository): the tests
read them from ``$PAVED_REAL_SHEETS``, else ``../shared/real-sheets`` beside the checkout,
else the fixture folders, check each against its recorded sha256, and skip a file that is
not there.

(a) each file dropped into a copy of the example as the catalogue: ``paved validate``
exits 0 or 1 without a traceback, within a time and memory bound, and every finding is
located; (b) the loader's sheet reader (``load_workbook`` with the sheet named) returns
what openpyxl, read independently, finds in each sheet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from example_site import REPO, copy_example

from paved.generator.core.load.workbook import load_workbook

FIXTURES = REPO / "tests" / "fixtures" / "real-sheets"
_ROW = re.compile(r"^\| `([^`]+)` \| `[^`]+` \| (\d+) \| `([0-9a-f]{64})` \|", re.MULTILINE)
#: Codes reported at one cell: they must name the sheet, the row and the column.
CELL_CODES = {"SHEET005", "SHEET006", "SHEET007", "SHEET008", "SHEET014", "CAT301"}
MEMORY = 3 * 1024**3
PAVED = str(Path(sys.executable).parent / "paved")


def _roots() -> list[Path]:
    roots = [FIXTURES]
    if os.environ.get("PAVED_REAL_SHEETS"):
        roots.insert(0, Path(os.environ["PAVED_REAL_SHEETS"]))
    roots.insert(-1, REPO.parent / "shared" / "real-sheets")
    return roots


def _corpus() -> list[tuple[str, str, str]]:
    """(folder, file name, sha256) of every file a SOURCE.md lists."""
    listed = []
    for source in sorted(FIXTURES.glob("*/SOURCE.md")):
        for name, _size, digest in _ROW.findall(source.read_text(encoding="utf-8")):
            listed.append((source.parent.name, name, digest))
    return listed


CORPUS = _corpus()
BOOKS = [entry for entry in CORPUS if entry[1].endswith(".xlsx")]


def _file(folder: str, name: str, digest: str) -> Path:
    for root in _roots():
        path = root / folder / name
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path} changed"
            return path
    pytest.skip(f"{folder}/{name} is not present (set PAVED_REAL_SHEETS to the corpus folder)")


def _ids(entries: list[tuple[str, str, str]]) -> list[str]:
    return [f"{folder}/{name}" for folder, name, _ in entries]


def test_the_corpus_is_listed() -> None:
    assert len(BOOKS) >= 15
    assert len(CORPUS) - len(BOOKS) >= 3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("real") / "site")


# Whole-file outcomes the corpus holds; every other file only lacks the catalogue's sheets.
EXPECTED = {
    "issue252.xlsx": {"SHEET003"},
    "pass_protected.xlsx": {"SHEET002"},
}


@pytest.mark.parametrize(("folder", "name", "digest"), CORPUS, ids=_ids(CORPUS))
def test_validate_reads_a_real_file_as_the_catalogue(
    site: Path, folder: str, name: str, digest: str
) -> None:
    source = _file(folder, name, digest)
    custodians = site / "custodians"
    for old in custodians.iterdir():
        old.unlink()
    # A CSV is one sheet of the catalogue: the columns sheet, the one with most rules.
    target = custodians / ("catalogue.xlsx" if name.endswith(".xlsx") else "columns.csv")
    target.write_bytes(source.read_bytes())
    done = subprocess.run(
        [PAVED, "validate", "--no-cache", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        timeout=120,  # a few seconds on a loaded machine; a hang fails here
        preexec_fn=_limit_memory,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    found = json.loads(done.stdout)
    codes = {item["code"] for item in found}
    if name in EXPECTED:
        assert codes == EXPECTED[name]
    assert "SHEET009" not in codes  # every file is far within the limits
    for item in found:
        assert item["rule"], item
        assert item["code"], item
        assert item["message"], item
        where = item["location"]
        assert where["path"].startswith("custodians/"), item
        if item["code"] in CELL_CODES:
            assert None not in (where["sheet"], where["row"], where["column"]), item
        if item["code"] == "SHEET004":
            assert where["sheet"], item


# --- (b) the sheet reader against openpyxl --------------------------------------------


def _expected(value: Any) -> Any:
    """A cell as openpyxl reads it, in the plain form the catalogue keeps."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def _bounds(sheet: Any) -> dict[str, int]:
    """Up to the farthest cell openpyxl holds a value for: a sheet styled down to row
    1,048,576 and column XFD would otherwise be 17 billion cells to walk."""
    held = [key for key, cell in sheet._cells.items() if cell.value is not None]
    if not held:
        return {"max_row": 1, "max_col": 1}
    return {"max_row": max(r for r, _ in held), "max_col": max(c for _, c in held)}


def _openpyxl_sheets(path: Path) -> list[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # data validation and defined names are not read
        try:
            book = openpyxl.load_workbook(path, data_only=True)
        except Exception as error:
            pytest.skip(f"openpyxl cannot read {path.name}: {type(error).__name__}")
    return list(book.worksheets)


#: The workbooks with sheets to read (the damaged and the encrypted one are refused whole).
READABLE = [entry for entry in BOOKS if entry[1] not in EXPECTED]


@pytest.mark.parametrize(("folder", "name", "digest"), READABLE, ids=_ids(READABLE))
def test_sheet_reader_returns_what_the_file_holds(folder: str, name: str, digest: str) -> None:
    path = _file(folder, name, digest)
    compared = 0
    for sheet in _openpyxl_sheets(path):
        title = sheet.title
        read, names, found = load_workbook(path, name, wanted=(title,))
        assert title in names
        assert title in read, [d.message for d in found]
        grid = list(sheet.iter_rows(**_bounds(sheet)))
        header: dict[str, int] = {}
        for index, cell in enumerate(grid[0] if grid else ()):
            label = _expected(cell.value)
            if isinstance(label, int | float) and not isinstance(label, bool):
                label = str(label)  # a number in the header names its column as text
            if isinstance(label, str) and label not in header:
                header[label] = index
        errors = {(c.row, c.column) for row in grid for c in row if c.data_type == "e"}
        expected = {}
        for number, cells in enumerate(grid[1:], start=2):
            values = {
                label: _expected(cells[index].value)
                for label, index in header.items()
                if index < len(cells)
                and (number, index + 1) not in errors
                and _expected(cells[index].value) is not None
            }
            if values:
                expected[number] = values
        got = {row.row: row.values for row in read[title].rows}
        assert got == expected, title
        located = {(d.location.row, d.location.column) for d in found}
        assert errors <= located, "every error cell is reported at its cell"
        assert all(d.location.sheet == title for d in found)
        compared += 1
    assert compared


def test_styled_empty_cells_to_the_last_row_are_not_the_table(tmp_path: Path) -> None:
    # gnumeric wrote <dimension ref="A1:XFD1048576"/> and value-less styled cells down to
    # XFD1048576 around a table of two rows: the reader reads the table, refusing nothing.
    path = _file("calamine", "issue_174.xlsx", _digest("issue_174.xlsx"))
    read, _, found = load_workbook(path, "issue_174.xlsx", wanted=("Sheet1",))
    assert found == []
    assert [row.row for row in read["Sheet1"].rows] == [2]
    assert len(read["Sheet1"].header) == 11


def test_a_picture_in_a_cell_is_reported_not_read_as_empty() -> None:
    # Excel stores a picture placed in a cell as the error value #VALUE! (no formula).
    name = "pictures_in_cell_and_over_cell.xlsx"
    path = _file("calamine", name, _digest(name))
    _, _, found = load_workbook(path, name, wanted=("Sheet1",))
    errors = [d for d in found if d.code == "SHEET014"]
    assert [(d.location.row, d.location.column) for d in errors] == [(1, 1), (3, 1)]
    assert "#VALUE!" in errors[0].message


def test_1904_dates_read_as_the_dates_shown() -> None:
    path = _file("xlsxwriter", "date_1904_01.xlsx", _digest("date_1904_01.xlsx"))
    shown = [
        _expected(row[0].value) for row in _openpyxl_sheets(path)[0].iter_rows() if row[0].value
    ]
    read, _, _ = load_workbook(path, "date_1904_01.xlsx", wanted=("Sheet1",))
    column = read["Sheet1"].header[0]
    assert [row.values[column] for row in read["Sheet1"].rows] == shown[1:]
    assert all(isinstance(v, str) and v[:4].isdigit() for v in shown)


def _digest(name: str) -> str:
    return next(digest for _, listed, digest in CORPUS if listed == name)
