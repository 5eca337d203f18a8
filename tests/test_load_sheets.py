"""Catalogue sheets: cell conversion per schema, header checks, workbooks and CSV files."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from paved.generator.core.load import sheet_xml
from paved.generator.core.load import workbook as workbook_module
from paved.generator.core.load.cells import column_types, convert
from paved.generator.core.load.limits import MAX_SHEET_CELLS
from paved.generator.core.load.sheets import CATALOGUE_SHEETS, build_sheet, load_csv
from paved.generator.core.load.workbook import load_workbook

BOOK = "custodians/catalogue.xlsx"


def codes(found: list[object]) -> list[str]:
    return [f"{d.code} {d.location}" for d in found]  # type: ignore[attr-defined]


def test_schema_drives_column_kinds() -> None:
    columns = column_types("columns")
    assert columns.kinds["personal_data"] == "boolean"
    assert columns.kinds["name"] == "string"
    assert "personal_data" in columns.required
    assert column_types("custodians").kinds["domains"] == "array"
    assert columns.kind_of("review_date") == "date"
    assert columns.kind_of("notes") == "any"


@pytest.mark.parametrize(
    ("value", "kind", "want"),
    [
        ("yes", "boolean", True),
        (" No ", "boolean", False),
        (1.0, "boolean", True),
        (0, "boolean", False),
        ("maybe", "boolean", "maybe"),
        ("sales; finance ;", "array", ["sales", "finance"]),
        (42.0, "array", ["42"]),
        (12.0, "string", "12"),
        (1.5, "string", "1.5"),
        (dt.date(2024, 5, 2), "string", "2024-05-02"),
        (45717, "date", "2025-03-01"),
        (dt.datetime(2025, 3, 1, 0, 0), "date", "2025-03-01"),
        (dt.datetime(2025, 3, 1, 8, 30), "any", "2025-03-01T08:30:00"),
        (3.0, "any", 3),
        ("   ", "string", None),
        ("", "array", None),
        (None, "any", None),
    ],
)
def test_convert(value: object, kind: str, want: object) -> None:
    assert convert(value, kind) == want


def test_build_sheet_rows_header_and_shape_problems() -> None:
    grid = [
        ["dataset", "name", "", "personal_data", "name"],
        ["pos.stores", "store_id", "x", "yes", "dup"],
        ["", "", "", "", ""],
        ["pos.stores", 7.0, "", 0, "", "stray"],
        ["", "", "", "", ""],
    ]
    sheet, found = build_sheet(BOOK, "columns", grid, merged=[((3, 0), (3, 1))], formulas=[(2, 2)])
    assert [r.row for r in sheet.rows] == [2, 4]
    assert sheet.rows[0].values == {
        "dataset": "pos.stores",
        "name": "store_id",
        "personal_data": True,
    }
    assert sheet.rows[1].values == {"dataset": "pos.stores", "name": "7", "personal_data": False}
    assert sheet.column_of == {"dataset": 1, "name": 2, "personal_data": 4}
    assert sheet.locate(4, "personal_data").__str__() == f"{BOOK}[columns]!D4"
    assert codes(found) == [
        f"SHEET007 {BOOK}[columns]!A4",
        f"SHEET008 {BOOK}[columns]!B2",
        f"SHEET006 {BOOK}[columns]!C1",
        f"SHEET005 {BOOK}[columns]!E1",
        f"SHEET010 {BOOK}[columns]!F1",
        f"SHEET006 {BOOK}[columns]!F4",
    ]
    assert "A4:B4" in found[0].message
    assert "'type'" in found[4].message


def test_unknown_columns_are_kept_with_their_position() -> None:
    sheet, found = build_sheet(
        BOOK, "domains", [["id", "name", "lead", "colour"], ["sales", "Sales", "anna", "red"]]
    )
    assert found == []
    assert sheet.rows[0].values["colour"] == "red"
    assert sheet.column_of["colour"] == 4


def test_findings_are_capped_per_sheet() -> None:
    formulas = [(row, 1) for row in range(2, 102)]
    _, found = build_sheet(BOOK, "domains", [["id", "name", "lead"]], formulas=formulas)
    assert len(found) == 21
    assert "80 more SHEET008" in found[-1].message


def test_empty_header_row() -> None:
    sheet, found = build_sheet(BOOK, "domains", [])
    assert codes(found) == [f"SHEET006 {BOOK}[domains]!A1"]
    assert sheet.rows == ()


def make_book(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "columns"
    sheet.append(["dataset", "name", "type", "personal_data", "review_date"])
    sheet.append(["pos.stores", "store_id", "integer", "yes", dt.date(2025, 3, 1)])
    sheet.append(["pos.stores", "region", "string", "=1=1", 45717])
    sheet["E3"].number_format = "yyyy-mm-dd"
    sheet.merge_cells("A5:B5")
    book.create_sheet("README")["A1"] = "How to fill in the catalogue"
    book.save(path)


def test_workbook_values_merged_and_formula_cells(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.xlsx"
    make_book(path)
    sheets, names, found = load_workbook(path, BOOK)
    assert names == ["columns", "README"]
    assert list(sheets) == ["columns"]
    rows = sheets["columns"].rows
    assert rows[0].values["review_date"] == "2025-03-01"
    assert rows[1].values["review_date"] == "2025-03-01"
    assert rows[0].values["personal_data"] is True
    assert codes(found) == [f"SHEET007 {BOOK}[columns]!A5", f"SHEET008 {BOOK}[columns]!D3"]


def test_formula_scan_spans_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_xml, "_CHUNK", 64)
    monkeypatch.setattr(sheet_xml, "_OVERLAP", 48)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "domains"
    sheet.append(["id", "name", "lead"])
    for row in range(2, 60):
        sheet.append([f"d{row}", f"=UPPER(A{row})" if row % 7 == 0 else "x", "lead"])
    path = tmp_path / "c.xlsx"
    book.save(path)
    _, _, found = load_workbook(path, BOOK)
    assert codes(found) == [f"SHEET008 {BOOK}[domains]!B{r}" for r in range(7, 60, 7)]


def test_refusals_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.xlsx"
    path.write_bytes(b"id,name\n")
    assert codes(load_workbook(path, BOOK)[2]) == [f"SHEET001 {BOOK}"]
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert codes(load_workbook(path, BOOK)[2]) == [f"SHEET002 {BOOK}"]
    path.write_bytes(b"PK\x03\x04broken")
    assert codes(load_workbook(path, BOOK)[2]) == [f"SHEET003 {BOOK}"]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "xl/workbook.xml" in load_workbook(path, BOOK)[2][0].message
    make_book(path)
    monkeypatch.setattr(workbook_module, "MAX_WORKBOOK_UNZIPPED_BYTES", 1000)
    found = load_workbook(path, BOOK)[2]
    assert codes(found) == [f"SHEET009 {BOOK}"]
    assert "unzips to" in found[0].message


def test_damaged_sheet_xml_is_corrupt(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    make_book(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[:300]
            target.writestr(info, data)
    assert codes(load_workbook(bad, BOOK)[2]) == [f"SHEET003 {BOOK}"]


def test_csv_sheet(tmp_path: Path) -> None:
    path = tmp_path / "custodians.csv"
    path.write_bytes(
        b"\xef\xbb\xbfid,name,email,domains\r\n"
        b'anna-berg,Anna Berg,anna@example.com,"sales; finance"\r\n'
        b",,,\r\n"
        b"tom,Tom,tom@example.com,sales\r\n"
    )
    sheet, found = load_csv(path, "custodians/custodians.csv", "custodians")
    assert found == []  # Excel writes a BOM into CSV exports: no warning for CSV
    assert sheet is not None
    assert [r.row for r in sheet.rows] == [2, 4]
    assert sheet.rows[0].values["domains"] == ["sales", "finance"]
    assert str(sheet.locate(4, "email")) == "custodians/custodians.csv[custodians]!C4"


def test_far_away_cell_is_refused_before_calamine_allocates(tmp_path: Path) -> None:
    # calamine would allocate A1:XFD1048576 densely (hundreds of GB) and abort.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "domains"
    sheet.append(["id", "name", "lead"])
    sheet["XFD1048576"] = "stray"
    book.create_sheet("lineage").append(["upstream", "downstream", "stage"])
    path = tmp_path / "c.xlsx"
    book.save(path)
    sheets, names, found = load_workbook(path, BOOK)
    assert codes(found) == [f"SHEET009 {BOOK}[domains]"]
    assert "A1:XFD1048576" in found[0].message
    assert list(sheets) == ["lineage"]
    assert names == ["domains", "lineage"]


def test_extent_without_dimension_element(tmp_path: Path) -> None:
    xml = (
        b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="900"><c r="AB900"><v>2</v></c></row></sheetData></worksheet>'
    )
    path = tmp_path / "s.xml"
    path.write_bytes(xml)
    with path.open("rb") as stream:
        scan = sheet_xml.scan(stream)
    assert (scan.last_row, scan.last_column, scan.has_dimension) == (900, 28, False)
    assert scan.cells == 900 * 28


def _book_with_sheet(path: Path, xml: bytes) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><sheets><sheet name="domains" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/worksheets/sheet1.xml", xml)


def test_plain_workbook_takes_the_fast_path(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "columns"
    sheet.append(["dataset", "name", "type", "personal_data", "review_date"])
    sheet.append(["pos.stores", "store_id", "integer", "yes", dt.date(2025, 3, 1)])
    sheet.append(["pos.stores", "region", "string & text", "no", 45717])
    path = tmp_path / "c.xlsx"
    book.save(path)
    scan = sheet_xml.scan_workbook(path, CATALOGUE_SHEETS).sheets["columns"]
    assert scan.fast
    assert (scan.last_row, scan.last_column, scan.formulas) == (3, 5, [])


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="&#88;FD9"><v>1</v></c>',
        b'<x:c r="B2"><v>1</v></x:c>',
        b'<c r="B2"><f>1+1</f><v>2</v></c>',
        b"<c><v>1</v></c>",
        b'<c t="n" r="B2"><v>1</v></c>',
        b"<!-- c --><c r='B2'><v>1</v></c>",
    ],
    ids=["entity", "prefix", "formula", "no-r", "r-not-first", "comment"],
)
def test_tricky_sheets_take_the_expat_path_with_the_same_result(
    tmp_path: Path, cell: bytes
) -> None:
    xml = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>' + cell
    path = tmp_path / "c.xlsx"
    _book_with_sheet(path, xml + b"</row></sheetData></worksheet>")
    fast = sheet_xml.scan_workbook(path, {"domains"}).sheets["domains"]
    assert not fast.fast
    with io.BytesIO(xml + b"</row></sheetData></worksheet>") as stream:
        slow = sheet_xml.scan(stream)
    assert (fast.last_row, fast.last_column, fast.formulas, fast.problem) == (
        slow.last_row,
        slow.last_column,
        slow.formulas,
        slow.problem,
    )


def _long_sheet(rows: int, middle: bytes = b"") -> bytes:
    """A sheet of ``rows`` rows of columns A..C (far more than the bytes ``_corner``
    samples at each end), with ``middle`` inside the row in the middle."""
    body = []
    for row in range(1, rows + 1):
        cells = b"".join(
            b'<c r="%s%d" t="inlineStr"><is><t>value</t></is></c>' % (column, row)
            for column in (b"A", b"B", b"C")
        )
        body.append(b'<row r="%d">%s%s</row>' % (row, cells, middle if row == rows // 2 else b""))
    return b"<worksheet><sheetData>" + b"".join(body) + b"</sheetData></worksheet>"


def test_at_most_matches_exactly_the_numbers_up_to_its_bound() -> None:
    for bound in [*range(1, 300), 1_099, 9_999, 10_000, 10_001, 200_001, 999_999]:
        pattern = re.compile(sheet_xml._at_most(bound))
        for number in [*range(min(bound, 2_000) + 50), bound - 1, bound, bound + 1]:
            for text in (str(number), f"0{number}"):
                want = text == str(number) and 1 <= number <= bound
                assert (pattern.fullmatch(text.encode()) is not None) is want, (bound, text)


def test_corner_of_a_long_sheet_is_the_one_every_reference_gives(tmp_path: Path) -> None:
    xml = _long_sheet(5_000)
    assert sheet_xml._corner(xml) == (5_000, 3)
    path = tmp_path / "c.xlsx"
    _book_with_sheet(path, xml)
    fast = sheet_xml.scan_workbook(path, {"domains"}).sheets["domains"]
    slow = sheet_xml.scan(io.BytesIO(xml))
    assert fast.fast
    assert (fast.last_row, fast.last_column) == (slow.last_row, slow.last_column) == (5_000, 3)


@pytest.mark.parametrize(
    ("middle", "corner"),
    [
        (b'<c r="Z2500"><v>1</v></c>', (5_000, 26)),
        (b'<c r="C7000"><v>1</v></c>', (7_000, 3)),
        (b'<c r="AA2500"><v>1</v></c>', (5_000, 27)),
        (b'<c r="A2500" t="s" s="1" x="1"><v>1</v></c>', None),
    ],
    ids=["column-past-the-guess", "row-past-the-guess", "two-letters", "not-strict"],
)
def test_a_cell_beyond_the_sampled_corner_is_still_measured(
    tmp_path: Path, middle: bytes, corner: tuple[int, int] | None
) -> None:
    xml = _long_sheet(5_000, middle)
    assert sheet_xml._corner(xml) is None  # the guess from both ends does not hold
    path = tmp_path / "c.xlsx"
    _book_with_sheet(path, xml)
    scan = sheet_xml.scan_workbook(path, {"domains"}).sheets["domains"]
    if corner is None:
        assert not scan.fast
    else:
        assert (scan.last_row, scan.last_column) == corner


def test_a_far_cell_in_the_middle_of_a_long_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    _book_with_sheet(path, _long_sheet(5_000, b'<c r="XFD1048576"><v>1</v></c>'))
    scan = sheet_xml.scan_workbook(path, {"domains"}).sheets["domains"]
    # What ``read_workbook`` refuses (SHEET009) before calamine sees the sheet.
    assert (scan.last_row, scan.last_column) == (sheet_xml.MAX_ROW, sheet_xml.MAX_COLUMN)
    assert scan.cells > MAX_SHEET_CELLS


def test_fast_path_matches_expat(tmp_path: Path) -> None:
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet><dimension ref="A1:C3"/>'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b</t></is></c></row>'
        b'<row r="3"><c r="C3" s="1" t="n"><v>2</v></c></row></sheetData></worksheet>'
    )
    path = tmp_path / "c.xlsx"
    _book_with_sheet(path, xml)
    fast = sheet_xml.scan_workbook(path, {"domains"}).sheets["domains"]
    assert fast.fast
    slow = sheet_xml.scan(io.BytesIO(xml))
    assert (fast.last_row, fast.last_column, fast.has_dimension, fast.problem) == (
        slow.last_row,
        slow.last_column,
        slow.has_dimension,
        None,
    )
