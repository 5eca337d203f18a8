"""Dataset pages and the dataset index in real headless Chromium, at a laptop's and a
phone's width: multi-hop lineage, the products using a dataset, "Request access",
"Edit this page", and the index's filters (the portal's own table script)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from paved.generator.core import api
from paved.generator.core.lineage import Lineage
from paved.generator.core.model import Platform

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
WIDTHS = {"laptop": (1366, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def platform() -> Platform:
    """The example as the portal was built from it (the model is what the pages show)."""
    return api.check(REPO).platform


@pytest.fixture(params=sorted(WIDTHS))
def sized(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:
    """A fresh page at one width that records its requests; none may leave 127.0.0.1."""
    name = request.param
    width, height = WIDTHS[name]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    # Generous: the first page a run opens starts Chromium and loads mermaid.js, on a
    # machine that may be busy (speed is measured in benchmarks/, not here).
    tab.set_default_timeout(30_000)
    tab.set_default_navigation_timeout(60_000)
    requested: list[str] = []
    tab.on("request", lambda r: requested.append(r.url))
    yield name, tab
    context.close()
    outside = [u for u in requested if urlsplit(u).hostname not in (None, "127.0.0.1")]
    assert outside == [], f"requests left 127.0.0.1: {outside}"


def _no_page_wide_scroll(tab: Any) -> None:
    """The page itself never scrolls sideways; wide tables scroll inside their box."""
    overflow = tab.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"the page is {overflow}px wider than the window"


def test_a_dataset_page_shows_lineage_across_hops_and_its_products(
    site: str, sized: tuple[str, Any], platform: Platform, output_dir: Path
) -> None:
    name, tab = sized
    dataset = "pos.sales_lines"
    lineage = Lineage(platform)
    downstream = lineage.downstream(dataset)
    far = max(downstream, key=lambda d: (downstream[d], d))
    assert downstream[far] >= 3  # the example's chain: pos → raw → cur → prd → export
    tab.goto(f"{site}/catalogue/datasets/{dataset}/")
    assert tab.locator("article h1").first.inner_text().strip().rstrip("¶").strip() == dataset

    # The downstream list reaches the far end of the chain, grouped by distance.
    hop = tab.locator("article p", has_text=f"{downstream[far]} hops").filter(
        has=tab.locator(f"a[href$='/{far}/']")
    )
    assert hop.count() == 1
    # Products that never list pos.sales_lines use it through lineage.
    used = lineage.used_by(dataset)
    indirect = [p for p, hops in used.items() if hops > 1]
    assert indirect
    table = tab.locator("article h2:has-text('Used by products') ~ .paved-table table").first
    for pid in used:
        assert table.locator(f"a[href*='{pid.lower()}']").count() == 1, pid
    row = table.locator("tr", has=tab.locator(f"a[href*='{indirect[0].lower()}']"))
    assert row.locator("td").last.inner_text().strip() == str(used[indirect[0]])

    # The diagram's source names a dataset two hops down and collapses the rest.
    source = tab.locator("article .paved-diagram").first.text_content() or ""
    assert "lakehouse.cur_sales_lines" in source
    assert "more downstream beyond 2 hops" in source

    # Request access leads to the access guide's section; edit goes to the catalogue file.
    access = tab.locator("a.paved-access")
    assert access.is_visible()
    assert re.search(r"/access/#request-access-to-a-dataset$", access.evaluate("a => a.href"))
    edit = tab.locator("a[rel='edit']").first
    assert edit.get_attribute("href").endswith("/custodians/catalogue.xlsx")
    _no_page_wide_scroll(tab)
    tab.screenshot(path=str(output_dir / f"dataset-{name}.png"), full_page=True)

    # Following the far link opens that dataset's own page.
    tab.locator(f"article a[href$='/{far}/']").first.click()
    tab.wait_for_url(re.compile(re.escape(f"/catalogue/datasets/{far}/") + "$"))
    assert far in tab.locator("article h1").first.inner_text()


def test_the_dataset_index_filters_by_its_columns(
    site: str, sized: tuple[str, Any], platform: Platform, output_dir: Path
) -> None:
    name, tab = sized
    tab.goto(f"{site}/catalogue/datasets/")
    wrapper = tab.locator("article .paved-table[data-filters]").first
    bar = wrapper.locator(".paved-table__filters")
    bar.wait_for()  # the table script has run
    names = ["Domain", "System", "Classification", "Personal data", "Custodian"]
    for column in names:
        assert wrapper.locator(f"select[data-column='{column}']").count() == 1, column
    rows = wrapper.locator("tbody tr")
    assert rows.count() == len(platform.datasets)
    if name == "laptop":  # the page gives the table the table of contents' width
        assert not tab.locator(".md-sidebar--secondary").is_visible()
        last = wrapper.locator("thead th").last.bounding_box()
        box = tab.locator("article").first.bounding_box()
        assert last["x"] + last["width"] <= box["x"] + box["width"] + 1, "last column cut"

    def shown() -> list[str]:
        return [
            (r.locator("td").first.text_content() or "").strip()
            for r in rows.all()
            if r.is_visible()
        ]

    wrapper.locator("select[data-column='Classification']").select_option("restricted")
    restricted = sorted(
        d.id for d in platform.datasets.values() if d.classification == "restricted"
    )
    assert sorted(shown()) == restricted
    wrapper.locator("select[data-column='Personal data']").select_option("no")
    both = sorted(
        d.id
        for d in platform.datasets.values()
        if d.classification == "restricted" and not d.has_personal_data
    )
    assert sorted(shown()) == both
    assert bar.locator(".paved-table__count").inner_text().startswith(f"{len(both)} of ")

    wrapper.locator("select[data-column='Classification']").select_option("")
    wrapper.locator("select[data-column='Personal data']").select_option("")
    domain = platform.domains["manufacturing"].name
    wrapper.locator("select[data-column='Domain']").select_option(domain)
    expected = sorted(d.id for d in platform.datasets.values() if d.domain == "manufacturing")
    assert sorted(shown()) == expected
    wrapper.locator("input.paved-table__search").fill("quality")
    narrowed = shown()
    assert narrowed
    assert set(narrowed) < set(expected)
    _no_page_wide_scroll(tab)
    tab.screenshot(path=str(output_dir / f"dataset-index-{name}.png"), full_page=True)


def test_a_system_page_links_to_its_datasets_instead_of_embedding_them(
    site: str, sized: tuple[str, Any], platform: Platform
) -> None:
    _, tab = sized
    tab.goto(f"{site}/catalogue/systems/lakehouse/")
    own = [d for d in platform.datasets.values() if d.system == "lakehouse"]
    links = tab.locator("article .paved-table a[href*='datasets/lakehouse.']")
    assert links.count() == len(own)
    assert tab.locator("article h2").count() <= 4  # no heading per dataset any more
    height = tab.evaluate("document.documentElement.scrollHeight")
    assert height < 20_000  # it was 42,581 px with every dataset embedded
    used = tab.locator(
        "xpath=//article//h2[contains(., 'Used by products')]"
        "/following::a[contains(@href, 'products/wid-')]"
    )
    assert used.count() == len(platform.products)  # every WID reads a lakehouse dataset
