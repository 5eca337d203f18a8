"""What every cross-document rule needs to look things up: ids of WIDs, ADRs and
catalogue rows, built once per validation run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from paved.generator.core.load.types import LoadedRepository, MarkdownDoc, Sheet, SheetRow
from paved.generator.core.validate.ids import adr_id, wid_id
from paved.generator.core.validate.schema import compiled, schema_exists

Key = tuple[Any, ...]

#: Sheets up to this many rows keep every key in ``Context.keys`` (lookups by id).
SMALL_SHEET = 5000


def sheet_schema_name(sheet_name: str) -> str | None:
    name = f"catalogue.{sheet_name}"
    return name if schema_exists(name) else None


def primary_key(sheet_name: str) -> tuple[str, ...]:
    schema_name = sheet_schema_name(sheet_name)
    if schema_name is None:
        return ()
    return tuple(compiled(schema_name).schema.get("x-primaryKey", ()))


def foreign_keys(sheet_name: str) -> list[tuple[str, str, str]]:
    """``(field, resource sheet, resource field)`` for each ``x-foreignKeys`` entry."""
    schema_name = sheet_schema_name(sheet_name)
    if schema_name is None:
        return []
    out = []
    for entry in compiled(schema_name).schema.get("x-foreignKeys", ()):
        fields = entry.get("fields")
        ref = entry.get("reference", {})
        ref_fields = ref.get("fields")
        if isinstance(fields, list):
            fields = fields[0] if len(fields) == 1 else None
        if isinstance(ref_fields, list):
            ref_fields = ref_fields[0] if len(ref_fields) == 1 else None
        if isinstance(fields, str) and isinstance(ref_fields, str) and ref.get("resource"):
            out.append((fields, str(ref["resource"]), ref_fields))
    return out


@dataclass
class Context:
    loaded: LoadedRepository
    wids: dict[str, list[MarkdownDoc]] = field(default_factory=dict)
    adrs: dict[str, list[MarkdownDoc]] = field(default_factory=dict)
    #: sheet name → primary key value → rows with that key (first one is the original);
    #: big sheets keep only repeated keys (see ``_key_table``)
    keys: dict[str, dict[Key, list[SheetRow]]] = field(default_factory=dict)
    _values: dict[tuple[str, str], set[Any]] = field(default_factory=dict)

    def sheet(self, name: str) -> Sheet | None:
        return self.loaded.sheets.get(name)

    def has(self, name: str) -> bool:
        return name in self.loaded.sheets

    def ids(self, sheet_name: str, field_name: str = "id") -> set[Any]:
        """Every value of ``field_name`` in a sheet (for references), cached."""
        cache_key = (sheet_name, field_name)
        if cache_key not in self._values:
            sheet = self.loaded.sheets.get(sheet_name)
            values: set[Any] = set()
            if sheet is not None:
                for row in sheet.rows:
                    value = row.values.get(field_name)
                    if value is not None and not isinstance(value, list | dict):
                        values.add(value)
            self._values[cache_key] = values
        return self._values[cache_key]

    def rows_by_id(self, sheet_name: str) -> dict[Any, SheetRow]:
        return {key[0]: rows[0] for key, rows in self.keys.get(sheet_name, {}).items()}


def build_context(loaded: LoadedRepository) -> Context:
    ctx = Context(loaded)
    for doc in loaded.wids:
        ident = wid_id(doc)
        if ident:
            ctx.wids.setdefault(ident, []).append(doc)
    for doc in loaded.adrs:
        ident = adr_id(doc)
        if ident:
            ctx.adrs.setdefault(ident, []).append(doc)
    for name, sheet in loaded.sheets.items():
        pk = primary_key(name)
        if not pk:
            continue
        ctx.keys[name] = _key_table(sheet, pk)
    return ctx


def _key_table(sheet: Sheet, pk: tuple[str, ...]) -> dict[Key, list[SheetRow]]:
    """Rows by primary key, for repeated keys only (plus every row of small sheets,
    which ``rows_by_id`` uses). Hot path: 200,000 column rows, so the keys are
    built by one comprehension and counted in C."""
    rows = sheet.rows
    by_field = [[row.values.get(name) for row in rows] for name in pk]
    keys: list[Any] = list(zip(*by_field, strict=True))
    keep_all = len(rows) <= SMALL_SHEET
    try:
        if not keep_all and len(set(keys)) == len(keys):
            return {}  # the common case for a big sheet: every key is unique
        counts = Counter(keys)
    except TypeError:  # a list or mapping in a key cell: keep the hashable rows only
        pairs = [(k, r) for k, r in zip(keys, rows, strict=True) if _hashable(k)]
        keys, rows = [k for k, _ in pairs], tuple(r for _, r in pairs)
        counts = Counter(keys)
    table: dict[Key, list[SheetRow]] = {}
    for key, row in zip(keys, rows, strict=True):
        if None in key or (not keep_all and counts[key] < 2):
            continue
        table.setdefault(key, []).append(row)
    return table


def _hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True
