"""Heavy blocks are lifted out of a page for search and put back unchanged."""

from __future__ import annotations

import random
import re

from paved.generator.mkdocs_plugin.heavy import blocks, restore, set_aside

PAGE = (
    '<h2 id="a">a</h2><p>text</p>'
    '<div class="paved-columns" data-search-exclude><table><tr><td>x</td></tr></table></div>'
    '<div class="paved-diagram" data-search-exclude><svg><text>n</text></svg></div>'
    '<div class="other">kept</div>'
)


def test_blocks_are_set_aside_and_restored_in_place() -> None:
    light, blocks = set_aside(PAGE)
    assert len(blocks) == 2
    assert "<table>" not in light
    assert "<svg>" not in light
    assert '<div class="other">kept</div>' in light
    assert restore(light, blocks) == PAGE


def test_a_page_without_heavy_blocks_is_unchanged() -> None:
    assert set_aside("<p>plain</p>") == ("<p>plain</p>", [])
    assert restore("<p>plain</p>", []) == "<p>plain</p>"


def test_a_look_alike_comment_written_by_an_author_is_left_alone() -> None:
    light, blocks = set_aside("<!--paved-heavy:7-->" + PAGE)
    assert restore(light, blocks) == "<!--paved-heavy:7-->" + PAGE


DATASET_PAGE = (
    '<h2 id="s1t">s1.t</h2><p>Orders &amp; refunds</p>\n'
    '<div class="paved-dataset">\n<p><strong>Classification:</strong> '
    '<span class="paved-badge">internal</span> · <strong>Custodian:</strong> '
    '<a href="../../custodians/maria/">Maria</a></p>\n</div>\n<p>after</p>'
)


def test_a_dataset_block_is_read_by_search_as_one_paragraph_and_restored() -> None:
    light, blocks = set_aside(DATASET_PAGE)
    assert len(blocks) == 1
    assert "<strong>" not in light
    assert "<a " not in light
    assert "<p>Classification: internal · Custodian: Maria</p>" in light
    assert "<p>Orders &amp; refunds</p>" in light
    assert restore(light, blocks) == DATASET_PAGE


def test_a_generated_table_is_read_by_search_as_its_cells_text() -> None:
    page = (
        '<h2 id="d">Datasets</h2>\n<div class="paved-table"><table>\n<thead><tr><th>Dataset'
        '</th></tr></thead>\n<tbody>\n<tr><td><a href="x/">pos.orders</a></td></tr>\n'
        "</tbody>\n</table></div>\n"
    )
    light, blocks = set_aside(page)
    assert "<p>Dataset pos.orders</p>" in light
    assert "<table>" not in light
    assert restore(light, blocks) == page


# The expression ``set_aside`` used before it found the blocks' ends with ``str.find``.
_REFERENCE = re.compile(
    r'<div class="paved-(?:columns|diagram)" data-search-exclude>.*?</div>'
    r'|<div class="paved-dataset"[^>]*>\n.*?</div>'
    r'|<div class="paved-table"[^>]*><table>\n.*?</table></div>',
    re.DOTALL,
)
_PIECES = [
    '<div class="paved-',
    "columns",
    "diagram",
    "dataset",
    "table",
    "other",
    '" data-search-exclude>',
    '"',
    " data-x>",
    ">",
    "\n",
    "<table>\n",
    "</table>",
    "</div>",
    "</table></div>",
    "<p>text</p>",
    "<div>",
    "x",
]


def test_the_blocks_are_those_the_regular_expression_finds() -> None:
    """On 20,000 random pages made of the blocks' own pieces (heads with and without
    their end, nested look-alikes, broken heads), the same blocks as the lazy regular
    expression ``set_aside`` used to run, in the same places."""
    rng = random.Random(12)
    for _ in range(20_000):
        page = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
        expected = [(m.start(), m.end()) for m in _REFERENCE.finditer(page)]
        assert blocks(page) == expected, page
