"""Cell values → the plain values the catalogue schemas expect.

Spreadsheet programs store what people type in many shapes (1.0 for 1, a date
as a serial number or a datetime, 'yes' for true). The conversion is driven by
each sheet's JSON Schema so there is one source of truth for the field types:
``"type": "boolean"`` columns take yes/no/true/false/1/0, ``"type": "array"``
columns are split on ';', ``"type": "string"`` columns take numbers as text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_TRUE = {"yes", "y", "true", "1"}
_TEXT_KINDS = frozenset({"string", "any", "date"})
_FALSE = {"no", "n", "false", "0"}
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # noqa: DTZ001 - Excel dates carry no time zone
#: Serial numbers of 1900-01-01 .. 9999-12-31 as Excel counts them.
_SERIAL_RANGE = (1, 2_958_465)
#: Header names that hold dates even when no schema says so (review dates and the like).
_DATE_SUFFIXES = ("date", "_on", "_at", "review_by")


@dataclass(frozen=True, slots=True)
class ColumnTypes:
    """What a sheet's schema says about its columns."""

    kinds: dict[str, str]  # column name → "boolean", "array", "string", "date", "number"
    separators: dict[str, str]
    required: tuple[str, ...]

    def kind_of(self, column: str) -> str:
        kind = self.kinds.get(column)
        if kind is not None:
            return kind
        return "date" if column.lower().endswith(_DATE_SUFFIXES) else "any"


@cache
def column_types(sheet: str) -> ColumnTypes:
    """Column kinds from ``generator/core/schemas/catalogue.<sheet>.schema.json``."""
    schema_file = (
        resources.files("paved.generator.core") / "schemas" / f"catalogue.{sheet}.schema.json"
    )
    if not schema_file.is_file():
        return ColumnTypes({}, {}, ())
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    kinds: dict[str, str] = {}
    separators: dict[str, str] = {}
    for name, prop in schema.get("properties", {}).items():
        kind = prop.get("type")
        if kind == "string" and prop.get("format") in ("date", "date-time"):
            kind = "date"
        elif kind in ("integer", "number"):
            kind = "number"
        if isinstance(kind, str):
            kinds[name] = kind
        separators[name] = prop.get("x-separator", ";")
    return ColumnTypes(kinds, separators, tuple(schema.get("required", ())))


def convert(value: Any, kind: str, separator: str = ";") -> Any:
    """One cell value for a column of ``kind``; ``None`` means the cell is empty.

    Values that do not fit the kind are returned unchanged so the schema check
    reports them at their cell.
    """
    if value is None:
        return None
    if type(value) is str:
        value = value.strip()
        if not value:
            return None
        if kind in _TEXT_KINDS:  # the common case, kept fast: 1M cells in a big catalogue
            return value
    if kind == "boolean":
        return _boolean(value)
    if kind == "array":
        if isinstance(value, str):
            items = [item.strip() for item in value.split(separator)]
            return [item for item in items if item] or None
        return [_text(value)]
    if kind == "string":
        return value if isinstance(value, bool) else _text(value)
    if kind == "date":
        return _date(value)
    return _plain(value)


def convert_column(values: Sequence[Any], kind: str, separator: str = ";") -> list[Any]:
    """``convert`` over one column, the same result cell by cell, faster in bulk.

    A big catalogue is 200,000 rows of a few columns, nearly all text cells (calamine
    hands over '' for empty ones). Text columns are stripped in one ``map``; other
    all-text columns (yes/no flags) hold few distinct values, each converted once.
    List results are never shared between rows, so ``array`` columns and columns of
    mixed types go cell by cell.
    """
    if kind in _TEXT_KINDS:
        try:
            stripped = list(map(str.strip, values))
        except TypeError:  # not text only (numbers, dates, booleans): cell by cell
            return [convert(v, kind, separator) for v in values]
        return [v or None for v in stripped] if "" in stripped else stripped
    if kind != "array":
        distinct = set(values)
        # text only: a set would merge 1, 1.0 and True, which convert differently
        if all(type(v) is str for v in distinct):
            table = {v: convert(v, kind, separator) for v in distinct}
            return list(map(table.__getitem__, values))
    return [convert(v, kind, separator) for v in values]


def _boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return _plain(value)


def _date(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = _SERIAL_RANGE
        if low <= value <= high:
            moment = _EXCEL_EPOCH + dt.timedelta(days=float(value))
            return _iso(moment)
    return _plain(value)


def _plain(value: Any) -> Any:
    """Whole floats become ints, dates ISO strings, times text; the rest as is."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return _iso(value)
    return value


def _text(value: Any) -> str:
    plain = _plain(value)
    return plain if isinstance(plain, str) else str(plain)


def _iso(value: dt.date | dt.time | dt.timedelta) -> str:
    """Dates as YYYY-MM-DD; datetimes at midnight as dates, others with the time."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
