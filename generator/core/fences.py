"""Which lines of a Markdown text sit outside fenced code blocks.

Rendering (defanging HTML, rewriting links, finding headings) and validation (unsafe
HTML) must all agree on what is code: a ``<script>`` shown inside a fence is an example,
not an attack. One tracker keeps them agreeing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: A fence opens with three or more backticks or tildes, indented at most three spaces.
FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


def outside_fences(lines: Iterable[str]) -> Iterator[tuple[int, str, bool]]:
    """``(index, line, is_prose)`` for every line; fence lines themselves and the code
    between them are not prose. A fence closes on the same character, at least as long."""
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            yield index, line, False
            continue
        if match:
            fence = match.group(1)
            yield index, line, False
            continue
        yield index, line, True
