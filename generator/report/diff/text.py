"""``paved diff`` for a terminal: breaking changes first with their blast radius, then
what needs review, then the rest; one line per change, people with their handles."""

from __future__ import annotations

import click

from paved.generator.core.diff.changes import Change, DiffResult, Impact, Level, Person
from paved.generator.report.diff import headline
from paved.generator.report.escape import terminal

_STYLE = {Level.BREAKING: "red", Level.REVIEW: "yellow", Level.INFO: "blue"}
#: Dependents listed per kind before "and N more".
SHOWN = 8


def person(p: Person) -> str:
    handles = ", ".join(h for h in (p.slack, p.github and f"GitHub {p.github}") if h)
    return f"{p.name} ({handles})" if handles else p.name


def _impact_lines(impact: Impact) -> list[str]:
    lines: list[str] = []
    if impact.empty:
        lines.append("nothing downstream depends on it")
    if impact.datasets:
        names = [f"{d.id} ({d.hops} hop{'s' if d.hops > 1 else ''})" for d in impact.datasets]
        lines.append("downstream: " + _capped(names))
    if impact.products:
        lines.append("products: " + _capped([f"{p.id} {p.title}" for p in impact.products]))
    if impact.notify:
        lines.append("notify: " + _capped([person(p) for p in impact.notify]))
    return lines


def _capped(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    more = len(items) - SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def format_change(change: Change, *, colour: bool = False) -> str:
    label = "intended" if change.intent is not None else change.level.value
    if colour:
        label = click.style(label, fg=_STYLE[change.level], bold=True)
    where = f"{terminal(str(change.location))}: " if change.location is not None else ""
    lines = [f"{where}{label} {change.kind} {terminal(change.summary)}"]
    if change.why:
        lines.append(f"    why: {terminal(change.why)}")
    if change.impact is not None:
        lines += [f"    {terminal(line)}" for line in _impact_lines(change.impact)]
    if change.intent is not None:
        lines.append(
            f"    intended ({terminal(change.intent.source)}): {terminal(change.intent.reason)}"
        )
    if change.reviewers:
        lines.append("    approve: " + terminal(_capped([person(p) for p in change.reviewers])))
    return "\n".join(lines)


def render(result: DiffResult, *, fail_on: str, failed: bool, colour: bool = False) -> str:
    lines = [f"paved diff {terminal(result.base)} → {terminal(result.head)}"]
    lines += [f"note: {terminal(note)}" for note in result.notes]
    lines += [format_change(c, colour=colour) for c in result.changes]
    verdict = f"fails --fail-on {fail_on}" if failed else "passes"
    lines.append(f"{headline(result)}; {verdict}")
    return "\n".join(lines) + "\n"
