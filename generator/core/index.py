"""The sections of every portal page, for search and for the bot.

One ``IndexSection`` per Markdown heading of every generated page (``render_site``) and
every hand-written page under ``docs/``. Each carries the link MkDocs serves it at, with
the heading anchor the ``toc`` extension writes, so an answer can point at the exact
section. Anchors must match MkDocs exactly or every cited link lands at the top of the
page: plain headings take ``markdown.extensions.toc.slugify`` directly (fast, and the
common case), headings with inline markup are rendered by Python-Markdown itself, as
MkDocs does, so emphasis, code spans, links and explicit ``{#id}`` come out identically.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from paved.generator.core.markdown_structure import (
    scan,
    sections,
    without_attr_list,
)
from paved.generator.core.model import Platform
from paved.generator.core.render.tree import JsonFragments
from paved.generator.core.render.types import Page, PageKind

# Every pattern runs in linear time on contributed text: a match attempt stops at the
# next opening delimiter ('<', '[', '(') instead of scanning to the end of the text, and
# quantifiers over white space are possessive (*+) or replaced by plain string code.
_HTML_TAG = re.compile(r"<[^<>]+>")
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_REF_LINK = re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]")
_RULE_CELL = re.compile(r":?-{2,}:?")
_ADMONITION = re.compile(r'^\s*+(?:!!!|\?\?\?\+?)\s*+\w++(?:\s++"([^"]*+)")?\s*+$')
_EMPHASIS = re.compile(r"(\*{1,3}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])|`+)")
_SPACES = re.compile(r"\s+")
_SKIPPED_FENCES = frozenset({"mermaid"})
# Lines that nothing in ``plain_text`` changes: none starts blank (indented code) or
# with a character that opens a table rule or an admonition ("- " and a word is a list
# item, never a rule), and none holds a character that starts a fence, a tag, a link,
# an image, a mark or a cell. Most headings, summaries and bullet lists of a decision
# log are such lines (5,500 texts of 500 ADRs).
_PLAIN_LINE = r"(?:[^\s|\-:!?<\[*_`~]|- (?=\S))[^\n\r<\[*_`|~]*+"
_ALREADY_PLAIN = re.compile(rf"{_PLAIN_LINE}(?:\n{_PLAIN_LINE})*+")


@dataclass(frozen=True, slots=True)
class IndexSection:
    """One heading of one page, as plain text, with where it lives and who answers for it.

    ``summary`` is the section's first prose paragraph (tables, code and diagrams
    skipped), for quoting. ``url`` is relative to the portal root (MkDocs directory URLs),
    with ``#anchor`` for every heading but a page's first one (whose natural link is the
    page itself).
    ``status`` is the WID/ADR status of the page, ``owner`` the custodian id or email
    responsible for the page, ``subject_id`` the WID/ADR/dataset/system id it is about.
    """

    page_title: str
    title: str
    level: int
    anchor: str
    url: str
    text: str
    summary: str
    kind: str
    status: str | None
    owner: str | None
    subject_id: str | None
    src_uri: str


@dataclass(frozen=True, slots=True)
class RawSection:
    """A heading as written, with the Markdown below it up to the next heading."""

    heading: str
    level: int
    anchor: str
    markdown: str


def plain_heading(heading: str) -> str:
    """Heading text as a reader sees it: link text kept, marks and ``{...}`` attributes dropped."""
    return _SPACES.sub(" ", plain_text(without_attr_list(heading))).strip()


def split_sections(body: str) -> list[RawSection]:
    """The headings the portal renders, each with its Markdown up to the next heading and
    the anchor toc gives it (``markdown_structure``: the one scanner, tested against the
    renderer)."""
    return [
        RawSection(s.heading.text, s.heading.level, s.heading.anchor, s.markdown)
        for s in sections(body)
    ]


def plain_text(text: str) -> str:
    """Markdown → searchable text: tags, link targets, table rules, diagrams and marks go."""
    if _ALREADY_PLAIN.fullmatch(text):  # the lines as they are, without the scan
        return text.strip()
    return _plain_text(text)


def _plain_text(text: str) -> str:
    found = scan(text)
    skipped: set[int] = set()
    for fence in found.fences:
        if fence.language.lower() in _SKIPPED_FENCES:
            skipped.update(range(fence.start, fence.end + 1))
        else:  # the code is searchable text, its delimiter lines are not
            skipped.update((fence.start, fence.end))
    out: list[str] = []
    for index, line in enumerate(text.split("\n")):
        if index in skipped:
            continue
        head = line.lstrip()[:1]
        if found.code[index]:
            out.append(line)
        elif head in ("|", "-", ":") and _is_table_rule(line):
            continue
        elif head in ("!", "?"):
            admonition = _ADMONITION.match(line)
            out.append((admonition.group(1) or "") if admonition else line)
        else:
            out.append(line)
    joined = "\n".join(out)
    # One pass per pattern over the whole section is several times faster than per line.
    joined = _HTML_TAG.sub(" ", joined)
    joined = _IMAGE.sub(r"\1", joined)
    joined = _LINK.sub(r"\1", joined)
    joined = _REF_LINK.sub(r"\1", joined)
    return _EMPHASIS.sub("", joined).replace("|", " ").strip()


def _is_table_rule(line: str) -> bool:
    """A table's delimiter row (``| --- | :--: |``), checked cell by cell."""
    text = line.strip()
    text = text.removeprefix("|")
    text = text.removesuffix("|")
    return all(_RULE_CELL.fullmatch(cell.strip()) for cell in text.split("|"))


def summary(markdown_text: str, *, limit: int = 600) -> str:
    """The first paragraph that is prose (or a list), as plain text; a paragraph ending
    in ":" ("You get:") is kept together with the one it introduces. Code, tables, raw
    HTML and admonition headers are skipped."""
    found = scan(markdown_text)
    blocks: list[list[str]] = [[]]
    for index, line in enumerate(markdown_text.split("\n")):
        if not line.strip() or found.code[index] or found.html[index]:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    kept: list[str] = []
    for block in blocks:
        stripped = "\n".join(block).strip()
        if not stripped or stripped[:1] in ("|", "<") or stripped.startswith("!!!"):
            continue
        text = _SPACES.sub(" ", plain_text(stripped)).strip()
        if not text:
            continue
        kept.append(text)
        if not text.endswith(":"):
            break
    return " ".join(kept)[:limit]


def page_url(src_uri: str) -> str:
    """Where MkDocs serves ``src_uri`` with directory URLs (the ``Page.url`` rule)."""
    return Page(src_uri=src_uri, title="", markdown="", kind=PageKind.DOC).url


def _sections_of(
    src_uri: str,
    page_title: str,
    body: str,
    kind: str,
    status: str | None,
    owner: str | None,
    subject_id: str | None,
    with_text: bool,
) -> Iterable[IndexSection]:
    url = page_url(src_uri)
    for position, raw in enumerate(split_sections(body)):
        title = plain_heading(raw.heading)
        yield IndexSection(
            page_title=page_title,
            title=title,
            level=raw.level,
            anchor=raw.anchor,
            url=url if position == 0 else f"{url}#{raw.anchor}",
            text=_SPACES.sub(" ", plain_text(raw.markdown)).strip() if with_text else "",
            summary=summary(raw.markdown),
            kind=kind,
            status=status,
            owner=owner,
            subject_id=subject_id,
            src_uri=src_uri,
        )


#: What a page's sections are made from: ``_sections_of``'s arguments, in its order.
SectionsKey = tuple[str, str, str, str, "str | None", "str | None", "str | None", bool]


class SectionsMemo:
    """The sections of each page, kept from one build to the next of the same process
    (``paved serve``). A page's sections depend on nothing but its own text and fields
    (``SectionsKey``), and splitting every page again was 60 % of a one-WID rebuild of
    the large benchmark (77 of 128 s profiled): with the memo only pages whose text
    changed are split. Only the last build's pages are kept, so it never grows."""

    def __init__(self) -> None:
        self._last: dict[SectionsKey, tuple[IndexSection, ...]] = {}
        self._next: dict[SectionsKey, tuple[IndexSection, ...]] = {}
        self.hits = 0

    def sections(self, key: SectionsKey) -> tuple[IndexSection, ...]:
        found = self._last.get(key)
        if found is None:
            found = tuple(_sections_of(*key))
        else:
            self.hits += 1
        self._next[key] = found
        return found

    def roll(self) -> None:
        """The build's index is complete: its pages are what the next build compares
        with (the pages of earlier builds are dropped)."""
        self._last, self._next = self._next, {}


def build_index(
    platform: Platform,
    pages: Sequence[Page],
    *,
    with_text: bool = True,
    memo: SectionsMemo | None = None,
) -> list[IndexSection]:
    """Every section of the portal: generated pages in ``pages`` order, then ``docs/``.

    ``with_text=False`` leaves each section's ``text`` empty, for ``sections_json(...,
    include_text=False)``: the plain text is most of the index's cost (5.9 s of a large
    portal) and the published file does not carry it. ``memo`` reuses the sections of
    pages unchanged since the previous build of this process."""
    keys: list[SectionsKey] = [
        (
            page.src_uri,
            page.title,
            page.markdown,
            str(page.kind),
            page.status,
            page.owner,
            page.subject_id,
            with_text,
        )
        for page in pages
    ]
    keys.extend(
        (doc.path, doc.title, doc.body, str(PageKind.DOC), None, doc.owner, None, with_text)
        for doc in platform.docs.values()
    )
    sections: list[IndexSection] = []
    for key in keys:
        sections.extend(_sections_of(*key) if memo is None else memo.sections(key))
    if memo is not None:
        memo.roll()
    return sections


def sections_json(
    sections: Sequence[IndexSection],
    *,
    site_url: str = "",
    include_text: bool = True,
    memo: JsonFragments | None = None,
) -> str:
    """The index as JSON: the one writer of the portal's ``api/sections.json`` (with
    ``include_text=False``). URLs absolute when ``site_url`` is set, else relative to the
    portal root. ``include_text=False`` keeps only the summaries: the full text of a
    large portal runs to tens of megabytes. ``memo``: the rows of the sections the
    previous build of this process wrote (``SectionsMemo`` hands back the very same
    sections for unchanged pages); JSON without indent is its rows' JSON joined."""
    row = _row_writer(site_url, include_text)
    base = site_url.rstrip("/") + "/" if site_url else ""
    if memo is None:
        rows = [row(section) for section in sections]
        return json.dumps({"sections": rows}, ensure_ascii=False, indent=None)

    def write(section: object) -> str:
        assert isinstance(section, IndexSection)
        return json.dumps(row(section), ensure_ascii=False, indent=None)

    salt = f"{base}\n{include_text}"
    # Page by page (a page's sections are consecutive): an unchanged page's rows are
    # joined once, not looked up section by section.
    text = ", ".join(
        memo.joined(page, list(group), write, salt)
        for page, group in itertools.groupby(sections, key=_page_of)
    )
    memo.roll()
    return f'{{"sections": [{text}]}}'


_ROW_FIELDS = tuple(f.name for f in fields(IndexSection))


def _row_writer(site_url: str, include_text: bool) -> Callable[[IndexSection], dict[str, Any]]:
    """One section's row of ``sections_json`` (a dict for ``json.dumps``)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    names = _ROW_FIELDS if include_text else tuple(n for n in _ROW_FIELDS if n != "text")

    def row(section: IndexSection) -> dict[str, Any]:
        # Field by field, not ``dataclasses.asdict`` (which deep-copies every value):
        # a large portal has tens of thousands of sections.
        fields_ = {name: getattr(section, name) for name in names}
        fields_["url"] = base + section.url
        return fields_

    return row


def page_rows(key: SectionsKey, *, site_url: str = "") -> bytes:
    """One page's rows of ``sections_json`` (its sections' JSON joined by ``", "``), as
    UTF-8: what ``SectionRows`` keeps. ``key``: the page as ``build_index`` keys it."""
    row = _row_writer(site_url, include_text=key[-1])
    return ", ".join(
        json.dumps(row(section), ensure_ascii=False, indent=None) for section in _sections_of(*key)
    ).encode()


def sections_json_bytes(parts: Iterable[bytes]) -> bytes:
    """``sections_json``'s text (UTF-8) from each page's ``page_rows``, in
    ``build_index``'s order: JSON without indent is its rows joined by ``", "``."""
    return b'{"sections": [' + b", ".join(part for part in parts if part) + b"]}"


class SectionRows:
    """Each page's rows of ``api/sections.json`` as UTF-8 bytes, kept from one build to
    the next of one process (``paved serve``) by everything they are made from (the
    generated ``Page`` itself, or a docs page's ``SectionsKey``), so a rebuild patches
    the file: only the pages that changed are split and written, and the file is the
    kept bytes joined. Splitting, grouping and writing 70,000 sections again, and
    joining them as text (four bytes a character once a summary holds an emoji), was
    0.8 s of every one-page rebuild of the large benchmark, profiled. Only the last
    build's pages are kept; a different site URL forgets them all."""

    def __init__(self) -> None:
        # By the key object itself (a kept page comes back as the very same ``Page``:
        # no hashing of its fields), and by value for a key that was not (a page
        # rendered again each build, a docs page's new key tuple).
        self._last: dict[int, tuple[object, bytes]] = {}
        self._next: dict[int, tuple[object, bytes]] = {}
        self._last_by_value: dict[object, bytes] = {}
        self._next_by_value: dict[object, bytes] = {}
        self._salt: str | None = None
        #: Pages whose rows this build made (not kept): for tests and benchmarks.
        self.made = 0

    def begin(self, salt: str) -> None:
        """A build starts; ``salt``: whatever else the rows depend on (the site URL)."""
        if salt != self._salt:
            self._last, self._last_by_value = {}, {}
            self._salt = salt
        self._next, self._next_by_value = {}, {}
        self.made = 0

    def rows(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        hit = self._last.get(id(key))
        if hit is not None and hit[0] is key:
            found = hit[1]
        else:
            same = self._last_by_value.get(key)
            if same is None:
                same = make()
                self.made += 1
            self._next_by_value[key] = found = same
        self._next[id(key)] = (key, found)
        return found

    def roll(self) -> None:
        """The build's file is written: its pages are what the next build compares with."""
        self._last, self._next = self._next, {}
        self._last_by_value, self._next_by_value = self._next_by_value, {}


def _page_of(section: IndexSection) -> str:
    return section.url.partition("#")[0]


# --------------------------------------------------------------------------- passages

_HTML_CELL = re.compile(r"<t[hd][^<>]*+>(.*?)</t[hd]>")
_LIST_ITEM = re.compile(r"^\s*+(?:[-*+]|\d{1,3}[.)])\s++(.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(*])")
_PASSAGE_LIMIT = 400
_CODE_LIMIT = 200
# Fences that draw something (diagrams, column listings) hold no sentence to quote.
_DRAWN_FENCES = frozenset({"mermaid", "paved-columns"})


def _cells(line: str) -> list[str]:
    text = line.strip().removeprefix("|").removesuffix("|")
    return [_SPACES.sub(" ", plain_text(cell)).strip() for cell in text.split("|")]


def _row(header: list[str], cells: list[str]) -> str:
    """A table row as "key: value" pairs: readable alone, unlike a flattened table."""
    pairs = [
        f"{key}: {value}" if key else value
        for key, value in zip(header, cells, strict=False)
        if value
    ]
    return "; ".join(pairs)


def _sentences(text: str) -> list[str]:
    text = _SPACES.sub(" ", text).strip()
    if not text:
        return []
    return [s[:_PASSAGE_LIMIT] for s in _SENTENCE_END.split(text) if s.strip()]


class Passage(NamedTuple):
    """One quotable unit of a section; ``block`` numbers the paragraph, list, table or
    code block it belongs to (sentences of one paragraph share it)."""

    text: str
    block: int


def passages(markdown_text: str) -> list[Passage]:
    """A section's quotable units, in order: each sentence of a paragraph, each list
    item, each table row as "key: value; key: value" (Markdown or HTML tables), each code
    block as one line. The bot quotes the units that best match a question instead of a
    section's first sentences, and measures how much of the question the best of them
    covers."""
    found = scan(markdown_text)
    lines = markdown_text.split("\n")
    drawn: set[int] = set()
    code_blocks: dict[int, str] = {}
    for fence in found.fences:
        body = [ln.strip() for ln in lines[fence.start + 1 : fence.end] if ln.strip()]
        drawn.update(range(fence.start, fence.end + 1))
        if fence.language.lower() not in _DRAWN_FENCES and body:
            code_blocks[fence.start] = " ".join(body)[:_CODE_LIMIT]
    out: list[Passage] = []
    paragraph: list[str] = []
    item: list[str] = []
    header: list[str] | None = None
    block = 0

    def flush() -> None:
        nonlocal block
        if paragraph:
            out.extend(Passage(s, block) for s in _sentences(plain_text(" ".join(paragraph))))
            paragraph.clear()
            block += 1
        if item:
            text = _SPACES.sub(" ", plain_text(" ".join(item))).strip()
            if text:
                out.append(Passage(text[:_PASSAGE_LIMIT], block))
            item.clear()

    for index, line in enumerate(lines):
        if index in drawn:
            flush()
            if index in code_blocks:
                out.append(Passage(code_blocks[index], block))
                block += 1
            continue
        stripped = line.strip()
        if found.html[index] and "<tr" in stripped:
            flush()
            cells = [_SPACES.sub(" ", plain_text(c)).strip() for c in _HTML_CELL.findall(stripped)]
            if "<th" in stripped:
                header = cells
            elif cells:
                row = _row(header or [""] * len(cells), cells)
                if row:
                    out.append(Passage(row[:_PASSAGE_LIMIT], block))
            continue
        if not stripped or found.html[index]:
            flush()
            if not stripped and header is not None:
                header = None
                block += 1
            continue
        if stripped.startswith("|"):
            flush()
            if _is_table_rule(stripped):
                continue
            cells = _cells(stripped)
            if header is None:
                header = cells
            else:
                row = _row(header, cells)
                if row:
                    out.append(Passage(row[:_PASSAGE_LIMIT], block))
            continue
        if header is not None:
            header = None
            block += 1
        admonition = _ADMONITION.match(line)
        if admonition:
            flush()
            if admonition.group(1):
                paragraph.append(admonition.group(1) + ":")
            continue
        listed = _LIST_ITEM.match(line)
        if listed:
            if paragraph:
                flush()
            elif item:
                text = _SPACES.sub(" ", plain_text(" ".join(item))).strip()
                if text:
                    out.append(Passage(text[:_PASSAGE_LIMIT], block))
                item.clear()
            item.append(listed.group(1))
        elif item and line[:1].isspace():
            item.append(stripped)
        else:
            if item:
                flush()
            paragraph.append(stripped)
    flush()
    return out


def section_markdown(body: str, anchor: str) -> str | None:
    """The Markdown of the section of ``body`` whose heading has ``anchor``."""
    for raw in split_sections(body):
        if raw.anchor == anchor:
            return raw.markdown
    return None
