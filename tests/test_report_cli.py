"""``paved report feedback|questions`` on a real SQLite store, and the Markdown renderers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bot_samples import postgres_schema
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
        "\n"
        "Comments (newest first):\n"
        "/wids/WID-0001/\n"
        f"  {(datetime.now(UTC) - timedelta(days=2)).date().isoformat()} 👎 stale\n"
    )


def test_feedback_json(database: str) -> None:
    result = CliRunner().invoke(main, ["report", "feedback", "--format", "json"])
    data = {row["page"]: row for row in json.loads(result.output)}
    assert data["/wids/WID-0001/"]["this_week"] == {"up": 1, "down": 1}
    assert data["/wids/WID-0001/"]["previous_week"] == {"up": 0, "down": 1}
    assert data["/wids/WID-0001/"]["trend"] == "better"
    entries = data["/wids/WID-0001/"]["comment_entries"]
    assert [(e["comment"], e["rating"]) for e in entries] == [("stale", 0)]
    assert datetime.fromisoformat(entries[0]["at"]) < datetime.now(UTC) - timedelta(days=1)
    assert data["/adrs/0004/"]["comment_entries"] == []


def test_feedback_markdown_lists_comments_under_their_page(database: str) -> None:
    result = CliRunner().invoke(main, ["report", "feedback", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    table, comments = result.output.split("## Comments\n", 1)
    assert "| [/wids/WID-0001/](/wids/WID-0001/) | 1 | 2 | 1 | ↑ better |" in table
    assert "### [/wids/WID-0001/](/wids/WID-0001/)\n\n- " in comments
    assert comments.rstrip().endswith("👎 stale")


def test_feedback_since_leaves_older_comments_out(database: str) -> None:
    since = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    result = CliRunner().invoke(main, ["report", "feedback", "--since", since])
    assert result.exit_code == 0, result.output
    assert "stale" not in result.output
    assert "Comments" not in result.output


def test_comments_are_escaped_once_for_each_format(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    hostile = "<img src=x onerror=alert(1)> [x](javascript:y) | *b*\x1b[31m\nnext"
    try:
        store.add_feedback(NewFeedback(page="/p/", rating=0, comment=hostile, title="P"))
        summaries, comments = store.feedback_summary(), store.feedback_comments()
    finally:
        store.close()
    markdown = reports.feedback_markdown(summaries, comments)
    text = reports.feedback_text(summaries, comments)
    data = reports.feedback_data(summaries, comments)

    line = markdown.rstrip().splitlines()[-1]
    assert "<" not in line
    assert "[x]" not in line
    assert "javascript:" not in line
    assert "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;" in line
    assert "\\| &#42;b&#42;" in line
    assert "\x1b" not in text
    assert "\\x1b[31m next" in text
    assert data[0]["comment_entries"][0]["comment"] == hostile  # JSON: json.dumps escapes


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'n.db'}"
    else:
        yield from postgres_schema()


def test_comments_are_bounded_and_newest_first(any_store_url: str) -> None:
    store = open_store(any_store_url)
    now = datetime.now(UTC)
    try:
        for n in range(5):
            store.add_feedback(
                NewFeedback(page="/p/", rating=n % 2, comment=f"c{n}"), at=now - timedelta(hours=n)
            )
        store.add_feedback(NewFeedback(page="/p/", rating=1, comment=""), at=now)
        comments = store.feedback_comments(limit=3)
    finally:
        store.close()
    assert [c.comment for c in comments] == ["c0", "c1", "c2"]
    assert [c.rating for c in comments] == [0, 1, 0]


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
        store.add_feedback(NewFeedback(page="/a/", rating=0, title="sent"))
        markdown = reports.feedback_markdown(
            reports.titled(store.feedback_summary(), {"/a/": "A | B"})
        )
    finally:
        store.close()
    assert "| [A \\| B](/a/) | 0 | 1 | 0 | new |" in markdown


def test_feedback_limit_lists_the_worst_pages_and_says_more_were_rated(database: str) -> None:
    result = CliRunner().invoke(main, ["report", "feedback", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "page                👍    👎 comments  trend",
        "/wids/WID-0001/      1     2        1  ↑ better",
    ]
    assert "/adrs/0004/" not in result.output
    assert result.output.endswith(
        "More pages were rated than the 1 listed (most 👎 first); raise --limit to see them.\n"
    )
    data = json.loads(
        CliRunner().invoke(main, ["report", "feedback", "--format", "json", "--limit", "1"]).output
    )
    assert [row["page"] for row in data] == ["/wids/WID-0001/"]
    every = CliRunner().invoke(main, ["report", "feedback", "--limit", "2"]).output
    assert "/adrs/0004/" in every
    assert "More pages" not in every


def test_feedback_label_is_the_path_or_the_portals_title(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 't.db'}")
    try:
        store.add_feedback(NewFeedback(page="a.md", rating=0, title="Zz Moved: evil.example"))
        store.add_feedback(NewFeedback(page="b.md", rating=0, title="Zz Moved: evil.example"))
        summaries = store.feedback_summary()
    finally:
        store.close()
    markdown = reports.feedback_markdown(reports.titled(summaries, {"b.md": "Get started"}))
    assert "| [a.md](a.md) | 0 | 1 |" in markdown
    assert "| [Get started](b.md) | 0 | 1 |" in markdown
    assert "evil" not in markdown
