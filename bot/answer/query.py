"""A question as the index can match it: typos corrected, synonyms attached.

People type "validaton", "custmers", "airflwo" and "silver tabel". Each word the
index has never seen is compared with the index's own vocabulary (every word of the
portal's sections, which includes the names of systems, datasets, columns, people and
products) with rapidfuzz's optimal-string-alignment distance, so one slip (or a swapped
pair of letters) in a word of five letters or more, two in a long word, still finds the
word the docs use. A word with no close neighbour, or an English word ("lunch" is not a
slip for "launch"), is kept as asked: it is what the content may not cover, and the
engine's decline test needs to see it.

Each content word then becomes a ``Term``: the word and its synonyms, any of which a
section may contain. Phrases ("break glass", "sign off") are matched before words.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from paved.bot.answer.general import zipf
from paved.bot.answer.synonyms import Synonyms
from paved.bot.answer.text import STOPWORDS

MIN_TYPO_LENGTH = 5
LONG_WORD = 8
# An obscure English word is read as a slip only for a word at least this common in
# English (Zipf scale: "first" 6.1, "lineage" 3.5, "planning" 4.9).
EVERYDAY_SLIP_ZIPF = 3.0
# A slip in an inflected word ("pseudonymsing") may be three edits from every form the
# docs use ("pseudonymised") yet one from their common stem: a word this long, with no
# close neighbour, is compared by its stem with the beginnings of the index's words.
STEM_TYPO_LENGTH = 8
# A word at least this common in English is a word, not a slip, even when GCIDE's list
# lacks it: the list holds few inflected forms, and "brought", "seems", "feels" and
# "locked" (Zipf 4.4-5.2) were "corrected" to "bought", "sees", "feeds" and "looked".
# Slips are rare in text at large: those of the benchmark's questions are at most 3.5
# ("chanel", a brand name, for "channel").
COMMON_WORD_ZIPF = 4.0
_WORD = re.compile(r"[a-z][a-z0-9]*")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[a-z]+)?")


@functools.cache
def english() -> frozenset[str]:
    """English words (GCIDE's list, lower case): a word of the language that the index
    does not hold is what the asker means, not a slip for an index word."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True))


@dataclass(frozen=True, slots=True)
class Term:
    """One thing the question asks for: ``alternatives[0]`` as asked, then synonyms.
    A section matches the term when it contains any alternative (phrases as phrases)."""

    alternatives: tuple[str, ...]
    # The term's IDF weight when it is not that of its most common alternative (a slot
    # several offered answers fill weighs what they weighed together).
    weight: float | None = None

    @property
    def asked(self) -> str:
        return self.alternatives[0]


class Vocabulary:
    """Every word of the index with the number of sections it appears in."""

    def __init__(
        self,
        counts: Counter[str],
        *,
        stemmed: Callable[[str], bool] | None = None,
        stem: Callable[[str], str] | None = None,
    ) -> None:
        self.counts = counts
        # The ranking's stemmer, to correct a slip in an inflected word by its stem.
        self._stem = stem
        # The ranking stems: a word whose stem the index holds ("cards" for "card") is
        # not a slip, whatever its spelling.
        self._stemmed = stemmed
        # By first letter and length: a slip of one or two letters keeps both (mostly),
        # and a question then compares its word with a few hundred words, not 100,000.
        buckets: dict[tuple[str, int], list[str]] = {}
        for word in counts:
            if len(word) >= MIN_TYPO_LENGTH - 1 and word.isalpha():
                buckets.setdefault((word[0], len(word)), []).append(word)
        self._buckets = buckets
        self._corrections: dict[str, str | None] = {}

    @classmethod
    def of(
        cls,
        texts: Iterable[str],
        *,
        stemmed: Callable[[str], bool] | None = None,
        stem: Callable[[str], str] | None = None,
    ) -> Vocabulary:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(set(_WORD.findall(text.lower())))
        return cls(counts, stemmed=stemmed, stem=stem)

    def knows(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str | None:
        """The index word ``word`` is most likely a slip for, or None (known, too
        short, or nothing close). Ties go to the word more sections use."""
        if word in self.counts or len(word) < MIN_TYPO_LENGTH or not word.isalpha():
            return None
        if word in self._corrections:
            return self._corrections[word]
        if self._stemmed is not None and self._stemmed(word):
            self._corrections[word] = None
            return None
        # An English word is kept ("lunch" is no slip for "launch"), unless it is one
        # nobody writes any more ("frist", "planing", "linage": absent from everyday
        # English) and one slip from an everyday word the index holds ("first").
        obscure = word in english() and zipf(word) == 0.0
        if (word in english() and not obscure) or zipf(word) >= COMMON_WORD_ZIPF:
            self._corrections[word] = None
            return None
        limit = 1 if obscure else 2 if len(word) >= LONG_WORD else 1
        choices = [
            choice
            for size in range(len(word) - limit, len(word) + limit + 1)
            for choice in self._buckets.get((word[0], size), ())
        ]
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=8)
        best: str | None = None
        if obscure:
            close = [choice for choice, _, _ in found if zipf(choice) >= EVERYDAY_SLIP_ZIPF]
            best = max(close, key=lambda w: (self.counts[w], w)) if close else None
        elif found:
            nearest = min(distance for _, distance, _ in found)
            close = [choice for choice, distance, _ in found if distance == nearest]
            best = max(close, key=lambda w: (self.counts[w], w))
        elif self._stem is not None:
            best = self._by_stem(word)
        if len(self._corrections) < 50_000:
            self._corrections[word] = best
        return best

    def _by_stem(self, word: str) -> str | None:
        """The index word whose beginning is one slip from ``word``'s stem ("pseudonyms",
        of "pseudonymsing", begins "pseudonymised"); the closest to ``word`` as typed,
        then the most used, when several do."""
        assert self._stem is not None
        root = self._stem(word)
        if len(root) < STEM_TYPO_LENGTH or root == word:
            return None
        starts: dict[str, list[str]] = {}
        for size in range(len(root), len(word) + LONG_WORD):
            for choice in self._buckets.get((word[0], size), ()):
                starts.setdefault(choice[: len(root)], []).append(choice)
        found = process.extract(root, list(starts), scorer=OSA.distance, score_cutoff=1, limit=8)
        close = [c for start, _, _ in found for c in starts[start]]
        if not close:
            return None
        return min(close, key=lambda w: (OSA.distance(word, w), -self.counts[w], w))

    def corrected(self, text: str, *, keep: frozenset[str] = frozenset()) -> str:
        """``text`` lower-cased with every unknown word replaced by its correction."""

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            if "'" in word:
                # "sytem's": the slip is in the word, not its ending ("don't" is kept).
                base, _, ending = word.partition("'")
                if ending != "s" or base in STOPWORDS or base in keep:
                    return word
                return f"{self.correct(base) or base}'s"
            if word in STOPWORDS or word in keep:
                return word
            return self.correct(word) or word

        return _TOKEN.sub(fix, text.lower())


def terms(words: Sequence[str], text: str, synonyms: Synonyms) -> list[Term]:
    """The question's content ``words`` as terms: synonym phrases found in ``text``
    first (their words are then not asked again), then each remaining word."""
    tokens = re.sub(r"[^\w\s]|_", " ", text.lower()).split()
    singular = [_singular(t) for t in tokens]
    found: list[Term] = []
    covered: set[str] = set()
    for phrase in synonyms.phrases:
        # Word by word, hyphens as spaces, plurals as singulars: "office hour", "drop-in
        # session" and "drop in sessions" all find their phrase.
        wanted = [_singular(w) for w in re.sub(r"[^\w\s]|_", " ", phrase).split()]
        if not wanted or set(wanted) <= {_singular(c) for c in covered}:
            continue  # inside a longer phrase already found
        size = len(wanted)
        at = next(
            (i for i in range(len(singular) - size + 1) if singular[i : i + size] == wanted),
            None,
        )
        if at is not None:
            found.append(Term((phrase, *synonyms.of(phrase))))
            covered.update(tokens[at : at + size])
    for word in words:
        if word in covered:
            continue
        alternatives = synonyms.of(word) or synonyms.of(word.rstrip("s"))
        if not alternatives and manner(word):
            continue  # "physically", "properly"; one the vocabulary knows ("locally") is kept
        found.append(Term((word, *alternatives)))
    return found


# "-ly" words that say when or how often, not how: "weekly" is a schedule asked about.
_PERIODIC = frozenset(
    {
        "hourly",
        "daily",
        "nightly",
        "weekly",
        "biweekly",
        "fortnightly",
        "monthly",
        "quarterly",
        "yearly",
        "annually",
    }
)


def manner(word: str) -> bool:
    """Whether ``word`` is an adverb of manner made from an English adjective
    ("physically", "properly", "directly", "easily"): it says how something is done or
    asked, which the sentence that answers rarely repeats ("where are tables physically
    stored" is answered by "stored as files"). Schedules ("weekly") are kept."""
    if len(word) < 5 or not word.endswith("ly") or word in _PERIODIC:
        return False
    base = word[:-3] + "y" if word.endswith("ily") else word[:-2]
    if word.endswith("lly") and word[:-1] in english():
        base = word[:-1]  # "fully" of "full"
    return len(base) >= 4 and base in english()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
