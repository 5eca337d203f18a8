"""Report pages from the bot's store and the published section index, in a real build."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from example_site import build_site, copy_example
from mkdocs.exceptions import PluginError

from paved.bot.store import NewFeedback, open_store
from paved.generator.core.gitfacts import GitFacts
from paved.generator.mkdocs_plugin.reports import (
    FEEDBACK_PAGE,
    QUESTIONS_PAGE,
    STORE_URL_VARIABLE,
    NavItem,
    report_files,
    store_url,
    with_report_nav,
)

TODAY = dt.date(2026, 11, 21)


@dataclass(frozen=True)
class Built:
    site: Path
    database: Path


def _fill(url: str) -> None:
    """A few rows: two pages rated, one comment, a repeated unanswered question and an
    answer rated 👎."""
    store = open_store(url)
    try:
        now = dt.datetime.now(dt.UTC)
        rate = store.add_feedback
        rate(NewFeedback(page="get-started/index.md", rating=1, title="Get started"))
        rate(NewFeedback(page="get-started/index.md", rating=1, title="Get started"))
        rate(
            NewFeedback(
                page="get-started/index.md", rating=0, title="Get started", comment="Too short"
            )
        )
        rate(NewFeedback(page="access/index.md", rating=0, title="Access"), at=now)
        rate(
            NewFeedback(page="access/index.md", rating=1, title="Access"),
            at=now - dt.timedelta(days=9),
        )
        rate(NewFeedback(page="retired/page.md", rating=0, title="Retired page"))
        store.record_unanswered("How do I get access to the sales data?")
        store.record_unanswered("how do I get access to the Sales data")
        answer = store.record_answer("Who owns the orders dataset?", "The sales team.")
        store.rate_answer(answer, 0)
    finally:
        store.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("store-build")
    root = copy_example(base / "repo")
    database = base / "bot.db"
    url = f"sqlite:///{database}"
    _fill(url)
    saved = {
        name: os.environ.pop(name, None) for name in (STORE_URL_VARIABLE, "PAVED_FEEDBACK_URL")
    }
    os.environ[STORE_URL_VARIABLE] = url
    try:
        build_site(root, base / "site")
    finally:
        os.environ.pop(STORE_URL_VARIABLE, None)
        for name, value in saved.items():
            if value is not None:
                os.environ[name] = value
    return Built(site=base / "site", database=database)


def _article(path: Path) -> str:
    """The page's main text with tags dropped and whitespace collapsed."""
    text = path.read_text(encoding="utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


def test_feedback_page_counts_ratings_comments_and_trend(built: Built) -> None:
    text = _article(built.site / "reports" / "feedback" / "index.html")

    # labelled by the portal's own titles, a page it does not have by its path: the title
    # a rating carries is its sender's word, never the label
    assert "Get started with the Halden Data Platform 2 1 1 new" in text
    assert "Access to data by purpose 1 1 0 ↓ worse" in text
    assert "retired/page.md (not in the portal) 0 1 0 new" in text
    assert "Get started 2" not in text
    assert "Retired page" not in text
    # most 👎 first, then by page, as paved.bot.reports orders them
    assert (
        text.index("Access to data by purpose 1")
        < text.index("Get started with the Halden Data Platform 2")
        < text.index("retired/page.md (not in the portal) 0")
    )
    page = (built.site / "reports" / "feedback" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../get-started/"' in page
    # a page the portal does not have is text, never a link (a sender named it)
    assert "retired/page" not in "".join(re.findall(r'href="([^"]*)"', page))


def test_questions_page_groups_unanswered_and_rated_down(built: Built) -> None:
    text = _article(built.site / "reports" / "questions" / "index.html")

    unanswered = text.index("Unanswered questions")
    rated_down = text.index("Answers rated 👎")
    assert unanswered < rated_down
    assert re.search(r"How do I get access to the [Ss]ales data\?? 2 \d{4}-\d\d-\d\d", text)
    assert re.search(r"Who owns the orders dataset\? 1 \d{4}-\d\d-\d\d", text)


def test_report_pages_sit_in_the_reports_section_of_the_nav(built: Built) -> None:
    home = (built.site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]

    ownership = nav.index('href="reports/ownership/"')
    assert (
        ownership < nav.index('href="reports/feedback/"') < nav.index('href="reports/questions/"')
    )


def test_section_index_is_published_with_anchors_that_exist(built: Built) -> None:
    data = json.loads((built.site / "api" / "sections.json").read_text(encoding="utf-8"))
    sections = data["sections"]

    assert sections
    assert all("text" not in s for s in sections)
    anchored = [s for s in sections if "#" in s["url"]]
    picks = [next(s for s in anchored if s["kind"] == kind) for kind in ("product", "doc")]
    picks.append(next(s for s in anchored if s["src_uri"] == "index.md"))
    for section in picks:
        path, anchor = section["url"].split("#", 1)
        page = (built.site / path / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in page, section["url"]


def test_without_a_store_no_report_pages_and_no_database(tmp_path: Path) -> None:
    assert store_url("", {}) is None
    assert report_files("", {"index.md"}, env={}) == {}
    assert store_url("", {STORE_URL_VARIABLE: " sqlite:///x.db "}) == "sqlite:///x.db"
    assert store_url("sqlite:///option.db", {STORE_URL_VARIABLE: "sqlite:///env.db"}) == (
        "sqlite:///option.db"
    )


def test_a_missing_sqlite_file_is_reported_not_created(tmp_path: Path) -> None:
    database = tmp_path / "absent.db"

    pages = report_files(f"sqlite:///{database}", set(), env={}, today=TODAY)

    assert not database.exists()
    assert set(pages) == {FEEDBACK_PAGE, QUESTIONS_PAGE}
    assert "does not exist yet" in pages[FEEDBACK_PAGE]


def test_an_unreadable_store_is_a_plugin_error_naming_the_setting(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=STORE_URL_VARIABLE):
        report_files("mysql://nope", set(), env={})
    with pytest.raises(PluginError, match="sqlite:///path"):
        report_files("sqlite://relative.db", set(), env={})


def test_report_nav_extends_the_reports_section_or_adds_one() -> None:
    generated = {FEEDBACK_PAGE, QUESTIONS_PAGE}
    nav: list[NavItem] = [
        {"Home": "index.md"},
        {"Reports": [{"Ownership": "reports/ownership.md"}]},
    ]

    extended = with_report_nav(nav, generated)

    assert extended[1] == {
        "Reports": [
            {"Ownership": "reports/ownership.md"},
            {"Page feedback": FEEDBACK_PAGE},
            {"Bot questions": QUESTIONS_PAGE},
        ]
    }
    assert nav[1] == {"Reports": [{"Ownership": "reports/ownership.md"}]}
    assert with_report_nav([{"Home": "index.md"}], generated)[-1] == {
        "Reports": [{"Page feedback": FEEDBACK_PAGE}, {"Bot questions": QUESTIONS_PAGE}]
    }
    assert with_report_nav(nav, set()) == nav


def test_sections_json_without_text_has_the_rows_of_the_full_index() -> None:
    """The published ``api/sections.json`` skips computing each section's full text:
    its rows are still exactly those of the bot's full index, minus the text."""
    from paved.generator.core import api
    from paved.generator.core.index import build_index, sections_json
    from paved.generator.core.render.site import render_site

    result = api.check(Path(__file__).resolve().parents[1])
    assert result.platform is not None
    pages = render_site(result.platform, GitFacts({}, {}))
    for site_url in ("", "https://portal.example/"):
        expected = sections_json(
            build_index(result.platform, pages), site_url=site_url, include_text=False
        )
        published = sections_json(
            build_index(result.platform, pages, with_text=False),
            site_url=site_url,
            include_text=False,
        )
        assert published == expected
    assert len(json.loads(expected)["sections"]) > 100
