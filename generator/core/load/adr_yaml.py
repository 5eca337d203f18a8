"""A decision log kept as YAML files (``decision-log/2023-01-12-use-x.yaml``: ``name``,
``date``, ``context``, ``decision``, ``consequences``), read as records.

Each file is one decision: its fields are read as a front matter is (status, date,
decision-makers, supersede links, under any of their spellings), its title from
``title`` or ``name``, and its text fields become the record's sections in the order
they are written. A YAML file that is not a decision (a site generator's settings, such
as Retype's ``english.yml``) has no ``decision`` field and is left alone.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.adr_formats import parse_adr
from paved.generator.core.load.adr_ids import stem_id
from paved.generator.core.load.limits import MAX_MARKDOWN_BYTES
from paved.generator.core.load.text import read_text
from paved.generator.core.load.types import MarkdownDoc

YAML_SUFFIXES = (".yaml", ".yml")
#: Fields whose text is the record's body, each under its own heading.
_TEXT_FIELDS = {
    "context": "Context",
    "problem": "Problem",
    "decision": "Decision",
    "rationale": "Rationale",
    "alternatives": "Alternatives",
    "options": "Considered options",
    "consequences": "Consequences",
    "notes": "Notes",
}


def is_yaml_file(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES)


def load_yaml_record(file: Path, rel: str) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """One YAML decision as a record, or ``None`` (with no finding) when the file is not
    a decision; an unreadable or invalid file is reported as a front matter would be."""
    text, found = read_text(file, rel, max_bytes=MAX_MARKDOWN_BYTES)
    if text is None:
        return None, found
    # Read as the front matter of an empty page: one reading of keys, dates and links
    # for every format. Its lines are one below the file's (the opening '---').
    doc, more = parse_adr(f"---\n{text}\n---\n", rel)
    found.extend(_moved_up(d) for d in more)
    if doc is None:
        return None, found
    fields = doc.front_matter
    if not isinstance(fields.get("decision"), str):
        return None, []  # settings, not a decision
    title = (
        next(
            (str(fields[k]).strip() for k in ("title", "name") if isinstance(fields.get(k), str)),
            None,
        )
        or PurePosixPath(rel).stem
    )
    sections = [
        f"## {heading}\n\n{fields[key].strip()}\n"
        for key, heading in _TEXT_FIELDS.items()
        if isinstance(fields.get(key), str) and fields[key].strip()
    ]
    body, _ = parse_adr(f"# {title}\n\n" + "\n".join(sections), rel)
    kept = {k: v for k, v in fields.items() if k not in _TEXT_FIELDS and k != "name"}
    if ("id",) not in doc.key_positions:
        kept["id"] = stem_id(PurePosixPath(rel).stem)
    kept.setdefault("title", title)
    record = replace(
        doc,
        front_matter=kept,
        positions={k: (max(1, line - 1), c) for k, (line, c) in doc.positions.items()},
        key_positions={k: (max(1, line - 1), c) for k, (line, c) in doc.key_positions.items()},
        body=body.body if body is not None else "",
        body_line=1,
        title=title,
        title_line=1,
        sections=body.sections if body is not None else (),
        format="yaml",
    )
    return record, found


def _moved_up(found: Diagnostic) -> Diagnostic:
    location = found.location
    if location.line is None or location.line <= 1:
        return found
    return replace(found, location=replace(location, line=location.line - 1))
