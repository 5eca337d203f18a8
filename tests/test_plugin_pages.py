"""Pure helpers of the plugin: navigation, review dates, git facts per page."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage

from paved.generator.core.gitfacts import FileHistory, GitFacts
from paved.generator.core.model import Platform
from paved.generator.core.render.types import Page, PageKind
from paved.generator.mkdocs_plugin.navigation import docs_nav, site_nav
from paved.generator.mkdocs_plugin.pages import (
    PageAdditions,
    page_facts,
    review_due,
    source_paths,
)
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


def test_generated_markdown_is_kept_once_and_freed_once_read(tmp_path: Path) -> None:
    # A large portal's generated Markdown (~240 MB) was held by the plugin's records and
    # by MkDocs' files in every process until the build ended.
    config = MkDocsConfig()
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    config.load_dict({"site_name": "x", "docs_dir": str(docs), "site_dir": str(site)})
    assert config.validate() == ([], [])
    made = Page("products/a.md", "A", "# A\n\nBody.\n", PageKind.PRODUCT, owner="ada")
    written = docs / "guide.md"
    written.write_text("# Guide\n", encoding="utf-8")
    additions = PageAdditions(generated={made.src_uri: made})
    config.plugins._current_plugin = "paved"  # as MkDocs sets it while a plugin runs
    generated = File.generated(config, made.src_uri, content=made.markdown)
    hand_written = File("guide.md", str(docs), str(site), use_directory_urls=True)

    additions.hand_over_markdown()
    assert additions.generated[made.src_uri] == replace(made, markdown="")
    assert generated.content_string == "# A\n\nBody.\n"  # MkDocs has not read it yet

    for file in (generated, hand_written):
        additions.release_source(MkDocsPage(None, file, config))
    assert generated.content_string == ""
    assert hand_written.abs_src_path == str(written)  # a docs file is read from disk
    assert hand_written.content_string == "# Guide\n"
