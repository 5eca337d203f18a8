"""``.xlsx`` workbooks → catalogue sheets, refusing what is not a plain workbook.

Values are read with python-calamine (Rust; several times faster than openpyxl,
see benchmarks/README.md, "Choosing the xlsx reader"). Before that, cheap
checks on the first bytes and the zip directory turn a CSV or an encrypted
workbook saved as .xlsx, a corrupt zip or a zip bomb into one clear diagnostic.
The sheet XML is scanned first (``sheet_xml``): for formula cells, which
calamine does not report, and for the sheet's extent, which calamine would
allocate in full.

A read is three steps: the scan, calamine's parse, building the sheets. calamine
is handed only sheets the scan has measured, and its parse (Rust, which releases
the interpreter lock) may run in a thread of its own while this one does other
work (``Meanwhile``: ``paved validate`` reads the Markdown documents then).
"""

from __future__ import annotations

import functools
import os
import threading
import zipfile
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree
from xml.parsers import expat

import python_calamine

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location, column_letter
from paved.generator.core.load.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_SHEET_CELLS,
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_UNZIPPED_BYTES,
    MB,
    human_size,
)
from paved.generator.core.load.sheet_xml import Problem, SheetScan, scan_workbook
from paved.generator.core.load.sheets import CATALOGUE_SHEETS, MergedRange, build_sheet
from paved.generator.core.load.types import Sheet

if TYPE_CHECKING:
    from paved.generator.core.load.workbook_memo import WorkbookMemo

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_workbook(
    file: Path,
    rel: str,
    wanted: Collection[str] = CATALOGUE_SHEETS,
    memo: WorkbookMemo | None = None,
    meanwhile: Meanwhile | None = None,
) -> tuple[dict[str, Sheet], list[str], list[Diagnostic]]:
    """The catalogue sheets found in one workbook, the names of all its sheets, and
    diagnostics. Sheets that are not catalogue tables (a README tab) are ignored.
    ``wanted`` names the sheets to read (the catalogue's; tests read others). ``memo``
    (``paved serve``): sheets whose part of the workbook did not change since the last
    load of this process are not read again. ``meanwhile``: run by this thread while
    calamine parses the scanned sheets in another (see ``Meanwhile``)."""
    if memo is not None:
        return memo.load(file, rel, wanted)
    book = read_workbook(file, rel, wanted, meanwhile)
    return book.sheets, book.names, book.found


class Meanwhile:
    """Work this thread does while calamine parses a workbook in another thread, done
    once: by the first workbook read that hands calamine a sheet, else by whoever calls
    ``run`` last (the loader, after the catalogue). On a machine with one usable CPU
    the parse is not moved to a thread (there is nothing to overlap with)."""

    def __init__(self, work: Callable[[], object]) -> None:
        self._work: Callable[[], object] | None = work
        self.beside = _usable_cpus() > 1

    @property
    def done(self) -> bool:
        return self._work is None

    def run(self) -> None:
        """Do the work, unless it was done already. Its exception propagates."""
        work, self._work = self._work, None
        if work is not None:
            work()


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class BookRead:
    """One workbook as ``load_workbook`` reads it, with what each sheet gave."""

    sheets: dict[str, Sheet]
    names: list[str]
    found: list[Diagnostic]
    #: Each sheet read: its scan and the findings of building it (in ``found`` too).
    read: dict[str, tuple[SheetScan, list[Diagnostic]]] = field(default_factory=dict)
    #: The length of every shared string.
    shared: list[int] = field(default_factory=list)
    #: Nothing stopped or skipped a sheet: every wanted sheet the workbook has was read.
    clean: bool = False


@dataclass(frozen=True, slots=True)
class _Scanned:
    """A workbook the scan let through: the sheets calamine may be handed (``reading``,
    each measured by ``scans``), with what the scan found of the others."""

    book: python_calamine.CalamineWorkbook
    names: list[str]
    scans: dict[str, SheetScan]
    reading: list[str]
    found: list[Diagnostic]
    shared: list[int]


def read_workbook(
    file: Path,
    rel: str,
    wanted: Collection[str] = CATALOGUE_SHEETS,
    meanwhile: Meanwhile | None = None,
) -> BookRead:
    """``load_workbook`` without a memo: scan, parse (beside ``meanwhile``), build."""
    scanned = _scan(file, rel, wanted)
    if isinstance(scanned, BookRead):
        return scanned
    tables = _parse(scanned, rel, meanwhile)
    if isinstance(tables, Diagnostic):
        return BookRead({}, [], [tables])
    found = scanned.found
    clean = not found
    sheets: dict[str, Sheet] = {}
    read: dict[str, tuple[SheetScan, list[Diagnostic]]] = {}
    for name, (grid, merged) in tables.items():
        measured = scanned.scans[name]
        sheet, more = build_sheet(
            rel, name, grid, merged=merged, formulas=measured.formulas, errors=measured.errors
        )
        sheets[name] = sheet
        read[name] = (measured, more)
        found.extend(more)
    return BookRead(sheets, scanned.names, found, read, scanned.shared, clean)


def _scan(file: Path, rel: str, wanted: Collection[str]) -> _Scanned | BookRead:
    """The checks and the scan: what calamine may parse, or the finished (refused) read."""
    refused = refusal(file, rel)
    if refused is not None:
        return BookRead({}, [], [refused])
    try:
        scanned = scan_workbook(file, wanted)
    except (
        zipfile.BadZipFile,
        ElementTree.ParseError,
        expat.ExpatError,
        KeyError,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        zlib.error,
    ) as error:
        return BookRead({}, [], [_corrupt(rel, str(error))])
    if scanned.problem is not None:
        return BookRead({}, [], [_problem(rel, None, scanned.problem)])
    scans = scanned.sheets
    found: list[Diagnostic] = []
    reading: list[str] = []
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(file))
        names = list(book.sheet_names)
    except DAMAGED as error:
        return BookRead({}, [], [_corrupt(rel, str(error))])
    for name in names:
        if name not in wanted:
            continue
        scan = scans.get(name)
        if scan is None:
            # Listed by calamine but not found by the scan (another way of naming its
            # part): never hand calamine a sheet that was not measured.
            found.append(_corrupt(rel, f"the part holding sheet {name!r} cannot be found"))
            continue
        if scan.problem is not None:
            found.append(_problem(rel, name, scan.problem))
            if scan.problem.code == "SHEET012":
                return BookRead({}, names, found)  # the workbook's text is over its limit
            continue
        if scan.cells > MAX_SHEET_CELLS:
            found.append(_too_wide(rel, name, scan))
            continue
        reading.append(name)
    return _Scanned(book, names, scans, reading, found, scanned.shared)


def _parse(scanned: _Scanned, rel: str, meanwhile: Meanwhile | None) -> Tables | Diagnostic:
    """calamine's parse of the sheets the scan let through; in a thread of its own while
    this one runs ``meanwhile``, when there is such work and a second CPU to do it."""
    parse = functools.partial(_damaged_or, lambda: read_all(scanned.book, scanned.reading), rel)
    if meanwhile is None or meanwhile.done or not meanwhile.beside or not scanned.reading:
        return parse()
    out: list[Tables | Diagnostic] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            out.append(parse())
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            failed.append(error)

    thread = threading.Thread(target=work, name="paved-calamine", daemon=True)
    thread.start()
    try:
        meanwhile.run()
    finally:
        thread.join()
    if failed:
        raise failed[0]
    return out[0]


Tables = dict[str, tuple[list[list[Any]], list[MergedRange]]]

#: calamine's errors (zip, XML, password) all mean the file is damaged.
DAMAGED = (python_calamine.CalamineError, OSError, ValueError)


def _damaged_or(read: Callable[[], Tables], rel: str) -> Tables | Diagnostic:
    try:
        return read()
    except DAMAGED as error:
        return _corrupt(rel, str(error))


def read_all(book: python_calamine.CalamineWorkbook, wanted: list[str]) -> Tables:
    tables: Tables = {}
    for name in wanted:
        raw = book.get_sheet_by_name(name)
        grid = raw.to_python(skip_empty_area=False)
        tables[name] = (grid, list(raw.merged_cell_ranges or ()))
    return tables


def _problem(rel: str, sheet: str | None, problem: Problem) -> Diagnostic:
    return diagnostic(
        problem.code,
        Location(rel, sheet=sheet, row=problem.row if sheet else None, column=problem.column),
        problem.message,
    )


def _too_wide(rel: str, name: str, scan: SheetScan) -> Diagnostic:
    corner = f"{column_letter(max(scan.last_column, 1))}{scan.last_row}"
    return diagnostic(
        "SHEET009",
        Location(rel, sheet=name),
        f"the sheet spans A1:{corner}, about {scan.cells:,} cells, over the limit of "
        f"{MAX_SHEET_CELLS:,}; a stray value or formatting far below or right of the "
        "table? Delete the unused rows and columns",
    )


def refusal(file: Path, rel: str) -> Diagnostic | None:
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
            bomb = next((m for m in members if _too_compressed(m)), None)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return _corrupt(rel, str(error))
    if unzipped > MAX_WORKBOOK_UNZIPPED_BYTES:
        return diagnostic(
            "SHEET009",
            where,
            f"the workbook unzips to {human_size(unzipped)}, over the limit of "
            f"{human_size(MAX_WORKBOOK_UNZIPPED_BYTES)}; it was not read",
        )
    if bomb is not None:
        return diagnostic(
            "SHEET009",
            where,
            f"the part {bomb.filename!r} unzips {bomb.file_size // max(bomb.compress_size, 1):,} "
            f"times larger than it is stored (to {human_size(bomb.file_size)}), over the limit "
            f"of {MAX_COMPRESSION_RATIO} times: a zip bomb? It was not read",
        )
    if "xl/workbook.xml" not in listed:
        return _corrupt(rel, "the archive has no xl/workbook.xml (is it a .docx or .ods?)")
    return None


def _too_compressed(member: zipfile.ZipInfo) -> bool:
    return member.file_size > MB and member.file_size > MAX_COMPRESSION_RATIO * max(
        member.compress_size, 1
    )


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
