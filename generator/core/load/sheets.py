"""A grid of cells (from an .xlsx sheet or a CSV file) → a located ``Sheet``.

The header is row 1. Every data row keeps the row number people see in their
spreadsheet program, every column its 1-based position, so later checks can
point at ``custodians/catalogue.xlsx[datasets]!C17``. Problems with the table's
shape (header, merged cells, formulas) are reported here; the values themselves
are checked by the sheet's JSON Schema afterwards.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location, column_letter
from paved.generator.core.load.cells import column_types, convert, convert_column
from paved.generator.core.load.limits import (
    MAX_CELL_CHARS,
    MAX_CSV_BYTES,
    MAX_CSV_COLUMNS,
    MAX_CSV_ROWS,
    MAX_FINDINGS_PER_SHEET,
    MAX_SHEET_CELLS,
)
from paved.generator.core.load.text import read_text
from paved.generator.core.load.types import Sheet, SheetRow

#: The catalogue's sheets, in the order people fill them in.
CATALOGUE_SHEETS = ("domains", "custodians", "systems", "datasets", "columns", "lineage")

#: A merged range as ((first row, first column), (last row, last column)), 0-based.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


class _Capped:
    """Collects diagnostics, at most MAX_FINDINGS_PER_SHEET per code, then one summary."""

    def __init__(self, rel: str, sheet: str) -> None:
        self.rel = rel
        self.sheet = sheet
        self.found: list[Diagnostic] = []
        self.counts: dict[str, int] = {}

    def add(self, code: str, row: int, column: int, message: str) -> None:
        count = self.counts.get(code, 0) + 1
        self.counts[code] = count
        if count <= MAX_FINDINGS_PER_SHEET:
            location = Location(self.rel, sheet=self.sheet, row=row, column=column)
            self.found.append(diagnostic(code, location, message))

    def finish(self) -> list[Diagnostic]:
        for code, count in sorted(self.counts.items()):
            if count > MAX_FINDINGS_PER_SHEET:
                self.found.append(
                    diagnostic(
                        code,
                        Location(self.rel, sheet=self.sheet),
                        f"{count - MAX_FINDINGS_PER_SHEET} more {code} findings in this sheet "
                        "are not listed",
                    )
                )
        return self.found


def build_sheet(
    rel: str,
    name: str,
    grid: Sequence[Sequence[Any]],
    *,
    merged: Iterable[MergedRange] = (),
    formulas: Iterable[tuple[int, int]] = (),
    errors: Iterable[tuple[int, int, str]] = (),
) -> tuple[Sheet, list[Diagnostic]]:
    """Header checks, cell conversion and row numbering for one table.

    ``formulas`` are (row, column) 1-based cells holding a formula, ``errors`` (row,
    column, error) cells holding an error value such as ``#N/A``, which the reader
    hands over as empty. Rows with no value at all are skipped (trailing empty rows
    and spacer rows in the middle).
    """
    report = _Capped(rel, name)
    for (top, left), (bottom, right) in sorted(merged):
        span = f"{column_letter(left + 1)}{top + 1}:{column_letter(right + 1)}{bottom + 1}"
        report.add(
            "SHEET007",
            top + 1,
            left + 1,
            f"cells {span} are merged; each catalogue cell must hold its own value",
        )
    for row, column in sorted(formulas):
        cell = f"{column_letter(column)}{row}"
        report.add(
            "SHEET008",
            row,
            column,
            f"cell {cell} holds a formula; catalogue cells must hold plain values",
        )
    with_formula = set(formulas)
    for row, column, error in sorted(errors):
        if (row, column) in with_formula:
            continue  # the formula is reported; its result is no value either
        cell = f"{column_letter(column)}{row}"
        report.add(
            "SHEET014",
            row,
            column,
            f"cell {cell} holds the error value {error[:20]!r}, which is read as an empty "
            "cell; type the value it should hold, or clear it",
        )
    header, column_of = _header(grid[0] if grid else (), report)
    types = column_types(name)
    if header:
        for required in types.required:
            if required not in column_of:
                report.add(
                    "SHEET010",
                    1,
                    len(header) + 1,
                    f"the header row has no column {required!r}, which every {name} row needs "
                    f"(columns found: {', '.join(h for h in header if h) or 'none'})",
                )
    # (index, name, kind, separator) of the columns whose values are read.
    readable = [
        (i, h, types.kind_of(h), types.separators.get(h, ";"))
        for i, h in enumerate(header)
        if h and column_of.get(h) == i + 1
    ]
    width = len(header)
    rows = _rows(grid, readable, width, report)
    sheet = Sheet(
        path=rel,
        name=name,
        header=tuple(header),
        column_of=column_of,
        rows=tuple(rows),
    )
    return sheet, report.finish()


def _rows(
    grid: Sequence[Sequence[Any]],
    readable: list[tuple[int, str, str, str]],
    width: int,
    report: _Capped,
) -> list[SheetRow]:
    """Data rows, converted a column at a time (hot path: 200,000 rows in a big
    catalogue; converting per column chooses each column's conversion once)."""
    body = grid[1:]
    lengths = set(map(len, body))
    span = max(lengths, default=0)
    if len(lengths) > 1:
        # Ragged (CSV): pad with empty cells, which convert to nothing and are no strays.
        body = [[*cells, *([None] * (span - len(cells)))] for cells in body]
    columns = list(zip(*body, strict=True)) if body else []
    names = [column_name for _, column_name, _, _ in readable]
    converted = [
        convert_column(columns[col], kind, separator) if col < span else [None] * len(body)
        for col, _, kind, separator in readable
    ]
    if span > width:
        _stray_cells(report, columns[width:], width)
    numbers = range(2, len(body) + 2)
    # strict=False below: with no readable column there are no cells, hence no rows.
    by_row = zip(*converted, strict=True)
    if not any(None in column for column in converted):  # a full table: no empty cell
        return list(map(SheetRow, numbers, map(dict, map(zip, repeat(names), by_row))))
    rows: list[SheetRow] = []
    append = rows.append
    for number, cells in zip(numbers, by_row, strict=False):
        if None in cells:
            values = {k: v for k, v in zip(names, cells, strict=True) if v is not None}
            if values:
                append(SheetRow(number, values))
        else:
            append(SheetRow(number, dict(zip(names, cells, strict=True))))
    return rows


def _stray_cells(report: _Capped, columns: Sequence[Sequence[Any]], width: int) -> None:
    """Values to the right of the last named column would be silently lost: report them
    (row by row, left to right)."""
    found = [
        (index + 2, width + offset + 1)
        for offset, column in enumerate(columns)
        for index, cell in enumerate(column)
        if convert(cell, "any") is not None
    ]
    for row, col in sorted(found):
        report.add(
            "SHEET006",
            row,
            col,
            f"cell {column_letter(col)}{row} has a value but its column "
            "has no name in the header row",
        )


def _header(cells: Sequence[Any], report: _Capped) -> tuple[list[str], dict[str, int]]:
    names = [_header_name(cell) for cell in cells]
    while names and not names[-1]:
        names.pop()
    if not names:
        report.add("SHEET006", 1, 1, "the header row (row 1) is empty; it must name the columns")
        return [], {}
    column_of: dict[str, int] = {}
    for index, name in enumerate(names, start=1):
        cell = f"{column_letter(index)}1"
        if not name:
            report.add("SHEET006", 1, index, f"header cell {cell} is empty; name the column")
        elif name in column_of:
            first = f"{column_letter(column_of[name])}1"
            report.add(
                "SHEET005",
                1,
                index,
                f"column name {name!r} appears twice in the header ({first} and {cell}); "
                f"the values of {cell} are ignored",
            )
        else:
            column_of[name] = index
    return names, column_of


def _header_name(cell: Any) -> str:
    value = convert(cell, "string")
    return value if isinstance(value, str) else ""


def load_csv(file: Path, rel: str, name: str) -> tuple[Sheet | None, list[Diagnostic]]:
    """``custodians/<sheet>.csv``: UTF-8 (a BOM, as Excel writes it, is fine), comma
    separated, header row first. Rows are numbered by record, as a spreadsheet
    program shows the file."""
    text, found = read_text(file, rel, max_bytes=MAX_CSV_BYTES, size_code="SHEET009")
    if text is None:
        return None, found
    found = [d for d in found if d.code != "FILE006"]
    reader = csv.reader(io.StringIO(text, newline=""))
    grid: list[list[str]] = []
    widest = 0
    try:
        for record, cells in enumerate(reader, start=1):
            refused = _csv_limits(rel, name, record, cells, widest)
            if refused is not None:
                return None, [*found, refused]
            widest = max(widest, len(cells))
            grid.append(cells)
    except csv.Error as error:
        code = "SHEET012" if "field larger than field limit" in str(error) else "SHEET003"
        return None, [
            *found,
            diagnostic(
                code,
                Location(rel, line=reader.line_num),
                f"the CSV file cannot be parsed: {error}"
                + (
                    f" (at most {MAX_CELL_CHARS:,} characters per cell)"
                    if code != "SHEET003"
                    else ""
                ),
            ),
        ]
    sheet, more = build_sheet(rel, name, grid)
    return sheet, [*found, *more]


def _csv_limits(
    rel: str, name: str, record: int, cells: list[str], widest: int
) -> Diagnostic | None:
    """The first limit a CSV record crosses (columns, records, cells, characters per
    cell), located at the record (row) and column; checked before the record is kept,
    so a hostile file costs no more than the records read so far."""
    if len(cells) > MAX_CSV_COLUMNS:
        return diagnostic(
            "SHEET013",
            Location(rel, sheet=name, row=record, column=MAX_CSV_COLUMNS + 1),
            f"row {record} has {len(cells):,} cells, over the limit of {MAX_CSV_COLUMNS:,} "
            "columns (a stray run of commas?)",
        )
    if record > MAX_CSV_ROWS:
        return diagnostic(
            "SHEET013",
            Location(rel, sheet=name, row=record),
            f"the file has more than {MAX_CSV_ROWS:,} rows, the limit",
        )
    span = max(widest, len(cells))
    if record * span > MAX_SHEET_CELLS:
        return diagnostic(
            "SHEET009",
            Location(rel, sheet=name, row=record),
            f"by row {record} the table spans {record:,} rows by {span:,} columns, over the "
            f"limit of {MAX_SHEET_CELLS:,} cells; remove unused columns (stray commas)",
        )
    if cells and max(map(len, cells)) <= MAX_CELL_CHARS:
        return None
    for column, cell in enumerate(cells, start=1):
        if len(cell) > MAX_CELL_CHARS:
            return diagnostic(
                "SHEET012",
                Location(rel, sheet=name, row=record, column=column),
                f"cell {column_letter(column)}{record} holds {len(cell):,} characters, over "
                f"the limit of {MAX_CELL_CHARS:,} per cell",
            )
    return None
