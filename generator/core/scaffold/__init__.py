"""Templates for new WIDs and ADRs, and how to recognise text still left from them.

The same placeholder lines serve two jobs: ``paved new`` writes them, and the
sections rule reports any that are still there, so a scaffolded file validates
except for the sections its author has yet to write.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import jinja2

SCAFFOLD_DIR = Path(__file__).resolve().parent

#: Every placeholder starts with this marker, in the templates and in front matter defaults.
MARKER = "Template:"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_WID_FILE = re.compile(r"^WID-(\d{4})")


def template_source(kind: str) -> str:
    return (SCAFFOLD_DIR / f"{kind}.md").read_text(encoding="utf-8")


def normalise(text: str) -> str:
    return " ".join(text.split()).strip().lower()


@functools.cache
def placeholders(kind: str) -> frozenset[str]:
    """The template's placeholder lines, normalised (bullets and emphasis kept)."""
    found = set()
    for line in template_source(kind).splitlines():
        if MARKER in line:
            found.add(normalise(line))
    return frozenset(found)


def holds_template_text(kind: str, text: str) -> bool:
    """True when a section's text still contains one of the template's placeholders."""
    lines = {normalise(line) for line in text.splitlines() if line.strip()}
    return bool(lines & placeholders(kind))


def section_titles(kind: str) -> list[str]:
    """The headings the template creates, in order (level 2 and deeper)."""
    titles = []
    for line in template_source(kind).splitlines():
        match = _HEADING.match(line)
        if match and len(match.group(1)) >= 2:
            titles.append(match.group(2))
    return titles


def render(kind: str, values: dict[str, Any]) -> str:
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False
    )
    return env.from_string(template_source(kind)).render(**values)


def slugify(title: str, max_length: int = 50) -> str:
    """'Store footfall (daily)' → 'store-footfall-daily'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"


def next_wid_id(wids_dir: Path) -> str:
    numbers = [
        int(m.group(1))
        for p in (wids_dir.glob("*.md") if wids_dir.is_dir() else [])
        if (m := _WID_FILE.match(p.name))
    ]
    return f"WID-{max(numbers, default=0) + 1:04d}"


def next_adr_number(adrs_dir: Path) -> int:
    """One more than the highest record number; log4brains' ``YYYYMMDD-`` names are
    dates, not numbers (``load.adr_ids.file_number``)."""
    from paved.generator.core.load.adr_ids import file_number

    numbers = [
        number for p in record_paths(adrs_dir) if (number := file_number(p.stem)) is not None
    ]
    return max(numbers, default=0) + 1


def record_paths(adrs_dir: Path) -> list[Path]:
    """The ADR files under ``adrs_dir`` and its subfolders (a log filed by status or by
    team numbers across them), never in a hidden folder or through a linked one."""
    from paved.generator.core.load.adr_ids import is_record_file

    out: list[Path] = []
    for top, dirs, names in os.walk(adrs_dir, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.extend(Path(top) / name for name in names if is_record_file(name))
    return sorted(out)


def new_adr_file(adrs_dir: Path, title: str, day: str) -> tuple[str, str]:
    """(file name, id) of a new ADR, named the way the log already names its records:
    ``NNNN-slug.md`` (id ADR-NNNN) in a numbered log, log4brains' ``YYYYMMDD-slug.md``
    (id: the name without .md) in a log whose records are all dated that way."""
    from paved.generator.core.load.adr_ids import file_date, file_number

    stems = [p.stem for p in record_paths(adrs_dir)]
    dated = any(file_date(stem) for stem in stems)
    numbered = any(file_number(stem) is not None for stem in stems)
    slug = slugify(title)
    if dated and not numbered:
        stem = f"{day.replace('-', '')}-{slug}"
        existing = set(stems)
        suffix = 2
        while stem in existing:
            stem = f"{day.replace('-', '')}-{slug}-{suffix}"
            suffix += 1
        return f"{stem}.md", stem
    number = next_adr_number(adrs_dir)
    return f"{number:04d}-{slug}.md", f"ADR-{number:04d}"


def today() -> str:
    return dt.date.today().isoformat()
