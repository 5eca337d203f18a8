"""The built portal in real headless Chromium: navigation, search, feedback, no network."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser


def test_click_from_home_to_a_product_its_custodian_a_dataset_and_its_lineage(
    site: str, page: Any, output_dir: Path
) -> None:
    page.goto(f"{site}/")
    assert "Halden Data Platform" in page.title()
    page.screenshot(path=str(output_dir / "home.png"), full_page=True)

    page.locator("nav.md-nav--primary a.md-nav__link[href$='products/']:visible").first.click()
    page.wait_for_url(re.compile(r"/products/$"))
    page.locator("article a[href*='wid-0001']").first.click()
    page.wait_for_url(re.compile(r"/products/wid-0001/$"))
    assert "WID-0001" in page.locator("article h1").first.inner_text()
    assert page.locator("[data-paved-fact='owner'], [data-paved-fact='updated']").count() >= 1
    page.screenshot(path=str(output_dir / "wid.png"), full_page=True)

    page.locator("article a[href*='catalogue/custodians/']").first.click()
    page.wait_for_url(re.compile(r"/catalogue/custodians/[^/]+/$"))
    assert page.locator("article h1").first.inner_text().startswith("Custodian:")

    # a dataset has its own page (catalogue/datasets/<id>/), with its lineage diagram
    one = "article a[href*='datasets/'][href$='/']:not([href$='/datasets/'])"
    dataset = page.locator(one).first
    name = dataset.inner_text().strip()
    dataset.click()
    page.wait_for_url(re.compile(r"/catalogue/datasets/[^/]+/$"))
    assert name in page.locator("article h1").first.inner_text()
    diagrams = page.locator("article .paved-diagram")
    assert diagrams.count() >= 1
    diagrams.first.scroll_into_view_if_needed()
    drawn = page.locator("article .paved-diagram[data-paved-diagram='drawn']").first
    drawn.wait_for()
    assert drawn.locator("svg g.node").count() >= 1  # in the canvas' open shadow root
    assert page.locator("pre.mermaid, div.mermaid").count() == 0


def test_search_finds_a_wid_by_its_title(
    site: str, page: Any, products: list[dict[str, Any]]
) -> None:
    product = products[0]
    page.goto(f"{site}/")

    search = page.locator("input.md-search__input")
    search.click()
    hit = page.locator(f".md-search-result__item a[href*='/{product['url']}']").first
    # The search worker loads its index in the background; a query entered before it is
    # ready finds nothing, so enter it again until a product shows (or the deadline passes).
    for _attempt in range(20):
        search.fill("")
        search.fill(product["title"])
        search.press("End")  # Material's search listens for key events, not for input
        try:
            hit.wait_for(timeout=1_000)
            break
        except PlaywrightTimeout:
            continue
    hit.wait_for(timeout=1_000)
    assert page.locator(".md-search-result__item a").first.get_attribute("href") == (
        hit.get_attribute("href")
    )
    assert product["title"].split()[0] in page.locator(".md-search-result").inner_text()


def _feedback_post(response: Any) -> bool:
    return bool(response.url.endswith("/api/feedback") and response.request.method == "POST")


def test_feedback_widget_stores_ratings_and_comment_in_the_bot(
    site: str, page: Any, bot: Any
) -> None:
    page.goto(f"{site}/get-started/")
    with page.expect_response(_feedback_post) as sent:
        page.locator("form[name='feedback'] button[data-md-value='1']").click()
    assert sent.value.status == 201
    up = bot.store.get_feedback(sent.value.json()["id"])
    assert (up.page, up.rating, up.comment, up.source) == (
        "get-started/index.md",
        1,
        None,
        "portal",
    )
    assert up.url.startswith(site)
    assert up.title

    page.goto(f"{site}/access/")
    with page.expect_response(_feedback_post) as sent:
        page.locator("form[name='feedback'] button[data-md-value='0']").click()
    assert sent.value.status == 201
    down_id = sent.value.json()["id"]
    box = page.locator(".paved-feedback-comment")
    box.locator("textarea").fill("Please explain how long an access request takes.")
    with page.expect_response(_feedback_post) as sent:
        box.locator("button").click()
    box.locator(".paved-feedback-comment__done").wait_for()

    # the comment completes the 👎 it follows: one click, one row
    assert (sent.value.status, sent.value.json()) == (200, {"id": down_id, "merged": True})
    down = bot.store.get_feedback(down_id)
    assert (down.page, down.rating, down.comment) == (
        "access/index.md",
        0,
        "Please explain how long an access request takes.",
    )
    assert down.kind == "doc"
    counts = {s.page: (s.up, s.down, s.comments) for s in bot.store.feedback_summary()}
    assert counts == {"get-started/index.md": (1, 0, 0), "access/index.md": (0, 1, 1)}


def test_the_portal_built_without_a_store_has_no_report_pages(site: str, site_dir: Path) -> None:
    assert (site_dir / "reports" / "ownership" / "index.html").is_file()
    assert not (site_dir / "reports" / "feedback").exists()
    assert not list(site_dir.parent.glob("**/*.db"))


def test_pages_request_nothing_outside_127_0_0_1(site: str, page: Any) -> None:
    for path in ("", "products/", "decisions/", "catalogue/", "products/wid-0001/"):
        page.goto(f"{site}/{path}")
        page.wait_for_load_state("networkidle")

    assert any(url.endswith(".js") for url in page.requested)
    assert any("search" in url for url in page.requested)


def test_product_table_sorts_and_filters(
    site: str, page: Any, products: list[dict[str, Any]], output_dir: Path
) -> None:
    """static/paved-tables.js on the product catalogue: click-to-sort headers, a text
    filter and one select per column named in data-filters."""
    page.goto(f"{site}/products/")
    table = page.locator(".paved-table[data-filters]")
    rows = table.locator("tbody tr")
    assert rows.count() == len(products)

    header = table.locator("th", has_text="Product")
    header.locator("button").click()
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    firsts = [row.split("\t")[0] for row in rows.all_inner_texts()]
    assert firsts == sorted(firsts, reverse=True)
    assert firsts[0].startswith(max(p["id"] for p in products))

    statuses = sorted({p["status"] for p in products})
    select = table.locator("select[data-column='Status']")
    offered = select.locator("option").all_inner_texts()[1:]
    assert offered == statuses
    approved = [p for p in products if p["status"] == "approved"]
    select.select_option("approved")
    visible = table.locator("tbody tr:not([hidden])")
    assert visible.count() == len(approved) > 0
    assert set(visible.locator("td:nth-child(1) a").all_inner_texts()) == {
        f"{p['id']} · {p['title']}" for p in approved
    }
    assert table.locator(".paved-table__count").inner_text() == (
        f"{len(approved)} of {len(products)} rows"
    )

    select.select_option("")
    product = products[-1]
    table.locator(".paved-table__search").fill(product["title"].upper())
    assert visible.count() == 1
    assert product["id"] in visible.first.inner_text()
    page.screenshot(path=str(output_dir / "products-filtered.png"), full_page=True)
