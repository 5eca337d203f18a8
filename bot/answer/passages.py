"""The sentences, list items and table rows of a section that answer a question.

A section can be right while its first sentences are not the answer: "how long does
approval take" is answered by a table row, "who signs off" by the one sentence naming
who. So the best-ranked sections are cut into passages (``index.passages``), each
passage scored by the question's terms it contains (with the section's heading and
page title as context: a row of the "How long does approval take" table is about
approval), and the best one or two adjacent passages decide two things: what is quoted,
and whether the section answers at all (how much of the question its best passage
covers, IDF-weighted, not merely its rank).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from paved.bot.answer.query import Term
from paved.bot.answer.ranking import stem, words
from paved.generator.core.index import Passage

MAX_QUOTED = 3
FACT_ROW = 0.7
LIST_ITEMS = 4
# At most this many passages skipped between two quoted ones of a block are filled in.
GAP = 1
# A table of at most this many rows, one of which is the answer, is quoted whole: its
# rows are the alternatives the question asks between ("when are office hours": Tuesday
# and Thursday; "raw, curated or product zone": one row each), and a row matches by the
# section's heading rather than its own words, so its siblings would score nothing.
SMALL_TABLE = 4
MAX_QUOTE_CHARS = 640
# A unit shorter than this is a fragment ("Submit."): quoted only beside its neighbour.
_MIN_UNIT = 12
_ROW = re.compile(r"^[^:;]{1,60}: ")
# How much a window holding the kind of answer asked (``answers``) is preferred over one
# holding as much of the question without it: a tie-breaker, worth less than one word.
TYPED_WINDOW = 0.05


@dataclass(frozen=True, slots=True)
class Evidence:
    """How well a section's best passage answers: ``coverage`` is the IDF-weighted share
    of the question's terms in the best window of adjacent passages (heading and page
    title included); ``quote`` the passages to show, in document order."""

    coverage: float
    quote: tuple[str, ...]
    heading: float = 0.0  # share of the question's terms in the section's own heading
    typed: bool = False  # the best window holds the kind of answer asked for
    alone: float = 0.0  # share of the question's terms in the best window's own words


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))


def term_forms(term: Term) -> list[frozenset[str]]:
    """Each alternative of ``term`` as the set of its words' stems."""
    return [f for f in (_stems(alt) for alt in term.alternatives) if f]


def weigh(
    found: Sequence[Passage],
    context: str,
    terms: Sequence[Term],
    weight: Callable[[Term], float],
    *,
    heading: str = "",
    answers: Callable[[str], bool] | None = None,
    required: bool = False,
) -> Evidence:
    """Score a section's passages against ``terms``; a window of two passages never
    spans two blocks (a sentence and the next paragraph are not one statement). With
    ``required``, only windows holding the kind of answer asked (``answers``) count: "how
    long" is answered by the sentence giving a duration, not the one sharing most words."""
    units = [p.text for p in found]
    if not terms:
        return Evidence(0.0, ())
    forms = [term_forms(t) for t in terms]
    weights = [weight(t) for t in terms]
    total = sum(weights) or 1.0
    around = _stems(context)
    unit_stems = [_stems(u) for u in units]

    def covered(present: frozenset[str]) -> tuple[float, float]:
        """(share with context, share from the text alone)."""
        with_context = alone = 0.0
        for alternatives, w in zip(forms, weights, strict=True):
            if any(f <= present for f in alternatives):
                alone += w
                with_context += w
            elif any(f <= present | around for f in alternatives):
                with_context += w
        return with_context / total, alone / total

    titled = _stems(heading)
    in_heading = (
        sum(
            w
            for alternatives, w in zip(forms, weights, strict=True)
            if any(f <= titled for f in alternatives)
        )
        / total
    )
    if not units:
        return Evidence(covered(frozenset())[0], (), in_heading)
    # A generated facts row ("Field: Status; Value: accepted") names things; it rarely
    # says why or how, so prose holding as much of the question is preferred.
    facts = [u.startswith("Field: ") for u in units]
    single = [
        (c * FACT_ROW, a * FACT_ROW) if facts[i] else (c, a)
        for i, (c, a) in enumerate(covered(s) for s in unit_stems)
    ]
    best_cover, best_score, best_window = -1.0, -1.0, (0, 0)
    typed = [answers(u) if answers is not None else False for u in units]
    for i in range(len(units)):
        for j in (i, i + 1):
            if j >= len(units) or found[j].block != found[i].block:
                continue
            if j > i:
                share = covered(unit_stems[i] | unit_stems[j])[0]
                if facts[i] and facts[j]:
                    share *= FACT_ROW  # two facts rows are no more a statement than one
            else:
                share = single[i][0]
            if required and not (typed[i] or typed[j]):
                continue
            # A window holding the kind of answer asked (a time for "how long") is
            # preferred among windows that hold as much of the question.
            score = share + (TYPED_WINDOW if typed[i] or typed[j] else 0.0)
            # A window of two must earn its second passage.
            if score > best_score + (0.001 if j > i else 0.0):
                best_cover, best_score, best_window = share, score, (i, j)
    if best_cover < 0:
        return Evidence(0.0, (), in_heading)  # no window holds the answer required
    held = answers is not None and any(typed[best_window[0] : best_window[1] + 1])
    first, last = best_window
    own = covered(frozenset().union(*unit_stems[first : last + 1]))[1]
    blocks = [p.block for p in found]
    quote = _quote(units, single, best_window, blocks)
    return Evidence(best_cover, quote, in_heading, held, own)


def _quote(
    units: Sequence[str],
    single: Sequence[tuple[float, float]],
    window: tuple[int, int],
    blocks: Sequence[object] = (),
) -> tuple[str, ...]:
    """The best window, plus the next-best passages of the section while they say
    something about the question, in document order, within the length budget; the
    whole of a small table one of whose rows is the best window."""
    chosen = list(range(window[0], window[1] + 1))
    if blocks and all(_ROW.match(units[c]) for c in chosen):
        table = [i for i in range(len(units)) if blocks[i] == blocks[window[0]]]
        if len(table) <= SMALL_TABLE and all(_ROW.match(units[i]) for i in table):
            chosen = table
    ranked = sorted(range(len(units)), key=lambda i: (-single[i][1], i))
    for i in ranked:
        if len(chosen) >= MAX_QUOTED or single[i][1] <= 0:
            break
        if i not in chosen and single[i][1] >= 0.5 * max(single[c][1] for c in chosen):
            chosen.append(i)
    chosen.sort()
    # A passage skipped between two quoted ones of the same block (a step of a list
    # between two quoted steps, a sentence between two quoted sentences of a
    # paragraph) is quoted too: "1, 2 and 4" of a procedure leaves out a step.
    if blocks:
        skipped = [
            i
            for a, b in itertools.pairwise(chosen)
            if 1 < b - a <= 1 + GAP and blocks[a] == blocks[b]
            for i in range(a + 1, b)
        ]
        chosen = sorted(chosen + skipped)
    # A passage that introduces a list ("the body needs four sections:") is quoted with
    # the first items of the list that follows: they are what it announces.
    for i in [c for c in chosen if units[c].rstrip().endswith(":")]:
        chosen += range(i + 1, min(i + 1 + LIST_ITEMS, len(units)))
    chosen = sorted(set(chosen))
    quote: list[str] = []
    used = 0
    for i in chosen:
        text = units[i].strip()
        if len(text) < _MIN_UNIT and len(chosen) == 1 and i + 1 < len(units):
            text = f"{text} {units[i + 1].strip()}"
        if used and used + len(text) > MAX_QUOTE_CHARS:
            break
        quote.append(text)
        used += len(text)
    return tuple(quote)


def render(quote: Sequence[str]) -> str:
    """Passages as one text: table rows and list items each on a line of their own,
    sentences run together."""
    parts: list[str] = []
    for text in quote:
        text = text if text[-1:] in ".!?:" else text + "."
        if _ROW.match(text) and parts:
            parts.append("\n" + text)
        else:
            parts.append((" " if parts else "") + text)
    return "".join(parts)
