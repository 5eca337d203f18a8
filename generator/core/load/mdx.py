"""MDX records (Docusaurus, log4brains' site) read as the Markdown they hold.

An ``.mdx`` ADR is Markdown plus JavaScript: ``import``/``export`` statements at the
start of a line, JSX components (``<Tabs>``, ``<Admonition type="note">``) and
``{/* comments */}``. None of it is Markdown, and rendered as raw HTML a component is
at best noise, so those lines are blanked (the line count is kept, so every message
still points at the right line); the text between a component's tags stays, as the
author's Markdown. JSX written inside a paragraph is left to the HTML sanitiser, which
stays the defence for anything a record holds.
"""

from __future__ import annotations

import re

#: An ESM statement: MDX reads it only at the very start of a line.
_ESM = re.compile(r"^(?:import|export)(?=[\s{*])")
#: A line that is only a component tag or fragment: ``<Tabs groupId="x">``, ``</Tabs>``,
#: ``<Diagram />``, ``<>``; a capital letter (or a dotted name) is what makes it JSX.
_JSX_OPEN = re.compile(r"^[ \t]*+</?(?:[A-Z][\w.]*+|>)")
#: A line that is only an expression: ``{/* a comment */}``, ``{frontMatter.title}``.
_EXPRESSION = re.compile(r"^[ \t]*+\{.*\}[ \t]*+$")
#: A line that opens an expression it does not close: ``{/*``, ``{props.items.map(x =>``.
_EXPRESSION_OPEN = re.compile(r"^[ \t]*+\{")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
#: How many lines one statement or tag may run over before it is taken as text.
_MAX_SPAN = 200


def is_mdx(path: str) -> bool:
    return path.lower().endswith(".mdx")


def without_mdx_syntax(body: str) -> str:
    """``body`` with its ESM statements, component tag lines and expression lines blank."""
    lines = body.split("\n")
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        marker = _FENCE.match(line)
        if marker is not None:
            if fence is None:
                fence = marker.group(1)
            elif marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            index += 1
            continue
        if fence is not None:
            index += 1
            continue
        if _ESM.match(line):
            index = _blank(lines, index, _statement_end(lines, index))
        elif _JSX_OPEN.match(line):
            index = _blank(lines, index, _tag_end(lines, index))
        elif _EXPRESSION.match(line):
            lines[index] = ""
            index += 1
        elif _EXPRESSION_OPEN.match(line) and (end := _expression_end(lines, index)) > index:
            index = _blank(lines, index, end)  # "{/*" ... "*/}" over several lines
        else:
            index += 1
    return "\n".join(lines)


def _blank(lines: list[str], start: int, end: int) -> int:
    for at in range(start, end + 1):
        lines[at] = ""
    return end + 1


def _statement_end(lines: list[str], start: int) -> int:
    """The last line of the statement opening at ``start``: where its brackets close."""
    depth = 0
    for at in range(start, min(len(lines), start + _MAX_SPAN)):
        depth += sum(lines[at].count(c) for c in "{([") - sum(lines[at].count(c) for c in "})]")
        text = lines[at].rstrip()
        if depth <= 0 and not text.endswith((",", "=", "(", "{", "[")):
            return at
    return start


def _tag_end(lines: list[str], start: int) -> int:
    """The last line of the tag opening at ``start`` (its attributes may run on)."""
    for at in range(start, min(len(lines), start + _MAX_SPAN)):
        if lines[at].rstrip().endswith(">"):
            return at
    return start


def _expression_end(lines: list[str], start: int) -> int:
    """The line where the expression opening at ``start`` closes: its braces balance and
    the line ends with ``}``; ``start`` when it does not (then it is text, left as it is)."""
    depth = 0
    for at in range(start, min(len(lines), start + _MAX_SPAN)):
        depth += lines[at].count("{") - lines[at].count("}")
        if depth <= 0:
            return at if lines[at].rstrip().endswith("}") else start
    return start
