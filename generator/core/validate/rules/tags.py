"""Near-duplicate tags: ``cost`` and ``costs``, ``data-quality`` and ``data_quality``.

Tags only help a reader when one topic has one spelling; on the example, 54 of 85 tags
were used once, several of them variants of another. Two tags are near-duplicates when
they are the same after folding case, separators and a plural ending, or (for words of
six letters or more) one letter apart: an insertion, a deletion, a substitution or two
letters swapped. The less used spelling is reported where it is written (WIDs, ADRs and
docs pages alike), naming the spelling to use; a warning, since only people can tell
``ops`` from ``opt``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.types import MarkdownDoc
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.inputs import ADR, DOC, WID

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({WID, ADR, DOC})


_SEPARATORS = re.compile(r"[\s_\-./]+")
#: Shorter words are too often legitimately one letter apart (ops/opt, etl/elt).
_TYPO_MIN_LENGTH = 6
#: Beyond this many distinct tags only folding is compared (pairwise typos are quadratic).
_TYPO_MAX_TAGS = 3000


@dataclass(frozen=True, slots=True)
class TagUse:
    tag: str
    doc: MarkdownDoc
    index: int


def fold(tag: str) -> str:
    """Case, separators and a plural ending folded away: ``Data-Qualities`` → ``dataquality``."""
    text = _SEPARATORS.sub("", tag.strip().lower())
    if len(text) > 4 and text.endswith("ies"):
        return text[:-3] + "y"
    if len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        return text[:-1]
    return text


def one_edit_apart(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def _uses(docs: Iterable[MarkdownDoc]) -> Iterator[TagUse]:
    for doc in docs:
        tags = doc.front_matter.get("tags")
        if not isinstance(tags, list):
            continue
        for i, tag in enumerate(tags):
            if isinstance(tag, str) and tag.strip():
                yield TagUse(tag.strip(), doc, i)


def preferred(spellings: Iterable[str], counts: Counter[str]) -> str:
    """The spelling to keep: the most used, then the shortest, then the first in order."""
    return min(spellings, key=lambda t: (-counts[t], len(t), t))


def near_duplicates(counts: Counter[str]) -> dict[str, str]:
    """Each spelling that has a near-duplicate used more → the spelling to use instead."""
    by_fold: dict[str, list[str]] = {}
    for tag in counts:
        by_fold.setdefault(fold(tag), []).append(tag)
    groups = list(by_fold.items())
    # Folded keys one letter apart join their groups (union by the first group's key).
    parent = {key: key for key, _ in groups}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    if len(groups) <= _TYPO_MAX_TAGS:
        keys = sorted(k for k, _ in groups if len(k) >= _TYPO_MIN_LENGTH)
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if one_edit_apart(a, b):
                    parent[root(b)] = root(a)
    merged: dict[str, list[str]] = {}
    for key, spellings in groups:
        merged.setdefault(root(key), []).extend(spellings)
    replace: dict[str, str] = {}
    for spellings in merged.values():
        if len(spellings) < 2:
            continue
        keep = preferred(spellings, counts)
        replace.update({t: keep for t in spellings if t != keep})
    return replace


def check(ctx: Context) -> list[Diagnostic]:
    loaded = ctx.loaded
    uses = list(_uses([*loaded.wids, *loaded.adrs, *loaded.docs]))
    counts: Counter[str] = Counter(u.tag for u in uses)
    replace = near_duplicates(counts)
    out: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    for use in uses:
        keep = replace.get(use.tag)
        if keep is None or (use.doc.path, use.tag) in seen:
            continue
        seen.add((use.doc.path, use.tag))
        times = counts[keep]
        out.append(
            diagnostic(
                "DOC403",
                use.doc.locate(("tags", use.index)),
                f"tag '{use.tag}' looks like a variant of '{keep}' (used {times} "
                f"time{'s' if times != 1 else ''}); write '{keep}' so both appear under one tag",
            )
        )
    return out
