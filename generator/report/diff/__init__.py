"""Reporters for ``paved diff``: text for people, GitHub (annotations, the job summary and
the sticky pull-request comment) and JSON. Pure functions returning strings; the CLI
decides where each goes. Every contributed value passes through the escaping function
of its format (``paved.generator.report.escape``) exactly once, where it is placed."""

from __future__ import annotations

from paved.generator.core.diff.changes import DiffResult, Level

#: ``--fail-on`` choices → the lowest effective level that fails the check.
FAIL_LEVELS: dict[str, Level | None] = {
    "breaking": Level.BREAKING,
    "review": Level.REVIEW,
    "never": None,
}


def fails(result: DiffResult, fail_on: str) -> bool:
    threshold = FAIL_LEVELS[fail_on]
    worst = result.worst()
    return threshold is not None and worst is not None and worst.rank >= threshold.rank


def headline(result: DiffResult) -> str:
    """``2 breaking, 1 to review, 5 for information`` (the same words everywhere)."""
    if not result.changes:
        return "no changes to products, decisions or the catalogue"
    intended = sum(1 for c in result.changes if c.intent is not None)
    parts = [
        f"{result.count(Level.BREAKING)} breaking"
        + (f" ({intended} marked intended)" if intended else ""),
        f"{result.count(Level.REVIEW)} to review",
        f"{result.count(Level.INFO)} for information",
    ]
    return ", ".join(parts)
