"""The sheets of a workbook kept between the loads of one process (``paved serve``):
a sheet whose part of the zip did not change is not scanned, read or built again.

A catalogue edit in the preview changes one cell of one sheet, yet the whole workbook
was read again: on the large benchmark (200,000 columns) the pre-scan, calamine and
building the sheets were 3.6 s of every catalogue rebuild, nearly all of it the
``columns`` sheet nobody touched. A sheet's values depend on its own part and on parts
every sheet shares (the workbook, its relationships, shared strings, styles): each is
stamped with the CRC-32 and size the zip's directory records (zip readers check every
part against them). While every shared part and the sheet mapping are unchanged, a
sheet whose part is unchanged is the kept one; the others are read as
``workbook.read_workbook`` reads them.

Only what a plain load would give is ever returned. Kept are clean loads alone (every
wanted sheet read, no problem with the workbook); a changed sheet must pass the byte-
level fast scan (no formula, error cell or odd markup, within the size limits), and the
kept sheets' share of the workbook's text budget plus the changed sheets' stay within
the limit; otherwise the whole workbook is read by the plain path.
``tests/test_workbook_memo.py`` compares both on edits of real and generated workbooks.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.limits import MAX_SHEET_CELLS, MAX_WORKBOOK_TEXT_CHARS
from paved.generator.core.load.sheet_xml import SheetScan, fast_scan, sheet_parts
from paved.generator.core.load.sheets import build_sheet
from paved.generator.core.load.types import Sheet
from paved.generator.core.load.workbook import (
    DAMAGED,
    BookRead,
    read_all,
    read_workbook,
    refusal,
)

#: A zip member's CRC-32 and uncompressed size, from the archive's directory.
Stamp = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _KeptSheet:
    stamp: Stamp
    text: int  # its share of the workbook's text budget (``SheetScan.text``)
    sheet: Sheet
    found: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class _KeptBook:
    #: Every member but the wanted sheets' parts, and which part holds which sheet.
    shared_parts: tuple[tuple[str, int, int], ...]
    parts: tuple[tuple[str, str], ...]
    names: tuple[str, ...]
    shared: tuple[int, ...]
    sheets: dict[str, _KeptSheet]


@dataclass(frozen=True, slots=True)
class _Listing:
    shared_parts: tuple[tuple[str, int, int], ...]
    parts: dict[str, str]  # wanted sheet → its member
    stamps: dict[str, Stamp]  # wanted sheet → its member's stamp


class WorkbookMemo:
    """One per process; ``load`` answers as ``workbook.load_workbook`` does."""

    def __init__(self) -> None:
        self._books: dict[tuple[str, frozenset[str]], _KeptBook] = {}
        #: Sheets read (scanned and built) by the last ``load``, for tests and figures.
        self.sheets_read = 0

    def load(
        self, file: Path, rel: str, wanted: Collection[str]
    ) -> tuple[dict[str, Sheet], list[str], list[Diagnostic]]:
        key = (str(file), frozenset(wanted))
        kept = self._books.pop(key, None)
        listing = _list(file, key[1]) if refusal(file, rel) is None else None
        if listing is not None and kept is not None:
            again = self._reuse(file, rel, listing, kept)
            if again is not None:
                self._books[key] = again
                return _result(again)
        # Listed before reading: if the file changes in between, the next load sees
        # stamps other than the kept ones and reads those sheets again.
        book = read_workbook(file, rel, wanted)
        self.sheets_read = len(book.read)
        made = _kept(book, listing) if listing is not None and book.clean else None
        if made is not None:
            self._books[key] = made
        return book.sheets, book.names, book.found

    def _reuse(self, file: Path, rel: str, listing: _Listing, kept: _KeptBook) -> _KeptBook | None:
        if listing.shared_parts != kept.shared_parts:
            return None
        if tuple(sorted(listing.parts.items())) != kept.parts:
            return None
        changed = [
            name for name, stamp in listing.stamps.items() if kept.sheets[name].stamp != stamp
        ]
        if not changed:
            self.sheets_read = 0
            return kept
        budget = sum(entry.text for name, entry in kept.sheets.items() if name not in changed)
        scans: dict[str, SheetScan] = {}
        try:
            with zipfile.ZipFile(file) as archive:
                for name in changed:
                    scan, chars = fast_scan(archive, listing.parts[name], list(kept.shared))
                    if scan is None or scan.cells > MAX_SHEET_CELLS:
                        return None
                    scan.text = chars
                    budget += chars
                    scans[name] = scan
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, RuntimeError):
            return None
        if budget > MAX_WORKBOOK_TEXT_CHARS:
            return None
        try:
            import python_calamine

            book = python_calamine.CalamineWorkbook.from_path(str(file))
            if tuple(book.sheet_names) != kept.names:
                return None
            tables = read_all(book, changed)
        except DAMAGED:
            return None
        sheets = dict(kept.sheets)
        for name, (grid, merged) in tables.items():
            sheet, more = build_sheet(rel, name, grid, merged=merged, formulas=[], errors=[])
            sheets[name] = _KeptSheet(listing.stamps[name], scans[name].text, sheet, tuple(more))
        self.sheets_read = len(tables)
        ordered = {name: sheets[name] for name in kept.names if name in sheets}
        return _KeptBook(kept.shared_parts, kept.parts, kept.names, kept.shared, ordered)


def _list(file: Path, wanted: frozenset[str]) -> _Listing | None:
    """The zip's directory: the wanted sheets' members and everything else, stamped."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = {info.filename: (info.CRC, info.file_size) for info in archive.infolist()}
            parts = {
                name: part
                for name, part in sheet_parts(archive).items()
                if name in wanted and part in members
            }
    except Exception:  # noqa: BLE001 - whatever it is, the plain path reports it
        return None
    sheet_members = set(parts.values())
    if len(sheet_members) != len(parts):
        return None  # two sheets in one part: leave it to the plain path
    shared = tuple(
        sorted((name, *stamp) for name, stamp in members.items() if name not in sheet_members)
    )
    return _Listing(shared, parts, {name: members[part] for name, part in parts.items()})


def _kept(book: BookRead, listing: _Listing) -> _KeptBook | None:
    if set(book.read) != set(listing.parts):
        return None  # a sheet the directory lists was not read (or the other way)
    sheets = {
        name: _KeptSheet(listing.stamps[name], scan.text, book.sheets[name], tuple(found))
        for name, (scan, found) in book.read.items()
    }
    ordered = {name: sheets[name] for name in book.names if name in sheets}
    return _KeptBook(
        listing.shared_parts,
        tuple(sorted(listing.parts.items())),
        tuple(book.names),
        tuple(book.shared),
        ordered,
    )


def _result(book: _KeptBook) -> tuple[dict[str, Sheet], list[str], list[Diagnostic]]:
    sheets = {name: entry.sheet for name, entry in book.sheets.items()}
    found = [finding for entry in book.sheets.values() for finding in entry.found]
    return sheets, list(book.names), found
