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

    dataset = page.locator("article a[href*='systems/'][href*='#']").first
    anchor = (dataset.get_attribute("href") or "").split("#", 1)[1]
    dataset.click()
    page.wait_for_url(re.compile(r"/catalogue/systems/[^/]+/#"))
    heading = page.locator(f"article [id='{anchor}']")
    assert heading.count() == 1
    diagrams = page.locator("article svg.paved-flowchart")
    assert diagrams.count() >= 1
    assert diagrams.first.locator("rect").count() >= 1
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


def test_feedback_widget_posts_rating_and_comment(site: str, page: Any, receiver: Any) -> None:
    before = len(receiver.posts)
    page.goto(f"{site}/get-started/")

    page.locator("form[name='feedback'] button[data-md-value='1']").click()
    posts = receiver.wait_for(before + 1)
    assert posts[before]["page"] == "get-started/index.md"
    assert posts[before]["rating"] == 1
    assert posts[before]["url"].startswith(site)
    assert posts[before]["title"]

    page.goto(f"{site}/access/")
    page.locator("form[name='feedback'] button[data-md-value='0']").click()
    box = page.locator(".paved-feedback-comment")
    box.locator("textarea").fill("Please explain how long an access request takes.")
    box.locator("button").click()
    box.locator(".paved-feedback-comment__done").wait_for()

    posts = receiver.wait_for(before + 3)
    rating, comment = posts[before + 1], posts[before + 2]
    assert (rating["page"], rating["rating"]) == ("access/index.md", 0)
    assert "comment" not in rating
    assert comment["rating"] == 0
    assert comment["comment"] == "Please explain how long an access request takes."


def test_pages_request_nothing_outside_127_0_0_1(site: str, page: Any) -> None:
    for path in ("", "products/", "decisions/", "catalogue/", "products/wid-0001/"):
        page.goto(f"{site}/{path}")
        page.wait_for_load_state("networkidle")

    assert any(url.endswith(".js") for url in page.requested)
    assert any("search" in url for url in page.requested)
