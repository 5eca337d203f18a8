"""Python-Markdown's link and image patterns, their bracket matching made linear in the
brackets rather than in every character of the text.

To find the ``]`` closing a link's ``[``, Python-Markdown (3.8+) computes, once per
piece of inline text, the closing position for every index of that text in a Python
loop over its characters (``LinkInlineProcessor._findBracketEnds``). A page of links
pays it per list item and per pattern: on the tags page of a 500-decision log, 1,300
links, it was half of the page's conversion (0.23 s). The answer only changes at a
bracket: every index between two brackets has the same bracket depth, hence the same
closing position. ``bracket_ends`` walks the brackets alone and fills each run between
them at once; it returns the very list the original does (tested against it), so no
page changes.

The plugin adds this extension last to the site's Markdown extensions; it sets the
faster function on the link processors already registered, and does nothing on a
Python-Markdown without that method.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import LinkInlineProcessor

NAME = "paved.generator.mkdocs_plugin.brackets"

_BRACKET = re.compile(r"[\[\]]")


def bracket_ends(data: str) -> list[int | None]:
    """For each index of ``data``, the index just past the ``]`` that closes an opening
    bracket before that index, or None if the bracket never closes: what
    ``LinkInlineProcessor._findBracketEnds`` returns.

    The first index after ``i`` whose depth (brackets open before it) is below ``i``'s
    is the answer for ``i``; depth is the same across a run of text between two
    brackets, so each run's answer is found once, with a stack of runs of non-decreasing
    depth."""
    ends: list[int | None] = [None] * (len(data) + 1)
    runs: list[tuple[int, int, int]] = []  # (first index, index past the last, depth)
    depth = 0
    start = 0
    for match in _BRACKET.finditer(data):
        position = match.start()
        while runs and depth < runs[-1][2]:
            first, past, _ = runs.pop()
            ends[first:past] = [start] * (past - first)
        runs.append((start, position + 1, depth))
        depth += 1 if data[position] == "[" else -1
        start = position + 1
    while runs and depth < runs[-1][2]:
        first, past, _ = runs.pop()
        ends[first:past] = [start] * (past - first)
    return ends


# Python-Markdown ships no type information: its Extension is Any to mypy.
class FastBrackets(Extension):  # type: ignore[misc]
    """Gives the registered link and image processors ``bracket_ends``."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor) and hasattr(
                processor, "_findBracketEnds"
            ):
                # An instance attribute: called as ``self._findBracketEnds(data)``.
                setattr(processor, "_findBracketEnds", bracket_ends)  # noqa: B010


def makeExtension(**kwargs: Any) -> FastBrackets:  # noqa: N802 - Python-Markdown's name
    return FastBrackets(**kwargs)


def register(extensions: list[Any]) -> None:
    """Add the extension last (after every extension that registers link patterns)."""
    if NAME in extensions:
        extensions.remove(NAME)
    extensions.append(NAME)
