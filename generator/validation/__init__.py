"""Validation: JSON Schema checks per document kind plus cross-document rules.

``validate(loaded)`` returns diagnostics and never prints or raises on bad content;
reporters and adapters decide how to show them.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.diagnostics import Diagnostic, sort_key
from generator.load.types import LoadedRepository
from generator.validation.context import Context, build_context, sheet_schema_name
from generator.validation.rules import (
    catalogue,
    decisions,
    docs,
    identity,
    personal_data,
    references,
    sections,
    unsafe_html,
)
from generator.validation.schema import check_document, check_sheet

Rule = Callable[[Context], list[Diagnostic]]

RULES: tuple[Rule, ...] = (
    identity.check,
    references.check,
    decisions.check,
    personal_data.check,
    catalogue.check,
    sections.check,
    unsafe_html.check,
    docs.check,
)


def schema_diagnostics(loaded: LoadedRepository) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for doc in loaded.wids:
        out.extend(check_document(doc, "wid", "WID101"))
    for doc in loaded.adrs:
        out.extend(check_document(doc, "adr", "ADR201"))
    for name, sheet in loaded.sheets.items():
        schema_name = sheet_schema_name(name)
        if schema_name is not None:
            out.extend(check_sheet(sheet, schema_name))
    return out


def validate(loaded: LoadedRepository) -> list[Diagnostic]:
    """Every schema and rule finding for a loaded repository, sorted by location."""
    ctx = build_context(loaded)
    out = schema_diagnostics(loaded)
    for rule in RULES:
        out.extend(rule(ctx))
    return sorted(out, key=sort_key)
