"""The ``mermaid`` fence: the diagram's source, escaped once, for the browser to draw.

The portal serves a pinned mermaid.js itself (``static/mermaid/``, from the npm package,
with its licence; see ``assets``) and ``static/paved-diagrams.js`` draws each diagram in
the page: every diagram type authors write in ``docs/`` (flowchart, sequence, state,
class, ER, gantt, pie, ...), laid out by mermaid's own engines (ELK for flowcharts, which
routes edges around boxes), scaled to the content column, with a full-screen view for
large graphs. The home-made layered SVG this module used to draw ran edges through boxes
and knew only a flowchart subset; the measurements behind the change are in
``benchmarks/README.md``.

What leaves here is inert text: ``<pre class="paved-mermaid"><code>`` with the source
escaped once, so the allow-list sanitiser keeps it as text and a reader without script
sees the source. ``data-search-exclude`` keeps it out of Material's search index (the
labels repeat the links written beside each diagram). The wrapper holds no nested
``<div>``: ``heavy`` and ``blocks`` find its end at the first ``</div>``.

Used as a pymdownx.superfences custom fence (see mkdocs.yml).
"""

from __future__ import annotations

import html
from typing import Any

#: The class of the ``<pre>`` that ``paved-diagrams.js`` looks for.
SOURCE_CLASS = "paved-mermaid"


def diagram_html(source: str) -> str:
    """The diagram's wrapper with its source as escaped text."""
    text = html.escape(source.strip("\n"), quote=False)
    return (
        f'<div class="paved-diagram" data-search-exclude>'
        f'<pre class="{SOURCE_CLASS}"><code>{text}</code></pre></div>'
    )


def format_mermaid(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    **kwargs: Any,
) -> str:
    """pymdownx.superfences formatter: the source for the browser to draw."""
    return diagram_html(source)


#: The name ``mkdocs.yml`` files written before the change use.
format_flowchart = format_mermaid
