"""``.xlsx`` workbooks → catalogue sheets, refusing what is not a plain workbook.

Values are read with python-calamine (Rust; several times faster than openpyxl,
see benchmarks/README.md, "Choosing the xlsx reader"). Before that, cheap
checks on the first bytes and the zip directory turn a CSV or an encrypted
workbook saved as .xlsx, a corrupt zip or a zip bomb into one clear diagnostic.
The sheet XML is scanned first (``sheet_xml``): for formula cells, which
calamine does not report, and for the sheet's extent, which calamine would
allocate in full.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import python_calamine

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location, column_letter
from paved.generator.core.load.limits import (
    MAX_SHEET_CELLS,
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_UNZIPPED_BYTES,
    human_size,
)
from paved.generator.core.load.sheet_xml import SheetScan, scan_sheets
from paved.generator.core.load.sheets import CATALOGUE_SHEETS, MergedRange, build_sheet
from paved.generator.core.load.types import Sheet

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_workbook(file: Path, rel: str) -> tuple[dict[str, Sheet], list[str], list[Diagnostic]]:
    """The catalogue sheets found in one workbook, the names of all its sheets, and
    diagnostics. Sheets that are not catalogue tables (a README tab) are ignored."""
    refused = _refuse(file, rel)
    if refused is not None:
        return {}, [], [refused]
    try:
        scans = scan_sheets(file, CATALOGUE_SHEETS)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError, ValueError) as error:
        return {}, [], [_corrupt(rel, str(error))]
    found: list[Diagnostic] = []
    wanted: list[str] = []
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(file))
        names = list(book.sheet_names)
    except _DAMAGED as error:
        return {}, [], [_corrupt(rel, str(error))]
    for name in names:
        if name not in CATALOGUE_SHEETS:
            continue
        scan = scans.get(name)
        if scan is not None and scan.cells > MAX_SHEET_CELLS:
            found.append(_too_wide(rel, name, scan))
            continue
        wanted.append(name)
    tables = _damaged_or(lambda: _read_all(book, wanted), rel)
    if isinstance(tables, Diagnostic):
        return {}, [], [tables]
    sheets: dict[str, Sheet] = {}
    for name, (grid, merged) in tables.items():
        scanned = scans.get(name)
        formulas = scanned.formulas if scanned is not None else []
        sheet, more = build_sheet(rel, name, grid, merged=merged, formulas=formulas)
        sheets[name] = sheet
        found.extend(more)
    return sheets, names, found


Tables = dict[str, tuple[list[list[Any]], list[MergedRange]]]

#: calamine's errors (zip, XML, password) all mean the file is damaged.
_DAMAGED = (python_calamine.CalamineError, OSError, ValueError)


def _damaged_or(read: Callable[[], Tables], rel: str) -> Tables | Diagnostic:
    try:
        return read()
    except _DAMAGED as error:
        return _corrupt(rel, str(error))


def _read_all(book: python_calamine.CalamineWorkbook, wanted: list[str]) -> Tables:
    tables: Tables = {}
    for name in wanted:
        raw = book.get_sheet_by_name(name)
        grid = raw.to_python(skip_empty_area=False)
        tables[name] = (grid, list(raw.merged_cell_ranges or ()))
    return tables


def _too_wide(rel: str, name: str, scan: SheetScan) -> Diagnostic:
    corner = f"{column_letter(max(scan.last_column, 1))}{scan.last_row}"
    return diagnostic(
        "SHEET009",
        Location(rel, sheet=name),
        f"the sheet spans A1:{corner}, about {scan.cells:,} cells, over the limit of "
        f"{MAX_SHEET_CELLS:,}; a stray value or formatting far below or right of the "
        "table? Delete the unused rows and columns",
    )


def _refuse(file: Path, rel: str) -> Diagnostic | None:
    """Size, file type and zip checks that need no parsing."""
    where = Location(rel)
    try:
        size = file.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            return diagnostic(
                "SHEET009",
                where,
                f"the workbook is {human_size(size)}, over the limit of "
                f"{human_size(MAX_WORKBOOK_BYTES)}; it was not read",
            )
        with file.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        return diagnostic("FILE005", where, f"cannot read the file: {error}")
    if head.startswith(_OLE_MAGIC):
        return diagnostic(
            "SHEET002",
            where,
            "the file is a password-protected (encrypted) workbook or an old Excel 97-2003 "
            ".xls file, which cannot be read",
        )
    if not head.startswith(_ZIP_MAGIC):
        kind = "an empty file" if not head else "a text file (CSV?)"
        if head and not _looks_like_text(head):
            kind = "not a workbook"
        return diagnostic(
            "SHEET001",
            where,
            f"the file is named .xlsx but is {kind}; an .xlsx workbook is a zip archive",
        )
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            unzipped = sum(member.file_size for member in members)
            listed = {member.filename for member in members}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return _corrupt(rel, str(error))
    if unzipped > MAX_WORKBOOK_UNZIPPED_BYTES:
        return diagnostic(
            "SHEET009",
            where,
            f"the workbook unzips to {human_size(unzipped)}, over the limit of "
            f"{human_size(MAX_WORKBOOK_UNZIPPED_BYTES)}; it was not read",
        )
    if "xl/workbook.xml" not in listed:
        return _corrupt(rel, "the archive has no xl/workbook.xml (is it a .docx or .ods?)")
    return None


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _corrupt(rel: str, detail: str) -> Diagnostic:
    return diagnostic(
        "SHEET003", Location(rel), f"the workbook is damaged and cannot be read: {detail}"
    )
