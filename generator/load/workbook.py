"""``.xlsx`` workbooks → catalogue sheets, refusing what is not a plain workbook.

Values are read with python-calamine (Rust; several times faster than openpyxl,
see benchmarks/README.md, "Choosing the xlsx reader"). Before that, cheap
checks on the first bytes and the zip directory turn a CSV or an encrypted
workbook saved as .xlsx, a corrupt zip or a zip bomb into one clear diagnostic.
Formula cells are found by scanning the sheet XML in bounded chunks, since
calamine only hands over cached values.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree import ElementTree

import python_calamine

from generator.diagnostics import Diagnostic, Location
from generator.load.codes import diagnostic
from generator.load.limits import MAX_WORKBOOK_BYTES, MAX_WORKBOOK_UNZIPPED_BYTES, human_size
from generator.load.sheets import CATALOGUE_SHEETS, build_sheet
from generator.load.types import Sheet

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*>\s*<(?:\w+:)?f\b')
_CHUNK = 1 << 20
_OVERLAP = 4096


def load_workbook(file: Path, rel: str) -> tuple[dict[str, Sheet], list[str], list[Diagnostic]]:
    """The catalogue sheets found in one workbook, the names of all its sheets, and
    diagnostics. Sheets that are not catalogue tables (a README tab) are ignored."""
    refused = _refuse(file, rel)
    if refused is not None:
        return {}, [], [refused]
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(file))
        names = list(book.sheet_names)
        grids = {name: book.get_sheet_by_name(name) for name in names if name in CATALOGUE_SHEETS}
        tables = {
            name: (sheet.to_python(skip_empty_area=False), list(sheet.merged_cell_ranges or ()))
            for name, sheet in grids.items()
        }
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        # calamine's errors (zip, XML, password) all mean the file is damaged.
        return {}, [], [_corrupt(rel, str(error))]
    try:
        formulas = _formula_cells(file, set(tables))
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError) as error:
        return {}, names, [_corrupt(rel, str(error))]
    sheets: dict[str, Sheet] = {}
    found: list[Diagnostic] = []
    for name, (grid, merged) in tables.items():
        sheet, more = build_sheet(rel, name, grid, merged=merged, formulas=formulas.get(name, ()))
        sheets[name] = sheet
        found.extend(more)
    return sheets, names, found


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


def _formula_cells(file: Path, wanted: set[str]) -> dict[str, list[tuple[int, int]]]:
    """(row, column) of every formula cell in the wanted sheets, 1-based."""
    found: dict[str, list[tuple[int, int]]] = {}
    with zipfile.ZipFile(file) as archive:
        for name, part in _sheet_parts(archive).items():
            if name not in wanted or part not in archive.namelist():
                continue
            with archive.open(part) as stream:
                found[name] = [
                    (int(row), _column_number(letters)) for letters, row in _scan(stream)
                ]
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML, from workbook.xml and its relationships."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: dict[str, str] = {}
    for element in book.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        target = targets.get(element.get(f"{{{_REL_NS}}}id"), "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts[element.get("name", "")] = str(PurePosixPath(path))
    return parts


def _scan(stream: IO[bytes]) -> Iterator[tuple[str, bytes]]:
    """Formula cell references in a sheet's XML, read in 1 MB chunks (bounded memory)."""
    buffer = b""
    while chunk := stream.read(_CHUNK):
        buffer += chunk
        if not _may_hold_formula(buffer):
            buffer = buffer[-_OVERLAP:]  # nothing here: skip the costly regex
            continue
        keep = max(0, len(buffer) - _OVERLAP)
        for match in _FORMULA_CELL.finditer(buffer):
            if match.end() > len(buffer) - _OVERLAP:
                keep = match.start()
                break
            yield match.group(1).decode(), match.group(2)
        buffer = buffer[keep:]
    for match in _FORMULA_CELL.finditer(buffer):
        yield match.group(1).decode(), match.group(2)


def _may_hold_formula(buffer: bytes) -> bool:
    """A formula is an <f> element (maybe namespace-prefixed); find() is a fast byte scan."""
    return b"<f" in buffer or b":f>" in buffer or b":f " in buffer or b":f/" in buffer


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
