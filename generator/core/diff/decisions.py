"""Decisions (ADRs) at base vs head: added, removed, status moves, supersedes, and an
accepted decision whose text changed in place.

A decision is changed by superseding it (``paved adr supersede``), so history stays
true. Editing an accepted ADR is therefore flagged, and the review says whether the
edit is typo-sized (a few characters or words anywhere) or touches the decision's
outcome, which is what readers act on.
"""

from __future__ import annotations

import re

from paved.generator.core.diff.changes import Area, Change, Level, Person
from paved.generator.core.diff.context import Sides
from paved.generator.core.diff.people import named_person
from paved.generator.core.model import Decision, DecisionStatus

#: Section titles (lower case) that hold the outcome, across MADR, Nygard and log4brains.
_OUTCOME = re.compile(r"^(?:\d+\.\s*)?(?:decision outcome|decision|outcome|the decision)\s*:?$")
_WORD = re.compile(r"\w+")

#: Up to this many words changed (inserted, deleted or replaced) counts as a typo-sized edit.
TYPO_WORDS = 3

_NORMAL_MOVES = {
    (DecisionStatus.PROPOSED, DecisionStatus.ACCEPTED),
    (DecisionStatus.PROPOSED, DecisionStatus.REJECTED),
    (DecisionStatus.ACCEPTED, DecisionStatus.DEPRECATED),
    (DecisionStatus.ACCEPTED, DecisionStatus.SUPERSEDED),
    (DecisionStatus.DEPRECATED, DecisionStatus.SUPERSEDED),
}


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_distance(before: str, after: str) -> int:
    """Words inserted, deleted or replaced between two texts (punctuation and spacing
    ignored): rapidfuzz's Levenshtein over word sequences (imported here: a build that
    compares no commits never needs it)."""
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(words(before), words(after)))


def outcome_text(decision: Decision) -> str:
    """The text of the decision's outcome section(s), with their subsections."""
    parts: list[str] = []
    level: int | None = None
    for section in decision.sections:
        title = section.title.strip().lower()
        if level is not None and section.level > level:
            parts.append(section.text)
            continue
        level = None
        if section.level > 1 and _OUTCOME.match(title):
            level = section.level
            parts.append(section.text)
    return "\n".join(parts)


def compare_decisions(sides: Sides) -> list[Change]:
    base, head = sides.base.platform, sides.head.platform
    changes: list[Change] = []
    for did, new in head.decisions.items():
        old = base.decisions.get(did)
        where = sides.head.adr_location(did)
        reviewers = _makers(sides, new)
        if old is None:
            supersedes = f", supersedes {', '.join(new.supersedes)}" if new.supersedes else ""
            changes.append(
                Change(
                    Area.DECISIONS,
                    "decision.added",
                    Level.INFO,
                    did,
                    f"New decision {did} “{new.title}” ({new.status}{supersedes}).",
                    after=new.status.value,
                    location=where(("status",)),
                    reviewers=reviewers,
                )
            )
            continue
        if old.status is not new.status:
            move = (old.status, new.status)
            if move in _NORMAL_MOVES:
                successor = f" by {new.superseded_by}" if new.superseded_by else ""
                level = Level.INFO
                summary = f"{did} “{new.title}”: {old.status} → {new.status}{successor}."
                why = ""
                if new.status is DecisionStatus.SUPERSEDED and not new.superseded_by:
                    level = Level.REVIEW
                    why = "Name the successor (superseded-by) so readers find the current decision."
            else:
                level = Level.REVIEW
                summary = f"{did} “{new.title}”: unusual status change {old.status} → {new.status}."
                why = (
                    "Decisions move proposed → accepted/rejected, and accepted → deprecated/"
                    "superseded; to change an accepted decision, supersede it."
                )
            changes.append(
                Change(
                    Area.DECISIONS,
                    "decision.status",
                    level,
                    did,
                    summary,
                    old.status.value,
                    new.status.value,
                    where(("status",)),
                    why,
                    reviewers=reviewers,
                )
            )
        if old.status is DecisionStatus.ACCEPTED and old.body != new.body:
            changes.append(_edited(sides, old, new, reviewers))
    for did, old in base.decisions.items():
        if did not in head.decisions:
            changes.append(
                Change(
                    Area.DECISIONS,
                    "decision.removed",
                    Level.REVIEW,
                    did,
                    f"Decision {did} “{old.title}” was deleted ({old.status} at the base).",
                    before=old.status.value,
                    location=sides.base.adr_location(did)(()),
                    why="Decisions are superseded or deprecated, never deleted: the log is "
                    "history.",
                    reviewers=_makers(sides, old),
                )
            )
    return changes


def _edited(sides: Sides, old: Decision, new: Decision, reviewers: tuple[Person, ...]) -> Change:
    total = word_distance(old.body, new.body)
    outcome = word_distance(outcome_text(old), outcome_text(new))
    where = sides.head.adr_location(new.id)
    line = _first_changed_line(sides, old, new)
    location = where(())
    if location is not None and line is not None:
        from dataclasses import replace

        location = replace(location, line=line, column=None)
    if outcome > 0 and total > TYPO_WORDS:
        return Change(
            Area.DECISIONS,
            "decision.outcome_edited",
            Level.REVIEW,
            new.id,
            f"Accepted decision {new.id} “{new.title}”: its decision outcome was rewritten "
            f"in place ({outcome} words changed in the outcome, {total} in all).",
            location=location,
            why=f"An accepted decision is changed by superseding it: paved adr supersede "
            f"{new.id} --title ... keeps the old text as history.",
            reviewers=reviewers,
        )
    if total <= TYPO_WORDS:
        return Change(
            Area.DECISIONS,
            "decision.typo_edited",
            Level.INFO,
            new.id,
            f"Accepted decision {new.id}: wording edit ({total} words), outcome unchanged.",
            location=location,
            reviewers=reviewers,
        )
    return Change(
        Area.DECISIONS,
        "decision.text_edited",
        Level.REVIEW,
        new.id,
        f"Accepted decision {new.id} “{new.title}”: {total} words changed outside the "
        "decision outcome.",
        location=location,
        why="Context and consequences of an accepted decision are history; supersede it if "
        "the reasoning changed.",
        reviewers=reviewers,
    )


def _first_changed_line(sides: Sides, old: Decision, new: Decision) -> int | None:
    """The file line (at the head) of the first body line that differs."""
    doc = next((d for d in sides.head.loaded.adrs if d.path == new.path), None)
    if doc is None:
        return None
    old_lines = old.body.splitlines()
    for index, text in enumerate(new.body.splitlines()):
        if index >= len(old_lines) or old_lines[index] != text:
            return doc.body_line + index
    return doc.body_line + len(old_lines)


def _makers(sides: Sides, decision: Decision) -> tuple[Person, ...]:
    platform = sides.head.platform
    role = f"decision-maker of {decision.id}"
    return tuple(
        named_person(platform, name, role, sides.handles) for name in decision.decision_makers
    )
