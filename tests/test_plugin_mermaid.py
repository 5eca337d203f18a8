"""The ``mermaid`` fence (mkdocs_plugin.mermaid): any diagram's source, escaped once, in
the element paved-diagrams.js draws; the drawing itself is tested in a real browser
(tests/browser/test_diagrams.py)."""

from __future__ import annotations

import html
import re

import pytest

from paved.generator.mkdocs_plugin.heavy import restore, set_aside
from paved.generator.mkdocs_plugin.mermaid import SOURCE_CLASS, format_flowchart, format_mermaid

LINEAGE = """flowchart LR
    n0["sales.orders"]
    n1["pos.receipts #quot;raw#quot;"]
    n1 --> n0
    n0 -->|feeds| n2
    click n1 "../pos/#pos-receipts"
    style n0 stroke-width:3px
"""

SOURCES = [
    LINEAGE,
    "sequenceDiagram\n    A->>B: <hi> & bye",
    "stateDiagram-v2\n    [*] --> Draft\n    Draft --> Submitted",
    "classDiagram\n    Animal <|-- Duck",
    "erDiagram\n    CUSTOMER ||--o{ ORDER : places",
    "gantt\n    title Plan\n    section A\n    Task :a1, 2026-01-01, 3d",
    'pie title Pets\n    "Dogs" : 386\n    "Cats" : 85',
]


@pytest.mark.parametrize("source", SOURCES)
def test_every_diagram_type_is_passed_on_as_escaped_text(source: str) -> None:
    out = format_mermaid(source, "mermaid", "mermaid", {}, None)

    match = re.fullmatch(
        rf'<div class="paved-diagram" data-search-exclude><pre class="{SOURCE_CLASS}">'
        r"<code>(.*)</code></pre></div>",
        out,
        flags=re.DOTALL,
    )
    assert match, out
    assert html.unescape(match.group(1)) == source.strip("\n")
    assert "<" not in match.group(1)


def test_markup_in_a_label_stays_text() -> None:
    out = format_mermaid('flowchart LR\n  a["</code></pre><script>x()</script>"]', "", "", {}, None)

    assert "<script>" not in out
    assert "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;" in out


def test_old_configurations_keep_working() -> None:
    assert format_flowchart is format_mermaid


def test_search_sets_the_diagram_aside_and_puts_it_back() -> None:
    """heavy.py finds the wrapper's end at its first </div>: the fence nests none."""
    diagram = format_mermaid(LINEAGE, "mermaid", "mermaid", {}, None)
    page = f"<p>before</p>{diagram}<p>after</p>"

    aside, blocks = set_aside(page)

    assert blocks == [diagram]
    assert "pos.receipts" not in aside
    assert restore(aside, blocks) == page
