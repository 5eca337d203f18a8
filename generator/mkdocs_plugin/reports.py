"""The report pages from the bot's side: reader feedback and the bot's questions, read
from the bot's store when the build is given one.

The reports are Markdown made by the pure renderers of ``paved.bot.reports`` from the store's
summaries; this module only decides whether there is a store to read, reads it once per
build and places the pages. Without a store URL (plugin option ``store_url`` or the
``PAVED_DATABASE_URL`` environment variable) nothing is read and no page is emitted, and a
build never creates a database: an SQLite URL naming a missing file gives a page saying
so instead of an empty new file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from paved.bot.store import PageComment, PageSummary, QuestionGroup

log = logging.getLogger("mkdocs.plugins.paved.store")

STORE_URL_VARIABLE = "PAVED_DATABASE_URL"
FEEDBACK_PAGE = "reports/feedback.md"
QUESTIONS_PAGE = "reports/questions.md"
REPORTS_SECTION = "Reports"
NAV_ENTRIES = (
    ("Page feedback", FEEDBACK_PAGE),
    ("Bot questions", QUESTIONS_PAGE),
    ("What changed", "changes.md"),  # core.render.changes.CHANGES, from pages.what_changed
)

NavItem = str | dict[str, Any]

#: The most rows a report page lists of what anyone can add to the store: rated pages
#: that are not in the portal, and questions of each kind. Any script can post a new
#: page path or question (``/api/feedback``, ``/api/ask``), and every build converts and
#: sanitises these pages: unbounded, a month of one client made a million rows.
MAX_REPORT_ROWS = 500


def store_url(option: str, env: Mapping[str, str] | None = None) -> str | None:
    """The store the build reads: the plugin option first, then ``PAVED_DATABASE_URL``;
    None when neither is set (the portal is built without reports)."""
    env = os.environ if env is None else env
    url = option.strip() or env.get(STORE_URL_VARIABLE, "").strip()
    return url or None


def missing_sqlite_file(url: str) -> Path | None:
    """The file an ``sqlite:///`` URL names when it does not exist (opening it would
    create it); None for other URLs, in-memory databases and existing files."""
    from paved.bot.store import StoreError, sqlite_path

    if url.split(":", 1)[0].lower() != "sqlite":
        return None
    try:
        path = sqlite_path(url)
    except StoreError as error:
        raise PluginError(f"paved: {STORE_URL_VARIABLE} / store_url: {error}") from None
    if path == ":memory:" or Path(path).is_file():
        return None
    return Path(path)


@dataclass(frozen=True, slots=True)
class StoreReadings:
    """What the two report pages show, read from the store in one go: already cut to
    the portal's pages and :data:`MAX_REPORT_ROWS` others, with how many were left out."""

    summaries: Sequence[PageSummary]
    groups: Sequence[QuestionGroup]
    comments: Sequence[PageComment] = ()
    pages_left_out: int = 0
    groups_left_out: int = 0


def read_store(url: str, known_pages: Collection[str] = ()) -> StoreReadings:
    """Open the store, read the summaries, close it. The store cuts them (``LIMIT``):
    every rated page of ``known_pages`` and the :data:`MAX_REPORT_ROWS` worst others,
    the :data:`MAX_REPORT_ROWS` most asked questions of each kind. A store that cannot be
    opened is a configuration problem: a ``PluginError`` naming the setting, not a
    traceback."""
    from paved.bot.store import StoreError, open_store, redact_url

    errors: tuple[type[BaseException], ...] = (StoreError, sqlite3.Error, OSError)
    try:
        import psycopg

        errors = (*errors, psycopg.Error)
    except ImportError:  # pragma: no cover - PostgreSQL support not installed
        pass
    try:
        store = open_store(url)
        try:
            summaries, pages_left_out = store.feedback_report(known_pages, limit=MAX_REPORT_ROWS)
            groups, groups_left_out = store.questions_report(limit=MAX_REPORT_ROWS)
            return StoreReadings(
                summaries, groups, store.feedback_comments(), pages_left_out, groups_left_out
            )
        finally:
            store.close()
    except errors as error:
        raise PluginError(
            f"paved: cannot read the bot's store {redact_url(url)} "
            f"({STORE_URL_VARIABLE} / store_url): {error}"
        ) from None


def link_target(summary: PageSummary, known_pages: Collection[str]) -> str | None:
    """Where a rated page's row links to from ``reports/feedback.md``: a page of the
    build, relative to the reports folder (so MkDocs checks and rewrites the link); None
    for any other page. The widget records a page by its source path
    (``get-started/index.md``), and anyone can post any path and any URL: a page the
    portal does not have is shown as text, marked as not in the portal, never as a link
    to where its senders said it was (``MAX(url)`` let the one who sorts last choose)."""
    from paved.bot.reports import link_target as encoded

    page = summary.page.lstrip("/")
    if page not in known_pages:
        return None
    return "../" + encoded(page)


def _heading(title: str, intro: str, today: dt.date) -> str:
    return (
        f"---\ntitle: {title}\nhide:\n  - feedback\n---\n\n# {title}\n\n"
        f"{intro} Read from the bot's store when the portal was built ({today.isoformat()}).\n\n"
    )


def feedback_page(
    summaries: Sequence[PageSummary],
    known_pages: Collection[str],
    today: dt.date,
    comments: Sequence[PageComment] = (),
    left_out: int = 0,
) -> str:
    """``reports/feedback.md``: per page 👍, 👎, comments and the week-on-week trend,
    then the comments readers wrote, under their page. ``summaries`` are as the store
    cut them (``Store.feedback_report``); ``left_out`` the rated pages it did not give."""
    from paved.bot.reports import feedback_markdown

    intro = (
        "What readers answered to *Was this page helpful?*, pages with the most 👎 first. "
        "The trend compares the helpful share of the last 7 days with the 7 days before."
    )
    # The store gave every page of the portal and, of the others (any script can name
    # one), the worst MAX_REPORT_ROWS, and how many more there are. Only the portal's own
    # pages are linked; the others are text, marked as not in the portal.
    listed = {s.page for s in summaries}
    comments = [c for c in comments if c.page in listed]
    targets = {
        s.page: target for s in summaries if (target := link_target(s, known_pages)) is not None
    }
    body = feedback_markdown(summaries, comments, targets)
    if left_out > 0:
        body += (
            f"\n{left_out:,} more pages that are not in the portal were rated; "
            "`paved report feedback --format json` lists them all.\n"
        )
    return _heading("Reader feedback", intro, today) + body


def questions_page(groups: Sequence[QuestionGroup], today: dt.date, left_out: int = 0) -> str:
    """``reports/questions.md``: unanswered questions and 👎-rated answers, grouped, as
    the store cut them (``Store.questions_report``); ``left_out`` the groups it did not
    give."""
    from paved.bot.reports import questions_markdown

    intro = (
        "Questions the bot found no answer for, and questions whose answer was rated 👎, "
        "grouped when they read the same: what the documentation should cover next."
    )
    body = questions_markdown(groups)
    if left_out > 0:
        body += (
            f"\n{left_out:,} more questions, each asked less often, are not listed here; "
            "`paved report questions --format json` lists them all.\n"
        )
    return _heading("Bot questions", intro, today) + body


def no_store_page(title: str, path: Path, today: dt.date) -> str:
    return _heading(title, f"The bot's store `{path.name}` does not exist yet.", today) + (
        "Nothing has been recorded: the store is created when `paved bot` first starts.\n"
    )


def report_files(
    option: str,
    known_pages: Collection[str],
    *,
    env: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    titles: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The report pages to inject (``src_uri`` → Markdown); empty without a store URL.

    ``known_pages`` are the ``src_uri`` of every page in the build, to link rated pages;
    ``titles`` their titles as the portal publishes them, the rows' labels (a rating's
    own title is any sender's text: never a label)."""
    url = store_url(option, env)
    if url is None:
        return {}
    today = today or dt.date.today()
    missing = missing_sqlite_file(url)
    if missing is not None:
        log.warning("paved: the store file %s does not exist; reports say so", missing)
        return {
            FEEDBACK_PAGE: no_store_page("Page feedback", missing, today),
            QUESTIONS_PAGE: no_store_page("Bot questions", missing, today),
        }
    from paved.bot.reports import titled

    readings = read_store(url, known_pages)
    summaries = titled(readings.summaries, titles or {})
    return {
        FEEDBACK_PAGE: feedback_page(
            summaries, known_pages, today, readings.comments, readings.pages_left_out
        ),
        QUESTIONS_PAGE: questions_page(readings.groups, today, readings.groups_left_out),
    }


def with_report_nav(nav: Sequence[NavItem], generated: Collection[str]) -> list[NavItem]:
    """``nav`` with the report pages in ``generated`` added to its Reports section (one is
    created at the end when there is none). Returns a new list; ``nav`` is not changed."""
    entries: list[NavItem] = [{t: uri} for t, uri in NAV_ENTRIES if uri in generated]
    if not entries:
        return list(nav)
    result: list[NavItem] = []
    placed = False
    for item in nav:
        if isinstance(item, dict) and not placed and REPORTS_SECTION in item:
            target = item[REPORTS_SECTION]
            children = list(target) if isinstance(target, list) else [target]
            result.append({**item, REPORTS_SECTION: [*children, *entries]})
            placed = True
        else:
            result.append(item)
    if not placed:
        result.append({REPORTS_SECTION: entries})
    return result
