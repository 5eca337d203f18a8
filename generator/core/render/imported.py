"""Imported ADRs without the facts their page card already shows.

A MADR 2 / log4brains record keeps its metadata as bullets under the title, an
adr-tools (Nygard) record a ``Date:`` line there and a ``## Status`` section. The loader
reads them into fields and the page's card shows them with links and badges; rendering
them a second time in the body repeated the card in worse form and cost every page
another list or section to convert. Only lines the card shows go: an unknown bullet
(``- Technical Story: …``) stays, and a ``## Status`` section holding anything more
than the status and supersede links (``Amended by …``, prose) is kept whole.
"""

from __future__ import annotations

import re

# Possessive (*+): spaces are never given back, so failing lines cost linear time.
_BULLET = re.compile(r"^\s*+[*-][ \t]++([A-Za-z][A-Za-z -]*+)[ \t]*+:")
_CARD_KEYS = frozenset(
    {
        "status",
        "date",
        "deciders",
        "decision-makers",
        "consulted",
        "informed",
        "supersedes",
        "superseded by",
        "superseded-by",
        "tags",
    }
)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_DATE_LINE = re.compile(r"^Date:[ \t]*\S", re.IGNORECASE)
_STATUS_LINE = re.compile(
    r"^(proposed|accepted|rejected|deprecated|superseded|draft)\.?$"
    r"|^(superseded[ \t]+by|supersedes)\b",
    re.IGNORECASE,
)
_LINK_LINE = re.compile(r"^(superseded[ \t]+by|supersedes)\b", re.IGNORECASE)
BULLET_FORMATS = frozenset({"madr2", "log4brains"})
NYGARD_FORMATS = frozenset({"nygard", "adr-tools"})


def _head_end(lines: list[str]) -> int:
    """Index of the first heading after the title (the title's own lines come before)."""
    seen_title = False
    for index, line in enumerate(lines):
        match = _HEADING.match(line)
        if match is None:
            continue
        if len(match.group(1)) == 1 and not seen_title:
            seen_title = True
            continue
        return index
    return len(lines)


def _bullet_lines(lines: list[str]) -> set[int]:
    return {
        index
        for index, line in enumerate(lines[: _head_end(lines)])
        if (m := _BULLET.match(line)) and m.group(1).strip().lower() in _CARD_KEYS
    }


def _nygard_lines(lines: list[str]) -> set[int]:
    end = _head_end(lines)
    dropped = {index for index in range(end) if _DATE_LINE.match(lines[index].strip())}
    for index in range(end, len(lines)):
        match = _HEADING.match(lines[index])
        if match is None or match.group(2).rstrip(" \t#").strip().lower() != "status":
            continue
        stop = next(
            (j for j in range(index + 1, len(lines)) if _HEADING.match(lines[j])), len(lines)
        )
        content = [raw.strip() for raw in lines[index + 1 : stop] if raw.strip()]
        words = [text for text in content if not _LINK_LINE.match(text)]
        # One status word is what the card shows; several are a history, kept visible.
        if len(words) <= 1 and all(_STATUS_LINE.match(text) for text in content):
            dropped.update(range(index, stop))
        break
    return dropped


def card_fact_lines(body: str, fmt: str) -> frozenset[int]:
    """Indices of the lines of ``body`` (split at each newline) that its card shows, for
    a decision imported in ``fmt``. The renderer leaves them out while it reads the
    headings of the body as written: the loader scanned that same text, so the scan is
    reused."""
    if fmt in BULLET_FORMATS:
        return frozenset(_bullet_lines(body.split("\n")))
    if fmt in NYGARD_FORMATS:
        return frozenset(_nygard_lines(body.split("\n")))
    return frozenset()
