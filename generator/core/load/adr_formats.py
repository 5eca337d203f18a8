"""ADR files in the formats teams already have → the MADR 4 front matter fields.

MADR 4 (YAML front matter) is native. MADR 2 (and log4brains, its dash-bullet
variant) keeps the metadata in bullets under the title; adr-tools (Michael
Nygard's format) has a ``Date:`` line and a ``## Status`` section. Both are read
into the same keys as ``adr.schema.json`` with the line and column of every
value, so schema and link checks point into the original file and nobody has to
convert old records before Paved can read them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.limits import MAX_MARKDOWN_BYTES
from paved.generator.core.load.markdown import parse_markdown
from paved.generator.core.load.text import read_text
from paved.generator.core.load.types import JsonPath, MarkdownDoc, Section

STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")

# Possessive quantifiers (*+) and trailing blanks stripped in code: every pattern here
# runs in linear time on contributed lines (a line of 100,000 spaces included).
_BULLET = re.compile(r"^\s*+[*-][ \t]++([A-Za-z][A-Za-z -]*+)[ \t]*+:[ \t]*+(.*)$")
_DATE_LINE = re.compile(r"^Date:[ \t]*+(.*)$", re.IGNORECASE)
_FILE_NUMBER = re.compile(r"^(\d+)-")
_NYGARD_NUMBER = re.compile(r"^\d+\.\s+")
_ADR_WORD = re.compile(r"\bADR[-_ ]?(\d{1,4})\b", re.IGNORECASE)
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()]*)\)")
_SUPERSEDED_BY = re.compile(r"^superseded[ \t]+by\b[ \t:]*", re.IGNORECASE)
_SUPERSEDES = re.compile(r"^supersedes\b[ \t:]*", re.IGNORECASE)
_OTHER_RELATION = re.compile(r"^(amended|amends|clarified|clarifies|see)\b", re.IGNORECASE)

#: MADR 2 / log4brains bullet names → ADR schema keys.
_BULLET_KEYS = {
    "status": "status",
    "date": "date",
    "deciders": "decision-makers",
    "decision-makers": "decision-makers",
    "consulted": "consulted",
    "informed": "informed",
    "supersedes": "supersedes",
    "superseded by": "superseded-by",
    "superseded-by": "superseded-by",
    "tags": "tags",
}
_LIST_KEYS = {"decision-makers", "consulted", "informed"}


class _Fields:
    """Front matter under construction, with the position of every value."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.positions: dict[JsonPath, tuple[int, int]] = {}
        self.key_positions: dict[JsonPath, tuple[int, int]] = {}

    def put(self, key: str, value: Any, line: int, column: int, key_column: int = 1) -> None:
        self.data[key] = value
        self.positions[(key,)] = (line, column)
        self.key_positions[(key,)] = (line, key_column)

    def append(self, key: str, value: str, line: int, column: int) -> None:
        items = self.data.setdefault(key, [])
        if (key,) not in self.positions:
            self.positions[(key,)] = (line, column)
            self.key_positions[(key,)] = (line, 1)
        self.positions[(key, len(items))] = (line, column)
        items.append(value)


def load_adr(file: Path, rel: str) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """Read one ADR in any supported format; ``None`` when it cannot be used."""
    text, found = read_text(file, rel, max_bytes=MAX_MARKDOWN_BYTES)
    if text is None:
        return None, found
    doc, more = parse_adr(text, rel)
    return doc, [*found, *more]


def parse_adr(text: str, rel: str) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """Parse normalised ADR text and set ``format`` to madr4, madr2 or nygard."""
    doc, found = parse_markdown(text, rel, require_front_matter=False)
    if doc is None:
        return None, found
    if doc.format == "front-matter":
        return with_default_id(replace(doc, format="madr4")), found
    lines = doc.body.split("\n")
    fields = _Fields()
    title_section = next((s for s in doc.sections if s.level == 1), None)
    if title_section is not None and _read_bullets(doc, title_section, lines, fields):
        return with_default_id(_adopt(doc, fields, "madr2", doc.title)), found
    status = next(
        (s for s in doc.sections if s.level == 2 and s.title.strip().lower() == "status"), None
    )
    if status is not None:
        _read_nygard(doc, status, lines, fields)
        title = _NYGARD_NUMBER.sub("", doc.title) if doc.title else None
        return with_default_id(_adopt(doc, fields, "nygard", title)), found
    return None, [
        *found,
        diagnostic(
            "ADR001",
            Location(rel, line=1, column=1),
            "the ADR has no YAML front matter, no MADR 2 bullets ('* Status: ...') under "
            "its title and no '## Status' section, so its status and date are unknown",
        ),
    ]


def with_default_id(doc: MarkdownDoc) -> MarkdownDoc:
    """ADR id from the file name's number (``0007-x.md`` → ADR-0007) unless given."""
    if "id" in doc.front_matter:
        return doc
    match = _FILE_NUMBER.match(doc.path.rsplit("/", 1)[-1])
    if match is None:
        return doc
    front = {"id": f"ADR-{int(match.group(1)):04d}", **doc.front_matter}
    positions = {("id",): (1, 1), **doc.positions}
    return replace(doc, front_matter=front, positions=positions)


def adr_reference(text: str) -> str:
    """``ADR-7``, ``[ADR-0007](...)``, ``[7. Use X](0007-use-x.md)`` → ``ADR-0007``.

    Unrecognised text is returned as written, so the schema reports it in place.
    """
    cleaned = text.strip()
    word = _ADR_WORD.search(cleaned)
    if word:
        return f"ADR-{int(word.group(1)):04d}"
    link = _LINK.search(cleaned)
    if link:
        target = link.group(2).strip().rsplit("/", 1)[-1]
        number = _FILE_NUMBER.match(target) or re.match(r"^(\d+)\.", link.group(1).strip())
        if number:
            return f"ADR-{int(number.group(1)):04d}"
    leading = re.match(r"^(\d{1,4})\b", cleaned)
    if leading:
        return f"ADR-{int(leading.group(1)):04d}"
    return cleaned


def _adopt(doc: MarkdownDoc, fields: _Fields, fmt: str, title: str | None) -> MarkdownDoc:
    return replace(
        doc,
        front_matter=fields.data,
        positions=fields.positions,
        key_positions=fields.key_positions,
        format=fmt,
        title=title,
    )


def _section_lines(doc: MarkdownDoc, section: Section, lines: list[str]) -> list[tuple[int, str]]:
    """(file line, text) of the lines under ``section`` up to the next heading."""
    later = [s.line for s in doc.sections if s.line > section.line]
    end = (later[0] if later else doc.body_line + len(lines)) - doc.body_line
    start = section.line + 1 - doc.body_line
    return [(doc.body_line + i, lines[i]) for i in range(start, end)]


def _read_bullets(doc: MarkdownDoc, title: Section, lines: list[str], fields: _Fields) -> bool:
    """MADR 2 / log4brains metadata bullets under the H1; True when status or date is there."""
    for line_no, raw in _section_lines(doc, title, lines):
        match = _BULLET.match(raw)
        if match is None:
            continue
        key = _BULLET_KEYS.get(match.group(1).strip().lower())
        if key is None:
            continue
        value = _without_comments(match.group(2)).strip()
        column = match.start(2) + 1
        key_column = match.start(1) + 1
        if key == "status":
            _put_status(fields, value, line_no, column, key_column, draft_is_proposed=True)
        elif key == "date":
            fields.put("date", value, line_no, column, key_column)
        elif key == "superseded-by":
            fields.put("superseded-by", adr_reference(value), line_no, column, key_column)
        elif key == "supersedes":
            for item, item_column in _split(value, r"[^,]+", column):
                fields.append("supersedes", adr_reference(item), line_no, item_column)
        elif key == "tags":
            for item, item_column in _split(value, r"[^,\s\[\]]+", column):
                fields.append("tags", item, line_no, item_column)
        elif key in _LIST_KEYS:
            for item, item_column in _split(value, r"[^,]+", column):
                fields.append(key, item, line_no, item_column)
    return "status" in fields.data or "date" in fields.data


def _read_nygard(doc: MarkdownDoc, status: Section, lines: list[str], fields: _Fields) -> None:
    """adr-tools: ``Date:`` under the title, relations and the status word under ``## Status``."""
    title = next((s for s in doc.sections if s.level == 1), None)
    if title is not None:
        for line_no, raw in _section_lines(doc, title, lines):
            date = _DATE_LINE.match(raw.strip())
            if date and date.group(1).rstrip(" \t"):
                value = date.group(1).rstrip(" \t")
                fields.put("date", value, line_no, raw.index(value) + 1)
                break
    stated: tuple[str, int, int] | None = None
    for line_no, raw in _section_lines(doc, status, lines):
        text = raw.strip()
        if not text:
            continue
        column = raw.index(text) + 1
        if _SUPERSEDED_BY.match(text):
            rest = _SUPERSEDED_BY.sub("", text)
            fields.put("status", "superseded", line_no, column)
            fields.put(
                "superseded-by", adr_reference(rest), line_no, column + len(text) - len(rest)
            )
        elif _SUPERSEDES.match(text):
            rest = _SUPERSEDES.sub("", text)
            fields.append(
                "supersedes", adr_reference(rest), line_no, column + len(text) - len(rest)
            )
        elif _OTHER_RELATION.match(text):
            continue
        elif stated is None:
            stated = (text, line_no, column)
    if "status" not in fields.data and stated is not None:
        _put_status(fields, stated[0], stated[1], stated[2], 1, draft_is_proposed=False)


def _put_status(
    fields: _Fields, value: str, line: int, column: int, key_column: int, *, draft_is_proposed: bool
) -> None:
    """Status words are lower-cased; ``superseded by <ref>`` also fills superseded-by;
    a leading known status word wins over trailing words (``Accepted on 2020-01-02``).
    log4brains' ``draft`` is read as ``proposed``."""
    if _SUPERSEDED_BY.match(value):
        rest = _SUPERSEDED_BY.sub("", value)
        fields.put("status", "superseded", line, column, key_column)
        if rest:
            fields.put("superseded-by", adr_reference(rest), line, column + len(value) - len(rest))
        return
    lowered = value.strip().rstrip(".").lower()
    first = lowered.split(maxsplit=1)[0] if lowered else ""
    if draft_is_proposed and first == "draft":
        first = "proposed"
    fields.put("status", first if first in STATUSES else lowered, line, column, key_column)


def _without_comments(text: str) -> str:
    """``text`` without its closed ``<!-- ... -->`` comments (an unclosed one stays)."""
    out: list[str] = []
    last = 0
    while (start := text.find("<!--", last)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        out.append(text[last:start])
        last = end + 3
    out.append(text[last:])
    return "".join(out)


def _split(value: str, pattern: str, column: int) -> list[tuple[str, int]]:
    """Items of a list cell with the column of each (trimmed, empties dropped)."""
    items: list[tuple[str, int]] = []
    for match in re.finditer(pattern, value):
        item = match.group(0).strip()
        if item:
            offset = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            items.append((item, column + offset))
    return items
