"""Pure helpers of the plugin: navigation, review dates, git facts per page."""

from __future__ import annotations

import datetime as dt

from paved.generator.core.gitfacts import FileHistory, GitFacts
from paved.generator.core.model import Platform
from paved.generator.core.render.types import Page, PageKind
from paved.generator.mkdocs_plugin.navigation import docs_nav, site_nav
from paved.generator.mkdocs_plugin.pages import page_facts, review_due, source_paths
from paved.generator.mkdocs_plugin.reports import NavItem


def test_docs_nav_groups_by_folder_with_index_first_and_known_order() -> None:
    nav = docs_nav(
        ["support/index.md", "access/how.md", "access/index.md", "get-started/index.md", "x.png"]
    )

    assert nav == [
        {"Get started": ["get-started/index.md"]},
        {"Access": ["access/index.md", "access/how.md"]},
        {"Support": ["support/index.md"]},
    ]


def test_site_nav_puts_home_and_get_started_before_generated_sections() -> None:
    generated: list[NavItem] = [{"Home": "index.md"}, {"Products": "products/index.md"}]

    nav = site_nav(generated, ["get-started/index.md", "support/index.md"])

    assert nav == [
        {"Home": "index.md"},
        {"Get started": ["get-started/index.md"]},
        {"Products": "products/index.md"},
        {"Support": ["support/index.md"]},
    ]


def test_review_due_only_for_past_dates_of_any_yaml_shape() -> None:
    today = dt.date(2026, 11, 21)

    assert review_due(dt.date(2026, 11, 20), today) == "2026-11-20"
    assert review_due("2026-01-31", today) == "2026-01-31"
    assert review_due(dt.datetime(2025, 1, 1, 12), today) == "2025-01-01"
    assert review_due(dt.date(2026, 11, 21), today) is None
    assert review_due("soon", today) is None
    assert review_due(None, today) is None


def test_page_facts_span_the_files_a_page_is_made_of() -> None:
    git = GitFacts(
        files={
            "wids/a.md": FileHistory(
                "2026-01-02T10:00:00+02:00", "2026-03-01T00:00:00+00:00", ("Ada",)
            ),
            "wids/b.md": FileHistory(
                "2026-01-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00", ("Bo", "Ada")
            ),
            "docs/c.md": FileHistory(
                "2025-01-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00", ("Cy",)
            ),
        },
        status_history={},
    )
    index = Page("products/index.md", "Products", "", PageKind.INDEX)

    facts = page_facts(git, source_paths(index, None, Platform()))

    assert (facts.created, facts.updated) == ("2026-01-01", "2026-03-01")
    assert facts.contributors == ("Ada", "Bo")
    assert page_facts(git, source_paths(None, "docs/c.md", Platform())).contributors == ("Cy",)
    assert page_facts(GitFacts.empty(), ["docs/c.md"]).created is None
