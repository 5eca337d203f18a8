"""``paved diff --format github``: workflow-command annotations on the changed lines,
and one Markdown review used both as the job summary and as the body of the sticky
pull-request comment the workflow posts.

Formats, as GitHub documents them:

* annotations: ``::error file={name},line={line},title={title}::{message}`` (also
  ``warning`` and ``notice``), properties and message escaped by GitHub's rules
  (``workflow_property`` / ``workflow_data``); GitHub shows at most 10 of each kind per
  step, so the review lists everything;
* the job summary: GitHub Flavored Markdown appended to ``$GITHUB_STEP_SUMMARY``;
* an issue comment body holds at most 65,536 characters: the review keeps breaking and
  review items whole and shortens the information list first.

The comment starts with ``MARKER`` (an HTML comment, invisible), which is how the
workflow finds its previous comment and replaces it instead of adding another.
Contributed text is shown as text: ``summary_cell`` turns Markdown and HTML specials and
``@`` into character references, so a value cannot format, link, or mention anyone.
"""

from __future__ import annotations

from paved.generator.core.diff.changes import Change, DiffResult, Impact, Level, Person
from paved.generator.report.diff import headline
from paved.generator.report.escape import summary_cell, terminal, workflow_data, workflow_property

MARKER = "<!-- paved:diff -->"
#: GitHub's limit for an issue or pull-request comment body.
COMMENT_LIMIT = 65_536
_COMMAND = {Level.BREAKING: "error", Level.REVIEW: "warning", Level.INFO: "notice"}
SHOWN = 10


def annotation(change: Change) -> str | None:
    """One workflow command for a change that has a place to point at, else ``None``."""
    loc = change.location
    if loc is None:
        return None
    line, _ = loc.text_position()
    props = [f"file={workflow_property(loc.path)}", f"line={line}"]
    if not loc.is_sheet and loc.column is not None:
        props.append(f"col={loc.column}")
    state = "intended " if change.intent is not None else ""
    props.append(
        f"title={workflow_property(f'paved diff: {state}{change.level.value} {change.kind}')}"
    )
    message = terminal(change.summary)
    if loc.is_sheet:
        message = f"{terminal(str(loc)[len(loc.path) :])} {message}"
    if change.why:
        message += f"\n{terminal(change.why)}"
    if change.impact is not None and not change.impact.empty:
        message += f"\nAffects {_impact_count(change.impact)}."
    return f"::{_COMMAND[change.level]} {','.join(props)}::{workflow_data(message)}"


def workflow_commands(result: DiffResult) -> str:
    lines = [a for c in result.changes if (a := annotation(c)) is not None]
    return "".join(line + "\n" for line in lines)


def _impact_count(impact: Impact) -> str:
    parts = []
    if impact.datasets:
        parts.append(
            f"{len(impact.datasets)} downstream dataset{'s' if len(impact.datasets) > 1 else ''}"
        )
    if impact.products:
        parts.append(f"{len(impact.products)} product{'s' if len(impact.products) > 1 else ''}")
    return " and ".join(parts) or "nothing downstream"


def _e(text: str) -> str:
    return summary_cell(text)


def _people(people: tuple[Person, ...], limit: int = SHOWN) -> str:
    shown = []
    for p in people[:limit]:
        handles = [f"Slack {_e(p.slack)}"] if p.slack else []
        if p.github:
            handles.append(f"GitHub {_e(p.github)}")
        shown.append(f"{_e(p.name)} ({', '.join(handles)})" if handles else _e(p.name))
    more = len(people) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _list(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    more = len(items) - SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _where(change: Change) -> str:
    return f" <sub>{_e(str(change.location))}</sub>" if change.location is not None else ""


def _breaking(change: Change) -> list[str]:
    icon = "🟠 intended" if change.intent is not None else "🔴"
    lines = [f"#### {icon} {_e(change.summary)}", ""]
    if change.why:
        lines.append(f"{_e(change.why)}{_where(change)}")
        lines.append("")
    impact = change.impact
    if impact is not None:
        if impact.empty:
            lines.append("- **Downstream:** nothing in the catalogue or the WIDs depends on it.")
        if impact.datasets:
            names = [
                f"<code>{_e(d.id)}</code> ({d.hops} hop{'s' if d.hops > 1 else ''})"
                for d in impact.datasets
            ]
            lines.append(f"- **Downstream datasets ({len(impact.datasets)}):** {_list(names)}")
        if impact.products:
            names = [f"**{_e(p.id)}** {_e(p.title)}" for p in impact.products]
            lines.append(f"- **Products that use it ({len(impact.products)}):** {_list(names)}")
        if impact.notify:
            lines.append(
                f"- **Tell** (product owners, downstream custodians): {_people(impact.notify)}"
            )
    if change.reviewers:
        lines.append(f"- **Approves:** {_people(change.reviewers)}")
    if change.intent is not None:
        lines.append(
            f"- **Marked intended** in {_e(change.intent.source)}: {_e(change.intent.reason)}"
        )
    else:
        lines.append(
            "- If this is intended, say so in a commit message of this pull request: "
            f"<code>paved: breaking-change-intended {_e(change.subject)} &lt;reason&gt;</code>"
        )
    lines.append("")
    return lines


def _table(changes: list[Change], *, with_why: bool) -> list[str]:
    head = "| Change | Why it needs a look | Approves |" if with_why else "| Change | Where |"
    rule = "| --- | --- | --- |" if with_why else "| --- | --- |"
    lines = [head, rule]
    for c in changes:
        if with_why:
            lines.append(
                f"| {_e(c.summary)}{_where(c)} | {_e(c.why) or '&#8212;'} | "
                f"{_people(c.reviewers, 4) or '&#8212;'} |"
            )
        else:
            where = f"<sub>{_e(str(c.location))}</sub>" if c.location is not None else ""
            lines.append(f"| {_e(c.summary)} | {where} |")
    return [*lines, ""]


_ICON = {Level.BREAKING: "🔴 breaking", Level.REVIEW: "🟡 review", Level.INFO: "info"}


def _glance(result: DiffResult) -> list[str]:
    """One row per breaking or review change: what, and what it reaches."""
    rows = [c for c in result.changes if c.level is not Level.INFO]
    if not rows:
        return []
    lines = ["| | Change | Reaches |", "| --- | --- | --- |"]
    for c in rows[: SHOWN * 3]:
        icon = "🟠 intended" if c.intent is not None else _ICON[c.level]
        reach = _impact_count(c.impact) if c.impact is not None else "&#8212;"
        lines.append(f"| {icon} | {_e(c.summary)} | {reach} |")
    if len(rows) > SHOWN * 3:
        lines.append(f"| | … and {len(rows) - SHOWN * 3} more below | |")
    return [*lines, ""]


def review(result: DiffResult, *, fail_on: str, failed: bool, limit: int = COMMENT_LIMIT) -> str:
    """The Markdown review (job summary and sticky comment), at most ``limit`` characters."""
    top = [MARKER, f"## Paved review: {headline(result)}", ""]
    if failed:
        top.append(
            f"❌ **This check fails** (`--fail-on {fail_on}`): see the breaking changes below."
        )
    elif result.changes:
        top.append(f"✅ **Nothing here fails the check** (`--fail-on {fail_on}`).")
    else:
        top.append("✅ No changes to products, decisions or the catalogue.")
    top += ["", f"<sub>Compared {_e(result.base)} with {_e(result.head)}.</sub>", ""]
    top += [f"> {_e(note)}" for note in result.notes]
    body: list[str] = _glance(result)
    breaking = [c for c in result.changes if c.level is Level.BREAKING]
    to_review = [c for c in result.changes if c.level is Level.REVIEW]
    info = [c for c in result.changes if c.level is Level.INFO]
    if breaking:
        body += [f"### Breaking ({len(breaking)})", ""]
        for change in breaking:
            body += _breaking(change)
    if to_review:
        body += [f"### To review ({len(to_review)})", ""]
        body += _table(to_review, with_why=True)
    tail = [
        "<sub>Generated by <code>paved diff</code>. Severities: breaking fails the check, "
        "review needs a person's look, information is for the record.</sub>",
        "",
    ]
    text = "\n".join([*top, *body]) + "\n"
    if info:
        budget = limit - len(text) - len("\n".join(tail)) - 400
        rows: list[Change] = []
        for change in info:
            if sum(len(c.summary) + 80 for c in [*rows, change]) * 2 > budget:
                break
            rows.append(change)
        details = [f"<details><summary>For information ({len(info)})</summary>", ""]
        details += _table(rows, with_why=False)
        if len(rows) < len(info):
            details.append(
                f"… and {len(info) - len(rows)} more: run <code>paved diff</code> to see them all."
            )
        details += ["</details>", ""]
        text += "\n".join(details) + "\n"
    text += "\n".join(tail) + "\n"
    if len(text) > limit:
        cut = text[: limit - 200].rsplit("\n", 1)[0]
        text = cut + "\n\n… the review was cut to fit GitHub's comment limit: run `paved diff`.\n"
    return text
