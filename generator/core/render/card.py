"""A page's metadata card and banners as raw HTML rather than Markdown.

The card of a product or decision page is a dozen rows of links and badges; as a
Markdown table it cost Python-Markdown's block, table and inline-link parsers about half
of each page's conversion (0.3 s of 0.7 s on a 500-decision log). As a raw HTML block it
is stashed whole. Banners become Material-styled admonition ``<div>``s, so they also show
on a site whose ``mkdocs.yml`` lacks the ``admonition`` extension (they used to show as
literal ``!!! warning``).

Every value comes from the templates through ``md_escape`` (HTML character references,
no raw ``<``, ``|``, ``[`` or ``]``) or from a ``Links`` builder, so the only Markdown left
in a cell is ``[text](target)``, turned here into ``<a>``. MkDocs does not rewrite links in
raw HTML: ``.md`` targets become served URLs (``use_directory_urls``, the URL contract),
unless the style is ``LinkStyle.SOURCE`` (Zensical rewrites them itself).
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache

from paved.generator.core.render.paths import LinkStyle, relative_url
from paved.generator.core.render.table_block import table_block, table_rows

_CARD = re.compile(r"^\| Field \| Value \|\n\|---\|---\|\n((?:\|[^\n]*\|\n?)+)", re.MULTILINE)
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)")
_BANNER = re.compile(r'^!!! (info|warning) "([^"\n]*)"\n((?:    [^\n]*\n?)+)', re.MULTILINE)


def href(target: str, from_uri: str, style: LinkStyle = LinkStyle.SERVED) -> str:
    """The browser URL for a link target written for MkDocs (a ``.md`` path relative to
    ``from_uri``, maybe with ``#anchor``); other targets (``mailto:``) are kept, and so
    is every target with ``LinkStyle.SOURCE``."""
    if style is LinkStyle.SOURCE:
        return html.escape(target)
    path, _, anchor = target.partition("#")
    if not path:
        return html.escape(f"#{anchor}" if anchor else "./")
    if "://" in path or path.startswith("mailto:") or not path.endswith(".md"):
        return html.escape(target)
    url = _page_url(path, folder_page(from_uri))
    if anchor:
        url = f"{'' if url == './' else url}#{anchor}"
    return html.escape(url)


@lru_cache(maxsize=4096)
def folder_page(from_uri: str) -> str:
    """A stand-in for every page of ``from_uri``'s folder: a link from any of them to
    another page has the same URL (served URLs are one folder per page, all as deep).
    An index page is one folder shallower, so it stands for itself. A link to the page
    itself never reaches here: ``Links.to`` writes it as ``#anchor`` or ``""``."""
    folder, name = posixpath.split(from_uri)
    return from_uri if name == "index.md" else posixpath.join(folder, "\x00.md")


# 10,000 dataset pages link to the same few thousand pages ~700,000 times: keyed by the
# linking page's folder, not the page, the pairs repeat and relpath runs once per pair.
@lru_cache(maxsize=262144)
def _page_url(path: str, from_uri: str) -> str:
    to_uri = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path))
    return relative_url(from_uri, to_uri)


def inline_html(value: str, from_uri: str, style: LinkStyle = LinkStyle.SERVED) -> str:
    """An escaped template value as HTML: its Markdown links become anchors."""
    return _LINK.sub(
        lambda m: f'<a href="{href(m.group(2), from_uri, style)}">{m.group(1)}</a>', value.strip()
    )


def _rows(block: str, from_uri: str, style: LinkStyle) -> str:
    rows = []
    for line in block.strip("\n").split("\n"):
        label, _, value = line.strip()[1:-1].partition("|")
        rows.append(
            f"<tr><td>{label.strip()}</td><td>{inline_html(value, from_uri, style)}</td></tr>\n"
        )
    return "".join(rows)


def _card(match: re.Match[str], from_uri: str, style: LinkStyle) -> str:
    return (
        '<div class="paved-card"><table>\n<thead><tr><th>Field</th><th>Value</th></tr></thead>\n'
        f"<tbody>\n{_rows(match.group(1), from_uri, style)}</tbody>\n</table></div>\n"
    )


def _banner(match: re.Match[str], from_uri: str, style: LinkStyle) -> str:
    kind, title = match.group(1), match.group(2)
    text = " ".join(line.strip() for line in match.group(3).split("\n") if line.strip())
    return (
        f'<div class="admonition {kind}">\n<p class="admonition-title">{title}</p>\n'
        f"<p>{inline_html(text, from_uri, style)}</p>\n</div>\n"
    )


_TABLE = re.compile(r"^(\|[^\n]*\|)\n\|(?:---\|)+\n((?:\|[^\n]*\|\n?)+)", re.MULTILINE)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[1:-1].split("|")]


def _table(match: re.Match[str], from_uri: str, style: LinkStyle) -> str:
    rows = table_rows(
        (inline_html(c, from_uri, style) for c in _cells(line))
        for line in match.group(2).strip("\n").split("\n")
    )
    return table_block(_cells(match.group(1)), rows)


def tables_html(markdown: str, from_uri: str, style: LinkStyle = LinkStyle.SERVED) -> str:
    """Every table of a page the templates write whole (no author text: the decision
    log's timeline) as an HTML block; cells split on ``|``, which ``md_escape`` escapes."""
    return _TABLE.sub(lambda m: _table(m, from_uri, style), markdown)


def as_html(markdown: str, from_uri: str, style: LinkStyle = LinkStyle.SERVED) -> str:
    """``markdown`` with its card (the first ``| Field | Value |`` table) and the banners
    written before it as HTML blocks. The author's body, which follows the card, is left
    alone: a table or admonition of theirs stays Markdown."""
    card = _CARD.search(markdown)
    if card is None:
        return markdown
    head = _BANNER.sub(lambda m: _banner(m, from_uri, style), markdown[: card.start()])
    return head + _card(card, from_uri, style) + markdown[card.end() :]
