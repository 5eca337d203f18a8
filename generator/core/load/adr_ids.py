"""ADR ids as teams write them, and references to them as people type them.

An ADR's id is, in this order: the ``id:`` its front matter declares (Docusaurus'
``adrs-adr001`` included); ``ADR-`` and the four-digit number its file name starts with
(``0007-x.md`` → ``ADR-0007``, the URL Paved has always used); for log4brains'
``YYYYMMDD-slug.md`` the whole file stem, which log4brains itself uses as the id (a
date is not a number: two records of one day must not collide); otherwise the file stem.

A reference (``superseded-by``, ``supersedes``, a WID's related ADRs) may be written as
``ADR-0005``, ``ADR 5``, ``0005``, ``5``, the slug, the file name or a Markdown link to
the file; ``AdrIndex.resolve`` finds the record whichever form was used.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

_NUMBERED = re.compile(r"^(\d{1,6})(?:[-_. ]|$)")
_ADR_NUMBERED = re.compile(r"^adr[-_ ]?(\d{1,6})(?:[-_. ]|$)", re.IGNORECASE)
_DATE_SLUG = re.compile(r"^(?:adr[-_ ]?)?(\d{4})-?(\d{2})-?(\d{2})(?:[-_]|$)", re.IGNORECASE)
_NUMBER_REF = re.compile(r"^(?:adr[-_ ]?|#)?(\d{1,6})$", re.IGNORECASE)
_LINK = re.compile(r"\[([^\[\]]*+)\]\(([^()\s]*+)[^()]*+\)")
_ADR_WORD = re.compile(r"\bADR[-_ ]?(\d{1,6})\b", re.IGNORECASE)

#: The suffixes an ADR file may have: Markdown as most tools write it, ``.markdown``
#: (Jekyll's default) and MDX (Docusaurus, log4brains' own site). Compared in lower case.
RECORD_SUFFIXES = (".md", ".markdown", ".mdx")
#: File names that are templates, never records (MADR, log4brains, adr-tools, Docusaurus).
TEMPLATE_NAMES = frozenset({"template.md", "adr-template.md", "_template.md", "0000-template.md"})
_TEMPLATE = re.compile(r"(?:^|[-_ .])template(?: copy)?$", re.IGNORECASE)
#: "Template" in the languages logs are written in; a name made of these and of words that
#: only say what it is a template of (``0000-modele-adr.md``, ``adr-vorlage.md``) is one.
_TEMPLATE_WORDS = frozenset(
    {
        "template",
        "modele",
        "modèle",
        "gabarit",
        "vorlage",
        "plantilla",
        "modelo",
        "sjabloon",
        "テンプレート",
        "模板",
    }
)
_TEMPLATE_OF = frozenset(
    {"adr", "adrs", "madr", "decision", "record", "records", "architecture", "architectural"}
)
_NAME_WORD = re.compile(r"[^\W_]+")
#: The log's own index page numbered first so it sorts first (``000-index.md``).
_NUMBERED_INDEX = re.compile(
    r"^(?:adr[-_ ]?)?\d+[-_](?:index|readme|toc|table-of-contents|contents)$", re.IGNORECASE
)


def is_record_file(name: str) -> bool:
    """Whether a file name has one of the ``RECORD_SUFFIXES`` (any case: ``X.MD``)."""
    return name.lower().endswith(RECORD_SUFFIXES)


def record_stem(name: str) -> str:
    """A record file's name without its suffix (``0001-x.markdown`` → ``0001-x``)."""
    lowered = name.lower()
    for suffix in RECORD_SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


def is_template(name: str) -> bool:
    """``template.md``, ``adr-template.md``, ``adr000-template.md``, ``0000-template.md``
    (any record suffix, and the "template copy" an editor leaves); also a numbered index
    page (``000-index.md``, ``adr-000-index.md``): neither is a record."""
    lowered = name.lower()
    stem = record_stem(lowered)
    return (
        lowered in TEMPLATE_NAMES
        or bool(_TEMPLATE.search(stem))
        or bool(_NUMBERED_INDEX.match(stem))
        or _is_template_words(stem)
    )


def _is_template_words(stem: str) -> bool:
    """``0000-modele-adr``, ``ADR-nnn-vorlage``: past its number, a name that says
    "template" (in any language of ``_TEMPLATE_WORDS``) and nothing but what of."""
    words = [w for w in _NAME_WORD.findall(stem) if not w.isdigit()]
    return any(w in _TEMPLATE_WORDS for w in words) and all(
        w in _TEMPLATE_WORDS or w in _TEMPLATE_OF or w in ("nnn", "xxx", "xxxx") for w in words
    )


def file_date(stem: str) -> str | None:
    """``20200924-use-x``, ``2020-09-24-use-x`` or ``ADR-2020-09-24-use-x`` →
    ``2020-09-24`` (a real date only)."""
    match = _DATE_SLUG.match(stem)
    if match is None:
        return None
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return day.isoformat() if 1990 <= day.year <= 2100 else None


def file_number(stem: str) -> int | None:
    """The record number a file name starts with (not a date: see ``file_date``)."""
    if file_date(stem) is not None:
        return None
    match = _NUMBERED.match(stem) or _ADR_NUMBERED.match(stem)
    return int(match.group(1)) if match else None


#: What an id may not hold (the schema's form): a file name's spaces and other signs.
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


#: The page a folder-per-decision log keeps each decision in (``0007-x/index.md``).
FOLDER_PAGES = ("index", "readme")


@functools.lru_cache(maxsize=1 << 16)  # several rules ask it of every record, every run
def record_name(path: str) -> str:
    """The name a record is known by: its file name, or for a decision kept as a
    folder's page (``adrs/0007-use-x/index.md``, ``.../README.md``) the folder's name
    with the page's suffix (``0007-use-x.md``)."""
    pure = PurePosixPath(path)
    stem = record_stem(pure.name)
    parent = pure.parent.name
    if stem.lower() in FOLDER_PAGES and parent and parent != "adrs":
        return parent + pure.name[len(stem) :]
    return pure.name


def id_from_file(path: str) -> str:
    """``0007-x.md`` → ``ADR-0007``; a date-slug or slug name → its stem, with any run of
    characters an id cannot hold (a space: ``0010-Observability-component metrics.md``)
    written as one ``-``, so every file name gives an id in the schema's form. A
    decision kept as a folder's page is named after its folder (``record_name``)."""
    stem = record_stem(record_name(path))
    number = file_number(stem)
    if number is not None:
        return f"ADR-{number:04d}"
    return stem_id(stem)


def stem_id(stem: str) -> str:
    """A file stem as an id in the schema's form (``a b`` → ``a-b``); never empty."""
    return _NOT_ID.sub("-", stem).strip("-._") or "adr"


def record_id(doc: object) -> str | None:
    """The id of a loaded ADR (``MarkdownDoc``): the loader always fills ``id``."""
    front = getattr(doc, "front_matter", {})
    value = front.get("id") if isinstance(front, dict) else None
    if isinstance(value, str) and value.strip():
        return value.strip()
    path = getattr(doc, "path", "")
    return id_from_file(path) if path else None


def number_of(ident: str) -> int | None:
    """``ADR-0007`` → 7; ``adrs-adr001`` → 1; a file stem used as the id
    (``0007-use-x``, as Brighter's front matter declares) → 7; a slug → ``None``."""
    match = _NUMBER_REF.match(ident.strip()) or re.search(
        r"adr[-_ ]?(\d{1,6})$", ident, re.IGNORECASE
    )
    return int(match.group(1)) if match else file_number(ident.strip())


def reference(text: str) -> str:
    """What a written reference points at, as the loader keeps it: a Markdown link's
    target file's id (``[..](0015-dns.md)`` → ``ADR-0015``), an ``ADR-5``-style word
    as ``ADR-0005``, else the text as written (resolved later by ``AdrIndex``)."""
    cleaned = text.strip().strip("*_").strip()
    link = _LINK.search(cleaned)
    if link:
        path = link.group(2).strip().split("#", 1)[0]
        target = path.rsplit("/", 1)[-1]
        if is_record_file(target):
            return id_from_file(path)  # "../0007-use-x/index.md" names its folder
        word = _ADR_WORD.search(link.group(1))
        return f"ADR-{int(word.group(1)):04d}" if word else link.group(1).strip()
    if is_record_file(cleaned) and "/" not in cleaned and " " not in cleaned:
        return id_from_file(cleaned)  # "ADR-2026-08-24-x.md": a file name, not "ADR-2026"
    if file_date(cleaned):
        return stem_id(cleaned)
    word = _ADR_WORD.match(cleaned)
    if word:
        return f"ADR-{int(word.group(1)):04d}"
    numbered = re.match(r"^(\d{1,6})(?:\.|\b)", cleaned)
    if numbered and not cleaned[len(numbered.group(0)) :].startswith("-"):
        return f"ADR-{int(numbered.group(1)):04d}"
    return record_stem(cleaned)


def strict_threshold(value: str) -> tuple[str, object] | None:
    """``adr_strict_from`` → ("number", 16) or ("date", "2025-01-01"), else ``None``."""
    text = value.strip()
    try:
        return ("date", dt.date.fromisoformat(text).isoformat())
    except ValueError:
        pass
    number = number_of(text)
    return ("number", number) if number is not None else None


@dataclass
class AdrIndex:
    """Every form a reference to a record may take → the record's id."""

    aliases: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, records: Iterable[tuple[str, str]]) -> AdrIndex:
        """``records``: (id, path) of each ADR. The first record of an id wins."""
        index = cls()
        for ident, path in records:
            index.add(ident, path)
        return index

    def add(self, ident: str, path: str) -> None:
        self.ids.add(ident)
        name = record_name(path)
        stem = record_stem(name)
        forms = [ident, name, stem]
        number = number_of(ident)
        if number is None:
            number = file_number(stem)
        if number is not None:
            forms.append(f"#{number}")
        for form in forms:
            self.aliases.setdefault(_fold(form), ident)

    def resolve(self, ref: str) -> str | None:
        """The id of the record ``ref`` names, or ``None``."""
        text = reference(ref) if ("](" in ref or is_record_file(ref.strip())) else ref
        folded = _fold(text)
        if folded in self.aliases:
            return self.aliases[folded]
        number = _NUMBER_REF.match(text.strip())
        if number:
            return self.aliases.get(f"#{int(number.group(1))}")
        return None


def _fold(text: str) -> str:
    return text.strip().lower()
