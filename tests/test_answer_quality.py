"""Quality gate: the benchmark question set against the bundled Halden example.

Not a timing: it fails when a change to ranking, intents or thresholds makes the bot
cite the wrong sections (hit@3 below 0.9) or answer what the content cannot answer.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from paved.bot.answer.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "benchmarks" / "questions.yaml"
# benchmarks/ is a folder of scripts, not a package: its helpers import by file name.
sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    from _quality import Report, evaluate, load_questions
finally:
    sys.path.remove(str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def report() -> Report:
    engine = Engine.from_root(ROOT)
    try:
        return evaluate(engine.ask, load_questions(QUESTIONS))
    finally:
        engine.close()


def describe(report: Report) -> str:
    return "; ".join(
        f"{o.question.text!r} -> {[c.url for c in o.answer.citations[:3]]}" for o in report.misses()
    )


def test_question_set_covers_every_kind_of_content() -> None:
    questions = load_questions(QUESTIONS)
    topics = [q.topic for q in questions if q.answerable]
    assert len(questions) >= 46
    assert {"docs", "products", "decisions", "catalogue"} <= set(topics)
    assert sum(1 for q in questions if not q.answerable) >= 6


def test_hit_at_3_is_at_least_0_9(report: Report) -> None:
    assert report.hit_at(3) >= 0.9, describe(report)


def test_unanswerable_questions_are_declined(report: Report) -> None:
    assert report.declined_correctly >= 0.85, describe(report)
    assert report.declined_wrongly <= 2, describe(report)


def test_expected_urls_exist_in_the_portal() -> None:
    """A typo in questions.yaml would otherwise look like a ranking failure."""
    engine = Engine.from_root(ROOT)
    try:
        known = {s.url for s in engine.sections} | {s.url.split("#")[0] for s in engine.sections}
    finally:
        engine.close()
    missing = [url for q in load_questions(QUESTIONS) for url in q.expect if url not in known]
    assert missing == []


def test_malformed_question_file_names_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "q.yaml"
    bad.write_text("questions:\n  - q: fine\n    expect: declined\n  - q: broken\n", "utf-8")
    with pytest.raises(ValueError, match="question 2 needs 'expect:'"):
        load_questions(bad)
