"""What calamine does not tell, read from a sheet's XML inside the .xlsx zip.

* Formula cells: calamine hands over cached values only, but catalogue cells must
  be plain values.
* The sheet's extent, before calamine reads it: calamine builds a dense grid
  from A1 to the farthest cell, so one stray value in XFD1048576 makes it try to
  allocate hundreds of gigabytes and abort the whole process. The extent comes
  from the last ``<row>`` (rows are stored in order), the ``<dimension>`` element
  and any cell in a column past Z.

The XML is streamed in 1 MB chunks (bounded memory) with a small overlap so a
tag cut at a chunk boundary is still seen.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree import ElementTree

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*>\s*<(?:\w+:)?f\b')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]+)"')
#: Starts with a literal so the regex engine can skip ahead fast (no leading \\b).
_WIDE_CELL = re.compile(rb'r="([A-Z]{2,3})[0-9]')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="[A-Z]*[0-9]*:?([A-Z]{1,3})([0-9]+)"')
_CHUNK = 1 << 20
_OVERLAP = 4096
#: Without a <dimension>, columns A..Z are assumed possible (wider ones are seen).
_NARROW = 26


@dataclass(slots=True)
class SheetScan:
    """Formula cells (row, column; 1-based) and the extent of one sheet."""

    formulas: list[tuple[int, int]] = field(default_factory=list)
    last_row: int = 0
    last_column: int = 0
    has_dimension: bool = False

    @property
    def cells(self) -> int:
        """Upper estimate of the cells calamine would allocate for the sheet."""
        columns = self.last_column if self.has_dimension else max(self.last_column, _NARROW)
        return self.last_row * columns


def scan_sheets(file: Path, wanted: Collection[str]) -> dict[str, SheetScan]:
    """Scan the wanted sheets by name. Raises zipfile/XML errors for a damaged file."""
    found: dict[str, SheetScan] = {}
    with zipfile.ZipFile(file) as archive:
        listed = set(archive.namelist())
        for name, part in sheet_parts(archive).items():
            if name in wanted and part in listed:
                with archive.open(part) as stream:
                    found[name] = scan(stream)
    return found


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML, from workbook.xml and its relationships."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: dict[str, str] = {}
    for element in book.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        target = targets.get(element.get(f"{{{_REL_NS}}}id"), "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            parts[element.get("name", "")] = str(PurePosixPath(path))
    return parts


def scan(stream: IO[bytes]) -> SheetScan:
    result = SheetScan()
    buffer = b""
    first = True
    while chunk := stream.read(_CHUNK):
        buffer += chunk
        if first:
            first = False
            dimension = _DIMENSION.search(buffer)
            if dimension:
                result.has_dimension = True
                result.last_column = column_number(dimension.group(1).decode())
                result.last_row = int(dimension.group(2))
        keep = max(0, len(buffer) - _OVERLAP)
        _extent(buffer, result)
        if _may_hold_formula(buffer):
            for match in _FORMULA_CELL.finditer(buffer):
                if match.end() > len(buffer) - _OVERLAP:
                    keep = match.start()
                    break
                result.formulas.append(_cell(match))
        buffer = buffer[keep:]
    _extent(buffer, result)
    result.formulas.extend(_cell(m) for m in _FORMULA_CELL.finditer(buffer))
    result.formulas = sorted(set(result.formulas))
    return result


def _extent(buffer: bytes, result: SheetScan) -> None:
    """Raise last_row/last_column from the last row tag and any wide cell in ``buffer``."""
    start = max(buffer.rfind(b"<row"), buffer.rfind(b":row"))
    if start != -1:
        row = _ROW.match(buffer, buffer.rfind(b"<", 0, start + 1))
        if row:
            result.last_row = max(result.last_row, int(row.group(1)))
    for wide in _WIDE_CELL.finditer(buffer):
        result.last_column = max(result.last_column, column_number(wide.group(1).decode()))


def _cell(match: re.Match[bytes]) -> tuple[int, int]:
    return int(match.group(2)), column_number(match.group(1).decode())


def _may_hold_formula(buffer: bytes) -> bool:
    """A formula is an <f> element (maybe namespace-prefixed): one quick pass before
    the costlier cell regex."""
    return b"<f" in buffer or b":f" in buffer  # byte scans: faster than any regex


def column_number(letters: str) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
