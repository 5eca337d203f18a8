"""Ids are unique, and a WID's/ADR's file name agrees with the id it declares.

Two rules, one per kind of input they read (``validate.inputs``): ``check`` (WIDs and
catalogue rows) and ``adr_records`` (ADRs alone), so a WID edit leaves the decision
log's checks, and the cache their findings, as they were."""

from __future__ import annotations

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Severity
from paved.generator.core.load.adr_translations import translations
from paved.generator.core.load.types import MarkdownDoc
from paved.generator.core.validate.context import Context, primary_key
from paved.generator.core.validate.ids import adr_number, adr_number_from_file, wid_id_from_file
from paved.generator.core.validate.inputs import ADR, CATALOGUE, WID, declares

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({WID, CATALOGUE})


def check(ctx: Context) -> list[Diagnostic]:
    """WID ids unique and as their file names say; catalogue keys unique."""
    wids = ("WID102", "WID", ctx.wids)
    return [*_unique_documents((wids,)), *_wid_file_names(ctx), *_unique_rows(ctx)]


@declares(ADR)
def adr_records(ctx: Context) -> list[Diagnostic]:
    """ADR ids unique and as their file names say; files that share a number."""
    adrs = ("ADR202", "ADR", ctx.adrs)
    return [*_unique_documents((adrs,)), *_shared_numbers(ctx), *_adr_file_names(ctx)]


def _shared_numbers(ctx: Context) -> list[Diagnostic]:
    """Files that share a number (``load.types.distinct_numbers`` kept them apart): a
    warning naming the id each one is shown under."""
    by_number: dict[int, list[MarkdownDoc]] = {}
    translated = translations(ctx.loaded.adrs)  # share their original's number (ADR219)
    for doc in ctx.loaded.adrs:
        number = adr_number_from_file(doc.path)
        if number is not None and doc.path not in translated:
            by_number.setdefault(number, []).append(doc)
    out = []
    for number, docs in by_number.items():
        if len(docs) < 2:
            continue
        first = min(docs, key=lambda d: d.path)
        for doc in docs:
            ident = doc.front_matter.get("id")
            if doc is first or ("id",) in doc.key_positions or not isinstance(ident, str):
                continue
            out.append(
                diagnostic(
                    "ADR202",
                    doc.locate(),
                    f"{doc.path} shares the number {number:04d} with {first.path}; "
                    f"shown as {ident}",
                    hint="Renumber it to the next free number to give it an ADR-NNNN id.",
                    severity=Severity.WARNING,
                    related=(first.locate(),),
                )
            )
    return out


def _unique_documents(
    tables: tuple[tuple[str, str, dict[str, list[MarkdownDoc]]], ...],
) -> list[Diagnostic]:
    out = []
    for code, kind, table in tables:
        for ident, docs in table.items():
            if len(docs) < 2:
                continue
            first = docs[0]
            for doc in docs[1:]:
                out.append(
                    diagnostic(
                        code,
                        doc.locate(("id",)),
                        f"{kind} id {ident} is already used by {first.path}",
                        related=(first.locate(("id",)),),
                    )
                )
    return out


def _wid_file_names(ctx: Context) -> list[Diagnostic]:
    out = []
    for doc in ctx.loaded.wids:
        declared = doc.front_matter.get("id")
        if not isinstance(declared, str):
            continue
        from_file = wid_id_from_file(doc.path)
        if from_file != declared:
            named = f"'{from_file}'" if from_file else "no WID id"
            out.append(
                diagnostic(
                    "WID103",
                    doc.locate(("id",)),
                    f"id {declared} does not match the file name, which has {named}",
                    hint=f"rename the file to wids/{declared}-<slug>.md or set `id: {from_file}`"
                    if from_file
                    else f"rename the file to wids/{declared}-<slug>.md",
                )
            )
    return out


def _adr_file_names(ctx: Context) -> list[Diagnostic]:
    out = []
    for doc in ctx.loaded.adrs:
        declared = doc.front_matter.get("id")
        number = adr_number_from_file(doc.path)
        if isinstance(declared, str) and number is not None and adr_number(declared) != number:
            out.append(
                diagnostic(
                    "ADR203",
                    doc.locate(("id",)),
                    f"id {declared} does not match the file's number {number:04d}",
                )
            )
    return out


def _unique_rows(ctx: Context) -> list[Diagnostic]:
    out = []
    for name, table in ctx.keys.items():
        sheet = ctx.loaded.sheets[name]
        pk = primary_key(name)
        for key, rows in table.items():
            if len(rows) < 2:
                continue
            shown = " + ".join(f"{f} '{v}'" for f, v in zip(pk, key, strict=True))
            first = sheet.locate(rows[0].row, pk[-1])
            for row in rows[1:]:
                out.append(
                    diagnostic(
                        "CAT302",
                        sheet.locate(row.row, pk[-1]),
                        f"{name}: {shown} is already used in row {rows[0].row}",
                        related=(first,),
                    )
                )
    return out
