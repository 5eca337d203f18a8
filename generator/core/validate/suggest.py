""" "Did you mean …?" hints for near-miss ids, enum values and emails.

Likeness is rapidfuzz's ``fuzz.ratio`` (the normalised InDel similarity, 0-100), the
scorer the bot matches names with; it equals difflib's ``SequenceMatcher.ratio`` × 100
on the typos this is for, in C. rapidfuzz is imported on the first near miss, so a
clean ``paved validate`` does not load it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_DOC_ID = re.compile(r"^\s*(wid|adr)[-_ ]?0*(\d{1,4})\s*$", re.IGNORECASE)

#: ``cutoff`` is a 0-1 likeness; a ratio that is exactly the cutoff still counts.
_EPSILON = 1e-9


def closest(value: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The known value most like ``value``, if one is close enough to be a typo:
    same case first, then ignoring case.

    WID/ADR ids differ only by number, so string likeness means nothing there:
    only a different spelling of the same number (``adr-7``) is suggested."""
    pool = [c for c in candidates if isinstance(c, str)]
    if not isinstance(value, str) or not pool:
        return None
    doc_id = _DOC_ID.match(value)
    if doc_id:
        same = f"{doc_id.group(1).upper()}-{int(doc_id.group(2)):04d}"
        return same if same in pool else None
    from rapidfuzz import fuzz, process

    score_cutoff = cutoff * 100 - _EPSILON
    for processor in (None, str.lower):
        match = process.extractOne(
            value, pool, scorer=fuzz.ratio, processor=processor, score_cutoff=score_cutoff
        )
        if match is not None:
            return match[0]
    return None


def did_you_mean(value: str, candidates: Iterable[str], fallback: str = "") -> str:
    """A hint naming the closest candidate, else ``fallback``."""
    match = closest(value, candidates)
    if match is None or match == value:
        return fallback
    return f"did you mean '{match}'?" + (f" {fallback}" if fallback else "")
