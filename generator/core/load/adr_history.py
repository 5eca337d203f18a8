"""A status history → the current status.

Logs that keep a decision's history write several statuses: one per line under
``## Status`` ("Proposed" / "Accepted"), dated lines or rows ("2020-01-01 Proposed",
``| Accepted | 2020-02-01 |``), or one line ("Proposed 2020-01-01 / Accepted
2020-02-01", "Proposed → Accepted"). The record's status is the current one: the most
recent by date when every entry is dated, else the last written. The history itself
stays in the body, where the page shows it.

An entry is short: a status word, a date and at most a few joining words ("Accepted
on 2020-02-01"). A sentence that merely starts with a status word ("Open questions
remain") is prose, not history, so it never outvotes the status above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paved.generator.core.load.adr_status import canonical, written_phrase

#: Between two entries written on one line. The blanks before "/" are matched from the
#: start of their run only, and never given back: tried from every blank of a long run
#: without a "/", "[ \t]+/" cost the square of its length (17 s for 100,000 spaces).
_SEPARATOR = re.compile(r"(?<![ \t])[ \t]++/[ \t]+|[;,]|→|->|=>|⇒")
#: A date anywhere in an entry: ISO (2020-01-01, 2020/01/01) or day-first (01.02.2020).
_DATE = re.compile(
    r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)|(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)"
)
_WORD = re.compile(r"[^\W\d_]+")
#: Words that may join a status and its date ("Accepted on 2020-02-01", "since", "at").
_MAX_OTHER_WORDS = 3


@dataclass(frozen=True, slots=True)
class Entry:
    """One status in a history: the phrase as written, where it starts, its date."""

    phrase: str
    offset: int
    date: tuple[int, int, int] | None


def entries(text: str) -> list[Entry]:
    """The history entries written in one line (table cells read as one line); ``[]``
    when the line is prose or names no status."""
    plain = text.replace("|", " ") if text.lstrip().startswith("|") else text
    out: list[Entry] = []
    start = 0
    for separator in [*_SEPARATOR.finditer(plain), None]:
        end = separator.start() if separator else len(plain)
        segment = plain[start:end]
        start = separator.end() if separator else end
        if not segment.strip():
            continue
        entry = _entry(segment, end - len(segment))
        if entry is None:
            return []  # one part is prose: the line is prose
        out.append(entry)
    return out


def _entry(segment: str, offset: int) -> Entry | None:
    date_match = _DATE.search(segment)
    date = _date_of(date_match) if date_match else None
    rest = segment
    if date_match:
        rest = segment[: date_match.start()] + " " + segment[date_match.end() :]
    rest = re.sub(r"\[([^\[\]]*+)\]\([^()]*+\)", r"\1", rest)
    phrase = written_phrase(rest)
    if not phrase or canonical(phrase, {}) is None:
        return None
    words = _WORD.findall(rest)
    if len(words) - len(_WORD.findall(phrase)) > _MAX_OTHER_WORDS:
        return None
    lead = len(segment) - len(segment.lstrip())
    found = segment.find(phrase)
    return Entry(phrase, offset + (found if found >= 0 else lead), date)


def _date_of(match: re.Match[str]) -> tuple[int, int, int] | None:
    if match.group(1):
        return (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return (int(match.group(6)), int(match.group(5)), int(match.group(4)))


def is_choice_list(text: str) -> bool:
    """A template's list of every status left in place ("Proposed, Accepted, Rejected,
    Deprecated, Superseded"): three or more undated entries naming three or more
    different statuses. A history moves through at most two kinds of status on its way
    ("Proposed → Accepted → Implemented"); a list of choices names them all."""
    if _explains_choices(text):
        return True
    found = entries(text)
    if found:
        if len(found) < 3 or any(e.date is not None for e in found):
            return False
        return len({canonical(e.phrase, {}) for e in found}) >= 3
    # A template's longer list, its choices explained ("RFC by dd/mm/YYYY, Proposed,
    # ..., Superseded by ADR-XXX or Supersedes ADR-XXX"): nearly every part opens with
    # a different status and none is dated.
    parts = [p for p in _SEPARATOR.split(text) if _WORD.search(p)]
    if len(parts) < 4 or any(_DATE.search(p) for p in parts):
        return False
    heads = [canonical(written_phrase(p), {}) for p in parts]
    named = [h for h in heads if h is not None]
    return len(named) * 4 >= len(parts) * 3 and len(set(named)) >= 3


#: How a template explains the status it asks for: "The decision's status, such as
#: pending, decided, or approved.", "One of proposed, accepted, rejected, ... etc.",
#: "The status of the requirement (draft, reviewed, committed, etc.)".
_EXPLAINING = re.compile(r"\b(?:such as|one of|e\.g\.|for example|etc\b)", re.IGNORECASE)
_LISTED = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)?")


def _explains_choices(text: str) -> bool:
    """A template's sentence listing the statuses to choose from: two or more status
    words in a list introduced by "such as", "one of", "e.g." or closed by "etc."."""
    if _EXPLAINING.search(text) is None or text.count(",") < 2:
        return False
    items = [item.strip(" .()[]*_").lower() for item in re.split(r",|\bor\b|\(|\)", text)]
    listed = [
        item
        for item in items
        if _LISTED.fullmatch(item.removeprefix("and ").strip())
        and canonical(item.removeprefix("and ").strip(), {}) is not None
    ]
    return len(listed) >= 2


def current(found: list[Entry]) -> Entry | None:
    """The current status of a history: the most recent when every entry is dated
    (ties: the later written), else the last written; ``None`` for no entry."""
    if not found:
        return None
    dated = [e for e in found if e.date is not None]
    if len(dated) == len(found):
        return max(enumerate(found), key=lambda pair: (pair[1].date, pair[0]))[1]
    return found[-1]
