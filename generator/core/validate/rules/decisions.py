"""Supersede links between ADRs agree both ways and point at a current decision."""

from __future__ import annotations

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.types import MarkdownDoc
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.ids import adr_id, str_list
from paved.generator.core.validate.suggest import did_you_mean

_NOT_CURRENT = ("rejected", "proposed")


def check(ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for doc in ctx.loaded.adrs:
        ident = adr_id(doc)
        if ident is None:
            continue
        out.extend(_supersedes(ctx, doc, ident))
        out.extend(_superseded_by(ctx, doc, ident))
    return out


def _target(ctx: Context, ident: str) -> MarkdownDoc | None:
    docs = ctx.adrs.get(ident)
    return docs[0] if docs else None


def _supersedes(ctx: Context, doc: MarkdownDoc, ident: str) -> list[Diagnostic]:
    out = []
    for i, old_id in enumerate(str_list(doc.front_matter.get("supersedes"))):
        where = doc.locate(("supersedes", i))
        old = _target(ctx, old_id)
        if old is None:
            out.append(
                diagnostic(
                    "ADR208",
                    where,
                    f"supersedes {old_id}, which does not exist",
                    hint=did_you_mean(old_id, ctx.adrs, "use the id of an ADR under adrs/"),
                )
            )
            continue
        back = old.front_matter.get("superseded-by")
        if back != ident:
            said = f"names {back}" if isinstance(back, str) else "names no successor"
            out.append(
                diagnostic(
                    "ADR206",
                    where,
                    f"{ident} supersedes {old_id}, but {old_id} {said} in superseded-by",
                    hint=f"in {old.path} set `status: superseded` and `superseded-by: {ident}`",
                    related=(old.locate(("superseded-by",)),),
                )
            )
    return out


def _superseded_by(ctx: Context, doc: MarkdownDoc, ident: str) -> list[Diagnostic]:
    new_id = doc.front_matter.get("superseded-by")
    if not isinstance(new_id, str):
        return []
    where = doc.locate(("superseded-by",))
    out = []
    status = doc.front_matter.get("status")
    if isinstance(status, str) and status != "superseded":
        out.append(
            diagnostic(
                "ADR210",
                doc.locate(("status",)),
                f"{ident} names successor {new_id} but its status is {status}",
            )
        )
    new = _target(ctx, new_id)
    if new is None:
        out.append(
            diagnostic(
                "ADR208",
                where,
                f"superseded-by {new_id}, which does not exist",
                hint=did_you_mean(new_id, ctx.adrs, "use the id of an ADR under adrs/"),
            )
        )
        return out
    if ident not in str_list(new.front_matter.get("supersedes")):
        out.append(
            diagnostic(
                "ADR207",
                where,
                f"{ident} is superseded by {new_id}, but {new_id} does not list {ident} "
                "in supersedes",
                hint=f"in {new.path} add {ident} to `supersedes:`",
                related=(new.locate(("supersedes",)),),
            )
        )
    new_status = new.front_matter.get("status")
    if new_status in _NOT_CURRENT:
        out.append(
            diagnostic(
                "ADR209",
                where,
                f"{ident} is superseded by {new_id}, whose status is {new_status}",
                related=(new.locate(("status",)),),
            )
        )
    return out
