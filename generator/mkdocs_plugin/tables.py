"""The ``paved-columns`` fence as an HTML table: a dataset's columns on its system page.

The renderer writes one line per column, cells separated by ``|`` (name, type,
personal data yes/no, description; a ``|`` inside a value is escaped as ``&#124;``).
Drawing the table here, as a pymdownx.superfences custom fence, keeps 200,000 rows out
of Python-Markdown's inline and raw-HTML parsers, which cost half of a large portal
build. ``data-search-exclude`` keeps the rows out of Material's search index: the
dataset's section stays findable by its id, description and personal-data columns, and
the index stays small enough to download.

Used as a pymdownx.superfences custom fence (see mkdocs.yml).
"""

from __future__ import annotations

import html
from typing import Any

_HEAD = (
    '<div class="paved-columns" data-search-exclude><table>\n'
    "<thead><tr><th>Column</th><th>Type</th><th>Personal data</th><th>Description</th>"
    "</tr></thead>\n<tbody>\n"
)
_CELLS = 4


def _cell(text: str) -> str:
    """Inert text whatever the fence holds: the renderer's escaped values come out as
    they are, a hand-written fence cannot inject markup."""
    return html.escape(html.unescape(text.strip()), quote=False)


def column_rows(source: str) -> str:
    rows = []
    for line in source.split("\n"):
        if not line.strip():
            continue
        cells = line.split("|")[:_CELLS]
        cells += [""] * (_CELLS - len(cells))
        rows.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in cells) + "</tr>\n")
    return "".join(rows)


def format_columns(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    **kwargs: Any,
) -> str:
    """pymdownx.superfences formatter: the column listing as a table."""
    return f"{_HEAD}{column_rows(source)}</tbody>\n</table></div>"


FENCE = {"name": "paved-columns", "class": "paved-columns", "format": format_columns}


def register_fence(extensions: list[Any], configs: dict[str, Any]) -> bool:
    """Add the ``paved-columns`` fence to pymdownx.superfences when a site's mkdocs.yml
    predates it (else column listings would show as code). False when superfences is off.
    """
    if "pymdownx.superfences" not in extensions:
        return False
    options = configs.setdefault("pymdownx.superfences", {})
    fences = options.setdefault("custom_fences", [])
    if not any(f.get("name") == FENCE["name"] for f in fences if isinstance(f, dict)):
        fences.append(dict(FENCE))
    return True
