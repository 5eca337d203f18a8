"""Synonym suggestions: declined questions the content answers today, through the store
and ``paved report questions --suggest-synonyms`` on the bundled example."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from paved.bot import reports
from paved.bot.answer.engine import Engine
from paved.bot.answer.suggest import Suggestion, suggest
from paved.bot.store import QuestionGroup, open_store
from paved.generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
# Answered today thanks to the built-in vocabulary ("playground" is a sandbox), in words
# the answering section does not use; and one the content cannot answer.
ANSWERED = "is there a playground schema where analysts can try things"
DECLINED = "what is the salary band of a senior platform engineer"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'report.db'}"
    monkeypatch.setenv("PAVED_DATABASE_URL", url)
    monkeypatch.setenv("PAVED_REPO_ROOT", str(ROOT))
    store = open_store(url)
    try:
        for question in (ANSWERED, ANSWERED, DECLINED):
            store.record_unanswered(question)
    finally:
        store.close()
    return url


def test_answered_questions_pair_the_askers_words_with_the_docs() -> None:
    engine = Engine.from_root(ROOT)
    try:
        assert engine.ask(ANSWERED).answered
        assert not engine.ask(DECLINED).answered
        groups = [
            QuestionGroup("unanswered", ANSWERED, ANSWERED, 2, _now()),
            QuestionGroup("unanswered", DECLINED, DECLINED, 1, _now()),
            QuestionGroup("rated_down", ANSWERED, ANSWERED, 1, _now()),
        ]
        found = suggest(engine, groups)
    finally:
        engine.close()
    assert len(found) == 1
    (only,) = found
    assert only.question == ANSWERED
    assert only.count == 2
    assert "playground" in only.asked
    assert only.docs
    assert not set(only.asked) & set(only.docs)


def test_report_questions_lists_suggestions(database: str) -> None:
    result = CliRunner().invoke(main, ["report", "questions", "--suggest-synonyms"])
    assert result.exit_code == 0, result.output
    assert "Synonyms to consider" in result.output
    assert "playground" in result.output
    as_json = CliRunner().invoke(
        main, ["report", "questions", "--suggest-synonyms", "--format", "json"]
    )
    data = json.loads(as_json.output)
    assert [s["question"] for s in data["synonym_suggestions"]] == [ANSWERED]
    plain = CliRunner().invoke(main, ["report", "questions"])
    assert "Synonyms to consider" not in plain.output


def test_suggestions_render_escaped() -> None:
    hostile = Suggestion(("a|b",), ("c",), "x | y <b>", 1, "P", "p/")
    markdown = reports.suggestions_markdown([hostile])
    assert "| a\\|b | c | x \\| y &#60;b&#62; | 1 |" in markdown
    assert reports.suggestions_markdown([]) == ""
    assert "\x1b" not in reports.suggestions_text(
        [Suggestion(("\x1b[31m",), ("c",), "q", 1, "P", "p/")]
    )


def _now() -> datetime:
    return datetime.now(UTC)
