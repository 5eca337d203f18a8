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


def _drop_bullets(lines: list[str]) -> list[str]:
    end = _head_end(lines)
    kept = [
        line
        for line in lines[:end]
        if not ((m := _BULLET.match(line)) and m.group(1).strip().lower() in _CARD_KEYS)
    ]
    return kept + lines[end:]


def _drop_nygard(lines: list[str]) -> list[str]:
    end = _head_end(lines)
    head = [line for line in lines[:end] if not _DATE_LINE.match(line.strip())]
    rest = lines[end:]
    for index, line in enumerate(rest):
        match = _HEADING.match(line)
        if match is None or match.group(2).rstrip(" \t#").strip().lower() != "status":
            continue
        stop = next((j for j in range(index + 1, len(rest)) if _HEADING.match(rest[j])), len(rest))
        content = [raw.strip() for raw in rest[index + 1 : stop] if raw.strip()]
        words = [text for text in content if not _LINK_LINE.match(text)]
        # One status word is what the card shows; several are a history, kept visible.
        if len(words) <= 1 and all(_STATUS_LINE.match(text) for text in content):
            rest = rest[:index] + rest[stop:]
        break
    return head + rest


def without_card_facts(body: str, fmt: str) -> str:
    """``body`` of a decision imported in ``fmt`` without the lines its card shows."""
    if fmt in BULLET_FORMATS:
        return "\n".join(_drop_bullets(body.split("\n")))
    if fmt in NYGARD_FORMATS:
        return "\n".join(_drop_nygard(body.split("\n")))
    return body
