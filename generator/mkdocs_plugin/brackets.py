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

That table is still made for the whole text each time the text changes, and it changes
at every link found: Python-Markdown puts a placeholder where the link was and looks for
the next link in the new text. A paragraph or table cell of N links paid N tables of its
whole length (the onboarding report's cell of every product in a status: 1,000 links at
the large benchmark, 4,000 at 4×, quadratic: the largest part of what grew faster than
the pages at 4×). ``closing_bracket`` answers the one index asked instead, scanning
from it to its closing bracket; only when that takes more than ``SCAN_BRACKETS``
brackets (a ``[`` that never closes, deep nesting) does it fall back to the table, made
once per text as before.

The plugin adds this extension last to the site's Markdown extensions; it sets the
faster function on the link processors already registered, and does nothing on a
Python-Markdown without that method.
"""

from __future__ import annotations

import re
from types import MethodType
from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import LinkInlineProcessor

NAME = "paved.generator.mkdocs_plugin.brackets"

_BRACKET = re.compile(r"[\[\]]")

#: Brackets ``closing_bracket`` walks before it gives up on a scan from one index: a
#: link's text closes at its first ``]`` unless it holds brackets itself.
SCAN_BRACKETS = 64


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


def closing_bracket(data: str, index: int, limit: int = SCAN_BRACKETS) -> int | bool | None:
    """``bracket_ends(data)[index]`` found by scanning from ``index`` alone: the index
    just past the first ``]`` that takes the depth below ``index``'s, or None when the
    text ends first; False when that takes more than ``limit`` brackets (then ask
    ``bracket_ends``)."""
    depth = 0
    for seen, match in enumerate(_BRACKET.finditer(data, index)):
        if seen >= limit:
            return False
        if data[match.start()] == "[":
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                return match.end()
    return None


def get_text(self: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
    """``LinkInlineProcessor.getText`` (3.8+) with ``closing_bracket``: the same answers,
    without a table of the whole text for each link of a long paragraph."""
    end = closing_bracket(data, index)
    if end is False:  # many brackets ahead: the table, made once for this text
        return LinkInlineProcessor.getText(self, data, index)  # type: ignore[no-any-return]
    if end is None:
        return data[index:], len(data), False
    return data[index : end - 1], end, True


# Python-Markdown ships no type information: its Extension is Any to mypy.
class FastBrackets(Extension):  # type: ignore[misc]
    """Gives the registered link and image processors ``get_text`` (and ``bracket_ends``
    for its fallback)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor) and hasattr(
                processor, "_findBracketEnds"
            ):
                # An instance attribute: called as ``self._findBracketEnds(data)``.
                setattr(processor, "_findBracketEnds", bracket_ends)  # noqa: B010
                setattr(processor, "getText", MethodType(get_text, processor))  # noqa: B010


def makeExtension(**kwargs: Any) -> FastBrackets:  # noqa: N802 - Python-Markdown's name
    return FastBrackets(**kwargs)


def register(extensions: list[Any]) -> None:
    """Add the extension last (after every extension that registers link patterns)."""
    if NAME in extensions:
        extensions.remove(NAME)
    extensions.append(NAME)
