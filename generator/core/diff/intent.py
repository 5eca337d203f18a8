"""Marking a breaking change as intended, visibly, in the pull request itself.

A team writes one line, either as a trailer in any commit message of the pull request
or anywhere in a WID the pull request changes (an HTML comment keeps it off the page):

    paved: breaking-change-intended <subject> <reason>

``<subject>`` is what the review names: a dataset (``pos.sales_lines``, which covers its
columns), a column (``pos.sales_lines.customer_email``), a product (``WID-0006``) or a
decision (``ADR-0008``). The change is still listed, marked "intended" with the reason
and where it was said, and counts as ``review`` instead of ``breaking`` for ``--fail-on``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from paved.generator.core.diff.changes import Change, Intent, Level

MARKER = re.compile(
    r"paved:\s*breaking-change-intended\s+(?P<subject>[^\s>]+)\s*(?P<reason>[^\n]*?)\s*(?:-->)?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_MAX_REASON = 300


def find_intents(text: str, source: str, first_line: int | None = None) -> list[Intent]:
    """Every marker in ``text``; ``source`` says where (``first_line`` adds the line)."""
    found: list[Intent] = []
    for match in MARKER.finditer(text):
        where = source
        if first_line is not None:
            where = f"{source}:{first_line + text.count(chr(10), 0, match.start())}"
        reason = match.group("reason").strip()[:_MAX_REASON] or "(no reason given)"
        found.append(Intent(subject=match.group("subject").strip(), reason=reason, source=where))
    return found


def covers(intent: Intent, change: Change) -> bool:
    subject = intent.subject
    candidates = [change.subject, change.before or "", change.after or ""]
    return any(c == subject or c.startswith(subject + ".") for c in candidates if c)


def apply_intents(changes: Iterable[Change], intents: list[Intent]) -> list[Change]:
    """Attach the first matching intent to each breaking change."""
    out: list[Change] = []
    for change in changes:
        if change.level is Level.BREAKING:
            match = next((i for i in intents if covers(i, change)), None)
            if match is not None:
                change = replace(change, intent=match)
        out.append(change)
    return out
