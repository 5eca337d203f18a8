"""The metadata card and banners as HTML, and imported ADRs without the facts the card shows."""

from __future__ import annotations

import dataclasses
import re

import markdown
from example_site import html_of, pages_of
from sample_platform import HOSTILE, decision, product, small_platform

from paved.generator.core.model import Contact, DecisionStatus
from paved.generator.core.render.body import page_body
from paved.generator.core.render.card import as_html, href
from paved.generator.core.render.imported import card_fact_lines


def test_hostile_values_in_the_card_stay_text_and_the_table_stays_whole() -> None:
    hostile = decision(
        "ADR-0008",
        HOSTILE,
        DecisionStatus.SUPERSEDED,
        "2024-01-01",
        decision_makers=(HOSTILE,),
        tags=("ok",),
        superseded_by="ADR-0003",
    )
    odd = dataclasses.replace(
        product("WID-0009", "Odd", strategic_pillar=HOSTILE),
        technical_contact=Contact(HOSTILE, "eve@y.example", HOSTILE),
    )
    base = small_platform()
    platform = dataclasses.replace(
        base,
        decisions={**base.decisions, hostile.id: hostile},
        products={**base.products, odd.id: odd},
    )
    pages = pages_of(platform)
    for uri in ("decisions/adr-0008.md", "products/wid-0009.md"):
        page = pages[uri].markdown
        card = page[page.index('<div class="paved-card">') : page.index("</table></div>")]
        assert "<script" not in card
        assert 'href="javascript' not in card
        assert "Orders &#124; refunds &lt;script&gt;" in card
        for built in (html_of(page), markdown.markdown(page)):
            assert "<script" not in built
            assert 'href="javascript' not in built
            assert re.search(r"<[^>]*\sonclick=", built) is None
            assert "Orders &#124; refunds &lt;script&gt;" in built


def test_card_links_point_at_served_urls() -> None:
    assert href("adr-0002.md", "decisions/adr-0001.md") == "../adr-0002/"
    assert href("../tags.md#web", "products/wid-0001.md") == "../../tags/#web"
    assert href("", "decisions/adr-0001.md") == "./"
    assert href("mailto:a@b.example", "products/wid-0001.md") == "mailto:a@b.example"
    text = "| Field | Value |\n|---|---|\n| Tags | [web](../tags.md#web) |\n\n| Field | Value |\n"
    out = as_html(text, "products/wid-0001.md")
    assert '<tr><td>Tags</td><td><a href="../../tags/#web">web</a></td></tr>' in out
    assert out.endswith("\n| Field | Value |\n")  # only the first table, the card, changes


def shown(body: str, fmt: str) -> str:
    """The body as a decision page of a record imported in ``fmt`` shows it."""
    return page_body(body, card_fact_lines(body, fmt))


def test_madr2_bullets_shown_by_the_card_leave_the_body_and_others_stay() -> None:
    body = (
        "# Use Kafka\n\n- Status: accepted\n- Deciders: Ada, Bo\n- Date: 2024-01-02\n"
        "- Technical Story: TICKET-1\n\nSome intro.\n\n## Context\n\n- Status: a list item\n"
    )
    out = shown(body, "madr2")
    assert "Deciders" not in out
    assert "Date:" not in out
    assert "- Status: accepted" not in out
    assert "- Technical Story: TICKET-1" in out
    assert "Some intro." in out
    assert "## Context\n\n- Status: a list item" in out  # the author's sections are untouched
    assert card_fact_lines(body, "madr4") == frozenset()


def test_nygard_status_section_goes_unless_it_says_more() -> None:
    body = (
        "# 2. Use Kafka\n\nDate: 2024-01-02\n\n## Status\n\nSuperseded by [3. X](0003-x.md)\n\n"
        "Accepted\n\n## Context\n\nWhy.\n"
    )
    out = shown(body, "nygard")
    assert "## Status" not in out
    assert "Date:" not in out
    assert "## Context\n\nWhy." in out
    amended = body.replace("Accepted\n", "Accepted\n\nAmended by [4. Y](0004-y.md)\n")
    assert "## Status" in shown(amended, "adr-tools")


def test_decision_log_timeline_is_html_with_served_links_and_escaped_titles() -> None:
    hostile = decision("ADR-0008", HOSTILE, DecisionStatus.ACCEPTED, "2024-01-01")
    base = small_platform()
    platform = dataclasses.replace(base, decisions={**base.decisions, hostile.id: hostile})
    page = pages_of(platform)["decisions/index.md"].markdown
    assert "| Date | Decision |" not in page
    assert '<a href="adr-0008/">ADR-0008 · Orders &#124; refunds &lt;script&gt;' in page
    built = markdown.markdown(page)
    assert "<script" not in built
    assert 'href="javascript' not in built
