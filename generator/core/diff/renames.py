"""Rename detection: pair what disappeared with what appeared when they are the same
thing under a new name, so a rename is reported once instead of as a removal plus an
addition.

Similarity comes from rapidfuzz (already a dependency for "did you mean"): the name's
normalised Indel similarity, plus, for columns, the type and the description; for
datasets, the share of column names they have in common. Pairs are chosen greedily,
best score first, each side used once; below the threshold nothing is paired, so an
unrelated removal and addition stay what they are. rapidfuzz is imported at the first
score: a build imports this module for its "What changed" page and, with no two commits
to compare, never scores (12 ms of start-up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from paved.generator.core.model import Column, Dataset

T = TypeVar("T")

#: Scores are 0..100. Chosen on the example and the tests' cases: ``email`` →
#: ``customer_email`` with the same type and description scores about 80; two unrelated
#: columns of one type with different descriptions stay under 50.
COLUMN_THRESHOLD = 65.0
DATASET_THRESHOLD = 60.0


def column_score(old: Column, new: Column) -> float:
    from rapidfuzz import fuzz

    name = fuzz.ratio(old.name.lower(), new.name.lower())
    partial = fuzz.partial_ratio(old.name.lower(), new.name.lower())
    desc = (
        fuzz.ratio(old.description, new.description) if old.description or new.description else 50.0
    )
    same_type = 100.0 if old.type.lower() == new.type.lower() else 0.0
    return 0.35 * max(name, 0.8 * partial) + 0.4 * desc + 0.25 * same_type


def dataset_score(old: Dataset, new: Dataset) -> float:
    from rapidfuzz import fuzz

    name = fuzz.ratio(old.table.lower(), new.table.lower())
    old_cols = {c.name for c in old.columns}
    new_cols = {c.name for c in new.columns}
    union = old_cols | new_cols
    overlap = 100.0 * len(old_cols & new_cols) / len(union) if union else 0.0
    same_system = 100.0 if old.system == new.system else 0.0
    desc = fuzz.ratio(old.description, new.description)
    return 0.25 * name + 0.45 * overlap + 0.15 * desc + 0.15 * same_system


def pair(
    removed: Sequence[T], added: Sequence[T], score: Callable[[T, T], float], threshold: float
) -> list[tuple[T, T, float]]:
    """Best-first pairs ``(old, new, score)`` at or above ``threshold``, each used once."""
    if not removed or not added:
        return []
    scored = sorted(
        ((score(old, new), i, j) for i, old in enumerate(removed) for j, new in enumerate(added)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[T, T, float]] = []
    for value, i, j in scored:
        if value < threshold:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((removed[i], added[j], value))
    return pairs
