"""Validation: JSON Schema checks per document kind plus cross-document rules.

``validate(loaded)`` returns diagnostics and never prints or raises on bad content;
reporters and adapters decide how to show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from paved.generator.core.diagnostics import Diagnostic, sort_key
from paved.generator.core.load.types import LoadedRepository, MarkdownDoc, Sheet
from paved.generator.core.validate.context import Context, build_context, sheet_schema_name
from paved.generator.core.validate.inputs import CATALOGUE, reads, run
from paved.generator.core.validate.rules import (
    catalogue,
    codeowners,
    decisions,
    docs,
    identity,
    personal_data,
    references,
    sections,
    synonyms,
    tags,
    unsafe_html,
)
from paved.generator.core.validate.schema import check_document, check_sheet

Rule = Callable[[Context], list[Diagnostic]]

RULES: tuple[Rule, ...] = (
    identity.check,
    identity.adr_records,
    references.check,
    references.between_sheets,
    decisions.check,
    personal_data.check,
    personal_data.public_datasets,
    catalogue.check,
    catalogue.custodians_of_products,
    sections.check,
    unsafe_html.check,
    docs.check,
    tags.check,
    codeowners.check,
    synonyms.check,
)

#: The rules that read no catalogue (what each reads: its declaration, ``validate.inputs``,
#: enforced in every run), and those that do, each in ``RULES`` order. A cold
#: ``paved validate`` runs the first while calamine still parses the workbook.
DOCUMENT_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if CATALOGUE not in reads(rule))
CATALOGUE_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if CATALOGUE in reads(rule))


def document_schema_diagnostics(
    wids: Iterable[MarkdownDoc], adrs: Iterable[MarkdownDoc]
) -> list[Diagnostic]:
    """Front matter against the WID and ADR schemas (needs no catalogue)."""
    out: list[Diagnostic] = []
    for doc in wids:
        out.extend(check_document(doc, "wid", "WID101"))
    for doc in adrs:
        out.extend(check_document(doc, "adr", "ADR201"))
    return out


def sheet_schema_diagnostics(sheets: Mapping[str, Sheet]) -> list[Diagnostic]:
    """Catalogue rows against their sheet's schema (needs no Markdown)."""
    out: list[Diagnostic] = []
    for name, sheet in sheets.items():
        schema_name = sheet_schema_name(name)
        if schema_name is not None:
            out.extend(check_sheet(sheet, schema_name))
    return out


def schema_diagnostics(loaded: LoadedRepository) -> list[Diagnostic]:
    return [
        *document_schema_diagnostics(loaded.wids, loaded.adrs),
        *sheet_schema_diagnostics(loaded.sheets),
    ]


def rule_diagnostics(loaded: LoadedRepository, rules: Iterable[Rule] = RULES) -> list[Diagnostic]:
    """The cross-document rules (``rules``: some of them), unsorted."""
    ctx = build_context(loaded)
    out: list[Diagnostic] = []
    for rule in rules:
        out.extend(run(ctx, rule))  # each on what it declares it reads (validate.inputs)
    return out


def validate(loaded: LoadedRepository) -> list[Diagnostic]:
    """Every schema and rule finding for a loaded repository, sorted by location."""
    return sorted([*schema_diagnostics(loaded), *rule_diagnostics(loaded)], key=sort_key)
