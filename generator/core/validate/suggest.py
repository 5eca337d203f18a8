""" "Did you mean …?" hints for near-miss ids, enum values and emails."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_DOC_ID = re.compile(r"^\s*(wid|adr)[-_ ]?0*(\d{1,4})\s*$", re.IGNORECASE)


def closest(value: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The known value most like ``value``, if one is close enough to be a typo.

    WID/ADR ids differ only by number, so string likeness means nothing there:
    only a different spelling of the same number (``adr-7``) is suggested."""
    pool = [c for c in candidates if isinstance(c, str)]
    if not isinstance(value, str) or not pool:
        return None
    doc_id = _DOC_ID.match(value)
    if doc_id:
        same = f"{doc_id.group(1).upper()}-{int(doc_id.group(2)):04d}"
        return same if same in pool else None
    matches = difflib.get_close_matches(value, pool, n=1, cutoff=cutoff)
    if not matches:
        lowered = {c.lower(): c for c in pool}
        matches = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=cutoff)
        return lowered[matches[0]] if matches else None
    return matches[0]


def did_you_mean(value: str, candidates: Iterable[str], fallback: str = "") -> str:
    """A hint naming the closest candidate, else ``fallback``."""
    match = closest(value, candidates)
    if match is None or match == value:
        return fallback
    return f"did you mean '{match}'?" + (f" {fallback}" if fallback else "")
