"""Full-text ranking of index sections with SQLite FTS5 (bm25, porter stemming).

Chosen over ``bm25s`` after measuring both on 20,000+ sections (benchmarks/README.md):
FTS5 ships with Python, weights columns natively (a heading match counts more than
a body match) and filters by page kind in the same query. Besides the rank, each hit
reports which query terms it contains, weighted by how rare each term is: that
"coverage" is what decides whether an answer is good enough to give at all.
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from paved.bot.answer import general
from paved.generator.core.index import IndexSection

TOKENIZER = "porter unicode61 remove_diacritics 2"
# bm25 column weights: heading, page title, body, kind. A term in a heading says the
# section is about it; in the page title, the page is; in the body, it is merely
# mentioned. The kind column only filters ("kinddoc" cannot collide with a real word).
WEIGHTS = (8.0, 3.0, 1.0, 0.0)
# Words in more than this share of all sections ("data" on a data platform) say little
# about relevance but make FTS5 score most of the index: they are left out of the query
# (unless nothing rarer is asked) and out of the coverage.
COMMON_SHARE = 0.5
# A word no section contains weighs this share of the rarest known word: it is part of
# the question the content cannot answer, but a name the docs never use ("datahub" in
# "why not a proper tool like datahub") must not outweigh everything else asked.
UNKNOWN_SHARE = 0.75
# Candidates are fetched by the rarest query words whose sections add up to this many
# (at least two words): bm25 over 20,000 rows was most of a slow answer on a large
# portal. Measured in benchmarks/README.md ("Answering engine, third round").
POSTINGS_BUDGET = 3_000
MIN_RETRIEVING = 2
# Kinds are filtered after ranking (twice the candidates fetched) when the kinds left
# out hold at most this share of the sections, in the FTS5 query otherwise.
OUTSIDE_SHARE = 0.05
# Letters and digits: underscores separate words, as FTS5's unicode61 tokenizer reads them.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked section: ``score`` is FTS5's bm25 with the sign flipped (higher is
    better), ``coverage`` the IDF-weighted share of query terms found in the section."""

    section: IndexSection
    score: float
    coverage: float
    matched: frozenset[str]


def _kind_token(kind: str) -> str:
    return "kind" + re.sub(r"\W", "", kind.lower())


def _quoted(phrase: str) -> str:
    """An FTS5 string (a phrase of the words of ``phrase``): double quotes and FTS5
    syntax never reach the query."""
    return '"' + " ".join(words(phrase)) + '"'


def words(text: str) -> list[str]:
    """Lower-case word tokens as the unicode61 tokenizer splits them."""
    return _WORD.findall(text.lower())


@functools.cache
def _tokenizer() -> tuple[sqlite3.Connection, threading.Lock]:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(
        f"""
        CREATE VIRTUAL TABLE scratch USING fts5(word, tokenize = '{TOKENIZER}');
        CREATE VIRTUAL TABLE scratch_terms USING fts5vocab(scratch, 'instance');
        """
    )
    return db, threading.Lock()


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The term the index stores for ``word`` (Porter's stemmer, as FTS5's ``porter``
    tokenizer applies it), read back through a scratch table. The engine's one stemmer:
    names matched outside FTS5 (``mentions``) fold exactly as the ranked text does."""
    db, lock = _tokenizer()
    with lock:
        db.execute("DELETE FROM scratch")
        db.execute("INSERT INTO scratch(word) VALUES (?)", (word,))
        row = db.execute("SELECT term FROM scratch_terms LIMIT 1").fetchone()
    return str(row[0]) if row else word


class SectionSearch:
    """An in-memory FTS5 table over the sections; safe to share between threads."""

    def __init__(self, sections: Sequence[IndexSection]) -> None:
        self.sections = list(sections)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.executescript(
            f"""
            CREATE VIRTUAL TABLE sections USING fts5(
                heading, page, body, kind, tokenize = '{TOKENIZER}');
            CREATE VIRTUAL TABLE terms USING fts5vocab(sections, 'row');
            """
        )
        self._db.executemany(
            "INSERT INTO sections(rowid, heading, page, body, kind) VALUES (?, ?, ?, ?, ?)",
            (
                # A page's first section has the page title as its heading: counting
                # it twice would rank every introduction above the section that answers.
                (
                    number,
                    "" if s.title == s.page_title else s.title,
                    s.page_title,
                    s.text,
                    _kind_token(s.kind),
                )
                for number, s in enumerate(self.sections)
            ),
        )
        self._db.commit()
        self._df: dict[str, int] = {}
        self._held_phrases: dict[str, bool] = {}
        self._kinds = Counter(section.kind for section in self.sections)
        self._stems: dict[int, frozenset[str]] = {}

    def close(self) -> None:
        self._db.close()

    def idf(self, word: str) -> float:
        """Inverse document frequency of ``word`` (as stemmed by the index); a word
        the index has never seen gets the highest weight: it is what the asker needs."""
        with self._lock:
            return self._idf(word)

    def search(
        self,
        query: str,
        *,
        kinds: Collection[str] | None = None,
        limit: int = 10,
        candidates: int = 30,
    ) -> list[Hit]:
        """Sections matching any content word of ``query``, best first (each word its
        own term, no synonyms: ``search_terms`` is the general form)."""
        asked = list(dict.fromkeys(words(query)))
        return self.search_terms(
            [(w,) for w in asked], kinds=kinds, limit=limit, candidates=candidates
        )

    def search_terms(
        self,
        terms: Sequence[Sequence[str]],
        *,
        kinds: Collection[str] | None = None,
        limit: int = 10,
        candidates: int = 30,
        weights: Sequence[float | None] | None = None,
    ) -> list[Hit]:
        """Sections matching any alternative of any term, best first.

        Each term is a tuple of alternatives (a word and its synonyms; phrases match as
        phrases); a section contains the term when it contains any alternative. FTS5
        ranks ``candidates`` sections by bm25 with column weights; they are then ordered
        by bm25 scaled by coverage (the IDF-weighted share of terms contained), so a
        section that answers every part of the question beats one that repeats a
        single word many times. A term's weight is that of its most common known
        alternative (a synonym must not make a question look rarer than it is), unless
        ``weights`` gives it (aligned with ``terms``; None keeps the default)."""
        if not terms:
            return []
        with self._lock:
            limit_df = COMMON_SHARE * len(self.sections)
            kept: list[tuple[str, list[str], int]] = []
            given: dict[str, float] = {}
            for number, term in enumerate(terms):
                phrases = [p for p in dict.fromkeys(term) if words(p)]
                if not phrases:
                    continue
                frequency = {p: self._phrase_frequency(p) for p in phrases}
                usable = [p for p in phrases if frequency[p] <= limit_df]
                known = [frequency[p] for p in usable if frequency[p] > 0]
                kept.append((phrases[0], usable or phrases, max(known, default=0)))
                override = weights[number] if weights is not None else None
                if override is not None:
                    given[phrases[0]] = override
            rare = [k for k in kept if any(self._phrase_frequency(p) <= limit_df for p in k[1])]
            if not rare and kept:
                rare = [min(kept, key=lambda k: k[2])]
            if not rare:
                return []
            alternatives = list(dict.fromkeys(p for _, ps, _ in rare for p in ps))
            match = " OR ".join(_quoted(p) for p in self._retrieving(alternatives))
            # Most kinds wanted (everything but a few index pages): filtering afterwards
            # is cheaper than intersecting with a kind token held by most sections.
            outside = self._outside(kinds)
            if kinds is not None and outside > OUTSIDE_SHARE * len(self.sections):
                wanted = " OR ".join(_kind_token(kind) for kind in kinds)
                match = f"kind : ({wanted}) AND ({match})"
                outside = 0
            fetched: list[tuple[int, float]] = self._db.execute(
                "SELECT rowid, -bm25(sections, ?, ?, ?, ?) FROM sections WHERE sections MATCH ?"
                " ORDER BY bm25(sections, ?, ?, ?, ?) LIMIT ?",
                [*WEIGHTS, match, *WEIGHTS, candidates + (candidates if outside else 0)],
            ).fetchall()
            allowed = set(kinds) if kinds is not None else None
            rows = [
                (rowid, score)
                for rowid, score in fetched
                if allowed is None or self.sections[rowid].kind in allowed
            ][:candidates]
            if not rows:
                return []
            found = self._containing(alternatives, [rowid for rowid, _ in rows])
        weighed = {
            asked: given.get(asked, self._everyday(asked, self._weight(df)))
            for asked, _, df in rare
        }
        total = sum(weighed.values()) or 1.0
        hits = []
        for rowid, score in rows:
            matched = frozenset(
                asked for asked, ps, _ in rare if any(rowid in found[p] for p in ps)
            )
            coverage = sum(weighed[t] for t in matched) / total
            hits.append(Hit(self.sections[rowid], score, coverage, matched))
        hits.sort(key=lambda hit: hit.score * (0.25 + hit.coverage), reverse=True)
        return hits[:limit]

    def _outside(self, kinds: Collection[str] | None) -> int:
        """How many sections are of a kind not in ``kinds``."""
        if kinds is None:
            return 0
        return sum(n for kind, n in self._kinds.items() if kind not in kinds)

    def _retrieving(self, alternatives: Sequence[str]) -> list[str]:
        """The alternatives the candidates are retrieved by: the rarest first, while
        their sections add up to ``POSTINGS_BUDGET`` (at least ``MIN_RETRIEVING``).
        On a portal of 80,000 sections a word in 20,000 of them made FTS5 score every
        one; it still counts in each candidate's coverage, it just does not fetch."""
        ranked = sorted(alternatives, key=self._phrase_frequency)
        chosen: list[str] = []
        total = 0
        for phrase in ranked:
            df = self._phrase_frequency(phrase)
            if len(chosen) >= MIN_RETRIEVING and total + df > POSTINGS_BUDGET:
                break
            chosen.append(phrase)
            total += df
        return chosen

    def weight(self, phrase: str) -> float:
        """IDF weight of a word or phrase (a phrase as its rarest word: an upper bound
        on how many sections hold it)."""
        with self._lock:
            return self._everyday(phrase, self._weight(self._phrase_frequency(phrase)))

    def _everyday(self, word: str, weight: float) -> float:
        """``weight`` capped when ``word`` is an everyday English word the portal rarely
        uses ("held", "instead"): it says little of what is asked (``general``)."""
        return general.capped(word, weight, top=self._weight(1))

    def _phrase_frequency(self, phrase: str) -> int:
        tokens = words(phrase)
        rarest = min((self._frequency(w) for w in tokens), default=0)
        if len(tokens) < 2 or rarest == 0:
            return rarest
        # A phrase of known words that no section holds as a phrase ("system of record"
        # on a portal that never names one) is unknown, like a word no section holds;
        # otherwise its rarest word bounds how many sections hold it.
        held = self._held_phrases.get(phrase)
        if held is None:
            row = self._db.execute(
                "SELECT rowid FROM sections WHERE sections MATCH ? LIMIT 1", [_quoted(phrase)]
            ).fetchone()
            held = row is not None
            if len(self._held_phrases) < 100_000:
                self._held_phrases[phrase] = held
        return rarest if held else 0

    def frequency(self, word: str) -> int:
        """How many sections contain ``word`` (after stemming)."""
        with self._lock:
            return self._frequency(word)

    def _containing(self, tokens: Sequence[str], rowids: Sequence[int]) -> dict[str, set[int]]:
        """Which of ``rowids`` hold each token. A rare token asks FTS5; a common one is
        looked up in the candidates' own stemmed words, because FTS5 walks the whole
        posting list of a word in 20,000 sections to answer for 30 of them."""
        marks = ", ".join("?" for _ in rowids)
        # Only "?" placeholders are interpolated; every value is a bound parameter.
        sql = f"SELECT rowid FROM sections WHERE sections MATCH ? AND rowid IN ({marks})"  # noqa: S608
        found: dict[str, set[int]] = {}
        for token in tokens:
            if self._phrase_frequency(token) <= POSTINGS_BUDGET:
                found[token] = {row[0] for row in self._db.execute(sql, [_quoted(token), *rowids])}
                continue
            wanted = {stem(w) for w in words(token)}
            found[token] = {r for r in rowids if wanted <= self._stems_of(r)}
        return found

    def _stems_of(self, rowid: int) -> frozenset[str]:
        held = self._stems.get(rowid)
        if held is None:
            section = self.sections[rowid]
            text = f"{section.title} {section.page_title} {section.text}"
            held = frozenset(stem(w) for w in set(words(text)))
            if len(self._stems) > 5_000:
                self._stems.clear()
            self._stems[rowid] = held
        return held

    def _idf(self, word: str) -> float:
        return self._weight(self._frequency(word))

    def _weight(self, df: int) -> float:
        n = len(self.sections)
        if df == 0:
            return UNKNOWN_SHARE * math.log(1.0 + (n - 0.5) / 1.5)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _frequency(self, word: str) -> int:
        """How many sections contain ``word`` (as stemmed by the index)."""
        term = stem(word)
        df = self._df.get(term)
        if df is None:
            row = self._db.execute("SELECT doc FROM terms WHERE term = ?", (term,)).fetchone()
            df = int(row[0]) if row else 0
            if len(self._df) < 100_000:
                self._df[term] = df
        return df
