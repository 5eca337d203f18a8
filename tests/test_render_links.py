"""Every Markdown link between generated pages resolves to a generated page and heading.

``mkdocs build --strict`` would catch a broken link too, but only in a full build;
this check runs on the renderer's output alone, for the hand-built platform and for
the bundled example.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from example_site import LINK, broken_links
from sample_platform import small_git, small_platform

from paved.generator.core.api import check
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.model import Platform
from paved.generator.core.render.site import nav_sections, render_site
from paved.generator.core.render.types import Page, PageKind

ROOT = Path(__file__).resolve().parent.parent


def test_links_between_generated_pages_resolve() -> None:
    platform = small_platform()
    pages = render_site(platform, small_git(), today=date(2026, 5, 1))
    assert broken_links(pages, set(platform.docs)) == []
    # The check itself finds something: the sample has cross-page and in-page links.
    assert sum(len(LINK.findall(p.markdown)) for p in pages) > 50


def test_broken_link_is_reported() -> None:
    page = Page("products/a.md", "A", "[x](../catalogue/systems/nope.md#t)\n", PageKind.PRODUCT)
    assert broken_links([page], set()) == [
        "products/a.md: ../catalogue/systems/nope.md#t (no page catalogue/systems/nope.md)"
    ]


def test_nav_sections_point_at_generated_index_pages() -> None:
    pages = {p.src_uri for p in render_site(small_platform(), GitFacts.empty())}

    def targets(items: list[object]) -> list[str]:
        found: list[str] = []
        for item in items:
            assert isinstance(item, dict)
            for value in item.values():
                found.extend(targets(value) if isinstance(value, list) else [value])
        return found

    nav = targets(list(nav_sections()))
    assert nav[0] == "index.md"
    assert set(nav) <= pages
    assert len(nav) == 8


def test_bundled_example_renders_with_resolving_links() -> None:
    result = check(ROOT)
    platform = result.platform
    pages = render_site(platform, GitFacts.empty(), today=date(2026, 11, 21))
    assert len([p for p in pages if p.kind == "product"]) == len(platform.products) > 0
    assert broken_links(pages, set(platform.docs)) == []


def test_empty_platform_renders_every_index_with_resolving_links() -> None:
    pages = render_site(Platform(), GitFacts.empty(), today=date(2026, 5, 1))
    assert {p.src_uri for p in pages} == {
        "index.md",
        "products/index.md",
        "decisions/index.md",
        "catalogue/index.md",
        "catalogue/datasets/index.md",
        "tags.md",
        "reports/ownership.md",
        "reports/onboarding.md",
    }
    assert "No data product has been described yet." in pages[1].markdown
    assert broken_links(pages, set()) == []


def test_invalid_ids_stay_inside_their_folder_and_links_still_resolve() -> None:
    platform = small_platform()
    odd = dataclasses.replace(platform.systems["pos"], id="../POS Tills")
    moved = {
        ds.id: dataclasses.replace(ds, system=odd.id) if ds.system == "pos" else ds
        for ds in platform.datasets.values()
    }
    platform = dataclasses.replace(
        platform, systems={**platform.systems, odd.id: odd}, datasets=moved
    )
    pages = render_site(platform, GitFacts.empty(), today=date(2026, 5, 1))
    uris = {p.src_uri for p in pages}
    assert "catalogue/systems/pos-tills.md" in uris
    assert all(".." not in uri for uri in uris)
    assert broken_links(pages, set(platform.docs)) == []
