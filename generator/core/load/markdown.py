"""Markdown files → ``MarkdownDoc``: front matter with positions, title and sections.

Sections come from ``core.markdown_structure``, the one scanner that rendering, the
search index and the required-section rules share: it finds the headings the portal
renders (not those inside code, raw HTML or unclosed containers), with the anchors toc
writes, and keeps exact line numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.frontmatter import FrontMatter, parse_front_matter
from paved.generator.core.load.limits import MAX_HEADING_CHARS, MAX_MARKDOWN_BYTES
from paved.generator.core.load.text import read_text
from paved.generator.core.load.types import MarkdownDoc, Section
from paved.generator.core.markdown_structure import sections, without_attr_list


@dataclass(frozen=True, slots=True)
class Split:
    """A file cut into its front matter block (if any) and its body."""

    front_matter: str | None
    front_matter_line: int
    body: str
    body_line: int
    closed: bool
    toml: bool = False  # Hugo's and Zola's ``+++`` block


def split_front_matter(text: str, *, after_comments: bool = False, toml: bool = False) -> Split:
    """Find a front matter block: a first line ``---``, then YAML, then ``---`` or ``...``.

    ``after_comments``: the block may follow HTML comments and blank lines, as in logs
    whose files open with a licence header (REUSE's ``<!-- SPDX-... -->``). ``toml``:
    Hugo's and Zola's ``+++`` TOML block is front matter too."""
    lines = text.split("\n")
    first = _after_comments(lines) if after_comments else 0
    opening = lines[first].rstrip() if first < len(lines) else ""
    is_toml = toml and opening == "+++"
    if not is_toml and opening != "---":
        return Split(None, 0, text, 1, closed=True)
    closing = ("+++",) if is_toml else ("---", "...")
    for index in range(first + 1, len(lines)):
        if lines[index].rstrip() in closing:
            return Split(
                front_matter="\n".join(lines[first + 1 : index]),
                front_matter_line=first + 2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
                closed=True,
                toml=is_toml,
            )
    if first or is_toml:
        # A '---' rule after a comment; a '+++' line never closed is no front matter.
        return Split(None, 0, text, 1, closed=True)
    return Split("\n".join(lines[1:]), 2, "", len(lines) + 1, closed=False)


def _after_comments(lines: list[str]) -> int:
    """Index of the first line after leading blank lines and HTML comments (0 when the
    file does not open with a comment, or a comment is unclosed or has text after it)."""
    index = 0
    seen = False
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped:
            index += 1
            continue
        if not stripped.startswith("<!--"):
            break
        end, tail = index, stripped[4:]
        while "-->" not in tail:
            end += 1
            if end >= len(lines):
                return 0
            tail = lines[end]
        if not lines[end].rstrip().endswith("-->"):
            return 0
        seen = True
        index = end + 1
    return index if seen else 0


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
    text: str,
    rel: str,
    *,
    require_front_matter: bool,
    after_comments: bool = False,
    toml: bool = False,
) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """Parse normalised text (LF, no BOM). The document is ``None`` when its front
    matter is missing (and required), unclosed, invalid or not a mapping: later
    schema checks on it would only repeat the same problem in other words.
    ``after_comments``, ``toml``: see ``split_front_matter``."""
    split = split_front_matter(text, after_comments=after_comments, toml=toml)
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
    elif split.toml:
        front = _toml_front_matter(split.front_matter, split.front_matter_line)
    else:
        parsed, found = parse_front_matter(split.front_matter, rel, split.front_matter_line - 1)
        if parsed is None and split.front_matter_line > 2:
            # After a comment, '---' was a thematic break, not front matter.
            split, found = split_front_matter(text), []
        elif parsed is None:
            return None, found
        else:
            front = parsed
    too_long = long_heading(split.body, split.body_line, rel)
    if too_long is not None:
        return None, [*found, too_long]
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


_TOML_KEY = re.compile(r"^[ \t]*+\"?([A-Za-z0-9_-]++)\"?[ \t]*+=[ \t]*+")


def _toml_front_matter(block: str, first_line: int) -> FrontMatter:
    """Hugo's and Zola's TOML front matter: its top-level keys with their lines (dates
    kept as the text written, as the YAML reader does). A block that is not TOML gives
    no values; the page is still read."""
    import tomllib

    try:
        data = tomllib.loads(block)
    except (tomllib.TOMLDecodeError, ValueError):
        return FrontMatter(data={})
    front = FrontMatter(data={k: _plain(v) for k, v in data.items()})
    for index, line in enumerate(block.split("\n")):
        match = _TOML_KEY.match(line)
        if match and match.group(1) in front.data and (match.group(1),) not in front.positions:
            front.positions[(match.group(1),)] = (first_line + index, match.end() + 1)
            front.key_positions[(match.group(1),)] = (first_line + index, match.start(1) + 1)
    return front


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def long_heading(body: str, first_line: int, rel: str) -> Diagnostic | None:
    """The first heading line (ATX, or a line above a setext underline) longer than
    ``MAX_HEADING_CHARS``. Checked before the headings are parsed: their anchors come
    from rendering each heading as the portal does, which takes time that grows with the
    square of a heading's length when it is made of markup ('[[[[...', '<a <a ...').
    Lines inside code blocks count too (the check comes before the structure is known)."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if len(line) <= MAX_HEADING_CHARS:
            continue
        text = line.lstrip(" ")
        atx = len(line) - len(text) <= 3 and text.startswith("#")
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        setext = bool(following) and (set(following) <= {"="} or set(following) <= {"-"})
        if atx or setext:
            return diagnostic(
                "FILE009",
                Location(rel, line=first_line + index, column=1),
                f"the heading on this line is {len(line):,} characters long, over the "
                f"limit of {MAX_HEADING_CHARS} for a heading",
            )
    return None


_BACKTICKS = re.compile(r"`+")


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span of ``line``, as CommonMark finds them: a
    run of n backticks opens one and the next run of exactly n backticks closes it; a
    run with no closer is literal text. Linear in the line (the regex it replaces,
    ``(`+)(.+?)\\1``, took minutes on a line of backticks)."""
    if "`" not in line:
        return []
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    of_length: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(runs):
        of_length.setdefault(end - start, []).append(number)
    next_of = dict.fromkeys(of_length, 0)
    spans: list[tuple[int, int]] = []
    number = 0
    while number < len(runs):
        start, end = runs[number]
        same = of_length[end - start]
        position = next_of[end - start]
        while position < len(same) and same[position] <= number:
            position += 1
        next_of[end - start] = position
        if position < len(same):
            closer = same[position]
            spans.append((start, runs[closer][1]))
            number = closer + 1
        else:
            number += 1
    return spans


def find_sections(body: str, first_line: int) -> list[Section]:
    """The headings the portal renders, with the text below each up to the next heading."""
    return [
        Section(
            without_attr_list(found.heading.text),
            found.heading.level,
            found.heading.anchor,
            first_line + found.heading.line,
            found.markdown.strip("\n"),
        )
        for found in sections(body)
    ]
