"""Statuses a log keeps only in its index: the README's table, not the records.

Some teams write the status of each decision in the log's README (``| [0001](0001-x.md) |
Use X | Accepted | 2026-01-01 |``) and nowhere in the record. A record that records no
status of its own takes the one its folder's index gives it (and the date, when it has
none either); a status the record writes always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from paved.generator.core.load.adr_formats import successor_reference
from paved.generator.core.load.adr_ids import file_number, is_record_file, record_name
from paved.generator.core.load.adr_status import SUCCESSOR_PHRASE, written_phrase
from paved.generator.core.load.types import MarkdownDoc

_STATUS_NAMES = frozenset({"status", "state", "estado", "statut", "état", "stato", "статус"})
_DATE_NAMES = frozenset({"date", "fecha", "datum", "data", "дата", "decided", "created"})
_LINK = re.compile(r"\]\(\s*<?([^()\s>]+)")
_NUMBER = re.compile(r"^\W*(?:adr[-_ ]?)?#?(\d{1,6})\b", re.IGNORECASE)
_MIN_LINKS = 2
_LEADING = re.compile(r"^[^\w\[]+")
_RULE = re.compile(r"^\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")


@dataclass(frozen=True, slots=True)
class Listed:
    """What an index row says of one record, and the row's line in the index."""

    status: str
    date: str
    line: int
    #: the record it says replaced this one ("Superseded by [0003](0003-x.md)")
    successor: str = ""


def listed_records(doc: MarkdownDoc) -> dict[str, Listed]:
    """Each record an index page's tables list with a status → what they say, keyed by
    the record's file name (lower case) and by ``#<number>``."""
    out: dict[str, Listed] = {}
    header: list[str] | None = None
    for offset, raw in enumerate(doc.body.split("\n")):
        line = raw.strip()
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if _RULE.match(line):
            continue
        if header is None:
            header = [_name(c) for c in cells]
            continue
        status_at = _column(header, _STATUS_NAMES)
        if status_at is None or status_at >= len(cells):
            continue
        status = _plain(cells[status_at])
        if not status or status.startswith(("{", "<")):
            continue
        date_at = _column(header, _DATE_NAMES)
        date = _plain(cells[date_at]) if date_at is not None and date_at < len(cells) else ""
        written = _LEADING.sub("", re.sub(r"[*_`]", "", cells[status_at]))
        phrase = SUCCESSOR_PHRASE.match(written)
        successor = ""
        if phrase:
            status = phrase.group("word")
            successor = successor_reference(written[phrase.end() :]) or ""
        else:
            status = written_phrase(written)
        listed = Listed(status, date, doc.body_line + offset, successor)
        for key in _keys(cells):
            out.setdefault(key, listed)
    return out


def is_index_page(doc: MarkdownDoc) -> bool:
    """A page that records no status or date and is mostly links to records (a list or
    a table of them): the log's index under another name, not a decision."""
    if "status" in doc.front_matter or "date" in doc.front_matter:
        return False
    lines = [
        text
        for raw in doc.body.split("\n")
        if (text := raw.strip()) and not text.startswith("#") and not _RULE.match(text)
    ]
    linking = [
        text
        for text in lines
        if any(is_record_file(PurePosixPath(t.split("#", 1)[0]).name) for t in _LINK.findall(text))
    ]
    return len(linking) >= _MIN_LINKS and len(linking) * 2 >= len(lines)


def with_listed_statuses(
    records: list[MarkdownDoc], indexes: dict[str, dict[str, Listed]]
) -> tuple[list[MarkdownDoc], set[str]]:
    """``records`` with the status their folder's index lists for each that records none
    (``indexes``: folder → ``listed_records`` of its index pages); and the paths changed."""
    out: list[MarkdownDoc] = []
    changed: set[str] = set()
    for doc in records:
        listed = indexes.get(str(PurePosixPath(doc.path).parent), {})
        found = _find(doc, listed) if listed and "status" not in doc.front_matter else None
        if found is None:
            out.append(doc)
            continue
        front = {**doc.front_matter, "status": found.status}
        prose = [*doc.prose_fields, "status"]
        if found.date and "date" not in front:
            front["date"] = found.date
            prose.append("date")
        positions = {**doc.positions, ("status",): (1, 1)}
        if "date" in prose:
            positions[("date",)] = (1, 1)
        if found.successor and "superseded-by" not in front:
            front["superseded-by"] = found.successor
            positions[("superseded-by",)] = (1, 1)
        out.append(replace(doc, front_matter=front, positions=positions, prose_fields=tuple(prose)))
        changed.add(doc.path)
    return out, changed


def _find(doc: MarkdownDoc, listed: dict[str, Listed]) -> Listed | None:
    name = record_name(doc.path).lower()
    if name in listed:
        return listed[name]
    number = file_number(PurePosixPath(name).stem)
    return listed.get(f"#{number}") if number is not None else None


def _keys(cells: list[str]) -> list[str]:
    keys = [
        PurePosixPath(target.split("#", 1)[0]).name.lower()
        for cell in cells
        for target in _LINK.findall(cell)
        if is_record_file(PurePosixPath(target.split("#", 1)[0]).name)
    ]
    number = _NUMBER.match(_plain(cells[0])) if cells else None
    if number is not None:
        keys.append(f"#{int(number.group(1))}")
    return keys


def _column(header: list[str], names: frozenset[str]) -> int | None:
    return next((i for i, name in enumerate(header) if name in names), None)


def _name(cell: str) -> str:
    return " ".join(_plain(cell).lower().split()).rstrip(":")


def _plain(cell: str) -> str:
    """A cell's text: link text for links, without emphasis, code marks or emoji."""
    text = re.sub(r"\[([^\[\]]*+)\]\([^()]*+\)", r"\1", cell)
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"^[^\w\[]+", "", text).strip()
