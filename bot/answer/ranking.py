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
from collections.abc import Collection, Sequence
from dataclasses import dataclass

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
_WORD = re.compile(r"\w+")


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
        """Sections matching any content word of ``query``, best first.

        FTS5 ranks ``candidates`` sections by bm25 with column weights; they are then
        ordered by bm25 scaled by coverage, so a section that answers every part of the
        question beats one that repeats a single word many times."""
        asked = list(dict.fromkeys(words(query)))
        if not asked:
            return []
        with self._lock:
            frequency = {token: self._frequency(token) for token in asked}
            limit_df = COMMON_SHARE * len(self.sections)
            tokens = [t for t in asked if frequency[t] <= limit_df]
            if not tokens:
                tokens = [min(asked, key=lambda t: frequency[t])]
            match = " OR ".join(f'"{token}"' for token in tokens)
            if kinds is not None:
                wanted = " OR ".join(_kind_token(kind) for kind in kinds)
                match = f"kind : ({wanted}) AND ({match})"
            rows: list[tuple[int, float]] = self._db.execute(
                "SELECT rowid, -bm25(sections, ?, ?, ?, ?) FROM sections WHERE sections MATCH ?"
                " ORDER BY bm25(sections, ?, ?, ?, ?) LIMIT ?",
                [*WEIGHTS, match, *WEIGHTS, candidates],
            ).fetchall()
            if not rows:
                return []
            found = self._containing(tokens, [rowid for rowid, _ in rows])
        weights = {token: self._weight(frequency[token]) for token in tokens}
        total = sum(weights.values()) or 1.0
        hits = []
        for rowid, score in rows:
            matched = frozenset(t for t in tokens if rowid in found[t])
            coverage = sum(weights[t] for t in matched) / total
            hits.append(Hit(self.sections[rowid], score, coverage, matched))
        hits.sort(key=lambda hit: hit.score * (0.25 + hit.coverage), reverse=True)
        return hits[:limit]

    def frequency(self, word: str) -> int:
        """How many sections contain ``word`` (after stemming)."""
        with self._lock:
            return self._frequency(word)

    def _containing(self, tokens: Sequence[str], rowids: Sequence[int]) -> dict[str, set[int]]:
        marks = ", ".join("?" for _ in rowids)
        # Only "?" placeholders are interpolated; every value is a bound parameter.
        sql = f"SELECT rowid FROM sections WHERE sections MATCH ? AND rowid IN ({marks})"  # noqa: S608
        return {
            token: {row[0] for row in self._db.execute(sql, [f'"{token}"', *rowids])}
            for token in tokens
        }

    def _idf(self, word: str) -> float:
        return self._weight(self._frequency(word))

    def _weight(self, df: int) -> float:
        n = len(self.sections)
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
