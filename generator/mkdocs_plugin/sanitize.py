"""Every page's HTML through an allow-list sanitiser, after Markdown conversion.

Content reaches the portal from pull requests by anyone, and Markdown lets an author write
raw HTML, ``attr_list`` attributes (``{: onclick=... }``), ``md_in_html`` blocks, links
with any URL and Mermaid ``click`` targets. Patterns over the Markdown cannot see every
trick (tags split over lines, entities, tabs inside ``javascript:``), so the converted
HTML of every page, hand-written or generated, is parsed by a real HTML5 parser and
rebuilt from an allow-list: ``nh3``, the bindings to the Rust ``ammonia`` sanitiser
(html5ever underneath, the parser browsers' behaviour is specified by). What is not on
the list (``<script>``, ``<iframe>``, ``<style>``, ``<form>``, event handlers, ``style``
properties other than a few presentational ones, URLs other than http(s), mailto and
relative ones, in any encoding) is removed.

The list is what Python-Markdown, the site's extensions and Paved's own fences produce;
a test checks that sanitising the example portal changes nothing, and the security suite
that every attack in its corpus is defused in a real browser.

The blocks the plugin lifts out before conversion (generated cards and tables, built by
escaping templates) come back after this step; their ``<!--paved-html:N-->`` markers are
HTML comments, so comments are kept (html5ever re-serialises them well formed).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import nh3

# Python-Markdown and its extensions (tables, footnotes, def_list, abbr, admonition,
# pymdownx.details / tabbed / tasklist / highlight / emoji / superfences, toc permalinks),
# the theme's content markup, and the SVG of Paved's diagrams and Material's icons.
_HTML_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul", "var", "wbr",
}  # fmt: skip
_SVG_TAGS = {
    "svg", "g", "defs", "marker", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "title", "desc",
}  # fmt: skip

_EVERYWHERE = {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": _EVERYWHERE,
    "a": {"href", "name"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading"},
    # pymdownx.tabbed (radio inputs) and tasklist (checkboxes): no event handlers exist
    # on the list, so an input can only be checked, never act.
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "details": {"open"},
    "ol": {"start", "type"},
    "li": {"value"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "col": {"span"},
    "time": {"datetime"},
    # Paved's own markup: what the search index skips, review banners, fact labels, the
    # columns a sortable table offers filters for (static/paved-tables.js).
    "div": {"data-search-exclude", "data-paved-review", "data-filters"},
    "span": {"data-paved-fact"},
    "svg": {"xmlns", "viewBox", "width", "height", "preserveAspectRatio"},
    "g": {"transform"},
    "marker": {
        "viewBox",
        "refX",
        "refY",
        "markerWidth",
        "markerHeight",
        "orient",
        "markerUnits",
    },
    "path": {"d", "marker-end", "marker-start", "transform", "fill", "stroke"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "style", "transform"},
    "circle": {"cx", "cy", "r", "style"},
    "ellipse": {"cx", "cy", "rx", "ry", "style"},
    "line": {"x1", "y1", "x2", "y2", "marker-end", "marker-start"},
    "polyline": {"points", "marker-end", "marker-start"},
    "polygon": {"points"},
    "text": {"x", "y", "dx", "dy", "text-anchor", "dominant-baseline", "transform"},
    "tspan": {"x", "y", "dx", "dy", "text-anchor"},
}

# Presentational properties only: table alignment, diagram colours.
_STYLE_PROPERTIES = {
    "text-align", "fill", "stroke", "stroke-width", "stroke-dasharray", "color",
    "opacity", "fill-opacity", "stroke-opacity", "font-weight", "font-style",
}  # fmt: skip
_URL_SCHEMES = {"http", "https", "mailto"}

# The theme's scripts find their elements by id (``#__config``, whose text Material parses
# as its configuration, ``__drawer``, ``__search``, ``__toc``, ``__nav_N``...), and the
# first element of an id wins: content comes before the theme's own ``<script
# id="__config">``. So the ``__`` namespace belongs to the theme, and content keeps in it
# only the ids Markdown's extensions write (pymdownx.highlight's line anchors and spans,
# pymdownx.tabbed's radio inputs).
_ID_ATTRIBUTES = frozenset({"id", "for", "name"})
_EXTENSION_IDS = re.compile(r"__(?:codelineno-\d+-\d+|span-\d+-\d+|tabbed_\d+(?:_\d+)?)")


def sanitize(html: str) -> str:
    """``html`` rebuilt from the allow-list; the identity on what the portal generates."""
    if not html:
        return html
    return _clean(html)


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_HTML_TAGS | _SVG_TAGS,
        # Removed with their content, not unwrapped: their text is code, not prose.
        clean_content_tags={"script", "style", "template", "noscript", "xmp", "iframe"},
        attributes=_ATTRIBUTES,
        strip_comments=False,
        link_rel=None,
        url_schemes=_URL_SCHEMES,
        filter_style_properties=_STYLE_PROPERTIES,
        attribute_filter=_theme_ids_out,
    )


def _theme_ids_out(_tag: str, attribute: str, value: str) -> str | None:
    """``value``, or nothing when an ``id``, ``for`` or ``name`` would take one of the
    theme's ids."""
    if attribute in _ID_ATTRIBUTES and value[:2] == "__" and not _EXTENSION_IDS.fullmatch(value):
        return None
    return value


def _clean(html: str) -> str:
    return str(_cleaner().clean(html))


#: Front matter keys a page may set, and how each is made safe for the theme. Material
#: puts ``title`` and ``description`` into the page unescaped (MkDocs' templates do not
#: autoescape), so they are escaped here, once; Paved's own keys stay raw and are escaped
#: where Paved's templates place them. Other keys (``template:`` among them, which would
#: let a page pick any template) never reach the theme.
_HIDE_VALUES = frozenset({"navigation", "toc", "footer", "feedback", "path", "tags"})


def safe_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The front matter the theme may see, escaped for where the theme puts it."""
    safe: dict[str, Any] = {}
    for key in ("title", "description"):
        if key in meta and meta[key] is not None:
            safe[key] = _escape(str(meta[key]))
    for key in ("owner", "review_by"):
        if key in meta:
            safe[key] = meta[key]
    tags = meta.get("tags")
    if isinstance(tags, list):
        safe["tags"] = [_escape(str(tag)) for tag in tags]
    hide = meta.get("hide")
    if isinstance(hide, list):
        safe["hide"] = [str(item) for item in hide if str(item) in _HIDE_VALUES]
    search = meta.get("search")
    if isinstance(search, dict) and isinstance(search.get("exclude"), bool):
        safe["search"] = {"exclude": search["exclude"]}
    return safe


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


SNIPPETS_FOLDER = "docs/snippets"


def restrict_snippets(
    extensions: list[str], configs: dict[str, dict[str, Any]], root: Path
) -> list[str]:
    """``pymdownx.snippets`` made safe when a site enables it: included files come only
    from ``docs/snippets/`` inside the repository (``--8<-- ".git/config"`` would publish
    the checkout's credentials), never from URLs, and a missing one fails the build.
    Returns a note per setting that was changed, for the log."""
    if "pymdownx.snippets" not in extensions:
        return []
    settings = configs.setdefault("pymdownx.snippets", {})
    allowed = (root / SNIPPETS_FOLDER).resolve()
    notes = []
    bases = settings.get("base_path") or []
    bases = [bases] if isinstance(bases, str) else list(bases)
    inside = [b for b in bases if _within((root / str(b)).resolve(), allowed)]
    if inside != bases or not bases:
        notes.append(f"base_path set to {SNIPPETS_FOLDER} (was {bases or ['.']})")
        inside = [str(allowed)]
    settings["base_path"] = [str((root / b).resolve()) for b in inside]
    for key, value in (("restrict_base_path", True), ("url_download", False)):
        if settings.get(key, not value) != value:
            notes.append(f"{key} set to {value}")
        settings[key] = value
    settings["check_paths"] = True
    return notes


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@lru_cache(maxsize=1)
def _svg_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_SVG_TAGS | {"a"},
        clean_content_tags={"script", "style"},
        attributes={
            **{tag: attrs for tag, attrs in _ATTRIBUTES.items() if tag in _SVG_TAGS},
            "*": _EVERYWHERE,
            "a": {"href"},
        },
        link_rel=None,
        url_schemes=_URL_SCHEMES,
        filter_style_properties=_STYLE_PROPERTIES,
    )


def sanitize_svg(data: bytes) -> bytes:
    """An SVG file from ``docs/`` rebuilt from the SVG allow-list (no script, handlers,
    ``foreignObject``, animation of links or external references)."""
    text = data.decode("utf-8", errors="replace")
    start = text.find("<svg")
    cleaned = str(_svg_cleaner().clean(text[start:] if start >= 0 else text))
    if 'xmlns="http://www.w3.org/2000/svg"' not in cleaned[:200]:
        cleaned = cleaned.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return cleaned.encode("utf-8")
