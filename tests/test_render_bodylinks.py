"""Links between repository files inside authors' bodies point at the generated pages."""

from __future__ import annotations

import dataclasses
from datetime import date

from example_site import broken_links
from sample_platform import small_git, small_platform

from paved.generator.core.render.bodylinks import page_of_file, rewrite_links
from paved.generator.core.render.site import render_site

PAGES = page_of_file(
    {"WID-0001": "wids/WID-0001-x.md"},
    {"ADR-0002": "adrs/0002-use-kafka.md"},
    {"access/index.md": "access/index.md"},
)


def test_adr_tools_sibling_link_points_at_the_decision_page() -> None:
    text = "## Status\n\nSuperseded by [2. Use Kafka](0002-use-kafka.md#status)\n"
    out = rewrite_links(text, "adrs/0001-batch.md", "decisions/adr-0001.md", PAGES)
    assert out == "## Status\n\nSuperseded by [2. Use Kafka](adr-0002.md#status)\n"


def test_wid_links_to_adrs_docs_and_other_wids_are_rewritten() -> None:
    text = (
        'See [the ADR](../adrs/0002-use-kafka.md "title"), [access](../docs/access/index.md)\n'
        "and [us](WID-0001-x.md).\n\n[ref]: ../adrs/0002-use-kafka.md\n"
    )
    out = rewrite_links(text, "wids/WID-0003-y.md", "products/wid-0003.md", PAGES)
    assert '[the ADR](../decisions/adr-0002.md "title")' in out
    assert "[access](../access/index.md)" in out
    assert "[us](wid-0001.md)" in out
    assert "[ref]: ../decisions/adr-0002.md" in out


def test_unknown_external_and_code_links_are_left_alone() -> None:
    text = (
        "[web](https://example.org/a.md) [top](#ctx) [gone](../adrs/9999-x.md)\n"
        "`[code](0002-use-kafka.md)`\n\n```\n[fenced](0002-use-kafka.md)\n```\n"
    )
    assert rewrite_links(text, "adrs/0001-a.md", "decisions/adr-0001.md", PAGES) == text


def test_rendered_decision_body_links_resolve() -> None:
    platform = small_platform()
    adr = platform.decisions["ADR-0001"]
    linked = dataclasses.replace(
        adr,
        body=adr.body
        + "\nReplaced by [ADR 2](0002-x.md) and see [home](../docs/get-started/index.md).\n",
    )
    platform = dataclasses.replace(platform, decisions={**platform.decisions, adr.id: linked})
    pages = render_site(platform, small_git(), today=date(2026, 5, 1))
    page = next(p for p in pages if p.src_uri == "decisions/adr-0001.md").markdown
    assert "[ADR 2](adr-0002.md)" in page
    assert "[home](../get-started/index.md)" in page
    assert broken_links(pages, set(platform.docs)) == []
