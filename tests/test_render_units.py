"""Unit tests of rendering: escaping, badges, banners, admonitions, bodies, reports."""

from __future__ import annotations

import dataclasses
import re

import markdown
import pytest
from example_site import html_of, pages_of
from markdown.extensions.toc import slugify
from sample_platform import HOSTILE, decision, product, small_git, small_platform

from paved.generator.core.gitfacts import GitFacts, StatusChange
from paved.generator.core.model import (
    Classification,
    Contact,
    DecisionStatus,
    DocPage,
    PersonalData,
    ProductStatus,
)
from paved.generator.core.render.badges import badge
from paved.generator.core.render.body import page_body, strip_front_matter
from paved.generator.core.render.escape import _MD_TABLE, md_escape, mermaid_label, segment, slug
from paved.generator.mkdocs_plugin.blocks import lift

# --- escaping ---------------------------------------------------------------


def test_md_escape_neutralises_table_html_link_and_attribute_syntax() -> None:
    escaped = md_escape(HOSTILE)
    for raw in ("|", "<", ">", "[", "]", "{", "}"):
        assert raw not in escaped
    assert "&#124;" in escaped
    assert "&lt;script&gt;" in escaped
    assert md_escape("a\nb\r\tc") == "a b  c"
    assert md_escape(None) == ""


def test_mermaid_label_cannot_close_its_quotes() -> None:
    assert mermaid_label('a "b" <c>|d') == "a #quot;b#quot; #lt;c#gt;#124;d"


@pytest.mark.parametrize(
    "value", ["pos.orders", "crm.loyalty_members", "Supply chain", "Ünïcode  x-y", "a--b"]
)
def test_slug_matches_python_markdown_toc(value: str) -> None:
    assert slug(value) == slugify(value, "-")


def test_segment_keeps_valid_ids_and_confines_invalid_ones() -> None:
    assert segment("WID-0042") == "wid-0042"
    assert segment("sales") == "sales"
    assert "/" not in segment("../../etc/passwd")
    assert segment("") == "unnamed"


def test_contact_email_cannot_break_out_of_the_mailto_link() -> None:
    odd = product("WID-0009", "Odd", business_owner=None)
    odd = dataclasses.replace(odd, technical_contact=Contact("Eve", "eve)(x@y.example", "@e"))
    platform = dataclasses.replace(small_platform(), products={odd.id: odd})
    page = pages_of(platform)["products/wid-0009.md"].markdown
    assert '<a href="mailto:eve%29%28x@y.example">Eve</a>' in page


# --- badges -------------------------------------------------------------------


def test_badge_has_status_class_and_escaped_text() -> None:
    assert badge(DecisionStatus.ACCEPTED) == (
        '<span class="paved-badge paved-badge--accepted" title="status">accepted</span>'
    )
    assert 'paved-badge--confidential" title="classification"' in badge(
        "confidential", "classification"
    )
    hostile = badge('x"><script>')
    assert "<script>" not in hostile
    assert 'class="paved-badge paved-badge--xscript"' in hostile


def test_product_index_shows_a_status_badge_per_row() -> None:
    page = pages_of()["products/index.md"].markdown
    assert page.count('class="paved-badge paved-badge--') == 3
    assert "paved-badge--draft" in page


# --- banners and admonitions ------------------------------------------------


def test_superseded_decision_banner_follows_the_chain_to_the_decision_in_force() -> None:
    page = pages_of()["decisions/adr-0001.md"].markdown
    assert page.index('<p class="admonition-title">Superseded') < page.index("paved-card")
    assert 'replaced by <a href="../adr-0002/">ADR-0002 · Hourly micro-batches</a>' in page
    assert (
        'in force now is <a href="../adr-0003/">ADR-0003 · Stream orders through Kafka</a>' in page
    )


def test_directly_superseded_decision_names_its_successor_once() -> None:
    page = pages_of()["decisions/adr-0002.md"].markdown
    assert (
        'It was replaced by <a href="../adr-0003/">ADR-0003 · Stream orders through Kafka</a>.'
        in page
    )
    assert "itself replaced" not in page


def test_accepted_decision_has_no_banner_and_rejected_one_says_so() -> None:
    pages = pages_of()
    assert "admonition" not in pages["decisions/adr-0003.md"].markdown
    rejected = pages["decisions/adr-0004.md"].markdown
    assert '<p class="admonition-title">Rejected: never in force</p>' in rejected


def test_deprecated_decision_without_successor_says_nothing_replaces_it() -> None:
    dep = decision("ADR-0007", "Old idea", DecisionStatus.DEPRECATED, "2024-01-01")
    platform = dataclasses.replace(small_platform(), decisions={dep.id: dep})
    page = pages_of(platform)["decisions/adr-0007.md"].markdown
    assert '<p class="admonition-title">Deprecated' in page
    assert "No recorded decision replaces it yet." in page


def test_banner_renders_as_an_admonition_with_working_links() -> None:
    html = html_of(pages_of()["decisions/adr-0001.md"].markdown)
    assert '<div class="admonition warning">' in html
    assert '<a href="../adr-0003/">ADR-0003 · Stream orders through Kafka</a>' in html
    # HTML, not ``!!!`` syntax: it renders even where mkdocs.yml lacks ``admonition``.
    assert "!!!" not in html
    bare = markdown.markdown(pages_of()["decisions/adr-0001.md"].markdown)
    assert '<div class="admonition warning">' in bare
    assert "!!!" not in bare


def test_draft_and_retired_products_carry_a_not_current_admonition() -> None:
    pages = pages_of()
    draft = pages["products/wid-0002.md"].markdown
    assert '<p class="admonition-title">Draft: not a current product</p>' in draft
    retired = pages["products/wid-0003.md"].markdown
    assert '<p class="admonition-title">Retired: no longer a current product</p>' in retired
    assert "admonition" not in pages["products/wid-0001.md"].markdown


def test_related_superseded_adr_is_marked_with_its_successor() -> None:
    page = pages_of()["products/wid-0001.md"].markdown
    line = next(x for x in page.splitlines() if x.startswith("<tr><td>Related decisions"))
    assert "paved-badge--superseded" in line
    assert '→ replaced by <a href="../../decisions/adr-0003/">ADR-0003</a>' in line


def test_page_metadata_is_on_the_page_object_not_in_front_matter() -> None:
    pages = pages_of()
    wid = pages["products/wid-0002.md"]
    assert (wid.status, wid.owner, wid.subject_id) == ("draft", None, "WID-0002")
    assert pages["products/wid-0001.md"].owner == "maria"
    assert pages["decisions/adr-0001.md"].status == "superseded"
    assert not any(p.markdown.startswith("---") for p in pages.values())


# --- bodies -------------------------------------------------------------------


def h1_count(text: str) -> int:
    html = html_of(text)
    return html.count("<h1")


def test_every_generated_page_has_exactly_one_h1() -> None:
    for page in pages_of().values():
        assert h1_count(page.markdown) == 1, page.src_uri


def test_body_drops_front_matter_and_title_and_keeps_code() -> None:
    body = page_body("---\nid: X\n---\n# Title\n\n## A\n\n```sh\n# comment\n```\n")
    assert body == "## A\n\n```sh\n# comment\n```\n"


def test_body_with_h1_sections_is_demoted_below_the_page_title() -> None:
    body = page_body("# Title\n\nIntro\n\n# Context\n\ntext\n\n## Detail\n")
    assert body == "Intro\n\n## Context\n\ntext\n\n### Detail\n"


def test_body_setext_headings_are_understood() -> None:
    body = page_body("Title\n=====\n\nSection\n-------\n\ntext\n")
    assert body == "## Section\n\ntext\n"


def test_body_without_title_keeps_its_headings() -> None:
    assert page_body("## Status\n\nAccepted\n") == "## Status\n\nAccepted\n"
    assert page_body("---\na: 1\n---\n") == ""
    assert strip_front_matter("no front matter\n---\n") == "no front matter\n---\n"


def test_body_script_html_and_javascript_links_are_defanged_outside_code() -> None:
    text = (
        "# T\n\nHi <script>x()</script> <img src=a onerror=alert(1)> <br>\n"
        "[a](javascript:alert(1)) `<script>` ok\n\n```html\n<script>kept()</script>\n```\n"
    )
    body = page_body(text)
    html = html_of(body)
    assert "<script>x()" not in html
    assert re.search(r"<[^>]*\sonerror=", html) is None
    assert 'href="javascript' not in html
    assert "<br" in html
    assert "<script>kept()</script>" in body  # fenced code is untouched
    assert "`<script>`" in body


# --- reports and home ---------------------------------------------------------


def test_onboarding_report_median_and_waiting_age() -> None:
    platform = small_platform()
    waiting = product("WID-0005", "Waiting", ProductStatus.SUBMITTED)
    platform = dataclasses.replace(platform, products={**platform.products, waiting.id: waiting})
    git = small_git()
    history = dict(git.status_history)
    history["wids/WID-0001-x.md"] = (
        StatusChange("2026-01-01", "submitted"),
        StatusChange("2026-01-11T12:00:00+00:00", "onboarded"),
    )
    history["WID-0005"] = (StatusChange("2026-04-21", "submitted"),)
    page = pages_of(platform, GitFacts(git.files, history))["reports/onboarding.md"].markdown
    assert "Median lead time: **25 days** over 2 onboarded products." in page
    assert "<td>2026-04-21</td><td>10</td></tr>" in page


def test_ownership_scorecard_names_the_dataset_without_lineage() -> None:
    lonely = product("WID-0009", "Lonely", upstream_datasets=("pos.orders", "pos.gone"))
    platform = dataclasses.replace(small_platform(), products={lonely.id: lonely}, lineage=())
    page = pages_of(platform)["reports/ownership.md"].markdown
    row = next(x for x in page.splitlines() if x.startswith("| [WID-0009]"))
    cells = [c.strip() for c in row.split(" | ")]
    assert cells[4] == (
        "✗ [pos.orders](../catalogue/datasets/pos.orders.md) has no lineage in the catalogue; "
        "pos.gone is not in the catalogue"
    )


def test_onboarding_report_lists_every_status_and_says_why_a_time_is_missing() -> None:
    base = small_platform()
    extra = {
        p.id: p
        for p in (
            product("WID-0010", "Approved late", ProductStatus.APPROVED),
            product("WID-0011", "Retired", ProductStatus.RETIRED),
        )
    }
    platform = dataclasses.replace(base, products={**base.products, **extra})
    git = small_git()
    history = dict(git.status_history)
    history["WID-0010"] = (StatusChange("2026-04-01", "approved"),)
    history["WID-0011"] = (StatusChange("2026-02-01", "retired"),)
    page = pages_of(platform, GitFacts(git.files, history))["reports/onboarding.md"].markdown

    statuses = page.split("## Products by status", 1)[1].split("## ", 1)[0]
    for status in ProductStatus:
        assert f"paved-badge--{status.value}" in statuses, status
    assert "| [WID-0011 · Retired](../products/wid-0011.md) |" in page
    assert "first committed as *retired* on 2026-02-01" in page
    waiting = page.split("## In progress", 1)[1]
    assert '<a href="../../products/wid-0010/">WID-0010 · Approved late</a>' in waiting
    assert (
        "<td>not committed (first seen 2026-04-01 as <em>approved</em>)</td><td>at least 30</td>"
        in waiting
    )


def test_onboarding_report_says_when_history_is_missing() -> None:
    page = pages_of(git=GitFacts.empty())["reports/onboarding.md"].markdown
    assert "No history available" in page
    assert "Median" not in page


def test_home_falls_back_to_created_date_without_history() -> None:
    page = pages_of(git=GitFacts.empty())["index.md"].markdown
    assert "| 2026-01-10 | [WID-0001 · Store sales daily](products/wid-0001.md)" in page
    assert "`created` date" in page


def test_home_counts_and_domain_status_matrix() -> None:
    page = pages_of()["index.md"].markdown
    for count in ("3 products", "4 decisions", "4 datasets", "2 custodians"):
        assert f"<p><strong>{count}</strong></p>" in page
    assert "<p>3 columns, 3 lineage links</p>" in page
    assert "| [Sales](catalogue/domains/sales.md) | · | · | · | 1 | 1 | 2 |" in page


def test_ownership_scorecard_flags_missing_owner_and_custodian() -> None:
    page = pages_of()["reports/ownership.md"].markdown
    row = next(x for x in page.splitlines() if x.startswith("| [WID-0002]"))
    assert row.endswith("| ✗ no business owner | ✗ none named | ✓ | ✓ | ✓ |")


def test_ownership_scorecard_flags_incomplete_personal_data() -> None:
    gaps = product("WID-0006", "Gaps", personal_data=PersonalData(True, ("email",), None, None))
    platform = dataclasses.replace(small_platform(), products={gaps.id: gaps})
    page = pages_of(platform)["reports/ownership.md"].markdown
    row = next(x for x in page.splitlines() if x.startswith("| [WID-0006]"))
    assert row.endswith("| ✓ | ✗ no legal basis; no retention |")
    assert "Products with every check passed | 0 of 1" in page


def test_ownership_scorecard_asks_review_of_weaker_classification_and_personal_data() -> None:
    weak = product(
        "WID-0008",
        "Weak",
        personal_data=PersonalData(False),
        classification=Classification.PUBLIC,
    )
    platform = dataclasses.replace(small_platform(), products={weak.id: weak})
    page = pages_of(platform)["reports/ownership.md"].markdown
    row = next(x for x in page.splitlines() if x.startswith("| [WID-0008]"))
    orders = "[pos.orders](../catalogue/datasets/pos.orders.md)"
    assert row.endswith(
        f"| ✓ | ✓ | ✓ | ✓ ⚠ {orders} is confidential | ✓ ⚠ {orders} holds personal data |"
    )


def test_tags_page_lists_products_decisions_and_anchors() -> None:
    page = pages_of()["tags.md"].markdown
    section = page.split("## ingestion\n", 1)[1].split("## ", 1)[0]
    adr1 = '<a href="../decisions/adr-0001/">ADR-0001 · Nightly batch ingestion</a>'
    assert f"<li>{adr1} (decision)</li>" in section
    assert '<a href="../decisions/adr-0003/">ADR-0003 · Stream orders through Kafka</a>' in section
    assert "## stores" in page


def test_missing_reference_renders_as_text_not_a_broken_link() -> None:
    orphan = product("WID-0007", "Orphan", domain="nowhere", related_adrs=("ADR-0099",))
    platform = dataclasses.replace(small_platform(), products={orphan.id: orphan})
    page = pages_of(platform)["products/wid-0007.md"].markdown
    assert "<tr><td>Domain</td><td>nowhere</td></tr>" in page
    assert "<tr><td>Related decisions</td><td>ADR-0099</td></tr>" in page


@dataclasses.dataclass(frozen=True, slots=True)
class TaggedDoc(DocPage):
    """A docs page with tags, as the model will carry them (``DocPage.tags`` is proposed)."""

    tags: tuple[str, ...] = ()


def test_tags_page_includes_documentation_pages_when_they_carry_tags() -> None:
    doc = TaggedDoc("access/index.md", "Get access", None, None, (), "", ("stores",))
    platform = dataclasses.replace(small_platform(), docs={doc.path: doc})
    page = pages_of(platform)["tags.md"].markdown
    section = page.split("## stores\n", 1)[1]
    assert '<li><a href="../access/">Get access</a> (documentation)</li>' in section


def test_md_escape_fast_path_misses_no_escaped_character() -> None:
    for code in _MD_TABLE:
        raw = "x" + chr(code)
        assert md_escape(raw) == raw.translate(_MD_TABLE) != raw, repr(chr(code))


def test_home_dates_an_imported_onboarded_wid_by_its_created_date() -> None:
    # WID-0001 went draft → onboarded in history: the commit date counts.
    assert "| 2026-03-01 | [WID-0001 · Store sales daily]" in pages_of()["index.md"].markdown
    # A WID first committed already onboarded: the commit only dates the import.
    git = small_git()
    history: dict[str, tuple[StatusChange, ...]] = {
        "wids/WID-0001-x.md": (StatusChange("2026-11-21T05:00:00+00:00", "onboarded"),)
    }
    page = pages_of(git=GitFacts(git.files, history))["index.md"].markdown
    assert "| 2026-01-10 | [WID-0001 · Store sales daily]" in page


def test_domain_page_counts_datasets_per_system_instead_of_listing_them() -> None:
    page = pages_of()["catalogue/domains/sales.md"].markdown
    assert "3 datasets" in page
    assert "| [lake](../systems/lake.md) | 1 |" in page
    assert "| [pos](../systems/pos.md) | 2 |" in page
    assert "pos.orders" not in page


def test_page_templates_are_compiled_once_per_machine_not_per_build() -> None:
    from jinja2 import FileSystemBytecodeCache

    from paved.generator.core.render.templating import environment

    assert isinstance(environment().bytecode_cache, FileSystemBytecodeCache)


def test_dataset_section_summary_is_its_description_not_its_html_facts() -> None:
    import json

    from paved.generator.core.index import build_index, sections_json

    index = build_index(small_platform(), list(pages_of().values()), with_text=False)
    rows = json.loads(sections_json(index, include_text=False))["sections"]
    orders = next(r for r in rows if r["title"] == "pos.orders")
    assert orders["summary"].startswith("Orders &#124; refunds")
    assert "paved-dataset" not in orders["summary"]


def test_defang_leaves_a_body_with_nothing_to_neutralise_as_it_is_and_matches_line_by_line() -> (
    None
):
    """A body with no dangerous tag, handler or script link is returned without being
    scanned for code; any other body line by line, code left alone: both are what the
    line-by-line rewrite gives."""
    import random

    from paved.generator.core.markdown_structure import outside_fences
    from paved.generator.core.render.body import _defang_line, defang

    def line_by_line(text: str) -> str:
        lines = text.split("\n")
        for i, line, live in outside_fences(text):
            if live and ("<" in line or "](" in line):
                lines[i] = _defang_line(line)
        return "\n".join(lines)

    parts = [
        "<script>",
        '<a href=x onclick="y">',
        "[l](javascript:x)",
        "`<script>`",
        "```\n<iframe>\n```\n",
        "text ",
        "\n",
        "<b>",
        "](",
        " onload =",
        "<",
        ">",
        "ONCLICK=",
        "    <style>\n",
        "[a](b.md)",
    ]
    rng = random.Random(11)
    changed = 0
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 10)))
        assert defang(text) == line_by_line(text), text
        changed += defang(text) != text
    assert changed > 100
    plain = "# T\n\nSee [the guide](guide.md) and <b>this</b>.\n"
    assert defang(plain) is plain


def test_listing_pages_are_html_lifted_out_of_markdown_with_values_escaped_once() -> None:
    # The products index, the tags page and the onboarding report list every WID: a
    # WID's title made ``paved serve`` convert them again. Written as HTML blocks the
    # adapter lifts (as the dataset pages are), no table row or list item of them is
    # left for Python-Markdown, and a contributed value is escaped exactly once.
    hostile = product("WID-0009", HOSTILE, ProductStatus.SUBMITTED, tags=("web", HOSTILE))
    platform = dataclasses.replace(
        small_platform(), products={**small_platform().products, hostile.id: hostile}
    )
    git = small_git()
    history = {**git.status_history, "WID-0009": (StatusChange("2026-04-01", "submitted"),)}
    pages = pages_of(platform, GitFacts(git.files, history))
    escaped = md_escape(HOSTILE)
    for uri in ("products/index.md", "tags.md", "reports/onboarding.md"):
        page = pages[uri].markdown
        assert "WID-0009" not in lift(page)[0], uri
        assert f"WID-0009 · {escaped}</a>" in page, uri
        assert "<script>" not in page, uri
        assert "&amp;" not in page, uri
