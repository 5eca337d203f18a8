"""A decision log kept in one Markdown file (``docs/adr.md``, ``DECISIONS.md``): each
``## ADR-1: Title`` section read as a record of its own.

Teams that do not want a file per decision write them one under another, each under a
numbered heading with its own status line or table. Read as one page, the log shows one
"decision" with no status; read section by section it shows every decision with the
status its authors wrote. The split is made only when it is unambiguous: two or more
headings of one level that name a distinct ADR number ("ADR-3", "Decision 3"), and most
of those sections recording a status or a date; or headings numbered with no label
("## 3. Use Kafka"), each recording its status. Each record keeps the file's path (its
git dates, its images' relative links and every message's line stay right) and takes
the number of its heading as its id. A page that keeps several decisions under other
headings (dated entries) gets a warning saying how to make them readable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.types import MarkdownDoc

#: "ADR-1: Title", "ADR 0002 — Title", "ADR-003. Title", "[ADR-4] Title", and the
#: transposed "ARD 2: Title" a hurried author types between two correct ones.
_NUMBERED_HEADING = re.compile(
    r"^[\[(]?(?:ADR|ARD|AD|DR|Decision|Décision|Decisión|Decisione|Entscheidung|Besluit"
    r"|Beslissing|Решение)[-_ ]?#?(?P<number>\d{1,6})[\])]?(?![\w.]\d)"
    r"(?:[ \t]*+[:.\-–—|][ \t]*+|[ \t]++)(?P<title>\S.*)$",
    re.IGNORECASE,
)
#: "1. Use Kafka", "02 — Use Pulsar": numbered with no label, read as records only when
#: every such section records its status.
_BARE_NUMBER = re.compile(r"^(?P<number>\d{1,4})(?:[ \t]*+[.:\-–—)][ \t]*+)(?P<title>\S.*)$")
#: An entry headed by its date ("### 2026-01-01 — Use X"): a log Paved cannot number.
_DATED_HEADING = re.compile(r"^\[?\d{4}-\d{2}-\d{2}\]?(?:[ \t]*+[:\-–—|][ \t]*+|[ \t]++)\S")
#: Headings below the title that may hold the records (``##`` and ``###``).
_LEVELS = (2, 3)
_MIN_RECORDS = 2

#: ``parse_adr``: normalised text and the file's path → the record and its findings.
Parse = Callable[[str, str], tuple[MarkdownDoc | None, list[Diagnostic]]]


def numbered_heading(title: str, *, bare: bool = False) -> tuple[int, str] | None:
    """``"ADR 3: Use Prometheus"`` → (3, "Use Prometheus"); with ``bare``, "3. Use
    Prometheus" too; ``None`` for other titles."""
    text = title.strip().strip("*_").strip()
    match = (_BARE_NUMBER if bare else _NUMBERED_HEADING).match(text)
    if match is None:
        return None
    return int(match.group("number")), match.group("title").strip().strip("*_").strip()


def entry_headings(doc: MarkdownDoc) -> int:
    """How many headings below the title look like entries of a log (numbered or dated):
    a page that keeps several decisions Paved could not read one by one."""
    counts = [
        sum(
            1
            for s in doc.sections
            if s.level == level
            and (
                numbered_heading(s.title) is not None
                or numbered_heading(s.title, bare=True) is not None
                or _DATED_HEADING.match(s.title.strip()) is not None
            )
        )
        for level in _LEVELS
    ]
    return max(counts)


def split_log(doc: MarkdownDoc, parse: Parse) -> list[tuple[MarkdownDoc, list[Diagnostic]]]:
    """The records of a one-file log, each parsed by ``parse`` (``parse_adr``), or an
    empty list when ``doc`` is not one (fewer than two numbered sections of one level,
    numbers repeated, or most sections recording neither status nor date)."""
    for bare in (False, True):
        for level in _LEVELS:
            heads = [
                (s, found)
                for s in doc.sections
                if s.level == level and (found := numbered_heading(s.title, bare=bare)) is not None
            ]
            if len(heads) < _MIN_RECORDS:
                continue
            numbers = [found[0] for _, found in heads]
            if len(set(numbers)) != len(numbers):
                return []
            records = _records(doc, heads, level, parse)
            stated = sum(1 for record, _ in records if _records_a_fact(record, bare=bare))
            if (stated == len(records)) if bare else (stated * 2 > len(records)):
                # "ADR 3: Use Kafka", "3. Use Kafka": the title without the label the id
                # already says ("ADR-0003 · Use Kafka", not "ADR-0003 · ADR 3: Use Kafka")
                return [
                    (replace(record, title=title), found)
                    for (record, found), (_, (_, title)) in zip(records, heads, strict=True)
                ]
            return []
    return []


def _records(
    doc: MarkdownDoc, heads: list[tuple[Any, tuple[int, str]]], level: int, parse: Parse
) -> list[tuple[MarkdownDoc, list[Diagnostic]]]:
    lines = [""] * (doc.body_line - 1) + doc.body.split("\n")
    ends = [s.line for s in doc.sections if s.level <= level]
    out: list[tuple[MarkdownDoc, list[Diagnostic]]] = []
    for section, (number, title) in heads:
        start = section.line
        end = min((line for line in ends if line > start), default=len(lines) + 1)
        heading = lines[start - 1].lstrip()[level - 1 :]  # "## ADR 1: x" → "# ADR 1: x"
        part = [""] * (start - 1) + [heading] + lines[start : end - 1]
        record, found = parse("\n".join(part) + "\n", doc.path)
        if record is None:
            continue
        front = {**record.front_matter, "id": f"ADR-{number:04d}"}
        if not record.title:
            record = replace(record, title=title)
        out.append((replace(record, front_matter=front), found))
    return out


def _records_a_fact(record: MarkdownDoc, *, bare: bool = False) -> bool:
    """Whether a section records its status (or, labelled "ADR n", its date)."""
    front = record.front_matter
    if bare:
        return bool(str(front.get("status") or "").strip())
    return bool(str(front.get("status") or "").strip() or str(front.get("date") or "").strip())
