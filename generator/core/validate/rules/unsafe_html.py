"""Contributed Markdown must not run script in readers' browsers: raw <script>,
<iframe>, <object>, <embed>, on…= handlers and javascript: links are errors at
their exact line and column. Code blocks and inline code are only shown, so they
are skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.markdown import code_spans
from paved.generator.core.load.types import MarkdownDoc
from paved.generator.core.markdown_structure import outside_fences
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.inputs import ADR, DOC, WID

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({WID, ADR, DOC})


_ELEMENT = re.compile(r"<\s*(script|iframe|object|embed)\b", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z][^<>]*>?")
_HANDLER = re.compile(r"[\s/\"'](on[a-z]+)\s*=", re.IGNORECASE)
# Possessive quantifiers (*+): white space is never given back, so a line of spaces
# costs linear time, not quadratic.
_JS_URL = re.compile(
    r"(?:\]\(\s*+<?|(?:href|src|action|formaction|xlink:href)\s*+=\s*+[\"']?\s*+|<)"
    r"(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:)",
    re.IGNORECASE,
)
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(javascript:)", re.IGNORECASE)


def check(ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for doc in (*ctx.loaded.wids, *ctx.loaded.adrs, *ctx.loaded.docs):
        out.extend(scan(doc))
    return out


def _blank_inline_code(line: str) -> str:
    spans = code_spans(line)
    if not spans:
        return line
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(line[last:start])
        out.append(" " * (end - start))
        last = end
    out.append(line[last:])
    return "".join(out)


def visible_lines(body: str) -> Iterator[tuple[int, str]]:
    """(0-based index, text) of lines outside fenced code, inline code blanked out."""
    for index, line, live in outside_fences(body):
        if live:
            yield index, _blank_inline_code(line)


def scan(doc: MarkdownDoc) -> list[Diagnostic]:
    out = []
    for index, line in visible_lines(doc.body):
        if "<" not in line and ":" not in line:
            continue
        line_no = doc.body_line + index

        def at(col: int, line_no: int = line_no) -> Location:
            return Location(doc.path, line=line_no, column=col + 1)

        for match in _ELEMENT.finditer(line):
            name = match.group(1).lower()
            out.append(diagnostic("SEC501", at(match.start()), f"raw <{name}> element"))
        for tag in _TAG.finditer(line):
            for handler in _HANDLER.finditer(tag.group(0)):
                col = tag.start() + handler.start(1)
                out.append(
                    diagnostic(
                        "SEC502", at(col), f"event handler attribute {handler.group(1)}= in HTML"
                    )
                )
        for match in (*_JS_URL.finditer(line), *_REF_DEF.finditer(line)):
            out.append(diagnostic("SEC503", at(match.start(1)), "javascript: link"))
    return out
