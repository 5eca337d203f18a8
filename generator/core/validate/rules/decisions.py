"""The decision log as its authors wrote it: links, status words, dates, strict-from.

- Supersede links: either side is enough (``load.adr_links`` infers the other); only a
  contradiction is an error (two successors for one decision, a cycle, a link to no
  record). A record replaced by another whose own status still says it is in force is
  a warning: the portal shows it as written, with the successor.
- Status words: mapped with the built-in synonyms and the team's ``adr_statuses``; a
  word that maps to nothing is a warning naming the word and where to map it.
- Dates: YYYY-MM-DD, YYYY-MM, YYYY-Www, YYYY-Qn or YYYY, a real date (one message per
  problem).
- ``adr_strict_from``: from that record or date on, MADR 4 with status and date.
- Translations (a log kept in two languages): one warning per folder, saying which
  records are read as translations of which.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Severity
from paved.generator.core.load.adr_formats import coarse_date, ordered_date
from paved.generator.core.load.adr_ids import file_date, number_of, strict_threshold
from paved.generator.core.load.adr_links import Links, cycle_from, index_of, supersede_links
from paved.generator.core.load.adr_settings import AdrSettings, read_adr_settings
from paved.generator.core.load.adr_status import STATUSES, canonical, sentence_status
from paved.generator.core.load.adr_translations import translations
from paved.generator.core.load.types import MarkdownDoc, date_from_prose
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.ids import adr_id
from paved.generator.core.validate.inputs import ADR, CONFIG
from paved.generator.core.validate.suggest import did_you_mean

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({ADR, CONFIG})


_NOT_CURRENT = ("rejected", "proposed")
_DATE_SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_IN_FORCE = ("accepted",)
#: MADR fields a misspelt key is compared with (ADR216).
_KNOWN = ("status", "date", "decision-makers", "consulted", "informed", "supersedes")
_KNOWN_KEYS = frozenset({*_KNOWN, "id", "title", "superseded-by", "affects", "tags", "deciders"})


def check(ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if ctx.loaded.adr_settings is None:
        settings, found = read_adr_settings(Path(ctx.loaded.root))
        out.extend(found)
    else:
        settings = ctx.loaded.adr_settings
    index = index_of(ctx.loaded.adrs)
    links = supersede_links(ctx.loaded.adrs, index)
    out.extend(_links(ctx, links, settings))
    for doc in ctx.loaded.adrs:
        out.extend(_status_word(doc, settings))
        out.extend(_date(doc, settings))
        out.extend(_typos(doc))
    out.extend(_strict(ctx.loaded.adrs, settings))
    out.extend(_translations(ctx.loaded.adrs))
    return out


def _translations(docs: tuple[MarkdownDoc, ...]) -> list[Diagnostic]:
    """One warning per folder of translations (``adrs/deutsch/`` of ``adrs/english/``):
    they are listed with their originals, not as decisions of their own."""
    found = translations(docs)
    by_folder: dict[tuple[str, str, str], list[str]] = {}
    for path, translation in sorted(found.items()):
        where = (
            str(PurePosixPath(path).parent),
            str(PurePosixPath(translation.original).parent),
            translation.language,
        )
        by_folder.setdefault(where, []).append(path)
    by_path = {doc.path: doc for doc in docs}
    out = []
    for (folder, original_folder, language), paths in by_folder.items():
        first = by_path[paths[0]]
        original = found[paths[0]].original
        count = f"{len(paths)} records" if len(paths) > 1 else "1 record"
        out.append(
            diagnostic(
                "ADR219",
                first.locate(),
                f"{count} in {folder}/ read as the {language or 'other'} version of records "
                f"in {original_folder}/ ({paths[0]} translates {original}): each is listed "
                "with its original, not as another decision",
                hint="Nothing to do if they are translations. If a record is a decision of "
                "its own, give it a number of its own.",
                severity=Severity.WARNING,
                related=(by_path[original].locate(),),
            )
        )
    return out


def _status_of(doc: MarkdownDoc, settings: AdrSettings) -> str | None:
    written = doc.front_matter.get("status")
    if not isinstance(written, str):
        return None
    return canonical(written, settings.statuses) or sentence_status(written, settings.statuses)


def _links(ctx: Context, links: Links, settings: AdrSettings) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for doc, path, ref in links.unresolved:
        out.append(
            diagnostic(
                "ADR208",
                doc.locate(path),
                f"{path[0]} '{ref}' names no ADR under adrs/",
                hint=did_you_mean(ref, ctx.adrs, "use an ADR's id, number, slug or file name"),
            )
        )
    for kept, other in links.conflicts:
        out.append(
            diagnostic(
                "ADR206",
                other.doc.locate(other.path),
                f"{other.doc.path} says {other.old} was replaced by {other.new}, but "
                f"{kept.doc.path} says it was replaced by {kept.new}",
                related=(kept.doc.locate(kept.path),),
            )
        )
    for claim in links.self_links:
        out.append(
            diagnostic("ADR207", claim.doc.locate(claim.path), f"{claim.old} supersedes itself")
        )
    reported: set[str] = set()
    for old in links.successor:
        cycle = cycle_from(old, links.successor)
        if cycle and not reported.intersection(cycle):
            reported.update(cycle)
            claim = links.by[cycle[-1]]
            out.append(
                diagnostic(
                    "ADR207",
                    claim.doc.locate(claim.path),
                    "supersede links form a cycle: " + " → ".join([*cycle, cycle[0]]),
                )
            )
    docs = {ident: docs[0] for ident, docs in ctx.adrs.items()}
    for old, new in links.successor.items():
        old_doc, new_doc = docs.get(old), docs.get(new)
        if old_doc is None or new_doc is None:
            continue
        claim = links.by[old]
        if _status_of(old_doc, settings) in _IN_FORCE:
            written = old_doc.front_matter.get("status")
            out.append(
                diagnostic(
                    "ADR210",
                    old_doc.locate(("status",)),
                    f"{old} is replaced by {new} ({claim.doc.path}) but its status is "
                    f"'{written}'; shown as written, with its successor",
                )
            )
        new_status = _status_of(new_doc, settings)
        if new_status in _NOT_CURRENT:
            out.append(
                diagnostic(
                    "ADR209",
                    claim.doc.locate(claim.path),
                    f"{old} is superseded by {new}, whose status is "
                    f"{new_doc.front_matter.get('status')}",
                    related=(new_doc.locate(("status",)),),
                )
            )
    return out


def _status_word(doc: MarkdownDoc, settings: AdrSettings) -> list[Diagnostic]:
    written = doc.front_matter.get("status")
    if not isinstance(written, str) or canonical(written, settings.statuses) is not None:
        return []
    said = sentence_status(written, settings.statuses)
    if said is not None:
        return [
            diagnostic(
                "ADR214",
                doc.locate(("status",)),
                f"status '{written}' is a sentence, not a status word; read as {said} "
                "(the status it names) and shown as written",
                hint=settings.mapping_hint(written),
                severity=Severity.WARNING,
            )
        ]
    return [
        diagnostic(
            "ADR214",
            doc.locate(("status",)),
            f"status '{written}' is not a status Paved knows; shown as written",
            hint=settings.mapping_hint(written),
        )
    ]


def _date(doc: MarkdownDoc, settings: AdrSettings) -> list[Diagnostic]:
    """One message per date problem (the schema checks only the shape). A date read from
    prose (an adr-tools ``Date:`` line, a MADR 2 bullet) was never checked by the tool
    that wrote the log: a wrong one is shown as written, with a warning; one whose day
    and month cannot be told apart is read in the team's ``adr_date_order``."""
    value = doc.front_matter.get("date")
    if not isinstance(value, str):
        return []  # another type: the schema says so, once
    text = value.strip()
    if date_from_prose(doc):
        if _real_date(text) or ordered_date(text, settings.date_order):
            return []
        placed = ordered_date(text, "day-first") or ordered_date(text, "month-first")
        return [
            diagnostic(
                "ADR215",
                doc.locate(("date",)),
                f"date '{text}' is not a date in the form YYYY-MM-DD (or YYYY-MM, or YYYY); "
                "shown as written",
                hint=settings.date_order_hint() if placed else None,
                severity=Severity.WARNING,
            )
        ]
    if _DATE_SHAPE.fullmatch(text) is None or _real_date(text):
        return []  # not in the shape at all: the schema's pattern says so, once
    return [_bad_date(doc, text)]


def _real_date(text: str) -> bool:
    if coarse_date(text) == text:
        return True  # a week or a quarter ("2021-W12", "2021-Q3")
    parts = text.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return False
    if [len(p) for p in parts] not in ([4], [4, 2], [4, 2, 2]):
        return False
    year, month, day = (int(p) for p in (*parts, "1", "1")[:3])
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _bad_date(doc: MarkdownDoc, text: str) -> Diagnostic:
    return diagnostic(
        "ADR215",
        doc.locate(("date",)),
        f"date '{text}' is not a date in the form YYYY-MM-DD (or YYYY-MM, or YYYY)",
    )


def _typos(doc: MarkdownDoc) -> list[Diagnostic]:
    if doc.format not in ("madr4", "site"):
        return []
    out = []
    for key in doc.front_matter:
        if key in _KNOWN_KEYS or not isinstance(key, str):
            continue
        hint = did_you_mean(key, _KNOWN, "")
        if hint:
            out.append(
                diagnostic(
                    "ADR216",
                    doc.locate((key,), key=True),
                    f"front matter key '{key}' is not a MADR field and is ignored",
                    hint=hint,
                )
            )
    return out


def _strict(docs: tuple[MarkdownDoc, ...], settings: AdrSettings) -> list[Diagnostic]:
    if settings.strict_from is None:
        return []
    threshold = strict_threshold(settings.strict_from)
    if threshold is None:
        return []
    kind, limit = threshold
    out = []
    for doc in docs:
        if not _is_new(doc, kind, limit):
            continue
        missing = [name for name in ("status", "date") if not doc.front_matter.get(name)]
        problems = []
        if doc.format != "madr4":
            problems.append("is not MADR 4 (YAML front matter)")
        if missing:
            problems.append("has no " + " and no ".join(missing))
        date = doc.front_matter.get("date")
        if isinstance(date, str) and _real_date(date) and len(date) != 10:
            problems.append(f"has date '{date}', not a full YYYY-MM-DD")
        status = doc.front_matter.get("status")
        if isinstance(status, str) and status.strip().lower() not in STATUSES:
            problems.append(f"has status '{status}', not one of {', '.join(STATUSES)}")
        if problems:
            out.append(
                diagnostic(
                    "ADR213",
                    doc.locate(("status",)) if "status" in doc.front_matter else doc.locate(),
                    f"{adr_id(doc)} is on or after adr_strict_from ({settings.strict_from}) "
                    f"and {'; '.join(problems)}",
                )
            )
    return out


def is_strict(doc: MarkdownDoc, settings: AdrSettings) -> bool:
    """Whether ``adr_strict_from`` makes this record meet MADR 4 in full."""
    threshold = strict_threshold(settings.strict_from) if settings.strict_from else None
    return threshold is not None and _is_new(doc, *threshold)


def _is_new(doc: MarkdownDoc, kind: str, limit: object) -> bool:
    if kind == "number":
        ident = adr_id(doc) or ""
        number = number_of(ident)
        return number is not None and isinstance(limit, int) and number >= limit
    date = doc.front_matter.get("date")
    written = date if isinstance(date, str) else file_date(PurePosixPath(doc.path).stem)
    if not written:
        return True  # no date at all: a new record must have one
    return isinstance(limit, str) and written.strip() >= limit
