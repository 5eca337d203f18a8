"""The HTML table block of the generated pages.

Generated tables are written as HTML in a ``<div class="paved-table">`` block, which
the adapter lifts out of Python-Markdown (``paved.generator.mkdocs_plugin.blocks``):
converting large Markdown tables of links and badges was most of those pages' build
time. The portal's table script reads ``data-filters``; ``data-search-exclude`` keeps a
table out of the search index. Cells are escaped by their caller, once, where each
value is placed: this module only joins them.
"""

from __future__ import annotations

from collections.abc import Iterable


def table_rows(rows: Iterable[Iterable[str]]) -> str:
    """``<tr>`` lines of already-escaped cells."""
    return "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows)


def table_block(headers: Iterable[str], body: str, attrs: str = "") -> str:
    """The block around ``body`` (``<tr>`` lines); ``attrs`` starts with a space."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    return (
        f'<div class="paved-table"{attrs}><table>\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}</tbody>\n</table></div>\n"
    )
