"""``paved report feedback|questions`` on a real SQLite store, and the Markdown renderers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from paved.bot import reports
from paved.bot.store import NewFeedback, open_store
from paved.generator.cli import main


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'report.db'}"
    monkeypatch.setenv("PAVED_DATABASE_URL", url)
    now = datetime.now(UTC)
    store = open_store(url)
    try:
        for rating, days, comment in ((1, 1, None), (0, 2, "stale"), (0, 9, None)):
            store.add_feedback(
                NewFeedback(
                    page="/wids/WID-0001/", rating=rating, comment=comment, title="Footfall"
                ),
                at=now - timedelta(days=days),
            )
        store.add_feedback(NewFeedback(page="/adrs/0004/", rating=1), at=now)
        store.record_unanswered("Who owns | the orders table?")
        store.record_unanswered("who owns the orders table")
        store.rate_answer(store.record_answer("What is a WID?", "A work initiation document."), 0)
    finally:
        store.close()
    return url


def test_feedback_text(database: str) -> None:
    result = CliRunner().invoke(main, ["report", "feedback"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "page                👍    👎 comments  trend\n"
        "/wids/WID-0001/      1     2        1  ↑ better\n"
        "/adrs/0004/          1     0        0  new\n"
    )


def test_feedback_json(database: str) -> None:
    result = CliRunner().invoke(main, ["report", "feedback", "--format", "json"])
    data = {row["page"]: row for row in json.loads(result.output)}
    assert data["/wids/WID-0001/"]["this_week"] == {"up": 1, "down": 1}
    assert data["/wids/WID-0001/"]["previous_week"] == {"up": 0, "down": 1}
    assert data["/wids/WID-0001/"]["trend"] == "better"


def test_questions_text(database: str) -> None:
    result = CliRunner().invoke(main, ["report", "questions"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Unanswered questions:\n"
        "     2 × Who owns | the orders table?\n"
        "\n"
        "Answers rated 👎:\n"
        "     1 × What is a WID?\n"
    )


def test_questions_markdown_escapes_cells(database: str) -> None:
    result = CliRunner().invoke(main, ["report", "questions", "--format", "markdown"])
    assert "| Who owns \\| the orders table? | 2 |" in result.output
    assert "### Answers rated 👎" in result.output


def test_missing_store_is_an_empty_report_and_is_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAVED_DATABASE_URL", f"sqlite:///{tmp_path / 'none' / 'paved.db'}")
    result = CliRunner().invoke(main, ["report", "feedback"])
    assert result.output == "No page feedback recorded yet.\n"
    assert not (tmp_path / "none").exists()


def test_feedback_markdown_links_pages() -> None:
    assert reports.feedback_markdown([]) == "## Page feedback\n\nNo page feedback recorded yet.\n"
    store = open_store("sqlite://")
    try:
        store.add_feedback(NewFeedback(page="/a/", rating=0, title="A | B"))
        markdown = reports.feedback_markdown(store.feedback_summary())
    finally:
        store.close()
    assert "| [A \\| B](/a/) | 0 | 1 | 0 | new |" in markdown
