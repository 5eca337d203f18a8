"""The HTML head of generated pages bypasses Python-Markdown and comes back unchanged."""

from __future__ import annotations

import random
import re

import markdown

from paved.generator.core.render.catalogue import USED_BY_HEAD
from paved.generator.mkdocs_plugin.blocks import (
    card_text,
    lift,
    put_back,
    put_back_for_search,
    restore_card,
)

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


def test_search_reads_the_card_as_text_and_the_page_gets_the_card_back() -> None:
    light, blocks = lift(HEAD + BODY)
    converted = markdown.markdown(light)
    for_search, card = put_back_for_search(converted, blocks)
    assert card == blocks[1]
    assert "<table>" not in for_search
    assert "<p>Status: x</p>" in for_search
    assert blocks[0] in for_search  # the banner is read by search as it is shown
    assert restore_card(for_search, card) == put_back(converted, blocks)


def test_card_text_keeps_values_escaped() -> None:
    card = '<div class="paved-card"><table><tr><td>Tags</td><td><a href="x">&lt;b&gt;</a></td></tr>'
    assert card_text(card) == "Tags: &lt;b&gt;"


def test_whole_tables_of_a_page_without_a_card_are_lifted_anywhere() -> None:
    table = '<div class="paved-table"><table>\n<tbody><tr><td>a</td></tr></tbody>\n</table></div>\n'
    text = f"# Log\n\n## 2026\n\n{table}\n## 2025\n\n{table}"
    light, blocks = lift(text)
    assert blocks == [table, table]
    assert "<table>" not in light
    html = put_back(markdown.markdown(light), blocks)
    assert html.count("<td>a</td>") == 2


def test_a_run_of_lifted_blocks_is_one_comment_and_comes_back_in_order() -> None:
    facts = '<div class="paved-dataset">\n<p>facts of {}</p>\n</div>\n'
    lineage = '<div class="paved-dataset">\n<p>lineage of {}</p>\n</div>\n'
    columns = "```paved-columns\n{}\n```\n"
    text = "# System\n\n" + "".join(
        f"## {n}\n\nAbout {n}.\n\n{facts.format(n)}\n{columns.format(n)}\n{lineage.format(n)}\n"
        for n in ("ds1", "ds2")
    )

    def draw(source: str, *args: object) -> str:
        return f'<div class="paved-columns">{source}</div>\n'

    light, blocks = lift(text, {"paved-columns": draw})

    assert light.count("<!--paved-html:") == 2  # one per dataset, not three
    html = put_back(markdown.markdown(light), blocks)
    for n in ("ds1", "ds2"):
        parts = [f"facts of {n}", f'<div class="paved-columns">{n}</div>', f"lineage of {n}"]
        positions = [html.index(part) for part in parts]
        assert positions == sorted(positions)
        assert html.index(f"About {n}.") < positions[0]
    assert html.index("lineage of ds1") < html.index("<h2>ds2</h2>")


# The regular expressions ``lift`` ran before it found the blocks with ``str.find``.
_TABLE_REFERENCE = re.compile(
    r'^(?:<div class="paved-table"[^>\n]*><table>\n.*?</table></div>'
    r'|<div class="paved-dataset"[^>\n]*>\n.*?</div>)\n',
    re.MULTILINE | re.DOTALL,
)
_FENCE_REFERENCE = re.compile(r"^```([\w-]+)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
_PIECES = [
    '<div class="paved-table"',
    '<div class="paved-dataset"',
    '<div class="paved-other"',
    " x",
    ">",
    "<table>",
    "</table></div>",
    "</table>",
    "</div>",
    "\n",
    "\n",
    "```",
    "```mermaid",
    "```paved-columns",
    "``",
    "a",
    "é",
]


def test_the_blocks_and_fences_are_those_the_regular_expressions_find() -> None:
    """On 30,000 random pages made of the blocks' and fences' own pieces (heads without
    ends, heads not at a line start, empty fences, look-alikes), the same matches, in
    the same places and with the same groups, as the expressions ``lift`` used to run."""
    from paved.generator.mkdocs_plugin.blocks import _fences, _table_blocks

    rng = random.Random(5)
    for _ in range(30_000):
        page = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))
        tables = [(m.start(), m.end(), ()) for m in _TABLE_REFERENCE.finditer(page)]
        fences = [(m.start(), m.end(), m.groups()) for m in _FENCE_REFERENCE.finditer(page)]
        assert _table_blocks(page) == tables, page
        assert _fences(page) == fences, page


def test_a_systems_used_by_table_is_lifted_whole_and_converts_as_it_would_have() -> None:
    table = (
        f"{USED_BY_HEAD}<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n<td>c</td>\n<td>1</td>\n</tr>\n"
        "</tbody>\n</table>"
    )
    text = f"# System\n\n## Used by products\n\n1 product reads it:\n\n{table}\n"
    light, blocks = lift(text)
    assert blocks == [table]
    assert "<table>" not in light
    # Lifted or converted as raw HTML by Python-Markdown: the same page.
    assert put_back(markdown.markdown(light), blocks) == markdown.markdown(text)


def test_only_the_used_by_head_at_a_line_start_is_lifted() -> None:
    table = f"{USED_BY_HEAD}<tbody>\n</tbody>\n</table>"
    for text in (f"x {table}\n", table.replace("<th>Hops</th>", "<th>Other</th>") + "\n"):
        assert lift(f"# System\n\n{text}")[1] == []
    assert lift(f"# System\n\n{USED_BY_HEAD}<tbody>\n")[1] == []  # no end: left alone
