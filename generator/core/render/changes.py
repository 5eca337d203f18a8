"""The "What changed" page: the last merges with what each changed, in the same words
as ``paved diff`` and the pull-request review (each change's summary, why it matters,
and what a breaking change reaches), newest first. Also the status trail shown on
product and decision pages (when each status was reached, and who committed it).

Pure: the merges are collected by ``core.diff.history`` (git I/O) and handed in.
Every contributed value is escaped once, here, with ``md_escape``.
"""

from __future__ import annotations

from collections.abc import Sequence

from paved.generator.core.diff.changes import Change, Level, Merge
from paved.generator.core.gitfacts import StatusChange
from paved.generator.core.render.escape import md_escape
from paved.generator.core.render.types import Page, PageKind

CHANGES = "changes.md"
_LABEL = {Level.BREAKING: "🔴 breaking", Level.REVIEW: "🟡 review", Level.INFO: "info"}
#: Changes listed per merge before "and N more".
SHOWN = 25


def status_trail(history: Sequence[StatusChange]) -> str:
    """``draft 2026-01-05 (Ada Lind) → submitted 2026-02-01 (Bo Strand)``; ``""`` when
    git knows nothing."""
    steps = []
    for change in history:
        who = f" ({md_escape(change.author)})" if change.author else ""
        steps.append(f"{md_escape(change.status)} {md_escape(change.date[:10])}{who}")
    return " → ".join(steps)


def _line(change: Change) -> str:
    label = "🟠 intended" if change.intent is not None else _LABEL[change.level]
    text = f"- **{label}** {md_escape(change.summary)}"
    if change.why and change.level is not Level.INFO:
        text += f" <br>*{md_escape(change.why)}*"
    impact = change.impact
    if impact is not None and not impact.empty:
        reach = []
        if impact.datasets:
            reach.append(f"{len(impact.datasets)} downstream datasets")
        if impact.products:
            ids = ", ".join(md_escape(p.id) for p in impact.products[:8])
            more = len(impact.products) - 8
            reach.append(f"products {ids}{f' and {more} more' if more > 0 else ''}")
        text += f" <br>Reached: {'; '.join(reach)}."
    return text


def render_changes(merges: Sequence[Merge]) -> Page:
    lines = [
        "# What changed",
        "",
        "The last merges that changed products, decisions or the custodian catalogue, newest "
        "first, as `paved diff` reported them (🔴 breaking, 🟡 needs review, info for the "
        "record).",
        "",
    ]
    if not merges:
        lines.append("No history is available (not a git checkout, or nothing merged yet).")
    for merge in merges:
        result = merge.result
        lines += [
            f"## {md_escape(merge.date[:10])} · {md_escape(merge.subject)}",
            "",
            f"<small>{md_escape(merge.sha[:7])} by {md_escape(merge.author)} · "
            f"{result.count(Level.BREAKING)} breaking, {result.count(Level.REVIEW)} to review, "
            f"{result.count(Level.INFO)} for information</small>",
            "",
        ]
        if not result.changes:
            lines += [
                "No change to products, decisions or the catalogue as `paved diff` compares them.",
                "",
            ]
            continue
        lines += [_line(c) for c in result.changes[:SHOWN]]
        if len(result.changes) > SHOWN:
            lines.append(f"- … and {len(result.changes) - SHOWN} more (mostly for information)")
        lines.append("")
    return Page(CHANGES, "What changed", "\n".join(lines).rstrip() + "\n", PageKind.REPORT)
