"""Products and datasets named loosely inside a longer question.

``Resolver`` matches a whole subject against a name ("customer 360" → WID-0006); a
question about a product's facts carries other words around the name ("how long do we
keep customer data in customer 360?"), so here a name counts as mentioned when most of
its words appear in the question. At least two of its words must appear: one shared word
("stores", "sales") names dozens of things and would answer the wrong one.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from paved.bot.answer.intents import Kind
from paved.bot.answer.ranking import stem
from paved.bot.answer.text import STOPWORDS
from paved.generator.core.model import Platform

MIN_WORDS = 2
MIN_SHARE = 0.5
# Layer prefixes of lakehouse tables: people say "the store sales daily table".
_LAYERS = frozenset({"raw", "cur", "prd", "stg", "int", "dim", "fct", "fact"})
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Mention:
    kind: Kind
    id: str
    matched: int
    share: float


def name_words(text: str) -> frozenset[str]:
    """The content words of a name or question, stemmed as the index stems them
    ("audiences" and "audience" are one word)."""
    return frozenset(
        stem(w) for w in _WORD.findall(text.lower().replace("_", " ")) if w not in STOPWORDS
    )


def compounds(text: str) -> frozenset[str]:
    """Two adjacent words of a name written as one ("web shop" → "webshop", stemmed):
    people write a name's compound either way, and the index holds both."""
    found = [w for w in _WORD.findall(text.lower().replace("_", " ")) if w not in STOPWORDS]
    return frozenset(
        stem(first + second)
        for first, second in itertools.pairwise(found)
        if first.isalpha() and second.isalpha()
    )


class Mentions:
    """An inverted index word → names, so a question costs a few dict lookups even on
    a catalogue of 10,000 datasets. A product's title is also indexed by its compounds
    (two adjacent words as one), each counting for both words."""

    def __init__(self, platform: Platform) -> None:
        self._names: list[tuple[Kind, str, int]] = []
        self._by_word: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for product in platform.products.values():
            self._add(
                Kind.PRODUCT,
                product.id,
                name_words(product.title),
                compounds(product.title) - name_words(product.title),
            )
        for dataset in platform.datasets.values():
            table = dataset.table if "." in dataset.id else dataset.id
            words = name_words(table) - _LAYERS
            self._add(Kind.DATASET, dataset.id, words)

    def _add(
        self, kind: Kind, item: str, words: frozenset[str], joined: frozenset[str] = frozenset()
    ) -> None:
        if len(words) < MIN_WORDS:
            return
        position = len(self._names)
        self._names.append((kind, item, len(words)))
        for word in words:
            self._by_word[word].append((position, 1))
        for word in joined:
            self._by_word[word].append((position, 2))

    def find(self, question: str) -> list[Mention]:
        """Products and datasets whose names the question mostly contains, best first
        (most words matched, then the largest share of the name)."""
        counts: dict[int, int] = defaultdict(int)
        asked: dict[int, int] = defaultdict(int)  # question words matched, compounds once
        for word in name_words(question):
            for position, worth in self._by_word.get(word, ()):
                counts[position] += worth
                asked[position] += 1
        found = []
        for position, matched in counts.items():
            kind, item, size = self._names[position]
            matched = min(matched, size)
            share = matched / size
            if asked[position] >= MIN_WORDS and share >= MIN_SHARE:
                found.append(Mention(kind, item, matched, share))
        # Ties by id: the words are read from a set, whose order changes from run to run.
        found.sort(key=lambda m: (-m.matched, -m.share, m.id))
        return found
