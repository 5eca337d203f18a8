"""Server-side SVG for the small Mermaid flowcharts the renderer writes.

Material loads mermaid.js from a CDN, and no Python package ships it for this Python, so
the portal would not be self-contained. The generated diagrams (lineage, supersede
chains) use a tiny subset: ``flowchart LR``, quoted node labels, ``-->`` edges with an
optional ``|label|``, ``click`` links, ``style`` and ``classDef``. This module lays that
subset out in ranks from left to right and draws plain SVG with links. Anything else is
shown as its source in a code block (nothing is lost, nothing is fetched).

Used as a pymdownx.superfences custom fence (see mkdocs.yml).
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

_HEADER = re.compile(r"^(?:flowchart|graph)\s+LR\s*$")
_NODE = re.compile(r'^(\w+)\["(.*)"\](?::::(\w+))?$')
_EDGE = re.compile(r"^(\w+)\s*-->\s*(?:\|([^|]*)\|\s*)?(\w+)$")
_CLICK = re.compile(r'^click\s+(\w+)\s+"([^"]*)"')
_STYLE = re.compile(r"^style\s+(\w+)\s+(.+)$")
_CLASSDEF = re.compile(r"^classDef\s+(\w+)\s+(.+)$")
_ENTITY = re.compile(r"#(\w+);")
_NAMED = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}

_WRAP = 30
_CHAR_W = 7.2
_LINE_H = 16
_PAD_X = 12
_PAD_Y = 10
_GAP_X = 70
_GAP_Y = 18
_MARGIN = 8


@dataclass
class Flowchart:
    nodes: dict[str, str] = field(default_factory=dict)
    node_class: dict[str, str] = field(default_factory=dict)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    styles: dict[str, str] = field(default_factory=dict)
    class_styles: dict[str, str] = field(default_factory=dict)


def _unescape(label: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.isdigit():
            return chr(int(name))
        return _NAMED.get(name, match.group(0))

    return _ENTITY.sub(replace, label)


def _css(props: str) -> str:
    """Mermaid style props (comma separated) as an SVG style attribute value."""
    parts = [p.strip() for p in props.split(",") if ":" in p]
    return ";".join(re.sub(r"\s*:\s*", ":", p, count=1) for p in parts)


def parse(source: str) -> Flowchart | None:
    """The flowchart, or ``None`` when the source uses anything outside the subset."""
    lines = [line.strip() for line in source.strip().splitlines() if line.strip()]
    if not lines or not _HEADER.match(lines[0]):
        return None
    chart = Flowchart()
    for line in lines[1:]:
        if line.startswith("%%"):
            continue
        if match := _NODE.match(line):
            chart.nodes[match.group(1)] = _unescape(match.group(2))
            if match.group(3):
                chart.node_class[match.group(1)] = match.group(3)
        elif match := _EDGE.match(line):
            src, label, dst = match.group(1), match.group(2) or "", match.group(3)
            chart.nodes.setdefault(src, src)
            chart.nodes.setdefault(dst, dst)
            chart.edges.append((src, dst, _unescape(label.strip())))
        elif match := _CLICK.match(line):
            chart.links[match.group(1)] = _unescape(match.group(2))
        elif match := _STYLE.match(line):
            chart.styles[match.group(1)] = _css(match.group(2))
        elif match := _CLASSDEF.match(line):
            chart.class_styles[match.group(1)] = _css(match.group(2))
        else:
            return None
    return chart


def _ranks(chart: Flowchart) -> dict[str, int]:
    """Longest path from a source, bounded so a cycle cannot loop forever."""
    rank = dict.fromkeys(chart.nodes, 0)
    for _ in range(len(chart.nodes)):
        changed = False
        for src, dst, _label in chart.edges:
            if src != dst and rank[dst] < rank[src] + 1:
                rank[dst] = rank[src] + 1
                changed = True
        if not changed:
            break
    return rank


def render_svg(chart: Flowchart) -> str:
    """Lay out ranks as columns and draw boxes, curved arrows and links."""
    wrapped = {
        n: textwrap.wrap(label, _WRAP, break_long_words=False, break_on_hyphens=False) or [""]
        for n, label in chart.nodes.items()
    }
    size = {
        n: (
            max(len(line) for line in lines) * _CHAR_W + 2 * _PAD_X,
            len(lines) * _LINE_H + 2 * _PAD_Y,
        )
        for n, lines in wrapped.items()
    }
    rank = _ranks(chart)
    columns: dict[int, list[str]] = {}
    for node in chart.nodes:
        columns.setdefault(rank[node], []).append(node)
    col_width = {r: max(size[n][0] for n in nodes) for r, nodes in columns.items()}
    col_height = {
        r: sum(size[n][1] for n in nodes) + _GAP_Y * (len(nodes) - 1)
        for r, nodes in columns.items()
    }
    height = max(col_height.values()) + 2 * _MARGIN
    pos: dict[str, tuple[float, float]] = {}
    x = float(_MARGIN)
    for r in sorted(columns):
        y = _MARGIN + (height - 2 * _MARGIN - col_height[r]) / 2
        for node in columns[r]:
            w, h = size[node]
            pos[node] = (x + (col_width[r] - w) / 2, y)
            y += h + _GAP_Y
        x += col_width[r] + _GAP_X
    width = x - _GAP_X + _MARGIN

    out = [
        f'<svg class="paved-flowchart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">',
        '<defs><marker id="paved-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0L10,5L0,10z" class="paved-flowchart__arrowhead"/></marker></defs>',
    ]
    for src, dst, label in chart.edges:
        (sx, sy), (sw, sh) = pos[src], size[src]
        (dx, dy), (_dw, dh) = pos[dst], size[dst]
        x1, y1, x2, y2 = sx + sw, sy + sh / 2, dx, dy + dh / 2
        bend = max(abs(x2 - x1) / 2, 30)
        out.append(
            f'<path class="paved-flowchart__edge" marker-end="url(#paved-arrow)" '
            f'd="M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} '
            f'{x2:.1f},{y2:.1f}"/>'
        )
        if label:
            out.append(
                f'<text class="paved-flowchart__edge-label" x="{(x1 + x2) / 2:.1f}" '
                f'y="{(y1 + y2) / 2 - 4:.1f}" text-anchor="middle">{html.escape(label)}</text>'
            )
    for node, lines in wrapped.items():
        (nx, ny), (w, h) = pos[node], size[node]
        style = ";".join(
            s
            for s in (
                chart.class_styles.get(chart.node_class.get(node, ""), ""),
                chart.styles.get(node, ""),
            )
            if s
        )
        style_attr = f' style="{html.escape(style)}"' if style else ""
        box = [
            '<g class="paved-flowchart__node">',
            f'<rect x="{nx:.1f}" y="{ny:.1f}" width="{w:.1f}" height="{h:.1f}" rx="6"'
            f"{style_attr}/>",
        ]
        for i, line in enumerate(lines):
            ty = ny + _PAD_Y + (i + 1) * _LINE_H - 4
            box.append(
                f'<text x="{nx + w / 2:.1f}" y="{ty:.1f}" text-anchor="middle">'
                f"{html.escape(line)}</text>"
            )
        box.append("</g>")
        link = chart.links.get(node)
        if link:
            out.append(f'<a href="{html.escape(link, quote=True)}">')
            out.extend(box)
            out.append("</a>")
        else:
            out.extend(box)
    out.append("</svg>")
    return "".join(out)


def format_flowchart(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    **kwargs: Any,
) -> str:
    """pymdownx.superfences formatter: an SVG diagram, or the escaped source."""
    chart = parse(source)
    if chart is None or not chart.nodes:
        return f'<pre class="paved-diagram-source"><code>{html.escape(source)}</code></pre>'
    # Kept out of Material's search index: the labels repeat the links written beside
    # the diagram, and indexing thousands of SVGs doubled the cost of the big pages.
    return f'<div class="paved-diagram" data-search-exclude>{render_svg(chart)}</div>'
