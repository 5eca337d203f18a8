"""Column-at-a-time conversion gives exactly what cell-by-cell conversion gives."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from paved.generator.core.load.cells import convert, convert_column
from paved.generator.core.load.sheets import build_sheet

KINDS = ("string", "any", "date", "boolean", "array", "number")
CELLS: list[Any] = [
    None,
    "",
    "  ",
    " yes ",
    "no",
    "YES",
    "1",
    "a; b ;;c",
    "x",
    " x",
    1,
    1.0,
    2.5,
    0,
    True,
    False,
    45000,
    dt.datetime(2026, 1, 2),
    dt.time(9, 30),
]


def _same(got: list[Any], want: list[Any]) -> bool:
    """Equal and of the same types (True is not 1, 1 is not 1.0)."""
    return got == want and [type(v) for v in got] == [type(v) for v in want]


@pytest.mark.parametrize("kind", KINDS)
def test_mixed_columns_convert_like_cells(kind: str) -> None:
    want = [convert(v, kind) for v in CELLS]
    assert _same(convert_column(CELLS, kind), want)


@pytest.mark.parametrize("kind", KINDS)
def test_text_columns_convert_like_cells(kind: str) -> None:
    text = [v for v in CELLS if isinstance(v, str)] * 3
    want = [convert(v, kind) for v in text]
    assert _same(convert_column(text, kind), want)


def test_array_cells_are_not_shared_between_rows() -> None:
    first, second = convert_column(["a;b", "a;b"], "array")
    assert first == second
    assert first is not second


def test_ragged_rows_and_stray_cells_are_reported_row_by_row() -> None:
    grid: list[list[Any]] = [
        ["id", "name", "lead"],
        ["sales", "Sales"],
        ["finance", "Finance", "emil", "stray-1", "", "stray-2"],
        [],
        ["", "", "", "", "late"],
        ["marketing", "Marketing", "ines"],
    ]
    sheet, found = build_sheet("custodians/catalogue.xlsx", "domains", grid)
    assert [(r.row, r.values) for r in sheet.rows] == [
        (2, {"id": "sales", "name": "Sales"}),
        (3, {"id": "finance", "name": "Finance", "lead": "emil"}),
        (6, {"id": "marketing", "name": "Marketing", "lead": "ines"}),
    ]
    strays = [(d.location.row, d.location.column) for d in found if d.code == "SHEET006"]
    assert strays == [(3, 4), (3, 6), (5, 5)]


def test_header_only_and_unnamed_columns_give_no_rows() -> None:
    sheet, _ = build_sheet("x.xlsx", "domains", [["", ""], ["a", "b"]])
    assert sheet.rows == ()
    sheet, _ = build_sheet("x.xlsx", "domains", [["id"]])
    assert sheet.rows == ()


def test_every_pair_of_kinds_in_one_sheet() -> None:
    """A wide sheet mixing all kinds: rows equal cell-by-cell conversion."""
    grid: list[list[Any]] = [["id", "name", "lead"]]
    grid += [list(cells) for cells in itertools.product(CELLS[:8], repeat=3)]
    sheet, _ = build_sheet("x.xlsx", "domains", grid)
    want = []
    for number, cells in enumerate(grid[1:], start=2):
        values = {
            name: convert(cell, "string")
            for name, cell in zip(grid[0], cells, strict=True)
            if convert(cell, "string") is not None
        }
        if values:
            want.append((number, values))
    assert [(r.row, r.values) for r in sheet.rows] == want
