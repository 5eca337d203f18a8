"""Records that are translations of another record: one decision, not two.

A log kept in two languages holds each decision twice: in folders named after the
language (``english/adr-001.md``, ``deutsch/adr-001-de.md``; ``en/``, ``de/``) or with a
language tag in the file name (``0001-x.md`` next to ``0001-x.de.md`` or ``0001-x-de.md``,
as mkdocs-static-i18n and Docusaurus write them). Two records are the same decision when
they share the folder (language folders set aside) and the number (or, unnumbered, the
name without its language tag), and at least one of them says which language it is in.

The original is the one the others link to ("the original version [here](../english/
adr-001.md)"), else the one with no language tag, else the English one, else the first
by path. Each translation keeps its page (its status is shown as written there) and is
listed with its original instead of as another decision.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from paved.generator.core.load.adr_ids import file_number, record_name, record_stem
from paved.generator.core.load.types import MarkdownDoc

#: Language folder names and file tags → the language's name as the portal shows it.
_LANGUAGES = {
    **dict.fromkeys(("en", "eng", "english"), "English"),
    **dict.fromkeys(("de", "deu", "ger", "german", "deutsch"), "Deutsch"),
    **dict.fromkeys(("fr", "fra", "french", "français", "francais"), "Français"),
    **dict.fromkeys(("es", "spa", "spanish", "español", "espanol"), "Español"),
    **dict.fromkeys(("it", "ita", "italian", "italiano"), "Italiano"),
    **dict.fromkeys(("nl", "dutch", "nederlands"), "Nederlands"),
    **dict.fromkeys(("pt", "pt-br", "pt_br", "portuguese", "português", "portugues"), "Português"),
    **dict.fromkeys(("ru", "russian", "русский"), "Русский"),
    **dict.fromkeys(("uk", "ukrainian", "українська"), "Українська"),
    **dict.fromkeys(("pl", "polish", "polski"), "Polski"),
    **dict.fromkeys(("ja", "japanese", "日本語"), "日本語"),
    **dict.fromkeys(("zh", "zh-cn", "zh_cn", "zh-hans", "chinese", "中文"), "中文"),
    **dict.fromkeys(("ko", "korean", "한국어"), "한국어"),
}
#: A language tag ending a file stem: "0001-x.de", "adr-001-de", "0001_x_fr". Only the
#: two-letter codes (and pt-br, zh-cn): a word such as "english" ends names by chance.
_TAG = re.compile(r"[-_.](?P<tag>[a-z]{2}(?:[-_](?:br|cn|hans))?)$", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^()\s>]+)")


@dataclass(frozen=True, slots=True)
class Translation:
    """``path`` is the ``language`` version of the record at ``original``."""

    path: str
    original: str
    language: str


#: (record, its language or None, whether a language folder says so)
_Member = tuple[MarkdownDoc, str | None, bool]


def translations(docs: Iterable[MarkdownDoc]) -> dict[str, Translation]:
    """Each record that translates another (by path) → what it translates."""
    by_number: dict[tuple[str, str], list[_Member]] = {}
    by_name: dict[tuple[str, str], list[_Member]] = {}
    for doc in docs:
        folder, number, name, language, in_folder = _key(doc.path)
        member = (doc, language, in_folder)
        by_name.setdefault((folder, name), []).append(member)
        if number is not None:
            by_number.setdefault((folder, number), []).append(member)
    out: dict[str, Translation] = {}
    for members, by_folder in [
        *((m, False) for m in by_name.values()),
        *((m, True) for m in by_number.values()),
    ]:
        same = _same_decision(members, by_folder=by_folder)
        if not same or any(doc.path in out for doc, _, _ in same):
            continue
        original = _original(same)
        for doc, language, _ in same:
            if doc is not original:
                out[doc.path] = Translation(doc.path, original.path, language or "")
    return out


def _same_decision(members: list[_Member], *, by_folder: bool) -> list[_Member]:
    """The members of a group that are one decision in several languages: records in
    distinct languages, with the one record of no stated language among records of one
    name (``0001-x.md``, ``0001-x.de.md``); else none. Records grouped by number only
    count when a language folder names their language (``en/0001-a.md``, ``de/0001-b.md``):
    "0012-use-it.md" is not the Italian version of another record 12."""
    if len({doc.path for doc, _, _ in members}) != len(members):
        return []  # one file read as several records (a one-file log's sections)
    stated = [m for m in members if m[1] is not None and (m[2] or not by_folder)]
    plain = [m for m in members if m[1] is None]
    if len({m[1] for m in stated}) != len(stated):
        return []  # two records in one language: two decisions
    if not by_folder and len(plain) == 1 and stated:
        return plain + stated
    return stated if len(stated) >= 2 else []


def translation_language(path: str) -> str:
    """The language a record's folder or file name says it is in, else ""."""
    return _key(path)[3] or ""


@functools.lru_cache(maxsize=1 << 16)  # asked for each pair of records that may match
def _key(path: str) -> tuple[str, str | None, str, str | None, bool]:
    """(folder without its language folders, ``#number`` or None, the name without its
    language tag, the language, whether a language folder says it)."""
    pure = PurePosixPath(path)
    named = record_name(path)
    folders = pure.parent.parts if named == pure.name else pure.parent.parent.parts
    language = None
    kept = []
    for folder in folders:
        found = _LANGUAGES.get(folder.lower())
        if found is not None and folder.lower() != "uk":  # "uk/": a country too
            language = found
        else:
            kept.append(folder)
    in_folder = language is not None
    stem = record_stem(named)
    tag = _TAG.search(stem)
    if tag is not None and (found := _LANGUAGES.get(tag.group("tag").lower())) is not None:
        stem, language = stem[: tag.start()], language or found
    number = file_number(stem)
    return (
        "/".join(kept),
        None if number is None else f"#{number}",
        stem.lower(),
        language,
        in_folder,
    )


def _original(members: list[_Member]) -> MarkdownDoc:
    names = {PurePosixPath(doc.path).name: doc for doc, _, _ in members}
    linked = [
        names[target]
        for doc, _, _ in members
        for target in (
            PurePosixPath(t.split("#", 1)[0]).name for t in _LINK_TARGET.findall(doc.body)
        )
        if target in names and names[target] is not doc
    ]
    if linked:
        return linked[0]
    untagged = [doc for doc, language, _ in members if language is None]
    if len(untagged) == 1:
        return untagged[0]
    english = [doc for doc, language, _ in members if language == "English"]
    if english:
        return english[0]
    return min((doc for doc, _, _ in members), key=lambda d: d.path)
