"""Markdown files → ``MarkdownDoc``: front matter with positions, title and sections.

Sections are found with a small line scanner (ATX headings outside fenced code
blocks) rather than a full Markdown parser: it is what the search index and the
required-section rules need, it keeps exact line numbers, and it is fast. The
anchors are the ones MkDocs writes (``markdown.extensions.toc.slugify`` with
``-``, made unique within a page with ``_1``, ``_2`` as the toc extension does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown import Markdown
from markdown.extensions.toc import slugify, unique

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.frontmatter import FrontMatter, parse_front_matter
from paved.generator.core.load.limits import MAX_MARKDOWN_BYTES
from paved.generator.core.load.text import read_text
from paved.generator.core.load.types import MarkdownDoc, Section

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
_ATTR_ID = re.compile(r"[ \t]*\{[^}]*#([A-Za-z0-9_:.-]+)[^}]*\}$")
#: Characters that may be Markdown or HTML markup in a heading; without them the
#: heading's text is what MkDocs slugifies, as is.
_MARKUP = re.compile(r"[`*_\[\]<>&!\\]")


@dataclass(frozen=True, slots=True)
class Split:
    """A file cut into its front matter block (if any) and its body."""

    front_matter: str | None
    front_matter_line: int
    body: str
    body_line: int
    closed: bool


def split_front_matter(text: str) -> Split:
    """Find a front matter block: a first line ``---``, then YAML, then ``---`` or ``...``."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return Split(None, 0, text, 1, closed=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return Split(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
                closed=True,
            )
    return Split("\n".join(lines[1:]), 2, "", len(lines) + 1, closed=False)


def load_markdown(
    file: Path, rel: str, *, require_front_matter: bool
) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """Read and parse one Markdown file; ``None`` when it cannot be used at all."""
    text, found = read_text(file, rel, max_bytes=MAX_MARKDOWN_BYTES)
    if text is None:
        return None, found
    doc, more = parse_markdown(text, rel, require_front_matter=require_front_matter)
    return doc, [*found, *more]


def parse_markdown(
    text: str, rel: str, *, require_front_matter: bool
) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """Parse normalised text (LF, no BOM). The document is ``None`` when its front
    matter is missing (and required), unclosed, invalid or not a mapping: later
    schema checks on it would only repeat the same problem in other words."""
    split = split_front_matter(text)
    front = FrontMatter(data={})
    found: list[Diagnostic] = []
    if split.front_matter is None:
        if require_front_matter:
            return None, [
                diagnostic(
                    "YAML001",
                    Location(rel, line=1, column=1),
                    "the file has no YAML front matter: its first line must be '---'",
                )
            ]
    elif not split.closed:
        return None, [
            diagnostic(
                "YAML005",
                Location(rel, line=1, column=1),
                "the front matter opened with '---' on line 1 is never closed by a '---' line",
            )
        ]
    else:
        parsed, found = parse_front_matter(split.front_matter, rel, split.front_matter_line - 1)
        if parsed is None:
            return None, found
        front = parsed
    sections = find_sections(split.body, split.body_line)
    title = next((s for s in sections if s.level == 1), None)
    doc = MarkdownDoc(
        path=rel,
        front_matter=front.data,
        positions=front.positions,
        key_positions=front.key_positions,
        body=split.body,
        body_line=split.body_line,
        title=title.title if title else None,
        title_line=title.line if title else None,
        sections=tuple(sections),
        format="front-matter" if split.front_matter is not None else "markdown",
    )
    return doc, found


def find_sections(body: str, first_line: int) -> list[Section]:
    """ATX headings (outside fenced code) with the text below each, up to the next heading."""
    heads: list[tuple[int, int, str, str]] = []  # (index, level, title, anchor)
    lines = body.split("\n")
    ids: set[str] = set()
    fence: str | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        opened = _FENCE_OPEN.match(line)
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence = opened.group(1)
            continue
        match = _HEADING.match(line)
        if match is None:
            continue
        raw = _CLOSING_HASHES.sub("", match.group(2) or "").strip()
        explicit = _ATTR_ID.search(raw)
        if explicit:
            raw = raw[: explicit.start()].rstrip()
            anchor = unique(explicit.group(1), ids)
        else:
            anchor = unique(heading_slug(raw), ids)
        heads.append((index, len(match.group(1)), raw, anchor))
    sections: list[Section] = []
    for number, (index, level, title, anchor) in enumerate(heads):
        end = heads[number + 1][0] if number + 1 < len(heads) else len(lines)
        text = "\n".join(lines[index + 1 : end]).strip("\n")
        sections.append(Section(title, level, anchor, first_line + index, text))
    return sections


def heading_slug(title: str) -> str:
    """The id MkDocs gives a heading (before making it unique within the page).

    Plain headings are slugified directly (fast). Headings with markup are rendered
    by Python-Markdown's toc extension, as MkDocs does, since emphasis, code spans,
    links and raw HTML change the text that is slugified (``personal_data`` keeps
    its underscore, ``**Bold**`` loses its stars).
    """
    if not _MARKUP.search(title):
        return str(slugify(title, "-"))
    renderer = _renderer()
    renderer.reset()
    renderer.convert(f"# {title}")
    tokens = getattr(renderer, "toc_tokens", [])
    return str(tokens[0]["id"]) if tokens else str(slugify(title, "-"))


@cache
def _renderer() -> Markdown:
    return Markdown(extensions=["toc"])
