"""pymdownx.emoji's generator for the portal: Material's icons inline, emoji as characters.

Material's ``to_svg`` draws its own icons (``:material-check:``) as inline SVG but hands
every emoji (``:rocket:``, or ``HH:mm:ss`` in a table, which reads ``:mm:``) to
pymdownx, which writes an ``<img>`` from cdn.jsdelivr.net. The portal loads nothing from
other hosts, so an emoji is written as its Unicode character instead (the reader's font
draws it), as pymdownx's ``to_alt`` does.

Used as ``emoji_generator`` of pymdownx.emoji (see mkdocs.yml).
"""

from __future__ import annotations

from typing import Any

from material.extensions.emoji import to_svg as material_to_svg
from pymdownx.emoji import to_alt


def to_svg_or_character(
    index: str,
    shortname: str,
    alias: str,
    uc: str | None,
    alt: str,
    title: str,
    category: str,
    options: dict[str, Any],
    md: Any,
) -> Any:
    """An icon of the theme (no code point) as inline SVG; an emoji as its character."""
    if not uc:
        return material_to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    return to_alt(index, shortname, alias, uc, alt, title, category, options, md)
