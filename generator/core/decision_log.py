"""Loaded ADRs → ``Decision``s, with the status and links as the log's authors meant them.

Kept out of ``build_model`` because a decision needs more than its own file: its
status word mapped with the team's settings (``load.adr_status``), its supersede links
completed from the other records (``load.adr_links``), and a date from the file name
when log4brains put it there. Tolerant like the rest of the model: what validation
reports is shown as well as it can be, never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from paved.generator.core.gitfacts import FileHistory
from paved.generator.core.load.adr_formats import ordered_date
from paved.generator.core.load.adr_ids import file_date, number_of, record_id
from paved.generator.core.load.adr_links import index_of, supersede_links
from paved.generator.core.load.adr_settings import settings_of
from paved.generator.core.load.adr_status import canonical, sentence_status
from paved.generator.core.load.adr_translations import translation_language, translations
from paved.generator.core.load.types import LoadedRepository, MarkdownDoc
from paved.generator.core.model import Decision, DecisionStatus, Platform, Product


def build_decisions(loaded: LoadedRepository) -> dict[str, Decision]:
    """Every ADR by id (the first file of an id wins; validation reports the others)."""
    index = index_of(loaded.adrs)
    links = supersede_links(loaded.adrs, index)
    settings = settings_of(loaded)
    team = settings.statuses
    shared = _shared_titles(loaded.adrs)
    out: dict[str, Decision] = {}
    for doc in loaded.adrs:
        ident = record_id(doc)
        if ident is None or ident in out:
            continue
        fm = doc.front_matter
        written = _text(fm.get("status")).strip()
        successor = links.successor.get(ident)
        out[ident] = Decision(
            id=ident,
            number=number_of(ident) or 0,
            title=_title(doc, shared) or title_from_file(doc.path) or ident,
            status=_status(written, team, superseded=successor is not None),
            date=_date(doc, settings.date_order)[0],
            decision_makers=_strings(fm.get("decision-makers")),
            consulted=_strings(fm.get("consulted")),
            informed=_strings(fm.get("informed")),
            supersedes=tuple(links.replaced.get(ident, ())),
            superseded_by=successor,
            affected_wids=_strings(_map(fm.get("affects")).get("wids")),
            affected_systems=_strings(_map(fm.get("affects")).get("systems")),
            tags=_strings(fm.get("tags")),
            path=doc.path,
            body=doc.body,
            sections=doc.sections,
            format=doc.format,
            status_written=written,
            date_source=_date(doc, settings.date_order)[1],
        )
    return _with_translations(out, loaded)


def _with_translations(out: dict[str, Decision], loaded: LoadedRepository) -> dict[str, Decision]:
    """A record that translates another is marked as such (``translation_of``, its
    ``language``; the original gets its own language when it is known)."""
    found = translations(loaded.adrs)
    if not found:
        return out
    by_path = {d.path: d.id for d in out.values()}
    for path, translation in found.items():
        ident, original = by_path.get(path), by_path.get(translation.original)
        if ident is None or original is None or ident == original:
            continue
        out[ident] = replace(out[ident], translation_of=original, language=translation.language)
        if not out[original].language:
            language = translation_language(translation.original)
            out[original] = replace(out[original], language=language)
    return out


def _shared_titles(docs: tuple[MarkdownDoc, ...]) -> frozenset[str]:
    """Front matter titles several records share: a site generator's page label
    ("title: Décision (MADR)" on every record), not the decision's name."""
    counts = Counter(t for d in docs if (t := _text(d.front_matter.get("title")).strip()))
    return frozenset(t for t, n in counts.items() if n > 1)


def _title(doc: MarkdownDoc, shared: frozenset[str]) -> str:
    """The front matter's title, unless other records share it and the record has a
    heading of its own; else the heading."""
    written = _text(doc.front_matter.get("title")).strip()
    if written and (written not in shared or not doc.title):
        return written
    return doc.title or ""


def title_from_file(path: str) -> str:
    """A record with no title heading and none in its front matter is named after its
    file, as MkDocs names such a page: ``001-drop-kafka-dependency.md`` → "Drop kafka
    dependency" (the number or date in front left out)."""
    stem = re.sub(
        r"^(?:(?:adr[-_ ]?)?\d+[-_. ]*)+", "", PurePosixPath(path).stem, flags=re.IGNORECASE
    )
    words = " ".join(re.split(r"[-_]+", stem)).strip()
    return words[:1].upper() + words[1:]


def with_git_dates(platform: Platform, files: Mapping[str, FileHistory]) -> Platform:
    """Decisions whose log records no date get their file's first commit date, marked
    ``date_source="git"``, so the pages and ``api/platform.json`` say the same."""
    changed = {}
    for ident, decision in platform.decisions.items():
        history = files.get(decision.path)
        if decision.date or history is None or not history.created:
            continue
        changed[ident] = replace(decision, date=history.created[:10], date_source="git")
    if not changed:
        return platform
    return replace(platform, decisions={**platform.decisions, **changed})


def cited_by_id(products: dict[str, Product], loaded: LoadedRepository) -> dict[str, Product]:
    """Products whose ``related_adrs`` name ADRs as people type them (``5``, a slug, a
    file name), with each resolved to the ADR's id so links and lookups find it."""
    index = index_of(loaded.adrs)
    raw = {doc.path: doc.front_matter.get("related_adrs") for doc in loaded.wids}
    out = {}
    for ident, product in products.items():
        refs = raw.get(product.path)
        written = [
            str(r) for r in (refs if isinstance(refs, list) else []) if isinstance(r, str | int)
        ] or list(product.related_adrs)
        resolved = tuple(index.resolve(ref) or ref for ref in written)
        out[ident] = (
            product if resolved == product.related_adrs else replace(product, related_adrs=resolved)
        )
    return out


def decision_status(written: str, team: dict[str, str], *, superseded: bool) -> DecisionStatus:
    return _status(written, team, superseded=superseded)


def _status(written: str, team: dict[str, str], *, superseded: bool) -> DecisionStatus:
    """The written word mapped; none written but replaced by a later record: superseded
    (the other side said so); none at all: not recorded (never "proposed")."""
    if not written:
        return DecisionStatus.SUPERSEDED if superseded else DecisionStatus.NOT_RECORDED
    mapped = canonical(written, team) or sentence_status(written, team)
    return DecisionStatus(mapped) if mapped else DecisionStatus.OTHER


def _date(doc: MarkdownDoc, order: str | None = None) -> tuple[str, str]:
    value = doc.front_matter.get("date")
    if isinstance(value, str) and value.strip():
        # "05/02/2018" read in the order the team set (adr_date_order), else as written
        return ordered_date(value, order) or value.strip(), "recorded"
    from_name = file_date(PurePosixPath(doc.path).stem)
    if from_name:
        return from_name, "file name"
    return "", ""


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    return ""


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if isinstance(v, str | int | float))
    return ()


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
