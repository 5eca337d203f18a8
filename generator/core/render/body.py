"""The author's Markdown body, made fit to sit under a generated page header.

The generated page carries the one H1 (id and title); the author's own title heading
is dropped and, when the author used H1 for sections, every heading moves down a level
so the page still has exactly one H1 and a sensible table of contents.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from paved.generator.core.load.markdown import code_spans
from paved.generator.core.markdown_structure import outside_fences, scan

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def strip_front_matter(text: str) -> str:
    return _FRONT_MATTER.sub("", text, count=1)


def _to_atx(body: str, drop: Collection[int]) -> list[tuple[int, str] | str]:
    """The lines of ``body`` but those in ``drop``, with each heading the portal renders
    (ATX or setext, found by the one scanner in the body as written) as (level, text);
    a setext heading's underline goes."""
    found = scan(body)
    headings = {heading.line: heading for heading in found.headings}
    underlines = {h.line + 1 for h in found.headings if h.kind == "setext"}
    out: list[tuple[int, str] | str] = []
    for index, line in enumerate(body.split("\n")):
        if index in drop:
            continue
        heading = headings.get(index)
        if heading is not None:
            out.append((heading.level, heading.text))
        elif index not in underlines:
            out.append(line)
    return out


def page_body(text: str, drop: Collection[int] = ()) -> str:
    """Front matter removed, title heading dropped, headings demoted below the page's H1.

    ``drop``: indices of ``text``'s lines to leave out (the facts a decision's card
    shows). They are left out after the headings are found, so the body is scanned as
    the loader scanned it, and that scan is reused."""
    body = strip_front_matter(text)
    if drop and len(body) != len(text):
        removed = text.count("\n") - body.count("\n")
        drop = {index - removed for index in drop if index >= removed}
    items = _to_atx(body, drop)
    first_heading = next((i for i, item in enumerate(items) if isinstance(item, tuple)), None)
    if first_heading is not None:
        first = items[first_heading]
        if isinstance(first, tuple) and first[0] == 1:
            del items[first_heading]
    shift = 1 if any(isinstance(i, tuple) and i[0] == 1 for i in items) else 0
    lines = [
        item if isinstance(item, str) else "#" * min(item[0] + shift, 6) + " " + item[1]
        for item in items
    ]
    if not any(line.strip() for line in lines):
        return ""
    return defang("\n".join(lines).strip("\n")) + "\n"


_DANGEROUS_TAG = re.compile(
    r"<(/?)(script|iframe|object|embed|style|form|link|meta|base)\b", re.IGNORECASE
)
#: A tag as written, to its ``>`` (or the end of the line): taken whole, never tried
#: again from inside (a lazy scan from each ``<`` of ``<a <a <a ...`` was quadratic).
_TAG_RUN = re.compile(r"<[A-Za-z][^>]*+")
_EVENT_ATTR = re.compile(r"(\s)(on[a-z]+\s*=)", re.IGNORECASE)
_JS_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data):", re.IGNORECASE)
# What every ``_EVENT_ATTR`` match contains, found without its backtracking over a tag.
_EVENT_HINT = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def _defang_text(text: str) -> str:
    text = _DANGEROUS_TAG.sub(lambda m: f"&lt;{m.group(1)}{m.group(2)}", text)
    text = _TAG_RUN.sub(lambda tag: _EVENT_ATTR.sub(r"\1data-blocked-\2", tag.group(0)), text)
    return _JS_LINK.sub("](#blocked-link:", text)


def _defang_line(line: str) -> str:
    """Neutralise script-capable HTML and links outside inline code spans."""
    out: list[str] = []
    last = 0
    for start, end in code_spans(line):
        out.append(_defang_text(line[last:start]))
        out.append(line[start:end])
        last = end
    out.append(_defang_text(line[last:]))
    return "".join(out)


def defang(text: str) -> str:
    """Author bodies are Markdown and may use harmless HTML (``<br>``, ``<details>``); what
    could run script in a reader's browser (script/iframe/style tags, ``on*=`` handlers,
    ``javascript:`` links) is neutralised. Code blocks are left exactly as written."""
    if not (_DANGEROUS_TAG.search(text) or _JS_LINK.search(text) or _EVENT_HINT.search(text)):
        # Nothing a line could be changed for, in or out of code: no need to scan the
        # body for its code blocks (each pattern is linear in the text).
        return text
    lines = text.split("\n")
    for i, line, live in outside_fences(text):
        if live and ("<" in line or "](" in line):
            lines[i] = _defang_line(line)
    return "\n".join(lines)
