"""Status words as teams write them → Paved's five statuses, and back to the words.

A decision log is read as its authors wrote it: "Approved", "Pending", "Superceded",
"✅ Accepted", "on hold". Paved needs one of five statuses to sort, colour and answer
(``STATUSES``), so each written phrase is mapped, first by the team's own mapping
(``plugins: paved: adr_statuses`` in ``mkdocs.yml``), then by the built-in synonyms
below; the written phrase itself is kept and is what the portal and the bot show.
A phrase that maps to nothing stays as written and is reported once, as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")

#: Built-in synonyms (lower case, single spaces). The team's mapping wins over these.
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        (
            "proposed",
            "proposal",
            "draft",
            "pending",
            "in review",
            "under review",
            "review",
            "in progress",
            "wip",
            "open",
            "under discussion",
            "discussing",
            "on hold",
            "deferred",
            "postponed",
            "incomplete",
            "requested",
            "suggested",
        ),
        "proposed",
    ),
    **dict.fromkeys(
        (
            "accepted",
            "approved",
            "agreed",
            "adopted",
            "decided",
            "done",
            "final",
            "implemented",
            "active",
            "in use",
            "current",
            "partly superseded",
            "partially superseded",
            "amended",
        ),
        "accepted",
    ),
    **dict.fromkeys(("rejected", "declined", "refused", "abandoned", "withdrawn"), "rejected"),
    **dict.fromkeys(("deprecated", "obsolete", "retired", "sunset", "archived"), "deprecated"),
    **dict.fromkeys(
        ("superseded", "superceded", "replaced", "superseeded", "supersceded"), "superseded"
    ),
}

# Leading decoration teams put before the word: emoji, bullets, brackets, asterisks.
_LEADING = re.compile(r"^[^\w\[]*+")
_WORDS = re.compile(r"[A-Za-z][A-Za-z-]*+(?:[ \t]++[A-Za-z][A-Za-z-]*+)*+")
#: "Superseded by", "Superceded by", "Replaced by" (the link or id follows).
SUCCESSOR_PHRASE = re.compile(
    r"^(?P<word>(?:partly[ \t]++|partially[ \t]++)?(?:superseded|superceded|superseeded|replaced))"
    r"[ \t]++by\b[ \t:]*+",
    re.IGNORECASE,
)


def key(phrase: str) -> str:
    """The lookup form of a written phrase: lower case, single spaces, no full stop."""
    return " ".join(phrase.lower().replace("_", " ").split()).rstrip(".:;,!")


def written_phrase(text: str) -> str:
    """The status as written, without decoration or the explanation after it.

    ``"✅ Accepted"`` → ``Accepted``; ``"❌ Rejected (see [019](...))"`` → ``Rejected``;
    ``"Accepted on 2026-09-08 for ..."`` → ``Accepted``; ``"Partly superseded"`` stays.
    Known two-word phrases ("in review", "on hold") are kept whole; otherwise the
    longest leading run of words that maps, else the first run of words.
    """
    stripped = _LEADING.sub("", text.strip()).strip()
    match = _WORDS.match(stripped)
    if match is None:
        return stripped.strip("*_[] ")
    words = match.group(0).split()
    for size in range(min(len(words), 3), 0, -1):
        candidate = " ".join(words[:size])
        if key(candidate) in SYNONYMS:
            return candidate
    return match.group(0)


def canonical(phrase: str | None, team: Mapping[str, str]) -> str | None:
    """One of ``STATUSES`` for a written phrase, or ``None`` when nothing maps it."""
    if not phrase:
        return None
    looked_up = key(phrase)
    if looked_up in team:
        return team[looked_up]
    if looked_up in SYNONYMS:
        return SYNONYMS[looked_up]
    first = looked_up.split(" ", 1)[0]
    return team.get(first) or SYNONYMS.get(first)
