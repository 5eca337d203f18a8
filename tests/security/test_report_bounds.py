"""The portal's report pages read a bounded number of rows from the store, and link only
to the portal's own pages.

Any script can rate a new page path with any URL (``POST /api/feedback``) and ask a new
question (``GET /api/ask``). The build reads the store for ``reports/feedback.md`` and
``reports/questions.md``: it must have the database cut the rows (``LIMIT``), on SQLite
and PostgreSQL alike, not load a million of them to keep 500; and a row's link must be
the portal's, never the URL a sender posted (``MAX(url)`` let whoever sorts last choose
where a page of the portal, or a page it does not have, links to).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import markdown
import pytest
from bot_samples import postgres_schema

from paved.bot.store import NewFeedback, open_store
from paved.bot.store.base import Row, SqlStore
from paved.generator.mkdocs_plugin.reports import (
    FEEDBACK_PAGE,
    MAX_REPORT_ROWS,
    QUESTIONS_PAGE,
    report_files,
)

TODAY = dt.date(2026, 1, 1)
#: The portal's own pages, as MkDocs names them (``src_uri``).
KNOWN = {"get-started/index.md", "access.md", "quiet.md"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
    else:
        yield from postgres_schema()


def _rows_fetched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Each statement the stores run from now on, with how many rows it handed back: the
    real store runs every statement, this only counts."""
    fetched: list[tuple[str, int]] = []
    for store_class in _store_classes():
        original = store_class._run

        def counting(
            self: SqlStore, sql: str, params: Sequence[object] = (), *, _run=original
        ) -> list[Row]:
            rows: list[Row] = _run(self, sql, params)
            fetched.append((sql, len(rows)))
            return rows

        monkeypatch.setattr(store_class, "_run", counting)
    return fetched


def _store_classes() -> list[type[SqlStore]]:
    from paved.bot.store.sqlite import SqliteStore

    classes: list[type[SqlStore]] = [SqliteStore]
    try:
        from paved.bot.store.postgres import PostgresStore
    except ImportError:  # the postgres extra is not installed: only SQLite runs here
        return classes
    return [*classes, PostgresStore]


def test_the_report_pages_are_cut_by_the_database(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    flood = 3 * MAX_REPORT_ROWS
    store = open_store(store_url)
    try:
        # The portal's pages: rated 👍 only (after every flooded page when sorted by 👎),
        # recorded with a leading "/" as the widget's older version did.
        store.add_feedback(NewFeedback(page="get-started/index.md", rating=1))
        store.add_feedback(NewFeedback(page="/access.md", rating=1))
        for n in range(flood):
            store.add_feedback(NewFeedback(page=f"/spam-{n:05d}/", rating=0))
            store.record_unanswered(f"spam question number {n:05d}")
        # The worst of the others, which the cut must keep.
        for _ in range(2):
            store.add_feedback(NewFeedback(page="/worst-a/", rating=0))
            store.add_feedback(NewFeedback(page="/worst-b/", rating=0))
            store.record_unanswered("the most asked question")
    finally:
        store.close()

    fetched = _rows_fetched(monkeypatch)
    pages = report_files(store_url, KNOWN, today=TODAY)
    assert fetched, "the report was built without reading the store"
    bound = 2 * len(KNOWN) + MAX_REPORT_ROWS
    assert max(n for _, n in fetched) <= bound, [(sql[:60], n) for sql, n in fetched]

    feedback, questions = pages[FEEDBACK_PAGE], pages[QUESTIONS_PAGE]
    assert "(../get-started/index.md)" in feedback  # every page of the portal is listed
    assert "(../access.md)" in feedback
    assert "worst-a" in feedback  # the worst others are kept
    assert "worst-b" in feedback
    rows = [line for line in feedback.splitlines() if line.startswith("|") and "spam-" in line]
    assert len(rows) == MAX_REPORT_ROWS - 2
    # The 1,502 others less the 500 listed, counted by the database.
    assert f"{flood + 2 - MAX_REPORT_ROWS:,} more pages" in feedback
    assert "the most asked question" in questions
    assert questions.count("spam question") == MAX_REPORT_ROWS - 1
    assert f"{flood + 1 - MAX_REPORT_ROWS:,} more questions" in questions


def _hrefs(page: str) -> list[str]:
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.DOTALL)
    html = markdown.markdown(body, extensions=["tables"])
    return re.findall(r'href="([^"]*)"', html)


def test_a_row_links_only_to_the_portal_never_to_a_senders_url(store_url: str) -> None:
    store = open_store(store_url)
    try:
        # A page of the portal, rated with a URL elsewhere (the URL rule lets any
        # http(s) host through), and a page the portal does not have, rated the same.
        # "zz-" sorts after "docs": MAX(url) picks the phishing one.
        for page in ("get-started/index.md", "payroll-login/"):
            store.add_feedback(
                NewFeedback(page=page, rating=0, url="https://zz-phish.example/login", comment="x")
            )
            store.add_feedback(
                NewFeedback(page=page, rating=0, url="https://docs.example/get-started/")
            )
    finally:
        store.close()
    feedback = report_files(store_url, KNOWN, today=TODAY)[FEEDBACK_PAGE]

    assert "phish.example" not in feedback
    hrefs = _hrefs(feedback)
    assert hrefs, feedback
    assert set(hrefs) == {"../get-started/index.md"}, hrefs
    # The page the portal does not have is named, as text, and said to be not in it:
    # in the table and above its comments.
    marked = [line for line in feedback.splitlines() if "payroll-login" in line]
    assert len(marked) == 2, marked
    assert all("(not in the portal)" in line and "](" not in line for line in marked)
