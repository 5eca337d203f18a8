"""The MkDocs plugin in MkDocs' real build, on a copy of the bundled example."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

import pytest
from example_site import REPO, break_a_wid, build_site, commit_all, copy_example
from mkdocs.exceptions import Abort


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


REVIEW_PAGE = """---
title: Old runbook
owner: ops-team@haldencycles.example
review_by: 2020-01-31
---

# Old runbook

Steps nobody has checked for a while.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    root = copy_example(tmp_path_factory.mktemp("example") / "repo")
    (root / "docs" / "operations" / "old-runbook.md").write_text(REVIEW_PAGE, encoding="utf-8")
    commit_all(root, author="Ingrid Testesen", date="2026-01-05T10:00:00+00:00")
    before = snapshot(root / "docs")
    site = root.parent / "site"
    saved = os.environ.pop("PAVED_FEEDBACK_URL", None)
    try:
        build_site(root, site)
    finally:
        if saved is not None:
            os.environ["PAVED_FEEDBACK_URL"] = saved
    return root, site, before


def test_generated_pages_are_in_the_site(built: tuple[Path, Path, dict]) -> None:
    _root, site, _ = built

    for page in ("index.html", "products/index.html", "decisions/index.html"):
        assert (site / page).is_file(), page
    assert list((site / "products").glob("wid-*/index.html"))
    assert list((site / "catalogue" / "systems").glob("*/index.html"))


def test_docs_folder_is_untouched(built: tuple[Path, Path, dict]) -> None:
    root, _site, before = built

    assert snapshot(root / "docs") == before
    assert not (root / "docs" / "index.md").exists()
    assert not (root / "docs" / "products").exists()


def test_schemas_and_platform_json_are_published(built: tuple[Path, Path, dict]) -> None:
    root, site, _ = built

    schema = json.loads((site / "schemas" / "wid.schema.json").read_text(encoding="utf-8"))
    shipped_file = REPO / "generator/core/schemas/wid.schema.json"
    shipped = json.loads(shipped_file.read_text(encoding="utf-8"))
    assert schema == shipped
    assert (site / "schemas" / "catalogue.datasets.schema.json").is_file()
    data = json.loads((site / "api" / "platform.json").read_text(encoding="utf-8"))
    wid_files = sorted((root / "wids").glob("WID-*.md"))
    assert len(data["products"]) == len(wid_files)
    assert all(p["url"].startswith("products/") for p in data["products"])
    assert data["catalogue"]["datasets"]
    assert "body" not in data["products"][0]


def test_git_facts_appear_on_generated_and_hand_written_pages(
    built: tuple[Path, Path, dict],
) -> None:
    _root, site, _ = built
    product = next((site / "products").glob("wid-*/index.html")).read_text(encoding="utf-8")
    doc = (site / "get-started" / "index.html").read_text(encoding="utf-8")

    for html in (product, doc):
        assert 'data-paved-fact="created"' in html
        assert "Created 2026-01-05" in html
        assert "Last updated 2026-01-05" in html
        assert "Ingrid Testesen" in html


def test_review_banner_on_a_page_past_its_review_date(built: tuple[Path, Path, dict]) -> None:
    _root, site, _ = built
    stale = (site / "operations" / "old-runbook" / "index.html").read_text(encoding="utf-8")
    fresh = (site / "get-started" / "index.html").read_text(encoding="utf-8")

    assert 'data-paved-review="2020-01-31"' in stale
    assert "Needs review" in stale
    assert "ops-team@haldencycles.example" in stale
    assert "Needs review" not in fresh


def test_without_feedback_url_the_widget_is_absent(built: tuple[Path, Path, dict]) -> None:
    _root, site, _ = built
    home = (site / "index.html").read_text(encoding="utf-8")

    assert 'name="feedback"' not in home
    assert "__md_analytics" not in home


def test_the_site_loads_nothing_from_outside(built: tuple[Path, Path, dict]) -> None:
    _root, site, _ = built
    # Links to other sites are fine; anything the browser would load by itself is not.
    external = re.compile(
        r"""<(?:script|img|link|iframe|source|video|audio)\b[^>]*\b(?:src|href)=["']https?://"""
    )

    offenders = [
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if external.search(page.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_validation_error_fails_the_build_with_its_location(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = copy_example(tmp_path / "repo")
    path, line = break_a_wid(root)

    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(root, tmp_path / "site")

    assert f"{path}:{line}:" in caplog.text
    assert "does not validate" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


def test_generated_pages_left_out_of_the_nav_are_not_listed_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The navigation lists section entry points only; MkDocs logged every other
    generated page (12,000 lines on every rebuild of a large portal). A page left out of
    a nav the team wrote is still reported."""
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    quiet = "validation:\n  nav:\n    omitted_files: ignore\n"
    text = config.read_text(encoding="utf-8")
    assert quiet in text  # the example's own setting, which a team's file may lack
    text = text.replace(quiet, "")
    config.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build_site(root, tmp_path / "site")
    assert (tmp_path / "site" / "products" / "wid-0001" / "index.html").is_file()
    assert "not included in the" not in caplog.text
    config.write_text(text + "\nnav:\n  - index.md\n  - support/index.md\n", encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build_site(root, tmp_path / "site2")
    assert "not included in the" in caplog.text
    assert "access/index.md" in caplog.text


def test_serve_shows_an_error_page_instead_of_failing(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "repo")
    path, line = break_a_wid(root)

    build_site(root, tmp_path / "site", command="serve")

    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Validation failed" in home
    assert f"{path}:{line}:" in home
    other = (tmp_path / "site" / "products" / "index.html").read_text(encoding="utf-8")
    assert "paved-banner--error" in other


def test_feedback_widget_posts_to_the_configured_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "repo")
    monkeypatch.setenv("PAVED_FEEDBACK_URL", "http://127.0.0.1:9/feedback")

    build_site(root, tmp_path / "site")

    page = (tmp_path / "site" / "get-started" / "index.html").read_text(encoding="utf-8")
    assert 'name="feedback"' in page
    assert '"endpoint": "http://127.0.0.1:9/feedback"' in page
    assert '"page": "get-started/index.md"' in page


def test_column_tables_and_diagrams_are_on_the_page_but_not_in_search(
    built: tuple[Path, Path, dict],
) -> None:
    _root, site, _ = built
    pages = [
        p.read_text(encoding="utf-8") for p in (site / "catalogue" / "datasets").rglob("*.html")
    ]
    assert any('<div class="paved-table" data-search-exclude><table>' in p for p in pages)
    assert any('<div class="paved-diagram" data-search-exclude>' in p for p in pages)
    assert not any("paved-heavy" in p or "paved-html" in p for p in pages)  # all put back
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    datasets = [d for d in index["docs"] if d["location"].startswith("catalogue/datasets/")]
    assert datasets  # the dataset pages are indexed...
    assert not any("Personal data Description" in d["text"] for d in datasets)  # ...not columns
