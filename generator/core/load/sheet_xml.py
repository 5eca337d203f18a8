"""What calamine must not be trusted with, read from the XML inside the .xlsx zip first.

calamine (Rust) aborts the whole process when an allocation fails, so nothing it
would allocate may be left to chance. Before it sees a workbook, a real XML parser
(expat, streamed in 1 MB chunks, bounded memory) reads every part calamine will read
for the catalogue and measures exactly what calamine would build:

* the sheet's extent: calamine builds a dense grid from A1 to the farthest cell that
  holds a value (a ``<v>`` or ``<is>``; a formula's ``<f>`` counts too). Cells with a
  style and no value, the ``<row>`` elements around them and the ``<dimension>`` element
  are not part of it: calamine leaves them out, and real workbooks (gnumeric, Excel
  after formatting whole columns) carry them down to row 1,048,576 with a dimension of
  ``A1:XFD1048576`` around a table of ten rows. Every reference is still checked
  (whatever the XML quoting, entity references or namespace prefixes; a row or cell
  without ``r=`` takes the place after the previous one, as spreadsheet readers do);
* the text of every cell, with shared strings counted at every cell that references
  them (one 32,000-character shared string referenced by a million cells is 32 GB
  once calamine copies it into each cell);
* formula cells (calamine hands over cached values only; catalogue cells must be
  plain values) and error cells (``t="e"``: ``#N/A`` typed or pasted as a value, which
  calamine hands over as an empty cell).

A document type declaration (``<!DOCTYPE``, the vehicle of XXE and "billion laughs"
entity bombs) is refused outright. Every limit stops the scan at the first cell that
crosses it, so a hostile part costs no more than the bytes read up to that point.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree import ElementTree
from xml.parsers import expat

from paved.generator.core.load.limits import (
    MAX_CELL_CHARS,
    MAX_SHEET_CELLS,
    MAX_WORKBOOK_TEXT_CHARS,
)

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHARED_STRINGS_TYPE = "/sharedStrings"
_DEFAULT_SHARED_STRINGS = "xl/sharedStrings.xml"
_CHUNK = 1 << 20
#: Kept for callers that tune chunking in tests; expat needs no overlap.
_OVERLAP = 0
#: Without a <dimension>, columns A..Z are assumed possible (wider ones are seen).
_NARROW = 26
#: Excel's own grid: 16,384 columns (XFD) by 1,048,576 rows.
MAX_COLUMN = 16_384
MAX_ROW = 1_048_576
_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")
_ROW_NUMBER = re.compile(r"[0-9]{1,7}")
_COLUMNS = {chr(65 + i): i + 1 for i in range(26)}
_INDEX = re.compile(r"[ \t\r\n]*([0-9]{1,10})[ \t\r\n]*")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a workbook or sheet must not reach calamine; ``row``/``column`` are 1-based
    and locate the cell where a limit was crossed, when there is one."""

    code: str
    message: str
    row: int | None = None
    column: int | None = None


@dataclass(slots=True)
class SheetScan:
    """Formula and error cells (row, column; 1-based), the extent of one sheet (an upper
    bound: the fast path counts every cell and the dimension), and the first problem
    found (the scan stops there)."""

    formulas: list[tuple[int, int]] = field(default_factory=list)
    #: Error cells (row, column, the error as written, such as ``#N/A``); 1-based.
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    last_row: int = 0
    last_column: int = 0
    has_dimension: bool = False
    problem: Problem | None = None
    #: True when the byte-level fast path (``fast_scan``) measured the sheet.
    fast: bool = False
    #: The characters of text it adds to the workbook's budget: an upper bound (fast
    #: path) or the count (expat). A kept sheet's share when another sheet changes
    #: (``workbook_memo``).
    text: int = 0

    @property
    def cells(self) -> int:
        """Upper estimate of the cells calamine would allocate for the sheet."""
        columns = self.last_column if self.has_dimension else max(self.last_column, _NARROW)
        return self.last_row * columns


@dataclass(slots=True)
class WorkbookScan:
    """Every wanted sheet's scan, plus a problem of the workbook as a whole."""

    sheets: dict[str, SheetScan] = field(default_factory=dict)
    problem: Problem | None = None
    #: The length of every shared string (what a sheet's fast scan needs).
    shared: list[int] = field(default_factory=list)


class _Stop(Exception):
    """Ends a scan early: a limit was crossed (the problem is already recorded)."""


class _Budget:
    """Characters of text calamine would create for the whole workbook."""

    def __init__(self, shared: list[int]) -> None:
        self.shared = shared  # length of each shared string, by index
        self.used = 0


def scan_workbook(file: Path, wanted: Collection[str]) -> WorkbookScan:
    """Scan the shared strings and the wanted sheets by name. Raises zipfile/XML/OS
    errors for a damaged file."""
    result = WorkbookScan()
    with zipfile.ZipFile(file) as archive:
        listed = set(archive.namelist())
        shared, result.problem = _shared_strings(archive, listed)
        result.shared = shared
        if result.problem is not None:
            return result
        parts = [(n, p) for n, p in sheet_parts(archive).items() if n in wanted and p in listed]
        result.sheets = _scan_parts(archive, parts, shared, fast=True)
        long = next((i for i, n in enumerate(shared) if n > MAX_CELL_CHARS), None)
        if long is not None and not any(s.problem for s in result.sheets.values()):
            result.problem = Problem(
                "SHEET012",
                f"shared string number {long} holds {shared[long]:,} characters, over the "
                f"limit of {MAX_CELL_CHARS:,} per cell (Excel's own limit); no catalogue "
                "cell uses it",
            )
    return result


def _scan_parts(
    archive: zipfile.ZipFile, parts: list[tuple[str, str]], shared: list[int], *, fast: bool
) -> dict[str, SheetScan]:
    """Each part by the fast path when it can be sure, else by expat. A fast sheet adds
    an upper bound of its text to the budget; if a later expat scan then crosses the
    workbook's limit, everything is scanned again by expat alone (exact counts)."""
    budget = _Budget(shared)
    sheets: dict[str, SheetScan] = {}
    bounded = False  # budget.used holds an upper bound, not the exact count
    for name, part in parts:
        sheet = None
        if fast:
            sheet, chars = fast_scan(archive, part, shared)
            if sheet is not None and budget.used + chars > MAX_WORKBOOK_TEXT_CHARS:
                sheet = None
            if sheet is not None:
                budget.used += chars
                sheet.text = chars
                bounded = True
        if sheet is None:
            before = budget.used
            with archive.open(part) as stream:
                sheet = scan(stream, budget)
            sheet.text = budget.used - before
            if bounded and sheet.problem is not None and sheet.problem.code == "SHEET012":
                return _scan_parts(archive, parts, shared, fast=False)
        sheets[name] = sheet
        if sheet.problem is not None and sheet.problem.code != "SHEET009":
            break  # text over the workbook's budget: the rest is not read
    return sheets


#: Fast path (``fast_scan``): the part is read whole when it unzips to at most this.
_FAST_MAX_BYTES = 256 << 20
_F_CELL = b"<c "
_F_CELLS = re.compile(rb'<c r="\$?([A-Z]{1,3})\$?([0-9]{1,7})"(?: [st]="[A-Za-z0-9]{1,9}"){0,2}/?>')
#: A formula, a cell or row tag spelt otherwise than ``<c `` / ``<row ``, or markup
#: that is no plain tag (``<!`` comments, CDATA, a document type; ``<?`` instructions).
_F_ODD = re.compile(rb"<(?:[?!]|f[\s/>]|c[\t\r\n/>]|row[\t\r\n/>])")
_F_ROWS = re.compile(rb'<row r="([0-9]{1,7})"')
_F_DIMENSIONS = re.compile(
    rb'<dimension ref="(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})" ?/>'
)
_F_PREFIXED = re.compile(rb":(?:c|row|dimension|f|v)[\s/>]")
_F_SHARED = b' t="s"'
#: An error cell: read by expat, which records it.
_F_ERROR = b' t="e"'
_F_SHARED_VALUES = re.compile(rb' t="s"(?: s="[0-9]{1,9}")?(?:/>|><v>([0-9]{1,10})</v>)')
_F_DECLARATION = re.compile(rb"<\?xml[^<>]*\?>")
_F_UTF8 = re.compile(rb"""encoding\s*=\s*["'](?i:utf-8)["']""")


def fast_scan(
    archive: zipfile.ZipFile, part: str, shared: list[int]
) -> tuple[SheetScan | None, int]:
    """The sheet's scan and an upper bound of its cells' text, from the raw bytes with
    C-level ``bytes.count`` and compiled patterns; ``None`` whenever it cannot be sure
    (then expat reads the part). Sound because it only ever says "within the limits":
    every ``<`` of a part without ``<!`` and ``<?`` (past the XML declaration) starts a
    tag; every ``<c `` tag must match the strict pattern (``r=`` first, plain quoting,
    no entity, nothing but ``s``/``t`` after it), so the references seen are a superset
    of any reader's; a cell's text is at most the bytes to the next ``<c `` (entities
    and UTF-8 only shrink it) plus the longest shared string; the whole sheet's at most
    its size plus the shared strings its ``t="s"`` cells reference.

    Speed (70 MB ``columns`` sheet of the large benchmark): the farthest cell is guessed
    from both ends of the part and proven by one search (``_corner``), instead of
    matching and converting two million references (``_every_reference``, the way left
    when the guess fails)."""
    if archive.getinfo(part).file_size > _FAST_MAX_BYTES:
        return None, 0
    data = archive.read(part)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    start = 0
    if data.startswith(b"<?"):
        declaration = _F_DECLARATION.match(data)
        if declaration is None or (
            b"encoding" in declaration.group() and not _F_UTF8.search(declaration.group())
        ):
            return None, 0
        start = declaration.end()
    if (
        not data.startswith(b"<")
        or b"\x00" in data
        or not data.rstrip().endswith(b"</worksheet>")
        or _F_ODD.search(data, start)  # before ``start``: the declaration, without ``<``
        or _F_PREFIXED.search(data)
        or _F_ERROR in data
    ):
        return None, 0
    cells = data.count(_F_CELL)
    rows = data.count(b"<row ")
    if data.count(b"</c>") > cells or data.count(b"</row>") > rows:
        return None, 0
    result = SheetScan(fast=True)
    declared = data.count(b"<dimension")
    dimensions = _F_DIMENSIONS.findall(data) if declared else []
    if len(dimensions) != declared:
        return None, 0
    last_row = 0
    last_column = 0
    for letters, row in dimensions:
        last_row = max(last_row, int(row))
        last_column = max(last_column, column_number(letters.decode()))
    result.has_dimension = bool(dimensions)
    extent = _corner(data) if cells else None
    if extent is None:
        extent = _every_reference(data, cells, rows)
        if extent is None:
            return None, 0
    last_row, last_column = max(last_row, extent[0]), max(last_column, extent[1])
    result.last_row, result.last_column = last_row, last_column
    if last_row > MAX_ROW or last_column > MAX_COLUMN or result.cells > MAX_SHEET_CELLS:
        return None, 0  # expat reports it, at the same place as ever
    chars = len(data)
    longest = 0
    references = data.count(_F_SHARED) if shared else 0
    if references:
        longest = max(shared)
        if references * longest + chars > MAX_WORKBOOK_TEXT_CHARS:
            values = _F_SHARED_VALUES.findall(data)
            if len(values) != references:
                return None, 0
            chars += sum(
                count * shared[int(index)]
                for index, count in Counter(values).items()
                if index and int(index) < len(shared)
            )
        else:
            chars += references * longest
    if not _cells_within(data, MAX_CELL_CHARS - longest):
        return None, 0
    return result, chars


def _every_reference(data: bytes, cells: int, rows: int) -> tuple[int, int] | None:
    """The farthest row and column of the cell and row tags, each tag matched and
    converted (most of the scan's time for the 2 million cells of the large benchmark;
    ``_corner`` is tried first); ``None`` when a tag is not in the strict form."""
    refs = _F_CELLS.findall(data)
    numbers = _F_ROWS.findall(data)
    if len(refs) != cells or len(numbers) != rows:
        return None
    last_row = last_column = 0
    if numbers:
        distinct = set(map(int, numbers))
        if min(distinct) < 1:
            return None
        last_row = max(distinct)
    if refs:
        cell_rows = set(map(itemgetter(1), refs))  # a row repeats once per cell
        last_row = max(last_row, max(map(int, cell_rows)))  # noqa: PLW3301 - not empty
        last_column = max(column_number(c.decode()) for c in set(map(itemgetter(0), refs)))
    return last_row, last_column


#: The bytes at each end of a part where ``_corner`` looks for the farthest cell.
_SAMPLE = 1 << 16


def _corner(data: bytes) -> tuple[int, int] | None:
    """The farthest row and column of the cell and row tags when one search can prove
    it: the corner is guessed from the tags at both ends of the part (a table is written
    top to bottom), then a single search for a tag that is not in the strict form or
    lies beyond the guess must find none (about a third of ``_every_reference``'s time).
    Every tag is seen by that search, so the answer is exact; ``None`` (guess wrong,
    columns past Z, a row past 999,999) leaves it to ``_every_reference``."""
    head, tail = data[:_SAMPLE], data[-_SAMPLE:]
    refs = [*_F_CELLS.findall(head), *_F_CELLS.findall(tail)]
    numbers = [*_F_ROWS.findall(head), *_F_ROWS.findall(tail)]
    if not refs or any(len(letters) != 1 for letters, _ in refs):
        return None
    last_row = max(int(row) for row in [*numbers, *(row for _, row in refs)])
    letter = max(letters for letters, _ in refs)
    if not 1 <= last_row < 1_000_000:
        return None
    row = _at_most(last_row)
    beyond_cell = re.compile(
        rb'<c (?!r="\$?[A-'
        + letter
        + rb"]\$?(?:"
        + row
        + rb')"(?: [st]="[A-Za-z0-9]{1,9}"){0,2}/?>)'
    )
    beyond_row = re.compile(rb'<row (?!r="(?:' + row + rb')")')
    if beyond_cell.search(data) or beyond_row.search(data):
        return None
    return last_row, _COLUMNS[letter.decode()]


def _at_most(number: int) -> bytes:
    """A pattern of the decimal numbers 1..``number``, without leading zeros."""
    digits = str(number)
    width = len(digits)
    choices = [digits]
    if width > 1:
        choices.append(f"[1-9][0-9]{{0,{width - 2}}}")
    for at, digit in enumerate(digits):
        low = 1 if at == 0 else 0
        if int(digit) > low:
            choices.append(f"{digits[:at]}[{low}-{int(digit) - 1}][0-9]{{{width - at - 1}}}")
    return "|".join(choices).encode()


def _cells_within(data: bytes, window: int) -> bool:
    """Whether every ``<c `` is followed by another, or the end, within ``window``
    bytes: jumps to the last cell start in each window (a few thousand steps)."""
    if window <= 0:
        return False
    at = data.find(_F_CELL)
    if at < 0:
        return True
    end = len(data)
    while end - at > window:
        nearer = data.rfind(_F_CELL, at + 1, at + window + len(_F_CELL))
        if nearer < 0:
            return False
        at = nearer
    return True


def scan_sheets(file: Path, wanted: Collection[str]) -> dict[str, SheetScan]:
    """The wanted sheets' scans alone (see ``scan_workbook``)."""
    return scan_workbook(file, wanted).sheets


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML, from workbook.xml and its relationships."""
    book = _parse(archive.read("xl/workbook.xml"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in _relationships(archive)}
    parts: dict[str, str] = {}
    for element in book.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        target = targets.get(element.get(f"{{{_REL_NS}}}id"), "")
        if target:
            parts[element.get("name", "")] = _member(target)
    return parts


def _relationships(archive: zipfile.ZipFile) -> list[ElementTree.Element]:
    return list(_parse(archive.read("xl/_rels/workbook.xml.rels")))


def _parse(data: bytes) -> ElementTree.Element:
    """A small workbook part as a tree, refused when it declares a document type (the way
    to entity expansion and external entities); expat resolves no external entity."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ElementTree.ParseError("a document type declaration is not allowed")
    return ElementTree.fromstring(data)  # noqa: S314 - no DOCTYPE, so no entities


def _member(target: str) -> str:
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return str(PurePosixPath(path))


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16

    def refuse(*_: object) -> None:
        raise ValueError(
            "the XML declares a document type (<!DOCTYPE>), which a workbook never needs "
            "and which can read files or expand entities; it was not read"
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def _feed(parser: expat.XMLParserType, stream: IO[bytes]) -> None:
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> str:
    return name.rpartition(":")[2] if ":" in name else name


def _shared_strings(archive: zipfile.ZipFile, listed: set[str]) -> tuple[list[int], Problem | None]:
    """The length of every shared string (rich-text runs summed), in order."""
    parts = {_DEFAULT_SHARED_STRINGS}
    for rel in _relationships(archive):
        if rel.get("Type", "").endswith(_SHARED_STRINGS_TYPE) and rel.get("Target"):
            parts.add(_member(rel.get("Target", "")))
    lengths: list[int] = []
    total = 0
    for part in sorted(parts & listed):
        with archive.open(part) as stream:
            found = _string_lengths(stream)
        total += sum(found)
        if len(found) >= len(lengths):
            lengths = found  # calamine reads one table; the longer one counts per index
    if total > MAX_WORKBOOK_TEXT_CHARS:
        return lengths, Problem(
            "SHEET012",
            f"the workbook's shared strings hold {total:,} characters, over the limit of "
            f"{MAX_WORKBOOK_TEXT_CHARS:,} for a workbook",
        )
    return lengths, None


def _string_lengths(stream: IO[bytes]) -> list[int]:
    """The length of each ``<si>`` of a shared string table, its text runs summed."""
    lengths: list[int] = []
    current = [0, 0]  # depth inside <si>, characters so far

    def start(name: str, _attrs: object) -> None:
        if current[0] or _local(name) == "si":
            current[0] += 1

    def end(_name: str) -> None:
        if current[0]:
            current[0] -= 1
            if not current[0]:
                lengths.append(current[1])
                current[1] = 0

    def text(data: str) -> None:
        if current[0]:
            current[1] += len(data)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    _feed(parser, stream)
    return lengths


class _SheetReader:
    """expat handlers for one worksheet part. Hot path (a large catalogue is millions of
    elements): no end-element handler; a cell is settled when the next cell or row
    starts, or the part ends, so any text after a cell's end tag counts for that cell
    (more, never less, than calamine reads)."""

    def __init__(self, budget: _Budget, result: SheetScan) -> None:
        self.budget = budget
        self.result = result
        self.row = 0
        self.column = 0
        self.in_cell = False
        self.shared = False
        self.error = False
        self.placed = True  # the cell's place counts in the extent (it holds a value)
        self.in_value = False
        self.value: str | None = None
        self.chars = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        # Most frequent first: inline strings' <is><t>, then cells, values and rows.
        if name == "t":
            return
        if name == "is":
            if not self.placed:
                self.place()
            return
        if name == "c":
            if self.in_cell:
                self.end_cell()
            self.cell(attrs.get("r"))
            self.in_cell = True
            kind = attrs.get("t")
            self.shared = kind == "s"
            self.error = kind == "e"
            self.placed = False
            self.in_value = False
            self.value = None
            self.chars = 0
        elif name == "v":
            self.in_value = True
            if not self.placed:
                self.place()
        elif name == "row":
            self.start_row(attrs.get("r"))
        elif name == "f":
            if self.in_cell:
                self.result.formulas.append((self.row, self.column))
                if not self.placed:
                    self.place()
        elif name == "dimension":
            self.dimension(attrs.get("ref"))
        elif ":" in name:
            local = name.rpartition(":")[2]
            if local in ("c", "row", "dimension", "f", "v"):
                self.start(local, attrs)

    def text(self, data: str) -> None:
        if self.in_cell:
            if self.in_value and (self.shared or self.error) and self.value is None:
                self.value = data[:32]  # the shared string's index (the first text)
            else:
                self.chars += len(data)
                if self.chars > MAX_CELL_CHARS:
                    self.end_cell()

    def stop(self, code: str, message: str, *, located: bool = True) -> None:
        row, column = (self.row, self.column) if located else (None, None)
        self.result.problem = Problem(code, message, row, column)
        raise _Stop

    def start_row(self, reference: str | None) -> None:
        if self.in_cell:
            self.end_cell()
        if reference is None:
            self.row += 1
        elif _ROW_NUMBER.fullmatch(reference) and int(reference) >= 1:
            self.row = int(reference)
        else:
            self.stop("SHEET013", f"a row has the reference {reference[:40]!r}, not a row number")
        self.column = 0
        self.check(self.row, 0)

    def cell(self, reference: str | None) -> None:
        if reference is None:
            self.column += 1
        else:
            match = _REF.fullmatch(reference)
            if match is None:
                self.stop(
                    "SHEET013",
                    f"a cell in row {self.row} has the reference {reference[:40]!r}, "
                    "not a cell address such as B7",
                )
                return
            letters = match.group(1)
            column = _COLUMNS.get(letters)
            self.column = column if column is not None else column_number(letters)
            self.row = max(int(match.group(2)), 1)
        self.check(self.row, self.column)

    def place(self) -> None:
        """The current cell holds a value: its place counts in the extent."""
        self.placed = True
        result = self.result
        if self.row > result.last_row or self.column > result.last_column:
            self.extend(self.row, self.column)

    def end_cell(self) -> None:
        self.in_cell = False
        if self.error and self.value is not None and self.in_value:
            self.result.errors.append((self.row, self.column, self.value.strip()))
        chars = self.chars
        if self.shared and self.value is not None:
            index = _INDEX.fullmatch(self.value)
            shared = self.budget.shared
            if index is not None and int(index.group(1)) < len(shared):
                chars += shared[int(index.group(1))]
        if chars > MAX_CELL_CHARS:
            self.stop(
                "SHEET012",
                f"cell {_letters(self.column)}{self.row} holds more than {MAX_CELL_CHARS:,} "
                f"characters ({chars:,} seen), the limit per cell (Excel's own limit)",
            )
        self.budget.used += chars
        if self.budget.used > MAX_WORKBOOK_TEXT_CHARS:
            self.stop(
                "SHEET012",
                f"by cell {_letters(self.column)}{self.row} the workbook's cells hold more "
                f"than {MAX_WORKBOOK_TEXT_CHARS:,} characters of text (shared strings counted "
                "at every cell that uses them), the limit for a workbook",
            )

    def check(self, row: int, column: int) -> None:
        """Every row and cell must lie inside a spreadsheet's grid, value or not."""
        if row > MAX_ROW or column > MAX_COLUMN:
            self.stop(
                "SHEET013",
                f"a cell lies at row {row:,}, column {column:,}: outside the grid a "
                f"spreadsheet can hold (A1:{_letters(MAX_COLUMN)}{MAX_ROW})",
                located=False,
            )

    def extend(self, row: int, column: int) -> None:
        result = self.result
        if row <= result.last_row and column <= result.last_column:
            return
        self.check(row, column)
        result.last_row = max(result.last_row, row)
        result.last_column = max(result.last_column, column)
        if result.cells > MAX_SHEET_CELLS:
            raise _Stop  # reported by the caller from the extent

    def dimension(self, reference: str | None) -> None:
        if reference is None:
            return
        match = _REF.fullmatch(reference.rpartition(":")[2])
        if match is None:
            self.stop(
                "SHEET013",
                f"the sheet's <dimension ref={reference[:40]!r}> is not a cell range",
                located=False,
            )
            return
        self.result.has_dimension = True
        # Checked, not counted: the dimension may say A1:XFD1048576 around ten rows.
        self.check(int(match.group(2)), column_number(match.group(1)))


def scan(stream: IO[bytes], budget: _Budget | None = None) -> SheetScan:
    """Scan one worksheet part (see the module docstring)."""
    result = SheetScan()
    reader = _SheetReader(budget or _Budget([]), result)
    parser = _parser()
    parser.StartElementHandler = reader.start
    parser.CharacterDataHandler = reader.text
    try:
        _feed(parser, stream)
        if reader.in_cell:
            reader.end_cell()
    except _Stop:
        pass
    result.formulas = sorted(set(result.formulas))
    result.errors = sorted(set(result.errors))
    return result


def _letters(index: int) -> str:
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_number(letters: str) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
