"""The portal's navigation: home, the hand-written sections, the generated sections.

Only section entry points are listed: thousands of generated pages in the navigation
would make MkDocs render a huge navigation into every page (quadratic build time); index
pages link down to the rest. Plain functions over plain values, testable without MkDocs.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable

from paved.generator.mkdocs_plugin.reports import NavItem, with_report_nav

# Hand-written sections first in the order a newcomer needs them; unknown folders follow
# alphabetically. Generated sections (products, decisions, catalogue, ...) come from
# ``nav_sections`` and sit between the two groups.
_DOC_SECTIONS_FIRST = ("get-started", "access", "data", "operations")


def navigation(doc_uris: Iterable[str], generated: Collection[str]) -> list[NavItem]:
    """The ``nav`` of a site whose ``mkdocs.yml`` sets none: the generated sections (with
    the report pages among ``generated``) placed among the hand-written pages
    ``doc_uris``."""
    from paved.generator.core.render.site import nav_sections

    sections = with_report_nav(nav_sections(), generated)
    return site_nav(sections, doc_uris)


def folder_title(folder: str) -> str:
    """``get-started`` → ``Get started``; escaped, as the theme writes a section's title
    into every page as it is (a folder may be named ``<img src=x onerror=...>``)."""
    words = folder.replace("_", "-").split("-")
    return html.escape(" ".join(words).capitalize(), quote=True)


def docs_nav(doc_uris: Iterable[str]) -> list[NavItem]:
    """Hand-written pages grouped by their top folder, the folder's index page first.

    Only paths are listed: MkDocs takes each title from the page itself.
    """
    top_level: list[NavItem] = []
    folders: dict[str, list[str]] = {}
    for uri in sorted(doc_uris):
        if not uri.endswith(".md"):
            continue
        folder, sep, _ = uri.partition("/")
        if not sep:
            top_level.append(uri)
            continue
        folders.setdefault(folder, []).append(uri)
    ordered = sorted(
        folders,
        key=lambda f: (
            _DOC_SECTIONS_FIRST.index(f) if f in _DOC_SECTIONS_FIRST else len(_DOC_SECTIONS_FIRST),
            f,
        ),
    )
    nav: list[NavItem] = list(top_level)
    for folder in ordered:
        uris = sorted(folders[folder], key=lambda u: (u != f"{folder}/index.md", u))
        nav.append({folder_title(folder): list(uris)})
    return nav


def site_nav(generated: list[NavItem], doc_uris: Iterable[str]) -> list[NavItem]:
    """Home, the hand-written sections, then the generated sections.

    Only section entry points are listed (thousands of product pages would make MkDocs
    render a huge navigation into every page: quadratic build time); index pages link
    down to the rest.
    """
    docs = docs_nav(u for u in doc_uris if u != "index.md")
    leading = [item for item in docs if _first_folder(item) in _DOC_SECTIONS_FIRST[:1]]
    trailing = [item for item in docs if item not in leading]
    has_home = any(_is_home(item) for item in generated)
    nav: list[NavItem] = [] if has_home else [{"Home": "index.md"}]
    nav.extend(item for item in generated if _is_home(item))
    nav.extend(leading)
    nav.extend(item for item in generated if not _is_home(item))
    nav.extend(trailing)
    return nav


def _is_home(item: NavItem) -> bool:
    if isinstance(item, str):
        return item == "index.md"
    return list(item.values()) == ["index.md"]


def _first_folder(item: NavItem) -> str:
    target = item if isinstance(item, str) else next(iter(item.values()), "")
    if isinstance(target, list):
        target = target[0] if target and isinstance(target[0], str) else ""
    return str(target).partition("/")[0]
