"""The section index: anchors identical to MkDocs', URLs, plain text, page metadata."""

from __future__ import annotations

import json
from datetime import date

import markdown
import pytest
from sample_answers import small_platform

from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.index import (
    IndexSection,
    build_index,
    page_url,
    plain_heading,
    plain_text,
    sections_json,
    split_sections,
    summary,
)
from paved.generator.core.markdown_structure import heading_anchor
from paved.generator.core.render.site import render_site

TRICKY_HEADINGS = [
    "Plain heading",
    "pos.sales_lines",
    "webshop.order_lines table",
    "`sales.orders` dataset",
    "Who *owns* it?",
    "_Emphasised_ words",
    "__strong__ start",
    "A [link](../x.md) in a heading",
    "Step 1: get access",
    "Ingress & egress",
    "Café — naïve façade",
    "Yes/no cells",
    "ADR-0010 · Stream selected sources",
    "Options {#custom-id}",
    "C++ <b>bold</b> & co",
    "Price in NOK (incl. VAT) — 25 %",
    "snake_case_name and __init__",
]


def toc_ids(text: str) -> list[str]:
    """The heading ids Python-Markdown's toc extension writes, with the fenced-code
    extension MkDocs is configured with (so ``#`` lines in code are not headings)."""
    renderer = markdown.Markdown(extensions=["toc", "attr_list", "pymdownx.superfences"])
    renderer.convert(text)
    ids: list[str] = []

    def walk(tokens: list[dict[str, object]]) -> None:
        for token in tokens:
            ids.append(str(token["id"]))
            walk(token["children"])  # type: ignore[arg-type]

    walk(renderer.toc_tokens)
    return ids


@pytest.mark.parametrize("heading", TRICKY_HEADINGS)
def test_anchor_matches_python_markdown_toc(heading: str) -> None:
    assert heading_anchor(heading) == toc_ids(f"## {heading}\n")[0]


def test_page_anchors_match_toc_including_duplicates_and_code_blocks() -> None:
    body = "\n".join(
        [
            "# Title",
            "## Usage",
            "```bash",
            "# not a heading",
            "```",
            "## Usage",
            "### `pos.sales_lines` columns",
            "## Usage",
            "~~~",
            "## also not a heading",
            "~~~",
            "## Explicit {#mine}",
        ]
    )
    assert [s.anchor for s in split_sections(body)] == toc_ids(body)
    assert [s.anchor for s in split_sections(body)] == [
        "title",
        "usage",
        "usage_1",
        "possales_lines-columns",
        "usage_2",
        "mine",
    ]


def test_sections_carry_the_text_below_their_heading_only() -> None:
    sections = split_sections("# T\nintro\n## A\nalpha\n### B\nbeta\n")
    assert [(s.heading, s.level, s.markdown.strip()) for s in sections] == [
        ("T", 1, "intro"),
        ("A", 2, "alpha"),
        ("B", 3, "beta"),
    ]


def test_plain_text_keeps_words_and_drops_markup_and_diagrams() -> None:
    text = plain_text(
        "See [the form](../f.md) and **bold** `code_name`.\n"
        "| a | b |\n|---|---|\n| x | y |\n"
        '!!! warning "Superseded"\n'
        '<span class="badge">accepted</span>\n'
        "```mermaid\nflowchart LR\n  a --> b\n```\n"
        "```sql\nSELECT 1\n```"
    )
    assert "See the form and bold code_name." in text
    assert "x   y" in text
    assert "---" not in text
    assert "Superseded" in text
    assert "accepted" in text
    assert "flowchart" not in text
    assert "SELECT 1" in text
    assert "<span" not in text
    assert "](" not in text


def test_plain_heading_and_summary() -> None:
    assert plain_heading("Who *owns* `pos.sales_lines` {#x}") == "Who owns pos.sales_lines"
    assert summary("| a |\n|---|\n| b |\n\n```\ncode\n\nmore\n```\n\nFirst *prose*.\n") == (
        "First prose."
    )


@pytest.mark.parametrize(
    ("src_uri", "url"),
    [
        ("index.md", ""),
        ("access/index.md", "access/"),
        ("products/wid-0001.md", "products/wid-0001/"),
    ],
)
def test_page_url_follows_mkdocs_directory_urls(src_uri: str, url: str) -> None:
    assert page_url(src_uri) == url


@pytest.fixture(scope="module")
def index() -> list[IndexSection]:
    platform = small_platform()
    return build_index(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))


def test_index_covers_generated_pages_and_hand_written_docs(index: list[IndexSection]) -> None:
    kinds = {s.kind for s in index}
    assert {"home", "product", "decision", "system", "domain", "custodian", "doc"} <= kinds
    by_url = {s.url: s for s in index}
    doc = by_url["access/#request-a-grant"]
    assert (doc.page_title, doc.title, doc.level, doc.anchor) == (
        "Getting data access",
        "Request a grant",
        2,
        "request-a-grant",
    )
    assert doc.owner == "governance@example.org"
    assert doc.text.startswith("Open the request form")
    assert by_url["access/"].title == "Getting data access"


def test_index_sections_carry_status_owner_and_subject(index: list[IndexSection]) -> None:
    by_url = {s.url: s for s in index}
    draft = by_url["products/wid-0002/"]
    assert (draft.kind, draft.status, draft.owner, draft.subject_id) == (
        "product",
        "draft",
        "ada-berg",
        "WID-0002",
    )
    outcome = by_url["decisions/adr-0001/#decision-outcome"]
    assert outcome.status == "superseded"
    assert outcome.subject_id == "ADR-0001"
    dataset = by_url["catalogue/datasets/till.receipts/"]
    assert dataset.title == "till.receipts"
    assert dataset.subject_id == "till.receipts"
    assert "receipt_id" in by_url["catalogue/datasets/till.receipts/#columns"].text


def test_index_anchors_agree_with_toc_on_every_generated_page() -> None:
    platform = small_platform()
    for page in render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)):
        assert [s.anchor for s in split_sections(page.markdown)] == toc_ids(page.markdown), (
            page.src_uri
        )


def test_sections_json_makes_urls_absolute_when_a_site_url_is_given(
    index: list[IndexSection],
) -> None:
    data = json.loads(sections_json(index[:2], site_url="https://portal.example/"))
    assert data["sections"][0]["url"] == "https://portal.example/"
    assert data["sections"][1]["url"].startswith("https://portal.example/#")
    relative = json.loads(sections_json(index[:2]))
    assert relative["sections"][1]["url"].startswith("#")


def test_anchors_of_the_example_docs_agree_with_toc() -> None:
    from pathlib import Path

    from paved.generator.core.api import check

    platform = check(Path(__file__).resolve().parent.parent).platform
    assert platform.docs
    for doc in platform.docs.values():
        assert [s.anchor for s in split_sections(doc.body)] == toc_ids(doc.body), doc.path


def test_sections_json_can_leave_the_full_text_out(index: list[IndexSection]) -> None:
    rows = json.loads(sections_json(index, include_text=False))["sections"]
    assert len(rows) == len(index)
    assert "text" not in rows[0]
    assert rows[0]["summary"] == index[0].summary


def test_lines_plain_text_leaves_alone_skip_the_scan_and_give_the_same_text() -> None:
    """``plain_text`` returns lines nothing in them changes without scanning them: for
    random texts of Markdown's special characters (and random bullet lists), the
    shortcut is taken only where the full conversion gives back the text itself."""
    import random

    from paved.generator.core import index as index_module

    rng = random.Random(7)
    alphabet = "ab 1.\t\n\r<>[]()!?*_`|~-:#{}=\\&;\u00a0" + "xyz" * 4
    bullets = ["- ", "-", "--", "- -", "", " ", "a", ":", "x y", "-:", "1. "]
    taken = 0
    for _ in range(30_000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        listed = "\n".join(
            rng.choice(bullets) + rng.choice(["x", "a b", "", "-", ":-", "q|"])
            for _ in range(rng.randint(1, 4))
        )
        for text in (line, listed):
            if index_module._ALREADY_PLAIN.fullmatch(text):
                taken += 1
                assert index_module._plain_text(text) == text.strip(), repr(text)
            assert index_module.plain_text(text) == index_module._plain_text(text), repr(text)
    assert taken > 5_000  # the shortcut is exercised, not just the full path
    assert plain_text("Use **Kafka** for [events](x.md)") == "Use Kafka for events"
    assert plain_text("- Change data capture\n- Nightly full extracts") == (
        "- Change data capture\n- Nightly full extracts"
    )
