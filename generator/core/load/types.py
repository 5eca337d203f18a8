"""What the loaders hand to validation: raw values plus where each one came from.

The positions are what lets every later diagnostic name a file, line and column
(or sheet, row and column) without re-reading the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from paved.generator.core.diagnostics import Location
from paved.generator.core.load.adr_ids import record_name, record_stem, stem_id
from paved.generator.core.load.adr_settings import AdrSettings

JsonPath = tuple[str | int, ...]

#: ADR formats whose metadata the loader read from prose (adr-tools' ``Date:`` line and
#: ``## Status``, MADR 2 and log4brains bullets): no tool checked what was typed there.
PROSE_FORMATS = frozenset({"nygard", "madr2", "log4brains"})


def date_from_prose(doc: MarkdownDoc) -> bool:
    """Whether the record's date was typed in prose (no tool checked it)."""
    return doc.format in PROSE_FORMATS or "date" in doc.prose_fields


@dataclass(frozen=True, slots=True)
class Section:
    """A Markdown heading and the text under it (up to the next heading of any level)."""

    title: str
    level: int
    anchor: str
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class MarkdownDoc:
    """A Markdown file with its metadata.

    ``front_matter`` holds plain JSON-like values (dates stay strings, as written).
    ``positions`` maps a JSON path of a value to its (line, column), 1-based, in the
    file; ``key_positions`` does the same for mapping keys. For formats without
    YAML front matter (MADR 2 bullets, adr-tools/Nygard) the reader fills the same
    fields from the bullets or the ``## Status`` section and records their lines.
    """

    path: str
    front_matter: dict[str, Any]
    positions: dict[JsonPath, tuple[int, int]]
    key_positions: dict[JsonPath, tuple[int, int]]
    body: str
    body_line: int
    title: str | None
    title_line: int | None
    sections: tuple[Section, ...]
    format: str = "front-matter"
    #: Fields a front matter lacked and the loader read from the body's prose instead
    #: (a ``Date:`` line under a Jekyll front matter): checked as prose, not as YAML.
    prose_fields: tuple[str, ...] = ()

    def locate(self, path: JsonPath = (), *, key: bool = False) -> Location:
        """The most precise location known for ``path``: the value, else its key,
        else the nearest ancestor, else the top of the file."""
        lookups = (
            (self.key_positions, self.positions)
            if key
            else (
                self.positions,
                self.key_positions,
            )
        )
        probe = tuple(path)
        while True:
            for table in lookups:
                if probe in table:
                    line, column = table[probe]
                    return Location(self.path, line=line, column=column)
            if not probe:
                return Location(self.path, line=1, column=1)
            probe = probe[:-1]


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row. ``values`` holds converted cell values keyed by header name
    (empty cells are absent); ``row`` is the spreadsheet row number as shown to people."""

    row: int
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table of the custodian catalogue, from an .xlsx sheet or a .csv file."""

    path: str
    name: str
    header: tuple[str, ...]
    column_of: dict[str, int]
    rows: tuple[SheetRow, ...]
    header_row: int = 1

    def locate(self, row: int | None = None, field_name: str | None = None) -> Location:
        """The cell of ``field_name`` in ``row``; a field the header lacks (a required
        column missing) is placed at the first free column after the header, where
        SHEET010 asks for it to be added."""
        column = None
        if field_name:
            column = self.column_of.get(field_name, len(self.header) + 1)
        return Location(self.path, sheet=self.name, row=row, column=column)


@dataclass(frozen=True, slots=True)
class LoadedRepository:
    """Everything read from a repository, before validation."""

    root: str
    wids: tuple[MarkdownDoc, ...] = ()
    adrs: tuple[MarkdownDoc, ...] = ()
    docs: tuple[MarkdownDoc, ...] = ()
    sheets: dict[str, Sheet] = field(default_factory=dict)
    #: the decision log's settings; ``None``: read from ``root``'s mkdocs.yml when needed
    #: (``load.adr_settings.settings_of``)
    adr_settings: AdrSettings | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "adrs", distinct_numbers(self.adrs))


def distinct_numbers(adrs: tuple[MarkdownDoc, ...]) -> tuple[MarkdownDoc, ...]:
    """Records whose file names share a number (``0010-a.md`` and ``0010-b.md``, two
    branches merged): the first file keeps ``ADR-0010``, each other one is known by its
    file stem (``0010-b``, as log4brains names every record), so every record stays in
    the portal (a translation gives way to its original: ``english/adr-001.md`` keeps
    ``ADR-0001``, ``deutsch/adr-001-de.md`` becomes ``adr-001-de``). A stem that is still
    taken (one log per team in subfolders, each with its
    ``0001-record-architecture-decisions.md``) is prefixed with its folders under ``adrs/``
    (``team-b-0001-record-architecture-decisions``). Only ids taken from file names
    change; a declared ``id:`` never does (one that repeats another record's id is still
    reported)."""
    derived: dict[str, list[int]] = {}
    for index, doc in enumerate(adrs):
        ident = doc.front_matter.get("id")
        if isinstance(ident, str) and ("id",) not in doc.key_positions:
            derived.setdefault(ident, []).append(index)
    shared = [indexes for indexes in derived.values() if len(indexes) > 1]
    if not shared:
        return adrs
    from paved.generator.core.load.adr_translations import translations  # imports this module

    translated = translations(adrs[i] for indexes in shared for i in indexes)
    renamed = {  # a translation yields the number to its original
        index
        for indexes in shared
        for index in sorted(indexes, key=lambda i: (adrs[i].path in translated, adrs[i].path))[1:]
    }
    taken = {
        str(doc.front_matter.get("id")) for index, doc in enumerate(adrs) if index not in renamed
    }
    new_ids: dict[int, str] = {}
    for index in sorted(renamed, key=lambda i: adrs[i].path):
        path = PurePosixPath(adrs[index].path)
        named = record_name(str(path))
        name = record_stem(named)
        ident = stem_id(name)
        if ident in taken:
            folders = path.parts[1:-1] if named == path.name else path.parts[1:-2]
            ident = stem_id("-".join([*folders, name]))
        if ident in taken:  # "x.md" and "x.mdx" side by side: the suffix tells them apart
            ident = stem_id(f"{ident}-{path.suffix.lstrip('.')}")
        base, count = ident, 2
        while ident in taken:
            ident, count = f"{base}-{count}", count + 1
        new_ids[index] = ident
        taken.add(ident)
    return tuple(
        replace(doc, front_matter={**doc.front_matter, "id": new_ids[index]})
        if index in new_ids
        else doc
        for index, doc in enumerate(adrs)
    )
