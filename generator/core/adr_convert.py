"""One ADR in any format Paved reads → the same decision as MADR 4 front matter.

The work behind ``paved adr import``, kept pure (text in, text out, plus what changed
and what could not be decided) so the command only moves files and prints. What the
loader read from bullets, a ``Date:`` line or a ``## Status`` section becomes front
matter; those lines leave the body; every other byte of the body stays. A status word is
written as the status it maps to (reported when that changes the word); a word that maps
to nothing, a missing status or date, are left for a person (reported, never guessed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from paved.generator.core.load.adr_formats import is_generic_title, status_section
from paved.generator.core.load.adr_ids import AdrIndex, record_id, record_name
from paved.generator.core.load.adr_status import canonical
from paved.generator.core.load.markdown import Split, split_front_matter
from paved.generator.core.load.types import MarkdownDoc

#: "# 3. Use X", "# 23 Logging": the number the reader took out of the title.
_NUMBERED_TITLE = re.compile(r"^(#[ \t]+)\d+\.?[ \t]+")
_ORDER = ("status", "date", "decision-makers", "consulted", "informed", "tags")


@dataclass
class Conversion:
    """``text`` is ``None`` when the file is left as it is (already MADR 4)."""

    text: str | None
    changed: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)


def convert(doc: MarkdownDoc, text: str, team: dict[str, str], index: AdrIndex) -> Conversion:
    split = split_front_matter(text, after_comments=True, toml=True)
    if split.toml and split.front_matter is not None:
        return _from_toml(doc, text, split, team, index)
    if doc.format in ("madr4", "site"):
        out = Conversion(None, ["already YAML front matter: left as it is"])
        if "status" not in doc.front_matter:
            out.undecided.append("no status recorded: add one to its front matter")
        return out
    front, out = _front_matter(doc, team, index)
    lines = text.split("\n")
    drop = _metadata_lines(doc, lines)
    if doc.title_line and doc.title:  # the reader took the record's number out
        heading = lines[doc.title_line - 1]
        numbered = _NUMBERED_TITLE.match(heading)
        if numbered and heading.rstrip().endswith(doc.title):
            lines[doc.title_line - 1] = numbered.group(1) + doc.title
            out.changed.append("number taken out of the title (the id comes from the file name)")
        elif is_generic_title(heading.lstrip("#").strip()) and not is_generic_title(doc.title):
            # "# Architectural Decision Record (ADR)" over "## ADR: Use X": the reader
            # names the record by the heading below, which MADR 4 reads from the title.
            lines[doc.title_line - 1] = "# " + doc.title
            out.changed.append("title: the decision's name, not the kind of document")
    body = [line for number, line in enumerate(lines, start=1) if number not in drop]
    body_text = "\n".join(_squeeze(body)).lstrip("\n")
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    out.text = f"---\n{dumped}---\n\n{body_text}" if front else body_text
    out.changed.insert(0, f"{_format_name(doc.format)} → MADR 4 front matter")
    return out


#: Keys ``_front_matter`` writes (or reads under another name); the rest of a TOML
#: front matter (Hugo's ``title``, ``weight``) is kept as it was.
_MADR_KEYS = frozenset({*_ORDER, "id", "deciders", "supersedes", "superseded-by"})


def _from_toml(
    doc: MarkdownDoc, text: str, split: Split, team: dict[str, str], index: AdrIndex
) -> Conversion:
    """Hugo's and Zola's ``+++`` TOML front matter → MADR 4 YAML: the decision's fields
    (some read from bullets under it) first, every other key kept, the block's comment
    lines (a licence header) kept as YAML comments; the body loses the metadata lines."""
    front, out = _front_matter(doc, team, index)
    front.update(
        {k: v for k, v in doc.front_matter.items() if k not in _MADR_KEYS and k not in front}
    )
    lines = text.split("\n")
    opening = split.front_matter_line - 2  # the "+++" line, 0-based
    comments = [
        line for line in (split.front_matter or "").split("\n") if line.lstrip().startswith("#")
    ]
    drop = {
        line
        for path, (line, _) in doc.positions.items()
        if path and path[0] != "id" and line >= split.body_line
    }
    drop.update(_emptied_tables(lines, drop))
    body = [
        line
        for number, line in enumerate(lines, start=1)
        if number >= split.body_line and number not in drop
    ]
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    head = "\n".join([*lines[:opening], "---", *comments, dumped.rstrip("\n"), "---"])
    out.text = head + "\n\n" + "\n".join(_squeeze(body)).lstrip("\n")
    out.changed.insert(0, "TOML front matter (+++) → MADR 4 YAML front matter")
    return out


def _front_matter(
    doc: MarkdownDoc, team: dict[str, str], index: AdrIndex
) -> tuple[dict[str, Any], Conversion]:
    fm = doc.front_matter
    out = Conversion(None)
    front: dict[str, Any] = {}
    written = fm.get("status")
    if isinstance(written, str) and written:
        mapped = canonical(written, team)
        if mapped is None:
            front["status"] = written
            out.undecided.append(
                f"status '{written}' maps to no status: kept as written; map it in "
                "mkdocs.yml (adr_statuses) or change it"
            )
        else:
            # The authors' word stays (MADR 4 allows any); Paved reads it as ``mapped``.
            front["status"] = written
            if written.strip().lower() != mapped:
                out.changed.append(f"status '{written}' kept as written (read as {mapped})")
    else:
        out.undecided.append("no status recorded: left out (add one)")
    for key in _ORDER[1:]:
        if fm.get(key):
            front[key] = fm[key]
    if "date" in front and not is_real_date(front["date"]):
        out.undecided.append(
            f"date '{front.pop('date')}' is not a date: left out, kept in the text "
            "(write it as YYYY-MM-DD)"
        )
    elif "date" not in front:
        out.undecided.append("no date recorded: left out (the first commit's date is shown)")
    for key in ("supersedes", "superseded-by"):
        value = fm.get(key)
        refs = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        resolved = []
        for ref in refs:
            target = index.resolve(ref)
            if target is None:
                out.undecided.append(f"{key} '{ref}' names no ADR: left out")
            else:
                resolved.append(target)
        if resolved:
            front[key] = resolved if key == "supersedes" else resolved[0]
    written_now = front.get("status")
    read_as = canonical(written_now, team) if isinstance(written_now, str) else None
    if front.get("superseded-by") and written_now is not None and read_as != "superseded":
        out.undecided.append(
            f"replaced by {front['superseded-by']} but its status is {front['status']}"
        )
    declared = record_id(doc)
    if declared and declared != index.aliases.get(record_name(doc.path).lower()):
        front = {"id": declared, **front}
    return front, out


def _metadata_lines(doc: MarkdownDoc, lines: list[str]) -> set[int]:
    """Line numbers (1-based) the metadata came from: bullets, the Date line, and for
    adr-tools the ``## Status`` heading and its status and supersede lines."""
    keep = () if is_real_date(doc.front_matter.get("date")) else ("date",)
    # A date left in the text keeps its line, and so its table row ("| 06/01/2023 | ...
    # | Accepted |" holds the status too; the front matter's status wins over it).
    kept_lines = {line for path, (line, _) in doc.positions.items() if path[:1] == keep}
    drop = {
        line
        for path, (line, _) in doc.positions.items()
        if path and path[0] != "id" and path[:1] != keep and line not in kept_lines
    }
    if doc.format == "nygard":
        status = status_section(doc)
        if status is not None and status.line not in drop:
            later = [s.line for s in doc.sections if s.line > status.line]
            end = later[0] if later else len(lines) + 1
            kept = [
                n for n in range(status.line + 1, end) if lines[n - 1].strip() and n not in drop
            ]
            if kept:
                lines[status.line - 1] = "## Links"
            else:
                drop.update(range(status.line, end))
    drop.update(_emptied_tables(lines, drop))
    return drop


_TABLE_RULE = re.compile(r"^\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?$")


def _emptied_tables(lines: list[str], drop: set[int]) -> set[int]:
    """A metadata table whose rows all became front matter: its header and rule go too."""
    out: set[int] = set()
    number = 1
    while number <= len(lines):
        if not lines[number - 1].lstrip().startswith("|"):
            number += 1
            continue
        block = []
        while number <= len(lines) and lines[number - 1].lstrip().startswith("|"):
            block.append(number)
            number += 1
        rows = [n for n in block[1:] if not _TABLE_RULE.match(lines[n - 1].strip())]
        if rows and all(n in drop for n in rows):
            out.update(block)
    return out


def is_real_date(value: object) -> bool:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` naming a real day, month or year (what
    front matter may hold; a date typed wrong in prose stays in the text)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], *[*parts[1:], 1, 1][:2])
    except ValueError:
        return False
    return True


def _squeeze(lines: list[str]) -> list[str]:
    """No run of more than one blank line where metadata lines were taken out."""
    out: list[str] = []
    for line in lines:
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return out


def _format_name(fmt: str) -> str:
    return {"nygard": "adr-tools / Nygard", "madr2": "MADR 2", "log4brains": "log4brains"}.get(
        fmt, fmt
    )


def mark_superseded_as_written(
    doc: MarkdownDoc, text: str, new_title: str, new_file: str
) -> str | None:
    """An adr-tools, MADR 2 or log4brains record marked superseded in its own format
    (as ``adr new -s`` and log4brains do), every other line kept; ``None`` for a format
    without a status line to change (front matter has its own editor)."""
    lines = text.split("\n")
    link = f"[{new_title}]({new_file})"
    status_at = doc.positions.get(("status",))
    if doc.format == "nygard":
        phrase = f"Superseded by {link}"
        if status_at is not None:
            line = lines[status_at[0] - 1]
            lines[status_at[0] - 1] = line[: status_at[1] - 1] + phrase
            return "\n".join(lines)
        heading = status_section(doc)
        if heading is None:
            return None
        lines[heading.line : heading.line] = ["", phrase]
        return "\n".join(lines)
    if doc.format in ("madr2", "log4brains") and status_at is not None:
        line = lines[status_at[0] - 1]
        lines[status_at[0] - 1] = line[: status_at[1] - 1] + f"superseded by {link}"
        return "\n".join(lines)
    return None
