"""The column-at-a-time pre-check must flag every row the real validator rejects."""

from __future__ import annotations

import random

import fastjsonschema
from test_validation_fixtures import mini, sheet

from paved.generator.core.validate.columnar import suspect_rows, value_check
from paved.generator.core.validate.schema import compiled

NASTY = [
    "",
    "x",
    "pos.t",
    "Pos.T",
    "yes",
    "a@b.c",
    "2026-02-30",
    "2026-01-01",
    "public",
    "string",
    "ingest",
    "@ok",
    "no spaces",
    "café",
    "a" * 130,
    "ADR-0001",
    "sales",
]


def test_every_catalogue_schema_is_supported_and_agrees_with_fastjsonschema() -> None:
    """Valid rows from the mini fixture, each with one random cell made nasty half
    the time: both validators must split them the same way."""
    rng = random.Random(7)
    for name, base in mini().sheets.items():
        schema = compiled(f"catalogue.{name}")
        fields = list(schema.schema["properties"])
        rows = []
        for _ in range(200):
            values = dict(rng.choice(base.rows).values)
            if rng.random() < 0.5:
                values[rng.choice(fields)] = rng.choice(NASTY)
            rows.append([values.get(f) for f in fields])
        table = sheet(name, fields, *rows, strict=False)
        suspects = suspect_rows(table, schema.schema)
        assert suspects is not None, name
        assert 0 < len(suspects) < len(table.rows), name
        for index, row in enumerate(table.rows):
            try:
                schema.fast(row.values)
                valid = True
            except fastjsonschema.JsonSchemaException:
                valid = False
            assert valid != (index in suspects), (name, row.values)


def test_booleans_are_not_confused_with_numbers() -> None:
    check = value_check({"type": "boolean"})
    assert check is not None
    assert check(True)
    assert not check(1)
    table = sheet(
        "columns",
        ["dataset", "name", "type", "personal_data"],
        ["pos.a", "x", "string", "yes"],
        strict=False,
    )
    object.__setattr__(table.rows[0], "values", {**table.rows[0].values, "personal_data": 1})
    assert suspect_rows(table, compiled("catalogue.columns").schema) == {0}


def test_unsupported_keywords_fall_back() -> None:
    assert value_check({"type": "string", "oneOf": []}) is None
    assert (
        suspect_rows(
            sheet("domains", ["id", "extra"], ["a", "b"], strict=False),
            compiled("catalogue.domains").schema,
        )
        is None
    )
