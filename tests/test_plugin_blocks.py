"""The HTML head of generated pages bypasses Python-Markdown and comes back unchanged."""

from __future__ import annotations

import markdown

from generator.plugin_blocks import lift, put_back

HEAD = (
    "# ADR-0001 · T\n\n"
    '<div class="admonition warning">\n<p class="admonition-title">Superseded</p>\n'
    '<p>Replaced by <a href="../adr-0002/">ADR-0002</a>.</p>\n</div>\n\n'
    '<div class="paved-card"><table>\n<tbody>\n<tr><td>Status</td><td>x</td></tr>\n'
    "</tbody>\n</table></div>\n\n"
)
BODY = (
    "## Context\n\n<!--paved-html:0-->\n\n"
    '<div class="admonition warning">\n<p>author</p>\n</div>\n\nText *here*.\n'
)


def test_head_blocks_are_lifted_and_restored_after_conversion() -> None:
    light, blocks = lift(HEAD + BODY)
    assert len(blocks) == 2
    assert "<table>" not in light
    assert light.endswith(BODY)  # the author's body, look-alikes included, is untouched
    html = put_back(markdown.markdown(light), blocks)
    assert blocks[0] in html
    assert blocks[1] in html
    assert html.index("Superseded") < html.index("paved-card") < html.index("Context")
    assert "<!--paved-html:0-->" in html  # the author's own comment stays a comment
    assert "<em>here</em>" in html


def test_pages_without_a_card_are_left_alone() -> None:
    text = '# Doc\n\n<div class="admonition warning">\n<p>x</p>\n</div>\n'
    assert lift(text) == (text, [])
    assert put_back("<p>x</p>", []) == "<p>x</p>"
