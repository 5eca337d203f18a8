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

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache

import markdown
from markdown.extensions.toc import slugify, unique

from paved.generator.core.model import Platform
from paved.generator.core.render.types import Page, PageKind

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
# Inline markup Python-Markdown would turn into elements or entities: such headings are
# rendered for real. Intraword underscores (``sales_lines``) are plain text to Markdown.
_NEEDS_MARKDOWN = re.compile(r"[`*\[\]<>\\{}~]|&\w+;|&#|:\w+:|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_HTML_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*\w+(?:\s+"([^"]*)")?\s*$')
_EMPHASIS = re.compile(r"(\*{1,3}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])|`+)")
_SPACES = re.compile(r"\s+")
_SKIPPED_FENCES = frozenset({"mermaid"})


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


@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    # The heading-relevant part of MkDocs' Markdown setup (toc ids, attr_list ``{#id}``).
    return markdown.Markdown(extensions=["toc", "attr_list"])


def heading_anchor(heading: str) -> str:
    """The id MkDocs gives a heading written as ``heading`` (before de-duplication)."""
    if not _NEEDS_MARKDOWN.search(heading):
        return str(slugify(heading, "-"))
    renderer = _renderer()
    renderer.reset()
    renderer.convert("# " + heading)
    tokens = getattr(renderer, "toc_tokens", [])
    if tokens:
        return str(tokens[0]["id"])
    return str(slugify(heading, "-"))


def plain_heading(heading: str) -> str:
    """Heading text as a reader sees it: link text kept, marks and ``{...}`` attributes dropped."""
    text = re.sub(r"\s*\{[^}]*\}\s*$", "", heading)
    return _SPACES.sub(" ", plain_text(text)).strip()


def split_sections(body: str) -> list[RawSection]:
    """ATX headings outside fenced code, each with its Markdown, anchors made unique per
    page as the ``toc`` extension does (``-1``, ``-2``... are its ``_1``, ``_2``)."""
    heads: list[tuple[int, int, str]] = []
    lines = body.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        opened = _FENCE_OPEN.match(line)
        if opened:
            fence = opened.group(1)
            continue
        match = _HEADING.match(line)
        if match and match.group(2):
            raw = _CLOSING_HASHES.sub("", match.group(2)).strip()
            heads.append((number, len(match.group(1)), raw))
    ids: set[str] = set()
    sections: list[RawSection] = []
    for position, (number, level, raw) in enumerate(heads):
        end = heads[position + 1][0] if position + 1 < len(heads) else len(lines)
        anchor = unique(heading_anchor(raw), ids)
        sections.append(RawSection(raw, level, anchor, "\n".join(lines[number + 1 : end])))
    return sections


def plain_text(text: str) -> str:
    """Markdown → searchable text: tags, link targets, table rules, diagrams and marks go."""
    out: list[str] = []
    fence: str | None = None
    skipping = False
    for line in text.split("\n"):
        if fence is not None:
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
            elif not skipping:
                out.append(line)
            continue
        head = line.lstrip()[:1]
        if head in ("`", "~"):
            opened = _FENCE_OPEN.match(line)
            if opened:
                fence = opened.group(1)
                skipping = opened.group(2).lower() in _SKIPPED_FENCES
                continue
        elif head in ("|", "-", ":") and _TABLE_RULE.match(line):
            continue
        elif head in ("!", "?"):
            admonition = _ADMONITION.match(line)
            if admonition:
                out.append(admonition.group(1) or "")
                continue
        out.append(line)
    joined = "\n".join(out)
    # One pass per pattern over the whole section is several times faster than per line.
    joined = _HTML_TAG.sub(" ", joined)
    joined = _IMAGE.sub(r"\1", joined)
    joined = _LINK.sub(r"\1", joined)
    joined = _REF_LINK.sub(r"\1", joined)
    return _EMPHASIS.sub("", joined).replace("|", " ").strip()


def summary(markdown_text: str, *, limit: int = 600) -> str:
    """The first paragraph that is prose (or a list), as plain text; a paragraph ending
    in ":" ("You get:") is kept together with the one it introduces."""
    found: list[str] = []
    in_fence = False
    for block in re.split(r"\n\s*\n", markdown_text):
        stripped = block.strip()
        if not stripped:
            continue
        fences = len(re.findall(r"^ {0,3}(?:```|~~~)", block, flags=re.MULTILINE))
        if in_fence or stripped[:1] in ("|", "<") or stripped.startswith(("```", "~~~", "!!!")):
            in_fence = in_fence != (fences % 2 == 1)
            continue
        text = _SPACES.sub(" ", plain_text(stripped)).strip()
        if not text:
            continue
        found.append(text)
        if not text.endswith(":"):
            break
    return " ".join(found)[:limit]


def page_url(src_uri: str) -> str:
    """Where MkDocs serves ``src_uri`` with directory URLs (the ``Page.url`` rule)."""
    return Page(src_uri=src_uri, title="", markdown="", kind=PageKind.DOC).url


def _sections_of(
    *,
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


def build_index(
    platform: Platform, pages: Sequence[Page], *, with_text: bool = True
) -> list[IndexSection]:
    """Every section of the portal: generated pages in ``pages`` order, then ``docs/``.

    ``with_text=False`` leaves each section's ``text`` empty, for ``sections_json(...,
    include_text=False)``: the plain text is most of the index's cost (5.9 s of a large
    portal) and the published file does not carry it."""
    sections: list[IndexSection] = []
    for page in pages:
        sections.extend(
            _sections_of(
                src_uri=page.src_uri,
                page_title=page.title,
                body=page.markdown,
                kind=str(page.kind),
                status=page.status,
                owner=page.owner,
                subject_id=page.subject_id,
                with_text=with_text,
            )
        )
    for doc in platform.docs.values():
        sections.extend(
            _sections_of(
                src_uri=doc.path,
                page_title=doc.title,
                body=doc.body,
                kind=str(PageKind.DOC),
                status=None,
                owner=doc.owner,
                subject_id=None,
                with_text=with_text,
            )
        )
    return sections


def sections_json(
    sections: Sequence[IndexSection], *, site_url: str = "", include_text: bool = True
) -> str:
    """The index as JSON: the one writer of the portal's ``api/sections.json`` (with
    ``include_text=False``). URLs absolute when ``site_url`` is set, else relative to the
    portal root. ``include_text=False`` keeps only the summaries: the full text of a
    large portal runs to tens of megabytes."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    names = _ROW_FIELDS if include_text else tuple(n for n in _ROW_FIELDS if n != "text")
    rows = []
    for section in sections:
        # Field by field, not ``dataclasses.asdict`` (which deep-copies every value):
        # a large portal has tens of thousands of sections.
        row = {name: getattr(section, name) for name in names}
        row["url"] = base + section.url
        rows.append(row)
    return json.dumps({"sections": rows}, ensure_ascii=False, indent=None)


_ROW_FIELDS = tuple(f.name for f in fields(IndexSection))
