"""Sheets kept between loads of one process (``paved serve``): whatever the memo keeps,
a load answers exactly what a plain load of the same file answers."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from paved.generator.core.load.workbook import read_workbook
from paved.generator.core.load.workbook_memo import WorkbookMemo

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "custodians" / "catalogue.xlsx"
FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.xlsx"))


def _plain(file: Path) -> tuple[object, ...]:
    book = read_workbook(file, "custodians/catalogue.xlsx")
    return book.sheets, book.names, book.found


def _rewrite_part(book: Path, sheet: str, change: bytes) -> None:
    """Append ``change`` to the first text cell of ``sheet``'s second row, rewriting
    only that part of the zip (as a script or another spreadsheet tool may)."""
    with zipfile.ZipFile(book) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
        from paved.generator.core.load.sheet_xml import sheet_parts

        part = sheet_parts(archive)[sheet]
    staged = book.with_name(book.name + ".tmp")
    with zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == part:
                data, count = re.subn(
                    rb'(<c r="[A-Z]+2"[^>]*t="inlineStr"[^>]*><is><t>)',
                    rb"\g<1>" + change,
                    data,
                    count=1,
                )
                assert count == 1, "no inline text cell in row 2"
            out.writestr(info, data)
    staged.replace(book)


@pytest.mark.parametrize("file", FIXTURES, ids=lambda f: f.parent.parent.name)
def test_every_fixture_loads_as_a_plain_load_twice(file: Path) -> None:
    memo = WorkbookMemo()
    for _ in range(2):
        assert memo.load(file, "custodians/catalogue.xlsx", _wanted()) == _plain(file)


def _wanted() -> tuple[str, ...]:
    from paved.generator.core.load.sheets import CATALOGUE_SHEETS

    return tuple(CATALOGUE_SHEETS)


def test_an_unchanged_workbook_reads_no_sheet_and_an_edited_part_reads_one(
    tmp_path: Path,
) -> None:
    book = tmp_path / "catalogue.xlsx"
    shutil.copy(EXAMPLE, book)
    inline = openpyxl.load_workbook(book)  # inline strings, as the benchmark's generator
    inline.save(book)
    memo = WorkbookMemo()
    first = memo.load(book, "custodians/catalogue.xlsx", _wanted())
    assert first == _plain(book)
    assert memo.sheets_read == 6
    assert memo.load(book, "custodians/catalogue.xlsx", _wanted()) == first
    assert memo.sheets_read == 0
    if not _has_inline_text(book, "datasets"):
        pytest.skip("openpyxl wrote shared strings here: no inline cell to edit")
    _rewrite_part(book, "datasets", b"Edited ")
    again = memo.load(book, "custodians/catalogue.xlsx", _wanted())
    assert memo.sheets_read == 1
    assert again == _plain(book)
    assert again != first
    sheets = again[0]
    assert isinstance(sheets, dict)
    assert sheets["columns"] is first[0]["columns"]  # type: ignore[index]


def _has_inline_text(book: Path, sheet: str) -> bool:
    from paved.generator.core.load.sheet_xml import sheet_parts

    with zipfile.ZipFile(book) as archive:
        data = archive.read(sheet_parts(archive)[sheet])
    return re.search(rb'<c r="[A-Z]+2"[^>]*t="inlineStr"', data) is not None


def test_a_workbook_saved_again_by_a_spreadsheet_tool_loads_as_a_plain_load(
    tmp_path: Path,
) -> None:
    """openpyxl rewrites every part and the shared strings: nothing can be kept."""
    book = tmp_path / "catalogue.xlsx"
    shutil.copy(EXAMPLE, book)
    memo = WorkbookMemo()
    memo.load(book, "custodians/catalogue.xlsx", _wanted())
    workbook = openpyxl.load_workbook(book)
    workbook["datasets"].cell(row=2, column=5).value = "Described anew."
    workbook["columns"].cell(row=3, column=1).value = "=1+1"  # a formula: SHEET finding
    workbook.save(book)
    again = memo.load(book, "custodians/catalogue.xlsx", _wanted())
    assert again == _plain(book)
    assert any("formula" in finding.message for finding in again[2])


def test_a_broken_workbook_after_a_good_one_is_reported_as_a_plain_load(tmp_path: Path) -> None:
    book = tmp_path / "catalogue.xlsx"
    shutil.copy(EXAMPLE, book)
    memo = WorkbookMemo()
    memo.load(book, "custodians/catalogue.xlsx", _wanted())
    book.write_bytes(book.read_bytes()[:2000])  # truncated while saving
    broken = memo.load(book, "custodians/catalogue.xlsx", _wanted())
    assert broken == _plain(book)
    assert broken[2]  # a located finding, not a traceback


def test_an_edit_of_another_sheet_keeps_the_typed_columns_and_gives_the_cold_model(
    tmp_path: Path,
) -> None:
    """``paved serve``'s load: a datasets cell edited, the columns sheet kept, its typed
    columns kept too; the model is what a cold load of the same files builds."""
    from example_site import copy_example

    from paved.generator.core import api
    from paved.generator.core.validate.memo import LoadMemo

    root = copy_example(tmp_path / "repo")
    book = root / "custodians" / "catalogue.xlsx"
    openpyxl.load_workbook(book).save(book)
    if not _has_inline_text(book, "datasets"):
        pytest.skip("openpyxl wrote shared strings here: no inline cell to edit")
    memo = LoadMemo()
    first = api.check(root, memo)
    _rewrite_part(book, "datasets", b"Edited ")
    warm, cold = api.check(root, memo), api.check(root)
    assert memo.workbooks.sheets_read == 1
    assert warm.platform == cold.platform
    assert warm.diagnostics == cold.diagnostics
    assert warm.platform != first.platform
    some = next(d for d in warm.platform.datasets.values() if d.columns)
    assert some.columns[0] is first.platform.datasets[some.id].columns[0]  # kept, not rebuilt
