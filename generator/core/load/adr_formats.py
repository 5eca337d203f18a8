"""ADR files in the formats teams already have → the MADR 4 front matter fields.

Each format is read the way its own tool writes it, so a decision log can be dropped
into ``adrs/`` unchanged:

- MADR 3 and 4 (YAML front matter, native): every field optional, as the MADR
  specification allows; ``deciders`` (MADR 3) read as ``decision-makers``; people as a
  string or a list; ``status: "superseded by ADR-0002"`` split into status and link;
  keys written for other site generators (Jekyll's ``parent``/``nav_order``,
  Docusaurus' ``id``/``title``/``description``) kept and ignored.
- MADR 2 and log4brains: ``* Status:`` / ``- Status:`` bullets under the title; log4brains'
  ``## Links`` bullets ("Supersedes [..](..)").
- adr-tools (Michael Nygard's format): a ``Date:`` line, the status word and the links
  under ``## Status`` ("Superseded by", adr-tools' own "Superceded by"/"Supercedes").

The status is kept **as written** ("Approved", "Partly superseded"); mapping it to one of
Paved's five statuses is ``adr_status``'s job, with the team's configuration. Every value
keeps its line and column, so messages point into the original file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location, Severity
from paved.generator.core.load.adr_history import Entry, current, entries, is_choice_list
from paved.generator.core.load.adr_ids import file_date, id_from_file, is_record_file, reference
from paved.generator.core.load.adr_status import SUCCESSOR_PHRASE, canonical, written_phrase
from paved.generator.core.load.limits import MAX_MARKDOWN_BYTES
from paved.generator.core.load.markdown import parse_markdown, split_front_matter
from paved.generator.core.load.mdx import is_mdx, without_mdx_syntax
from paved.generator.core.load.text import read_text
from paved.generator.core.load.types import JsonPath, MarkdownDoc, Section

# Possessive quantifiers (*+) and trailing blanks stripped in code: every pattern here
# runs in linear time on contributed lines (a line of 100,000 spaces included).
#: A metadata line under the title: "* Status: x" (MADR 2), "- Status: x" (log4brains),
#: "Date: x" (adr-tools) and "**Status:** x" written as a plain line.
_BULLET = re.compile(
    r"^\s*+(?:>[ \t]*+)*+(?P<bullet>[*-][ \t]++)?\**+([^\W\d_](?:[^\W\d_]|[ -])*+)\**+"
    r"[ \t]*+[:：]\**+[ \t]*+(.*)$"
)
_NYGARD_NUMBER = re.compile(r"^\d+\.\s+")
_ADR_TITLE = re.compile(r"^ADR[-_ ]?\d", re.IGNORECASE)
#: A heading that holds its value: "## Status: Accepted", "## Date: 2026-07-02".
_HEADING_VALUE = re.compile(r"^(?P<name>[^:：]{1,40}?)[ \t]*+[:：][ \t]*+(?P<value>\S.*)$")
#: What teams name the status and date sections (adr-tools' "## Status", and the same
#: heading in the languages logs are written in).
_STATUS_HEADINGS = frozenset(
    {
        *("status", "decision status", "adr status", "estado", "estatus", "statut", "état"),
        *("etat", "stato", "状态", "狀態", "状態", "ステータス", "статус"),
        *("current status", "status of the decision", "estado actual", "statut actuel"),
        *("situação", "상태"),
    }
)
_DATE_HEADINGS = frozenset({"date", "decision date", "fecha", "datum", "日期", "日付", "дата"})
#: A link reference definition ("[0018]: ./0018-x.md"): where a link points, not text.
_LINK_DEFINITION = re.compile(r"^\[[^\]]++\]:[ \t]*+\S")
_SUPERSEDES = re.compile(
    r"^(?:supersedes|supercedes|replaces|remplace|reemplaza|sustituye|substitui"
    r"|sostituisce|vervangt)(?![^\W\d_])[ \t:]*+",
    re.IGNORECASE,
)
#: Decoration before a status word or a link line: emoji, arrows, bullets, asterisks.
_LEADING_DECORATION = re.compile(r"^[^\w\[]*+")
_OTHER_RELATION = re.compile(
    r"^(amended|amends|clarified|clarifies|see|refined|refines|related|relates|extends"
    r"|extended|amende|amendé|amendée|modifie|modifié|modifiée|complète|complété|précise"
    r"|voir|enmienda|modifica|ver|véase|altera|complementa|ergänzt|ändert|siehe|wijzigt"
    r"|zie|emenda)(?![^\W\d_])",
    re.IGNORECASE,
)

#: MADR 2 / log4brains bullet names → ADR schema keys.
_BULLET_KEYS = {
    "status": "status",
    "estado": "status",
    "statut": "status",
    "état": "status",
    "stato": "status",
    "ステータス": "status",
    "状態": "status",
    "状态": "status",
    "狀態": "status",
    "date": "date",
    "fecha": "date",
    "datum": "date",
    "日付": "date",
    "日期": "date",
    "deciders": "decision-makers",
    "decision-makers": "decision-makers",
    "decision makers": "decision-makers",
    "author": "decision-makers",
    "authors": "decision-makers",
    "author(s)": "decision-makers",
    "consulted": "consulted",
    "informed": "informed",
    "supersedes": "supersedes",
    "supercedes": "supersedes",
    "superseded by": "superseded-by",
    "superceded by": "superseded-by",
    "superseded-by": "superseded-by",
    "tags": "tags",
    "situação": "status",
    "상태": "status",
    "data": "date",  # Portuguese and Italian; read only when the value is a date
    "날짜": "date",
    "decisores": "decision-makers",
    "décideurs": "decision-makers",
    "entscheider": "decision-makers",
    "current status": "status",
    "decision status": "status",
    "adr status": "status",
    "estatus": "status",
    "статус": "status",  # ru, uk
    "дата": "date",
    "decision date": "date",
    "created": "date",
    "created date": "date",
    "creation date": "date",
    "date created": "date",
}
#: Other metadata a table's header row names next to the status and date (read by no
#: rule, but a header row all the same: "| CREATED DATE | LAST UPDATED | STATUS |").
_OTHER_METADATA = frozenset(
    {
        *("last updated", "updated", "last modified", "modified", "stakeholders"),
        *("owner", "owners", "reviewers", "reviewer", "approvers", "approver"),
        *("significance", "version", "ticket", "issue", "category", "scope", "id", "title"),
    }
)
_LIST_KEYS = ("decision-makers", "consulted", "informed")
#: Front matter keys written in the log's language or by another process (Kubernetes
#: enhancement proposals' ``creation-date``, ``replaces``) → MADR keys. The MADR key,
#: when present too, wins.
_FRONT_MATTER_KEYS = {
    **dict.fromkeys(
        (
            "statut",
            "état",
            "etat",
            "estado",
            "stato",
            "ステータス",
            "状态",
            "狀態",
            "状態",
            "статус",
        ),
        "status",
    ),
    **dict.fromkeys(
        ("fecha", "datum", "日付", "日期", "дата", "creation-date", "date-created"),
        "date",
    ),
    **dict.fromkeys(
        (
            "deciders",
            "décideurs",
            "décisionnaires",
            "decisores",
            "entscheider",
            "decision makers",
        ),
        "decision-makers",
    ),
    **dict.fromkeys(("consultés", "consultados", "konsultiert", "consultati"), "consulted"),
    **dict.fromkeys(("informés", "informados", "informiert", "informati"), "informed"),
    "replaces": "supersedes",
    "superseded by": "superseded-by",
}
#: MADR 4 metadata keys: a front matter with none of them was written for a site generator.
_MADR_KEYS = ("status", "date", "decision-makers", "deciders", "consulted", "informed")


class _Fields:
    """Front matter under construction, with the position of every value."""

    def __init__(self) -> None:
        self.bulleted = False  # the metadata was written as bullets (MADR 2, log4brains)
        self.data: dict[str, Any] = {}
        self.positions: dict[JsonPath, tuple[int, int]] = {}
        self.key_positions: dict[JsonPath, tuple[int, int]] = {}

    def put(self, key: str, value: Any, line: int, column: int, key_column: int = 1) -> None:
        self.data[key] = value
        self.positions[(key,)] = (line, column)
        self.key_positions[(key,)] = (line, key_column)

    def append(self, key: str, value: str, line: int, column: int) -> None:
        items = self.data.setdefault(key, [])
        if value in items:
            return
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
    """Parse normalised ADR text; ``format`` is madr4, site (front matter written for
    another site generator), madr2, log4brains, nygard or markdown (nothing recognised).
    A record that records no status takes its folder's name when that is a status word
    (``adrs/accepted/0001-x.md``: logs that file records by status)."""
    if is_mdx(rel):
        text = _without_mdx(text)
    doc, found = parse_markdown(
        text, rel, require_front_matter=False, after_comments=True, toml=True
    )
    if doc is None:
        doc, found = _with_spaced_keys(text, rel, found)
    if doc is None:
        doc, found = _without_broken_fields(text, rel, found)
    if doc is None:
        return None, found
    folder = _folder_status(rel)
    if doc.format == "front-matter":
        doc = replace(doc, title=_unlabelled(doc.title))
        return with_default_id(
            _status_of_folder(_with_body_facts(_front_matter(doc)), folder)
        ), found
    fields, fmt, title = _read_body(doc)
    if fmt is not None or folder is not None:
        adopted = _adopt(doc, fields, fmt or "markdown", title)
        return with_default_id(_status_of_folder(adopted, folder)), found
    return with_default_id(_adopt(doc, fields, "markdown", title)), [
        *found,
        diagnostic(
            "ADR001",
            Location(rel, line=1, column=1),
            "no status or date found: no YAML front matter, no '* Status:' bullets under "
            "the title and no '## Status' section; shown as 'status not recorded'",
        ),
    ]


def _folder_status(rel: str) -> str | None:
    """The name of the folder holding the record when it is a status word
    (``adrs/Accepted/``, ``adrs/proposed/``), else ``None``."""
    parts = PurePosixPath(rel).parts
    if len(parts) < 3:
        return None  # directly under adrs/
    name = parts[-2]
    return name if canonical(written_phrase(name), {}) is not None else None


def _status_of_folder(doc: MarkdownDoc, folder: str | None) -> MarkdownDoc:
    if folder is None or "status" in doc.front_matter:
        return doc
    return replace(
        doc,
        front_matter={**doc.front_matter, "status": folder},
        positions={**doc.positions, ("status",): (1, 1)},
        prose_fields=(*doc.prose_fields, "status"),
    )


#: A front matter line YAML reads as text for want of a space ("tag:Web Client").
_UNSPACED_KEY = re.compile(r"^([ \t]*+[A-Za-z][\w-]*+):(?=\S)(?!//)")


def _with_spaced_keys(
    text: str, rel: str, found: list[Diagnostic]
) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """A front matter that is one value only because its lines lack the space after the
    colon (``tag:Web Client``) read as the fields it means, with a warning; any other
    unreadable front matter stays an error."""
    if not any(d.code == "YAML003" for d in found):
        return None, found
    split = split_front_matter(text, after_comments=True, toml=True)
    if split.front_matter is None or split.toml:
        return None, found
    block = [line for line in split.front_matter.split("\n") if line.strip()]
    if not block or not all(_UNSPACED_KEY.match(line) for line in block):
        return None, found
    lines = text.split("\n")
    first = split.front_matter_line - 1
    for index in range(first, first + split.front_matter.count("\n") + 1):
        lines[index] = _UNSPACED_KEY.sub(r"\1: ", lines[index], count=1)
    doc, again = parse_markdown(
        "\n".join(lines), rel, require_front_matter=False, after_comments=True, toml=True
    )
    if doc is None:
        return None, found
    at = next(d.location for d in found if d.code == "YAML003")
    return doc, [
        *again,
        diagnostic(
            "YAML003",
            at,
            "the front matter's lines have no space after the colon (YAML reads them as "
            "one value); read as 'key: value' fields",
            hint="Write a space after each colon: 'tag: Web Client'.",
            severity=Severity.WARNING,
        ),
    ]


#: A front matter line that opens a top-level field ("see-also:", "status: x").
_TOP_LEVEL_KEY = re.compile(r"^[^\s#\-][^:]*+:")
#: How many broken fields a front matter may have before it is an error, not a warning.
_MAX_BROKEN_FIELDS = 3


def _without_broken_fields(
    text: str, rel: str, found: list[Diagnostic]
) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """A front matter YAML cannot parse because of one field (a list item that YAML
    reads as a flow sequence: ``- [Proposal](https://...)``): the other fields read,
    the broken field left out with a warning naming it. A record's status must not be
    lost to a neighbour's typo; a front matter broken in more places stays an error."""
    split = split_front_matter(text, after_comments=True, toml=True)
    if split.front_matter is None or split.toml or not split.closed:
        return None, found
    lines = text.split("\n")
    first = split.front_matter_line - 1
    last = first + split.front_matter.count("\n")
    warnings: list[Diagnostic] = []
    errors = found
    for _ in range(_MAX_BROKEN_FIELDS):
        broken = next((d for d in errors if d.code == "YAML002"), None)
        at = broken.location.line if broken is not None else None
        if broken is None or at is None or not first < at <= last + 1:
            return None, found
        start = next(
            (i for i in range(at - 1, first - 1, -1) if _TOP_LEVEL_KEY.match(lines[i])),
            None,
        )
        if start is None:
            return None, found
        end = next(
            (i for i in range(start + 1, last + 1) if _TOP_LEVEL_KEY.match(lines[i])), last + 1
        )
        name = lines[start].split(":", 1)[0].strip()
        for index in range(start, end):
            lines[index] = ""
        warnings.append(
            diagnostic(
                "YAML002",
                broken.location,
                f"front matter field '{name}' is not valid YAML ({broken.message}); "
                "the field is left out, the others are read",
                hint="Quote a value that starts with '[' or '{': - \"[text](link)\".",
                severity=Severity.WARNING,
            )
        )
        doc, errors = parse_markdown(
            "\n".join(lines), rel, require_front_matter=False, after_comments=True, toml=True
        )
        if doc is not None:
            return doc, [*errors, *warnings]
    return None, found


def _without_mdx(text: str) -> str:
    """An MDX record's text with its JavaScript lines blank, front matter untouched."""
    split = split_front_matter(text, after_comments=True, toml=True)
    if split.front_matter is None or not split.closed:
        return without_mdx_syntax(text)
    lines = text.split("\n")
    head = lines[: split.body_line - 1]
    return "\n".join([*head, without_mdx_syntax("\n".join(lines[split.body_line - 1 :]))])


def _read_body(doc: MarkdownDoc) -> tuple[_Fields, str | None, str | None]:
    """The metadata written in the body: (fields, the format they were written in or
    ``None`` when there is none, the title)."""
    lines = doc.body.split("\n")
    fields = _Fields()
    title_section = _title_section(doc)
    title = doc.title
    if title_section is not None:
        _read_bullets(_section_lines(doc, title_section, lines), fields)
        if title is None and title_section.level > 1:
            title = title_section.title
    else:
        # No title heading (Hugo and Zola take it from the front matter): the metadata
        # is what comes before the first heading.
        first = doc.sections[0].line if doc.sections else doc.body_line + len(lines)
        preamble = [(doc.body_line + i, lines[i]) for i in range(first - doc.body_line)]
        _read_bullets(_outside_fences(preamble), fields)
    status = _named_section(doc, title_section, _STATUS_HEADINGS)
    if "status" not in fields.data and status is not None:
        _read_nygard(doc, status, lines, fields)
        _read_date_section(doc, title_section, lines, fields)
        return fields, "nygard", _unnumbered(title, doc.path)
    _read_date_section(doc, title_section, lines, fields)
    if "status" not in fields.data and "date" not in fields.data:
        return fields, None, _own_number_out(title, doc.path)
    _read_links(doc, lines, fields)
    if file_date(PurePosixPath(doc.path).stem):
        return fields, "log4brains", _own_number_out(title, doc.path)
    if fields.bulleted or "status" in fields.data:
        return fields, "madr2", _own_number_out(title, doc.path)
    return fields, "nygard", _unnumbered(title, doc.path)


#: What a front matter may lack and the body still record (adr-tools' ``## Status`` under
#: a Jekyll or Docusaurus front matter that only places the page).
_BODY_FACTS = (
    *("status", "date", "superseded-by", "supersedes"),
    *("tags", "decision-makers", "consulted", "informed"),
)


def _with_body_facts(doc: MarkdownDoc) -> MarkdownDoc:
    """A front matter without a status or date, completed from the body when the body
    records them (a ``## Status`` section, ``Date:`` line or bullets); a front matter's
    own ``created:`` date when nothing else gives one."""
    fm = doc.front_matter
    if "status" in fm and "date" in fm:
        return doc
    fields, fmt, _ = _read_body(doc)
    front = dict(fm)
    positions = dict(doc.positions)
    keys = dict(doc.key_positions)
    prose: list[str] = []
    if fmt is not None:
        for name in _BODY_FACTS:
            if name in front or name not in fields.data:
                continue
            front[name] = fields.data[name]
            prose.append(name)
            positions.update({p: at for p, at in fields.positions.items() if p[:1] == (name,)})
            keys.update({p: at for p, at in fields.key_positions.items() if p[:1] == (name,)})
    created = front.get("created")
    if "date" not in front and isinstance(created, dt.date | str) and _is_date(str(created)):
        front["date"] = str(created)
        positions[("date",)] = positions.get(("created",), (1, 1))
    if front == fm:
        return doc
    fmt_now = "madr4" if any(k in front for k in _MADR_KEYS) else doc.format
    return replace(
        doc,
        front_matter=front,
        positions=positions,
        key_positions=keys,
        format=fmt_now,
        prose_fields=tuple(prose),
    )


def _is_dated(text: str) -> bool:
    """Whether a value reads as a date (ISO, a date people write, or one whose day and
    month cannot be told apart)."""
    value = text.strip()
    read = prose_date(value)
    return _is_date(read) or (read != value and bool(read)) or bool(_AMBIGUOUS_DATE.match(value))


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value[:10] if len(value) >= 10 else value)
    except ValueError:
        return bool(re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?", value))
    return len(value) == 10


def with_default_id(doc: MarkdownDoc) -> MarkdownDoc:
    """The id from the file name (``0007-x.md`` → ADR-0007, ``20200924-x.md`` → its
    stem, ``x.md`` → ``x``) unless the front matter declares one."""
    declared = doc.front_matter.get("id")
    if isinstance(declared, str | int) and str(declared).strip():
        if isinstance(declared, int):
            return replace(doc, front_matter={**doc.front_matter, "id": str(declared)})
        return doc
    front = {"id": id_from_file(doc.path), **doc.front_matter}
    positions = {("id",): (1, 1), **doc.positions}
    return replace(doc, front_matter=front, positions=positions)


def adr_reference(text: str) -> str:
    """``ADR-7``, ``[ADR-0007](...)``, ``[7. Use X](0007-use-x.md)`` → ``ADR-0007``;
    ``[x](20201016-x.md)`` → ``20201016-x``. Other text is returned as written."""
    return reference(text)


def _key(text: str) -> str:
    return " ".join(text.strip().strip("*_:").lower().split())


#: Keys MADR spells in lower case with hyphens, which teams also write ``Status``,
#: ``superseded_by``, ``supersededBy`` or ``Decision Makers``.
_MADR_SPELLINGS = frozenset(
    {"status", "date", "decision-makers", "consulted", "informed", "supersedes"}
    | {"superseded-by", "tags", "title", "id"}
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _madr_key(name: str) -> str | None:
    """The MADR key a front matter key names, however it is spelt; ``None`` for others."""
    spelt = _key(_CAMEL.sub("-", name)).replace("_", "-").replace(" ", "-")
    if spelt in _MADR_SPELLINGS:
        return spelt
    return _FRONT_MATTER_KEYS.get(_key(name)) or _FRONT_MATTER_KEYS.get(spelt.replace("-", " "))


def _front_matter(doc: MarkdownDoc) -> MarkdownDoc:
    """MADR 3/4 as the specification allows it, and other generators' front matter."""
    fm = dict(doc.front_matter)
    positions = dict(doc.positions)
    keys = dict(doc.key_positions)
    for name in list(fm):
        madr = _madr_key(name) if isinstance(name, str) else None
        if madr is not None and madr != name and madr not in fm:
            fm[madr] = fm.pop(name)
            _move(positions, name, madr)
            _move(keys, name, madr)
    for name in ("superseded-by", "supersedes"):
        _one_or_none(fm, name)
    _hoist_nested(fm, positions, keys)
    if isinstance(fm.get("status"), list):
        # "status: [accepted]"; a list of several is a history, the last is current
        # ("- 2021-02-01: accepted" items: the date of the last one too)
        _current_of_history(fm, positions)
    for name in _LIST_KEYS:
        value = fm.get(name)
        if isinstance(value, str):
            fm[name] = [part.strip() for part in value.split(",") if part.strip()]
        elif value is None and name in fm:
            del fm[name]
    for name in ("status", "date"):
        if name in fm and (
            fm[name] is None or (isinstance(fm[name], str) and not fm[name].strip())
        ):
            del fm[name]
    if isinstance(fm.get("date"), int) and not isinstance(fm.get("date"), bool):
        fm["date"] = str(fm["date"])  # `date: 2019`: a year, kept as written
    if isinstance(fm.get("date"), str) and (coarse := coarse_date(fm["date"])) is not None:
        fm["date"] = coarse  # "2021-W12", "Q3 2021": a week or a quarter, year first
    status = fm.get("status")
    if isinstance(status, str):
        status = _spaced_relation(without_struck(status))
        successor = SUCCESSOR_PHRASE.match(status.strip())
        if successor:
            rest = status.strip()[successor.end() :]
            fm["status"] = successor.group("word")
            target = successor_reference(rest)
            if target and "superseded-by" not in fm:
                fm["superseded-by"] = target
                positions[("superseded-by",)] = positions.get(("status",), (1, 1))
        else:
            fm["status"] = written_phrase(status)
    supersedes = fm.get("supersedes")
    if isinstance(supersedes, str):
        fm["supersedes"] = supersedes = [supersedes]
    if isinstance(supersedes, list):
        # "replaces: [https://docs.google.com/...]": a document elsewhere, not a record.
        kept = [s for s in supersedes if not (isinstance(s, str) and _is_web_address(s))]
        if kept:
            fm["supersedes"] = kept
        else:
            del fm["supersedes"]
    tags = fm.get("tags")
    if isinstance(tags, str):
        tags = [part for part in tags.split(",") if part.strip()]
    if isinstance(tags, list):
        fm["tags"] = [_tag(t) if isinstance(t, str) else t for t in tags]
    fmt = "madr4" if any(k in fm for k in _MADR_KEYS) else "site"
    return replace(doc, front_matter=fm, positions=positions, key_positions=keys, format=fmt)


def _current_of_history(fm: dict[str, Any], positions: dict[JsonPath, tuple[int, int]]) -> None:
    items = list(enumerate(fm["status"]))
    words = [(i, w, None) for i, w in items if isinstance(w, str) and w.strip()] + [
        (i, str(v), str(k))
        for i, w in items
        if isinstance(w, dict) and len(w) == 1
        for k, v in w.items()
        if isinstance(v, str) and v.strip()
    ]
    if not words:
        return
    index, word, when = max(words, key=lambda found: found[0])
    fm["status"] = word
    positions[("status",)] = positions.get(("status", index), positions.get(("status",), (1, 1)))
    if when is not None and "date" not in fm:
        fm["date"] = when
        positions[("date",)] = positions[("status",)]


def _hoist_nested(
    fm: dict[str, Any],
    positions: dict[JsonPath, tuple[int, int]],
    keys: dict[JsonPath, tuple[int, int]],
) -> None:
    """MADR fields kept under one key of their own (``adr: {status: accepted, date: ...}``,
    ``meta:``) read as if written at the top, when the top has none of them."""
    if any(k in fm for k in _MADR_KEYS):
        return
    holders = [k for k, v in fm.items() if isinstance(v, dict) and "status" in v]
    if len(holders) != 1:
        return
    holder = holders[0]
    for name, value in fm[holder].items():
        if name in _MADR_KEYS or name in ("superseded-by", "supersedes", "tags"):
            fm.setdefault(name, value)
            for table in (positions, keys):
                for path in [p for p in table if p[:2] == (holder, name)]:
                    table[path[1:]] = table[path]


def _one_or_none(fm: dict[str, Any], name: str) -> None:
    """A relation written as a list (Kubernetes proposals: ``superseded-by: []``,
    ``superseded-by: [x.md]``): nothing when empty; ``superseded-by`` names one record."""
    value = fm.get(name)
    if not isinstance(value, list):
        return
    items = [item for item in value if not (isinstance(item, str) and is_placeholder(item))]
    if not items:
        del fm[name]
    elif name == "superseded-by" and len(items) == 1:
        fm[name] = items[0]


def _tag(text: str) -> str:
    """A tag as a lower-case keyword: ``Dependency Injection`` → ``dependency-injection``,
    ``#CI/CD`` → ``ci-cd`` (what the tag pages and the schema use)."""
    return re.sub(r"[\s_/]+", "-", text.strip().lstrip("#").strip().lower()).strip("-")


def _move(table: dict[JsonPath, tuple[int, int]], old: str, new: str) -> None:
    for path in [p for p in table if p and p[0] == old]:
        table[(new, *path[1:])] = table.pop(path)


#: A title heading that labels itself ("# TITLE:  Establishing ADRs for US Notify").
_TITLE_LABEL = re.compile(
    r"^(?:title|titre|título|titulo|titel|titolo)[ \t]*+[:：][ \t]*+", re.IGNORECASE
)


#: A title numbered without a full stop ("# 23 Logging"), and the file's own number.
_BARE_NUMBER = re.compile(r"^(\d+)[ \t]++(?=\S)")
_FILE_NUMBER = re.compile(r"^(?:adr[-_ ]?)?(\d+)(?:[-_. ]|$)", re.IGNORECASE)


def _unnumbered(title: str | None, path: str) -> str | None:
    """An adr-tools title without its number: "3. Use X" → "Use X", and "23 Logging" →
    "Logging" when 23 is the record's own number (the file's), so "3 ways to..." in
    another record keeps its words."""
    if not title:
        return None
    if _NYGARD_NUMBER.match(title):
        return _NYGARD_NUMBER.sub("", title)
    own = _FILE_NUMBER.match(PurePosixPath(path).name)
    if _DASHED_NUMBER.match(title):
        return _dashed_number_out(title, own)
    bare = _BARE_NUMBER.match(title)
    if bare and own and int(bare.group(1)) == int(own.group(1)):
        return title[bare.end() :]
    return title


def _own_number_out(title: str | None, path: str) -> str | None:
    """ "# 1. Establish ADR Process" in ``adr-001.md`` → "Establish ADR Process": a title
    that opens with the record's own number, in a log of any format ("0001 — Registrar
    decisiones" in ``0001-registrar-decisiones.md`` too)."""
    numbered = _NYGARD_NUMBER.match(title or "")
    own = _FILE_NUMBER.match(PurePosixPath(path).name)
    if title and numbered and own and int(title.split(".", 1)[0]) == int(own.group(1)):
        return title[numbered.end() :]
    return _dashed_number_out(title, own)


#: A title numbered with a dash or colon: "0001 — Registrar decisiones", "12: Use X".
_DASHED_NUMBER = re.compile(r"^(\d+)[ \t]*+[—–:-][ \t]++(?=\S)")


def _dashed_number_out(title: str | None, own: re.Match[str] | None) -> str | None:
    dashed = _DASHED_NUMBER.match(title or "")
    if title and dashed and own and int(dashed.group(1)) == int(own.group(1)):
        return title[dashed.end() :]
    return title


def _unlabelled(title: str | None) -> str | None:
    """``TITLE:  Establishing ADRs`` → ``Establishing ADRs``; other titles unchanged."""
    if title and (label := _TITLE_LABEL.match(title)) and title[label.end() :].strip():
        return title[label.end() :].strip()
    return title


#: A title that names the kind of document, not the decision ("# Architectural Decision
#: Record (ADR)"), over a heading that names it ("## ADR: Adoption of Keep a Changelog").
_GENERIC_TITLE_WORDS = frozenset(
    {"architecture", "architectural", "decision", "decisions", "record", "records", "adr"}
)
_LABELLED_HEADING = re.compile(
    r"^ADR(?:[-_ ]?\d++)?[ \t]*+[:.–—-][ \t]*+(?P<title>\S.*)$", re.IGNORECASE
)


def is_generic_title(title: str | None) -> bool:
    """Whether a title only names the kind of document ("Architecture Decision Record")."""
    words = re.findall(r"[^\W\d_]+", (title or "").lower())
    return bool(words) and set(words) <= _GENERIC_TITLE_WORDS


def _named_title(doc: MarkdownDoc, title: str | None) -> str | None:
    """The decision's name when the title only says "Architecture Decision Record": the
    first heading below it labelled ``ADR:`` (or ``ADR-5:``); else the title."""
    if not is_generic_title(title):
        return title
    below = [s for s in doc.sections if s.level > 1]
    named = _LABELLED_HEADING.match(below[0].title.strip()) if below else None
    return named.group("title").strip() if named else title


def _adopt(doc: MarkdownDoc, fields: _Fields, fmt: str, title: str | None) -> MarkdownDoc:
    title = _named_title(doc, _unlabelled(title))
    return replace(
        doc,
        front_matter=fields.data,
        positions=fields.positions,
        key_positions=fields.key_positions,
        format=fmt,
        title=title,
    )


def _section_lines(doc: MarkdownDoc, section: Section, lines: list[str]) -> list[tuple[int, str]]:
    """(file line, text) of the lines under ``section`` up to the next heading, outside
    fenced code (an example "* Status: accepted" in a code block is not metadata)."""
    later = [s.line for s in doc.sections if s.line > section.line]
    end = (later[0] if later else doc.body_line + len(lines)) - doc.body_line
    start = section.line + 1 - doc.body_line
    return _outside_fences([(doc.body_line + i, lines[i]) for i in range(start, end)])


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


def _outside_fences(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    fence: str | None = None
    for line_no, raw in numbered:
        match = _FENCE.match(raw)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and match.group(1)[0] == fence[0]:
            if len(match.group(1)) >= len(fence) and not raw[match.end() :].strip():
                fence = None
        elif fence is None:
            out.append((line_no, raw))
    return out


def _read_bullets(numbered: list[tuple[int, str]], fields: _Fields) -> None:
    """Metadata under the H1: MADR 2 / log4brains bullets, adr-tools' ``Date:`` line, the
    same keys written as plain lines (``**Status:** Accepted``) or as a table."""
    for line_no, raw in numbered:
        match = _BULLET.match(raw)
        key = _BULLET_KEYS.get(_key(match.group(2))) if match else None
        if match is None and (dated := _DATE_WITHOUT_COLON.match(raw)) is not None:
            match, key = dated, "date"  # "Date 09/04/2018": the colon left out
        if match is not None and _key(match.group(2)) == "data" and not _is_dated(match.group(3)):
            key = None  # "Data: ..." that is no date is an English line about data
        if match is None or key is None:
            _prose_relation(fields, raw, line_no)
            continue
        value = _without_comments(match.group(3)).strip()
        if not value:
            continue
        if match.group("bullet") and key in ("status", "date"):
            fields.bulleted = True
        for name, text, column, key_column in _inline_fields(
            key, value, match.start(3) + 1, match.start(2) + 1
        ):
            _put_field(fields, name, text, line_no, column, key_column)
    _read_table(numbered, fields)


#: The next field on the same line: "Data: 2026-06-11. Stato: accettato", "Date: x ·
#: Status: y", "Status: x | Date: y". A separator's blanks are tried from the first
#: blank of a run only: from every blank of a long run it is quadratic (RS-001).
_NEXT_FIELD = re.compile(
    r"(?:(?<![ \t])[ \t]++[·•|][ \t]++|[.;,][ \t]++)"
    r"\**+(?P<key>[^\W\d_][^\W\d_ ]*+(?:[ ][^\W\d_]++)?)"
    r"\**+[ \t]*+[:：]\**+[ \t]*+(?=\S)"
)


def _inline_fields(
    key: str, value: str, column: int, key_column: int
) -> list[tuple[str, str, int, int]]:
    """A metadata line's fields: the first, and any more written on the same line after
    a separator, each (key, value, value column, key column)."""
    out: list[tuple[str, str, int, int]] = []
    start = 0
    for found in _NEXT_FIELD.finditer(value):
        name = _BULLET_KEYS.get(_key(found.group("key")))
        if name is None or found.start() < start:
            continue
        out.append((key, value[start : found.start()].strip(), column + start, key_column))
        key, key_column = name, column + found.start("key")
        start = found.end()
    out.append((key, value[start:].strip(), column + start, key_column))
    return [(k, v, c, kc) for k, v, c, kc in out if v]


#: A date line under the title without its colon ("Date 09/04/2018"): only a date.
_DATE_WITHOUT_COLON = re.compile(
    r"^(?P<bullet>)[ \t]*+\**+(date|datum|fecha|日期|日付)\**+[ \t]++"
    r"(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})[ \t]*+$",
    re.IGNORECASE,
)


#: A sentence naming the record itself before its relation: "This decision has been
#: superseded by decision: [..](..)", "This ADR supersedes [..](..)".
_THIS_RECORD = re.compile(
    r"^(?:this|the)[ \t]++(?:architecture[ \t]++)?(?:decision|adr|record)[ \t]++"
    r"(?:(?:has|had|is|was|is[ \t]++now)[ \t]++(?:been[ \t]++)?)?",
    re.IGNORECASE,
)


def _prose_relation(fields: _Fields, raw: str, line_no: int) -> None:
    """A supersede link written as a sentence under the title (see ``_THIS_RECORD``)."""
    text = raw.strip().strip("*_>").strip()
    match = _THIS_RECORD.match(text)
    if match is None:
        return
    rest = text[match.end() :]
    column = raw.find(rest) + 1 if rest in raw else 1
    successor = SUCCESSOR_PHRASE.match(rest)
    if successor and "status" not in fields.data:
        # "has been superseded": the status the sentence states, as written.
        fields.put("status", successor.group("word"), line_no, column)
    if successor or _SUPERSEDES.match(rest):
        _relation(fields, rest, line_no, column)


#: A date format left as the template wrote it: "YYYY-MM-DD", "dd/mm/YYYY", "{AAAA-MM-JJ}".
_DATE_FORMAT = re.compile(
    r"^[\[{<(]?(?:[dmyja]{1,4})(?:[-/. ](?:[dmyja]{1,4})){2}[\]}>)]?$", re.IGNORECASE
)


def _put_field(
    fields: _Fields, key: str, value: str, line_no: int, column: int, key_column: int
) -> None:
    if key != "status" and is_placeholder(value):
        return  # "| Supersedes | N/A |": nothing recorded (a status "TBD" is one)
    if key == "status":
        if "status" not in fields.data:
            _put_status(fields, value, line_no, column, key_column)
    elif key == "date":
        if _DATE_FORMAT.match(value.strip()):
            return  # "dd/mm/YYYY", "{YYYY-MM-DD}": the template's, not a date
        if "date" not in fields.data:
            fields.put("date", prose_date(value), line_no, column, key_column)
    elif key == "superseded-by":
        _put_successor(fields, value, line_no, column, key_column)
    elif key == "supersedes":
        for item, item_column in _split(value, r"(?:\[[^\]]*+\]\([^)]*+\)|[^,])++", column):
            if not is_placeholder(item) and not _is_web_address(item.strip()):
                fields.append("supersedes", reference(item), line_no, item_column)
    elif key == "tags":
        for item, item_column in _split(value, r"[^,\s\[\]]+", column):
            fields.append("tags", _tag(item), line_no, item_column)
    else:
        for item, item_column in _split(value, r"[^,]+", column):
            fields.append(key, item, line_no, item_column)


def _cells(raw: str) -> list[tuple[str, int]] | None:
    """The cells of a table row with the column each starts at; ``None`` for other lines."""
    text = raw.rstrip()
    quoted = _QUOTE_MARKERS.match(text)  # a table in a blockquote: ">| Status | RFC |"
    lead = quoted.end() if quoted else 0
    if not text[lead:].startswith("|"):
        return None
    out: list[tuple[str, int]] = []
    start = lead + 1
    while start <= len(text):
        end = text.find("|", start)
        end = len(text) if end == -1 else end
        cell = text[start:end]
        if end < len(text) or cell.strip():
            value, offset = _without_code_span(cell.strip())
            out.append((value, start + len(cell) - len(cell.lstrip()) + 1 + offset))
        start = end + 1
    return out


_QUOTE_MARKERS = re.compile(r"^[ \t]*+(?:>[ \t]*+)*+")
#: A cell that is one code span and its note: "`RFC`", "`dd/mm/YYYY` _when updated_".
_CODE_SPAN = re.compile(r"^`([^`]++)`(?:[ \t]++[_*][^`_*]*+[_*])?$")


def _without_code_span(cell: str) -> tuple[str, int]:
    """A cell's value without the code span teams write it in (```RFC``` → ``RFC``),
    and how far the value moved right."""
    match = _CODE_SPAN.match(cell)
    if match is None:
        return cell, 0
    return match.group(1).strip(), 1


_TABLE_RULE = re.compile(r"^:?-{2,}:?$")


def _read_table(numbered: list[tuple[int, str]], fields: _Fields) -> None:
    """A metadata table under the title: a header row naming the fields with their values
    in the row below (``| Status | Date |`` / ``| Proposed | 2025-01-07 |``), or one field
    per row (``| Status | Accepted |``)."""
    rows = [(n, c) for n, raw in numbered if (c := _cells(raw)) is not None]
    if not rows:
        return
    body = [
        (n, c)
        for n, c in rows
        if any(t for t, _ in c) and not all(_TABLE_RULE.match(t) for t, _ in c if t)
    ]
    header_keys = [_BULLET_KEYS.get(_key(text)) for text, _ in body[0][1]] if body else []
    # "| Date | 2023-02-20 |" opening a two-column table is a field and its value, not
    # a header row: a header names a field in every cell it fills (or in all but one,
    # when it names two fields Paved reads: "| STATUS | IMPLEMENTED | AUTHOR |").
    named = (
        [
            k or ("other" if _key(text) in _OTHER_METADATA else None)
            for (text, _), k in zip(body[0][1], header_keys, strict=False)
            if text
        ]
        if body
        else []
    )
    mapped = [k for k in named if k not in (None, "other")]
    if (
        named
        and (None not in named or (len(mapped) >= 2 and named.count(None) <= 1))
        and any(k in ("status", "date") for k in named)
        and len(body) > 1
    ):
        line_no, cells = body[1]
        for key, (text, column) in zip(header_keys, cells, strict=False):
            if key is not None and text:
                _put_field(fields, key, text, line_no, column, column)
        return
    for line_no, cells in body:
        if len(cells) >= 2:
            key = _BULLET_KEYS.get(_key(cells[0][0]))
            if key is not None and cells[1][0]:
                _put_field(fields, key, cells[1][0], line_no, cells[1][1], cells[0][1])


def status_section(doc: MarkdownDoc) -> Section | None:
    """The section an adr-tools-style record keeps its status under ("## Status",
    "## État", "# Status", "## Status: Accepted"), or ``None``."""
    return _named_section(doc, _title_section(doc), _STATUS_HEADINGS)


def _title_section(doc: MarkdownDoc) -> Section | None:
    """The H1; in a record without one, a first heading numbered as adr-tools numbers
    titles ("## 1. Record architecture decisions", "## ADR-7: ...")."""
    title = next((s for s in doc.sections if s.level == 1), None)
    if title is not None or not doc.sections:
        return title
    first = doc.sections[0]
    if _NYGARD_NUMBER.match(first.title) or _ADR_TITLE.match(first.title):
        return first
    return None


def _named_section(
    doc: MarkdownDoc, title: Section | None, names: frozenset[str]
) -> Section | None:
    """The first heading after the title named one of ``names`` ("## Status",
    "# Status", "### Estado"), or holding its value ("## Status: Accepted")."""
    for section in doc.sections:
        if section is title:
            continue
        if _key(section.title) in names or _heading_value(section, names) is not None:
            return section
    return None


def _heading_value(section: Section, names: frozenset[str]) -> tuple[str, int] | None:
    """("Accepted", offset in the heading text) for "## Status: Accepted"."""
    match = _HEADING_VALUE.match(section.title.strip())
    if match is None or _key(match.group("name")) not in names:
        return None
    return match.group("value").strip().strip("*_").strip(), match.start("value")


def _read_date_section(
    doc: MarkdownDoc, title: Section | None, lines: list[str], fields: _Fields
) -> None:
    """A ``## Date`` section's first line, or ``## Date: 2026-07-02``, when no date was
    found under the title."""
    if "date" in fields.data:
        return
    section = _named_section(doc, title, _DATE_HEADINGS)
    if section is None:
        _read_changelog_date(doc, title, lines, fields)
        return
    inline = _heading_value(section, _DATE_HEADINGS)
    if inline is not None:
        line_no = section.line
        raw = lines[line_no - doc.body_line] if 0 <= line_no - doc.body_line < len(lines) else ""
        column = raw.find(inline[0]) + 1 if inline[0] in raw else 1
        fields.put("date", prose_date(inline[0]), line_no, max(column, 1))
        return
    for line_no, raw in _section_lines(doc, section, lines):
        text = raw.strip().strip("*_").strip()
        if text:
            fields.put("date", prose_date(text), line_no, raw.index(text[0]) + 1)
            return


#: The dated list of changes Cosmos-style logs keep ("## Changelog" / "- 2022-03-03:
#: Initial draft"): its earliest date is when the record was written.
_CHANGELOG_HEADINGS = frozenset(
    {"changelog", "change log", "changes", "history", "revision history", "change history"}
)
#: The date a changelog entry opens with, up to its ":" or " - " ("2023/03/29: ...").
_CHANGELOG_ENTRY = re.compile(
    r"^[ \t]*+(?:[*+-][ \t]++)?\**+([^:|*]{6,30}?)\**+[ \t]*+(?::|[-–—][ \t])"
)


def _read_changelog_date(
    doc: MarkdownDoc, title: Section | None, lines: list[str], fields: _Fields
) -> None:
    """No date written: the earliest full date of a ``## Changelog`` section's entries."""
    section = _named_section(doc, title, _CHANGELOG_HEADINGS)
    if section is None:
        return
    dated: list[tuple[str, int, int]] = []
    for line_no, raw in _section_lines(doc, section, lines):
        match = _CHANGELOG_ENTRY.match(raw)
        if match is None:
            continue
        value = prose_date(match.group(1))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            dated.append((value, line_no, match.start(1) + 1))
    if dated:
        fields.put("date", *min(dated))


def _read_links(doc: MarkdownDoc, lines: list[str], fields: _Fields) -> None:
    """log4brains' ``## Links`` bullets: "Supersedes [..](..)", "Superseded by [..](..)"."""
    links = next(
        (s for s in doc.sections if s.level == 2 and _key(s.title).startswith("links")), None
    )
    if links is None:
        return
    for line_no, raw in _section_lines(doc, links, lines):
        text = raw.strip().lstrip("*-+ \t")
        if text:
            _relation(fields, text, line_no, raw.index(text) + 1)


def _relation(fields: _Fields, text: str, line_no: int, column: int) -> bool:
    """A "Supersedes X" / "Superseded by X" line; True when it was one."""
    plain = _LEADING_DECORATION.sub("", text)
    successor = SUCCESSOR_PHRASE.match(plain)
    if successor:
        rest = plain[successor.end() :]
        target = successor_reference(rest)
        if target and "superseded-by" not in fields.data:
            fields.put("superseded-by", target, line_no, column + len(text) - len(rest))
        return True
    supersedes = _SUPERSEDES.match(plain)
    if supersedes:
        rest = plain[supersedes.end() :]
        target = successor_reference(rest)
        if target:
            fields.append("supersedes", target, line_no, column + len(text) - len(rest))
        return True
    return bool(_OTHER_RELATION.match(plain))


def _read_nygard(doc: MarkdownDoc, status: Section, lines: list[str], fields: _Fields) -> None:
    """adr-tools: relations and the status word under ``## Status`` (or on its heading
    line, "## Status: Accepted"). The ``Date:`` line is read with the title's bullets."""
    stated: tuple[str, int, int] | None = None
    successor: tuple[str, int, int] | None = None
    inline = _heading_value(status, _STATUS_HEADINGS)
    if inline is not None and inline[0]:
        raw = lines[status.line - doc.body_line] if status.line >= doc.body_line else ""
        column = raw.find(inline[0]) + 1 if inline[0] in raw else 1
        text = inline[0]
        phrase = SUCCESSOR_PHRASE.match(_LEADING_DECORATION.sub("", text))
        if phrase:
            successor = (phrase.group("word"), status.line, column)
        if not _relation(fields, text, status.line, column):
            stated = (written_phrase(text), status.line, column)
    first: tuple[str, int, int] | None = None
    template = False
    history: list[tuple[str, int, int, Entry]] = []
    for line_no, original in _section_lines(doc, status, lines):
        raw = without_struck(original)
        text = raw.strip()
        if not text or _LINK_DEFINITION.match(text) or text.startswith("<!--"):
            continue
        task = _TASK_ITEM.match(text)
        if task is not None:
            # "- [x] Accepted" / "- [ ] Rejected": the ticked choice is the status.
            if task.group(1) == " ":
                continue
            text = text[task.end() :]
        column = raw.index(text) + 1
        bullet = _BULLET.match(raw)
        key = _BULLET_KEYS.get(_key(bullet.group(2))) if bullet else None
        if bullet is not None and key is not None:
            # "- Status: Accepted", "- Date: ..." written under the status heading.
            value = _without_comments(bullet.group(3)).strip()
            text, column = value, bullet.start(3) + 1
            if key != "status":
                if value:
                    _put_field(fields, key, value, line_no, column, bullet.start(2) + 1)
                continue
            if not text:
                continue
        phrase = SUCCESSOR_PHRASE.match(_LEADING_DECORATION.sub("", text))
        if phrase and successor is None:
            successor = (phrase.group("word"), line_no, column)
        if _TEMPLATE_CHOICE.match(text) or is_choice_list(text):
            template = True
            continue  # "{Deprecated|Proposed|Accepted}": the template's, not a status
        if template and canonical(written_phrase(text), {}) is None:
            continue  # the template's instructions under its list of choices
        if text.startswith(">") and canonical(written_phrase(text), {}) is None:
            continue  # the template's quoted explanation ("> A decision may be ...")
        later = _later_successor(fields, text, line_no, column)
        if later is not None and successor is None:
            successor = later
        if _relation(fields, text, line_no, column):
            continue
        history.extend((e.phrase, line_no, column + e.offset, e) for e in entries(text))
        # The status is the first line that names one; else the first line as written.
        if stated is None and canonical(written_phrase(text), {}) is not None:
            stated = (written_phrase(text), line_no, column)
        if first is None:
            first = (written_phrase(text), line_no, column)
    if len(history) > 1:
        # A history ("Proposed 2020-01-01" / "Accepted 2020-02-01"): the current one.
        latest = current([entry for *_, entry in history])
        stated = next((p, n, c) for p, n, c, e in history if e is latest)
    chosen = successor or stated or first
    if chosen is not None and chosen[0]:
        fields.put("status", chosen[0], chosen[1], chosen[2])


#: A task-list item: "- [x] Accepted", "* [ ] Rejected".
_TASK_ITEM = re.compile(r"^[-*+][ \t]++\[([ xX])\][ \t]++")
#: A template's list of choices left in place: "{Deprecated|Proposed|Accepted}",
#: "[Proposed | Accepted | Superseded]" (a table row starts with "|" and is not one).
_TEMPLATE_CHOICE = re.compile(
    r"^(?:[\[{(<][ \t]*+[^\W\d_][^|\n\]})>]{0,40}(?:\|[ \t]*+[^\W\d_][^|\n\]})>]{0,40})+[\]})>]"
    r"|[^\W\d_][^|\n]{0,40}(?:\|[ \t]*+[^\W\d_][^|\n]{0,40}){2,})[ \t]*+$"
)
_SENTENCE_BREAK = re.compile(r"[.!;,][ \t]++")


def _later_successor(
    fields: _Fields, text: str, line_no: int, column: int
) -> tuple[str, int, int] | None:
    """A status line whose later sentence replaces it ("Implemented. Superseded by
    [ADR-013](...)."): the successor phrase, with its link read; ``None`` otherwise."""
    for brk in _SENTENCE_BREAK.finditer(text):
        sentence = text[brk.end() :]
        phrase = SUCCESSOR_PHRASE.match(_LEADING_DECORATION.sub("", sentence))
        if phrase and _relation(fields, sentence, line_no, column + brk.end()):
            return (phrase.group("word"), line_no, column + brk.end())
    return None


def _put_status(fields: _Fields, value: str, line: int, column: int, key_column: int) -> None:
    """The status phrase as written; ``superseded by <ref>`` also fills superseded-by;
    of a history written in one value ("proposed 2020-01-01, accepted 2020-02-01"), the
    current status."""
    if is_choice_list(value) or _TEMPLATE_CHOICE.match(value.strip()):
        return  # the template's list of statuses, none chosen
    value = _spaced_relation(without_struck(value))
    if not value.strip():
        return
    history = entries(value)
    if len(history) > 1:
        latest = current(history)
        if latest is not None:
            tail = value[latest.offset :]
            if latest.offset and SUCCESSOR_PHRASE.match(_LEADING_DECORATION.sub("", tail)):
                # "~~Accepted~~ → Superseded by [#3](...)": the successor is named too
                _put_status(fields, tail, line, column + latest.offset, key_column)
                return
            fields.put("status", latest.phrase, line, column + latest.offset, key_column)
            return
    successor = SUCCESSOR_PHRASE.match(_LEADING_DECORATION.sub("", value))
    if successor:
        plain = _LEADING_DECORATION.sub("", value)
        rest = plain[successor.end() :]
        fields.put("status", successor.group("word"), line, column, key_column)
        target = successor_reference(rest)
        if target:
            fields.put("superseded-by", target, line, column + len(value) - len(rest))
        return
    fields.put("status", written_phrase(value), line, column, key_column)


def _put_successor(fields: _Fields, value: str, line: int, column: int, key_column: int) -> None:
    """A ``* Superseded by:`` bullet: the record it names (prose names none)."""
    target = successor_reference(value)
    if target:
        fields.put("superseded-by", target, line, column, key_column)


#: What a template's empty cell says ("| Supersedes | N/A |"): no record named.
_PLACEHOLDERS = frozenset(
    {"n/a", "na", "n.a.", "none", "nothing", "-", "--", "—", "–", "tbd", "nil", "null", "/"}
)


def is_placeholder(text: str) -> bool:
    """Whether a cell or bullet value is a template's "nothing here" (``N/A``, ``-``)."""
    return " ".join(text.strip().strip("*_`").lower().split()) in _PLACEHOLDERS


def _is_web_address(text: str) -> bool:
    """A bare web address that is not a record file (a pull request, a ticket): it names
    no record of the log ("| Supersedes | https://github.com/.../pull/23 |")."""
    lowered = text.lower()
    return lowered.startswith(("http://", "https://")) and not is_record_file(
        lowered.split("#", 1)[0].split("?", 1)[0]
    )


def successor_reference(text: str) -> str | None:
    """The record a "superseded by ..." / "supersedes ..." text names: a Markdown link,
    ``ADR-5``, ``0005``, a file name or a one-word slug; ``None`` for prose ("Session 09
    (inline display removed)") and placeholders (``N/A``), which name no record."""
    cleaned = text.strip().rstrip(".;,").strip()
    if not cleaned or is_placeholder(cleaned) or _is_web_address(cleaned):
        return None
    target = reference(cleaned)
    if "](" in cleaned or not any(c.isspace() for c in target):
        return target or None
    return None


#: Dates written in prose: ISO with "/" or "." too, "22.05.2024", "22 May 2024",
#: "May 22, 2024"; what follows the date ("(back dated)") is a note.
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_DMY = re.compile(r"^(\d{1,2})\.[ \t]?(\d{1,2})\.[ \t]?(\d{4})(?![\d])")
#: "2023年4月1日" (Japanese, Chinese).
_CJK_DATE = re.compile(r"^(\d{4})[ \t]*+年[ \t]*+(\d{1,2})[ \t]*+月[ \t]*+(\d{1,2})[ \t]*+日")
#: "22-10-2024", "10/22/2024": day and month told apart only when one is above 12.
_NUMERIC_DMY = re.compile(r"^(\d{1,2})([-/])(\d{1,2})\2(\d{4})(?![\d])")
#: "January, 2026", "Jan 2026": a month, kept as YYYY-MM (what the date rule allows).
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[ \t]*+,?[ \t]*+(\d{4})(?![\d])")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?(?:[ \t]++|-)([A-Za-z]{3,9})\.?,?(?:[ \t]++|-)(\d{4})(?![\d])"
)
_MONTH_DAY_YEAR = re.compile(
    r"^([A-Za-z]{3,9})\.?[ \t]++(\d{1,2})(?:st|nd|rd|th)?,?[ \t]++(\d{4})(?![\d])"
)


def prose_date(text: str) -> str:
    """A date written in a ``Date:`` line or bullet → ``YYYY-MM-DD`` when it is a real
    date in a form people write ("2024-05-22 (back dated)", "2024/05/22", "22.05.2024",
    "22 May 2024", "11-April-2023", "May 22, 2024", "22-10-2024", and "10/22/2024" or
    "22/10/2024" when the day is above 12), ``YYYY-MM`` for a month ("January, 2026");
    anything else (a year, "2019-03", "2023-13-10")
    as written, for the date rule to judge."""
    value = text.strip().strip("*_").strip()
    found: tuple[int, int, int] | None = None
    if (match := _YMD.match(value)) or (match := _CJK_DATE.match(value)):
        found = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif match := _DMY.match(value):
        found = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
    elif (match := _DAY_MONTH_YEAR.match(value)) and match.group(2).lower() in _MONTHS:
        found = (int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    elif (match := _MONTH_DAY_YEAR.match(value)) and match.group(1).lower() in _MONTHS:
        found = (int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    elif match := _NUMERIC_DMY.match(value):
        first, second = int(match.group(1)), int(match.group(3))
        if second > 12 >= first:  # month first: 10/22/2024
            found = (int(match.group(4)), first, second)
        elif first > 12 or match.group(2) == "-":  # day first: 22-10-2024, 01-02-2024
            found = (int(match.group(4)), second, first)
    elif (match := _MONTH_YEAR.match(value)) and match.group(1).lower() in _MONTHS:
        return f"{match.group(2)}-{_MONTHS[match.group(1).lower()]:02d}"
    if found is None:
        return coarse_date(value) or value
    try:
        return dt.date(*found).isoformat()
    except ValueError:
        return value


#: A week or a quarter: "2021-W12", "2021W12", "2021-Q3", "Q3 2021", "Q3/2021".
_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_QUARTER = re.compile(
    r"^(?:(?P<y1>\d{4})[-/ ]?Q(?P<q1>[1-4])|Q(?P<q2>[1-4])[-/ ]?(?P<y2>\d{4}))$", re.IGNORECASE
)


def coarse_date(text: str) -> str | None:
    """A date known to the week or the quarter, written year first (``2021-W12``,
    ``2021-Q3``: sorted and grouped by year like ``2021-03``); ``None`` for other text."""
    value = text.strip()
    if (week := _WEEK.match(value)) and 1 <= int(week.group(2)) <= 53:
        return f"{week.group(1)}-W{int(week.group(2)):02d}"
    if quarter := _QUARTER.match(value):
        year = quarter.group("y1") or quarter.group("y2")
        return f"{year}-Q{quarter.group('q1') or quarter.group('q2')}"
    return None


#: "superseded_by: ADR-2" written as a status: the key's spelling, read as the phrase.
_KEY_SPELT_RELATION = re.compile(
    r"^([ \t]*+(?:superseded|superceded|replaced))_by\b", re.IGNORECASE
)


def _spaced_relation(text: str) -> str:
    return _KEY_SPELT_RELATION.sub(r"\1 by", text)


#: Struck-through text ("~~Accepted~~ Superseded by ADR 3"): what the status no longer is.
_STRUCK = re.compile(r"~~[^~\n]++~~")


def without_struck(text: str) -> str:
    """``text`` without its struck-through words (the same length, blanked, so columns
    stay right)."""
    return _STRUCK.sub(lambda m: " " * len(m.group(0)), text)


#: "05/02/2018", "10/04/18": day and month both 12 or under (two-digit years are 20xx).
_AMBIGUOUS_DATE = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")


def ordered_date(text: str, order: str | None) -> str | None:
    """A date ``prose_date`` could not place (``05/02/2018``) read in the order the team
    says its log writes dates (``day-first`` → ``2018-02-05``); ``None`` when no order is
    set or the text is not such a date."""
    match = _AMBIGUOUS_DATE.match(text.strip().strip("*_").strip())
    if order is None or match is None:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    year = int(match.group(4)) + (2000 if len(match.group(4)) == 2 else 0)
    day, month = (first, second) if order == "day-first" else (second, first)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


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
