"""Every reference resolves: WID → catalogue and ADRs, ADR → WIDs and systems,
catalogue sheet → sheet (driven by each sheet schema's ``x-foreignKeys``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from paved.generator.core.codes import CODES, diagnostic
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.adr_ids import AdrIndex, id_from_file, is_record_file, is_template
from paved.generator.core.load.types import JsonPath, MarkdownDoc, SheetRow
from paved.generator.core.validate.context import Context, foreign_keys
from paved.generator.core.validate.ids import str_list
from paved.generator.core.validate.inputs import ADR, CATALOGUE, CONFIG, WID, declares
from paved.generator.core.validate.suggest import closest, did_you_mean

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({WID, ADR, CATALOGUE, CONFIG})


#: After this many unresolved references in one sheet the rest are counted, not listed.
MAX_FINDINGS = 100


def check(ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for doc in ctx.loaded.wids:
        out.extend(_wid(ctx, doc))
    for doc in ctx.loaded.adrs:
        out.extend(_adr(ctx, doc))
    return out


@declares(CATALOGUE)
def between_sheets(ctx: Context) -> list[Diagnostic]:
    """Catalogue sheet → sheet references (the schemas' ``x-foreignKeys``)."""
    return _foreign_keys(ctx)


def _missing(
    doc: MarkdownDoc,
    code: str,
    path: JsonPath,
    value: Any,
    known: Iterable[Any],
    what: str,
) -> Diagnostic:
    pool = [k for k in known if isinstance(k, str)]
    return diagnostic(
        code,
        doc.locate(path),
        f"{what} '{value}' does not exist",
        hint=did_you_mean(str(value), pool, _fallback(code)),
    )


def _fallback(code: str) -> str:
    return CODES[code].hint


def _wid(ctx: Context, doc: MarkdownDoc) -> list[Diagnostic]:
    fm = doc.front_matter
    out = []
    single = (
        ("domain", "domains", "WID104", "domain"),
        ("custodian", "custodians", "WID105", "custodian"),
    )
    for field_name, sheet, code, what in single:
        value = fm.get(field_name)
        if isinstance(value, str) and ctx.has(sheet) and value not in ctx.ids(sheet):
            out.append(_missing(doc, code, (field_name,), value, ctx.ids(sheet), what))
    upstream = fm.get("upstream")
    if isinstance(upstream, dict):
        for key, sheet, code, what in (
            ("systems", "systems", "WID106", "upstream system"),
            ("datasets", "datasets", "WID107", "upstream dataset"),
        ):
            if not ctx.has(sheet):
                continue
            known = ctx.ids(sheet)
            for i, value in enumerate(str_list(upstream.get(key))):
                if value not in known:
                    out.append(_missing(doc, code, ("upstream", key, i), value, known, what))
    integration = fm.get("integration")
    if isinstance(integration, dict) and ctx.has("systems"):
        known = ctx.ids("systems")
        for direction in ("ingress", "egress"):
            points = integration.get(direction)
            if not isinstance(points, list):
                continue
            for i, point in enumerate(points):
                system = point.get("system") if isinstance(point, dict) else None
                if isinstance(system, str) and system not in known:
                    path = ("integration", direction, i, "system")
                    out.append(_missing(doc, "WID108", path, system, known, f"{direction} system"))
    adrs = adr_index(ctx)
    for i, value in enumerate(adr_refs(fm.get("related_adrs"))):
        if adrs.resolve(value) is None:
            unread = unreadable_adr(ctx, value)
            if unread is not None:
                out.append(
                    diagnostic(
                        "WID109",
                        doc.locate(("related_adrs", i)),
                        f"related ADR '{value}' is {unread}, which could not be read",
                        hint=f"fix the error reported for {unread}; the WID is right",
                    )
                )
                continue
            out.append(_missing(doc, "WID109", ("related_adrs", i), value, ctx.adrs, "related ADR"))
    out.extend(_contact_emails(ctx, doc))
    return out


def unreadable_adr(ctx: Context, ref: str) -> str | None:
    """The file under adrs/ that ``ref`` names but that could not be loaded (broken
    front matter, not UTF-8...), so the message says so instead of "does not exist".
    Looked up only when a reference fails, from the file names alone."""
    folder = Path(ctx.loaded.root) / "adrs"
    loaded = {doc.path for doc in ctx.loaded.adrs}
    if not folder.is_dir():
        return None
    files = [
        (id_from_file(rel), rel)  # the path: a folder's index.md is named after its folder
        for p in _record_files(folder)
        if is_record_file(p.name)
        and (rel := p.relative_to(folder.parent).as_posix()) not in loaded
        and not is_template(p.name)
        and not p.is_symlink()
    ]
    target = AdrIndex.build(files).resolve(ref)
    return next((path for ident, path in files if ident == target), None)


def _record_files(folder: Path) -> list[Path]:
    """The files under ``folder`` and its subfolders, never through a linked folder."""
    out: list[Path] = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.extend(Path(top) / name for name in names)
    return sorted(out)


def adr_refs(value: object) -> list[str]:
    """A WID's ``related_adrs`` as text: ``[5, ADR-0006]`` (YAML reads 5 as a number)."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [
        str(v)
        for v in items
        if isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool))
    ]


def adr_index(ctx: Context) -> AdrIndex:
    """ADR ids, numbers, slugs and file names → id (a WID may cite an ADR any way);
    built once per validation run, kept on the context."""
    index = getattr(ctx, "_adr_index", None)
    if not isinstance(index, AdrIndex):
        index = AdrIndex.build((ident, docs[0].path) for ident, docs in ctx.adrs.items())
        ctx._adr_index = index  # type: ignore[attr-defined]  # noqa: SLF001 - a run's cache
    return index


def _contact_emails(ctx: Context, doc: MarkdownDoc) -> list[Diagnostic]:
    if not ctx.has("custodians"):
        return []
    emails = ctx.ids("custodians", "email")
    out = []
    for role in ("business_owner", "technical_contact"):
        contact = doc.front_matter.get(role)
        email = contact.get("email") if isinstance(contact, dict) else None
        if not isinstance(email, str) or email in emails:
            continue
        near = closest(email, emails, cutoff=0.85)
        if near is not None and near.lower() != email.lower():
            out.append(
                diagnostic(
                    "WID114",
                    doc.locate((role, "email")),
                    f"{role}.email '{email}' is not a custodian's email but is very close to "
                    f"'{near}'",
                    hint=f"did you mean '{near}'?",
                )
            )
    return out


def _adr(ctx: Context, doc: MarkdownDoc) -> list[Diagnostic]:
    affects = doc.front_matter.get("affects")
    if not isinstance(affects, dict):
        return []
    out = []
    for i, value in enumerate(str_list(affects.get("wids"))):
        if value not in ctx.wids:
            out.append(_missing(doc, "ADR204", ("affects", "wids", i), value, ctx.wids, "WID"))
    if ctx.has("systems"):
        known = ctx.ids("systems")
        for i, value in enumerate(str_list(affects.get("systems"))):
            if value not in known:
                path = ("affects", "systems", i)
                out.append(_missing(doc, "ADR205", path, value, known, "system"))
    return out


def _all_known(rows: tuple[SheetRow, ...], field_name: str, known: set[Any]) -> bool:
    """Fast path for big sheets: one set difference instead of a loop per cell."""
    try:
        values = {row.values.get(field_name) for row in rows}
    except TypeError:  # list cells (custodians.domains): the per-cell loop handles them
        return False
    values.discard(None)
    return values <= known


def _foreign_keys(ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for name, sheet in ctx.loaded.sheets.items():
        shown = hidden = 0
        for field_name, resource, ref_field in foreign_keys(name):
            if not ctx.has(resource):
                continue  # a missing sheet is reported once by the loader, not per cell
            known = ctx.ids(resource, ref_field)
            if _all_known(sheet.rows, field_name, known):
                continue
            pool: list[str] | None = None
            for row in sheet.rows:
                value = row.values.get(field_name)
                if value is None:
                    continue
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, list | dict) or item in known:
                        continue
                    if shown >= MAX_FINDINGS:
                        hidden += 1
                        continue
                    if pool is None:
                        pool = [k for k in known if isinstance(k, str)]
                    shown += 1
                    out.append(
                        diagnostic(
                            "CAT303",
                            sheet.locate(row.row, field_name),
                            f"{name}: {field_name} '{item}' is not in sheet '{resource}' "
                            f"(column {ref_field})",
                            hint=did_you_mean(
                                str(item),
                                pool,
                                f"add a row with {ref_field} '{item}' to sheet '{resource}' "
                                "or fix the cell",
                            ),
                        )
                    )
        if hidden:
            out.append(
                diagnostic(
                    "CAT309",
                    sheet.locate(),
                    f"{hidden} more unresolved reference{'s' if hidden != 1 else ''} in sheet "
                    f"'{name}' not shown",
                )
            )
    return out
