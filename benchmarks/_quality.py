"""Score the engine on a question set (``benchmarks/questions.yaml``).

Shared by the benchmark (``bench_answer.py``), which prints the figures, and by the
quality-gate test (``tests/test_answer_quality.py``), which fails when hit@3 drops: both
must count hits the same way. Evaluation only, so it lives here rather than in the bot's
runtime package; ``benchmarks/`` is not a package, so callers put this folder on
``sys.path`` and ``import _quality``, as for the other ``_*.py`` helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from paved.bot.answer.types import Answer

DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class Question:
    """``expect`` holds acceptable citation URLs, or is empty when the question must be
    declined."""

    text: str
    topic: str
    expect: tuple[str, ...]

    @property
    def answerable(self) -> bool:
        return bool(self.expect)


@dataclass(frozen=True, slots=True)
class Outcome:
    question: Question
    answer: Answer
    rank: int | None  # 1-based position of the first expected citation, None if absent


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.answerable]

    @property
    def unanswerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.question.answerable]

    def hit_at(self, k: int) -> float:
        scored = self.answerable
        hits = sum(1 for o in scored if o.rank is not None and o.rank <= k)
        return hits / len(scored) if scored else 0.0

    @property
    def declined_correctly(self) -> float:
        scored = self.unanswerable
        return sum(1 for o in scored if not o.answer.answered) / len(scored) if scored else 0.0

    @property
    def declined_wrongly(self) -> int:
        return sum(1 for o in self.answerable if not o.answer.answered)

    def misses(self, k: int = 3) -> list[Outcome]:
        """Answerable questions without an expected citation in the first ``k``, and
        unanswerable ones that got an answer."""
        wrong = [o for o in self.answerable if o.rank is None or o.rank > k]
        return wrong + [o for o in self.unanswerable if o.answer.answered]


def load_questions(path: Path) -> list[Question]:
    """Read the question file; a malformed entry names its position."""
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a 'questions:' list")
    questions: list[Question] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("q"), str):
            raise ValueError(f"{path}: question {number} needs a 'q:' text")
        expect = entry.get("expect")
        if expect == DECLINED:
            urls: tuple[str, ...] = ()
        elif isinstance(expect, list) and expect and all(isinstance(u, str) for u in expect):
            urls = tuple(expect)
        else:
            raise ValueError(f"{path}: question {number} needs 'expect:' URLs or 'declined'")
        questions.append(Question(entry["q"], str(entry.get("topic", "")), urls))
    return questions


def cites(expected: str, url: str) -> bool:
    """A citation matches an expected URL exactly, or any section of an expected page."""
    if "#" in expected:
        return url == expected
    return url.split("#", 1)[0] == expected


def rank_of(question: Question, answer: Answer) -> int | None:
    if not answer.answered:
        return None
    for position, citation in enumerate(answer.citations, start=1):
        if any(cites(expected, citation.url) for expected in question.expect):
            return position
    return None


def evaluate(ask: Callable[[str], Answer], questions: Sequence[Question]) -> Report:
    report = Report()
    for question in questions:
        answer = ask(question.text)
        report.outcomes.append(Outcome(question, answer, rank_of(question, answer)))
    return report
