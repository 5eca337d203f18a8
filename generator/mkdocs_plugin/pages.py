"""Pure helpers of the MkDocs plugin: what it adds to pages and to the navigation.

Kept apart from ``.plugin`` so each piece is a plain function over plain values,
testable without running MkDocs (the way mkdocs-gen-files and mkdocs-literate-nav keep
their logic out of their hooks).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from paved.generator.core.diagnostics import Diagnostic, Severity, sort_key
from paved.generator.core.gitfacts import FileHistory, GitFacts
from paved.generator.core.load.types import LoadedRepository
from paved.generator.core.model import Platform
from paved.generator.core.render.types import Page, PageKind

NavItem = str | dict[str, Any]

# Hand-written sections first in the order a newcomer needs them; unknown folders follow
# alphabetically. Generated sections (products, decisions, catalogue, ...) come from
# ``nav_sections`` and sit between the two groups.
_DOC_SECTIONS_FIRST = ("get-started", "access", "data", "operations")

# The public modules documented in the API reference: the contracts other code builds on.
# Internal modules stay out so the reference (and the build) stays small.
REFERENCE_MODULES: dict[str, tuple[str, ...]] = {
    "paved.generator": (
        "paved.generator.core.api",
        "paved.generator.core.diagnostics",
        "paved.generator.core.model",
        "paved.generator.core.load.types",
        "paved.generator.core.render.types",
        "paved.generator.core.gitfacts",
    ),
    "paved.bot": (
        "paved.bot",
        "paved.bot.settings",
        "paved.bot.service",
        "paved.bot.slack_app",
        "paved.bot.answer.engine",
        "paved.bot.answer.types",
        "paved.bot.store.types",
        "paved.bot.store.base",
        "paved.bot.notify",
    ),
}

_MAX_CONTRIBUTORS = 8


def format_diagnostics(diagnostics: Sequence[Diagnostic], files: int | None = None) -> str:
    """The diagnostics in reporting order, exactly as ``paved validate`` prints them
    (with its summary line when the number of files read is known)."""
    from paved.generator.report import text

    ordered = sorted(diagnostics, key=sort_key)
    if files is not None:
        return text.render(ordered, files).rstrip("\n")
    return "\n".join(text.format_diagnostic(d) for d in ordered)


def files_read(loaded: LoadedRepository) -> int:
    """How many files validation read (the text reporter's summary counts them)."""
    sheet_files = {sheet.path for sheet in loaded.sheets.values()}
    return len(loaded.wids) + len(loaded.adrs) + len(loaded.docs) + len(sheet_files)


def error_page(diagnostics: Sequence[Diagnostic], files: int | None = None) -> str:
    """The home page ``paved serve`` shows while the repository does not validate."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    text = html.escape(format_diagnostics(diagnostics, files))
    return (
        "---\ntitle: Validation failed\nhide:\n  - feedback\n---\n\n"
        "# Validation failed\n\n"
        f'<p class="paved-error-summary">The repository has {errors} error(s) and '
        f"{warnings} warning(s). Fix them and save: this page reloads by itself.</p>\n\n"
        f'<pre class="paved-diagnostics"><code>{text}</code></pre>\n'
    )


def folder_title(folder: str) -> str:
    """``get-started`` → ``Get started``."""
    words = folder.replace("_", "-").split("-")
    return " ".join(words).capitalize()


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


def normalize_nav(sections: Any) -> list[NavItem]:
    """Turn what ``nav_sections`` returns into MkDocs ``nav`` entries.

    Accepts MkDocs-shaped entries (``str`` or ``{title: uri | [...]}``), ``(title, target)``
    pairs, or objects with ``title`` and ``src_uri``/``items`` attributes.
    """
    items: list[NavItem] = []
    for entry in sections or ():
        if isinstance(entry, str):
            items.append(entry)
        elif isinstance(entry, Mapping):
            items.extend({str(k): _nav_target(v)} for k, v in entry.items())
        elif isinstance(entry, tuple) and len(entry) == 2:
            items.append({str(entry[0]): _nav_target(entry[1])})
        elif hasattr(entry, "title"):
            target = (
                getattr(entry, "items", None)
                or getattr(entry, "children", None)
                or getattr(entry, "pages", None)
                or getattr(entry, "src_uri", None)
                or getattr(entry, "uri", None)
            )
            if target is not None:
                items.append({str(entry.title): _nav_target(target)})
    return items


def _nav_target(target: Any) -> str | list[NavItem]:
    if isinstance(target, str):
        return target
    if isinstance(target, Page):
        return target.src_uri
    return normalize_nav(target)


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


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the page footer shows: dates (YYYY-MM-DD) and contributors."""

    created: str | None
    updated: str | None
    contributors: tuple[str, ...]

    def as_meta(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "contributors": list(self.contributors),
        }


def source_paths(page: Page | None, doc_path: str | None, platform: Platform) -> list[str]:
    """The repository files a page is made from: its git history is theirs.

    ``doc_path`` is the repository path of a hand-written page. Index pages stand for a
    whole folder (prefix ending with '/'); the home page for all content.
    """
    if page is None:
        return [doc_path] if doc_path else []
    subject = page.subject_id or ""
    if page.kind is PageKind.PRODUCT and subject in platform.products:
        return [platform.products[subject].path]
    if page.kind is PageKind.DECISION and subject in platform.decisions:
        return [platform.decisions[subject].path]
    if page.kind in (PageKind.DOMAIN, PageKind.CUSTODIAN, PageKind.SYSTEM):
        return ["custodians/"]
    if page.src_uri.startswith("products/"):
        return ["wids/"]
    if page.src_uri.startswith("decisions/"):
        return ["adrs/"]
    if page.src_uri.startswith("catalogue/"):
        return ["custodians/"]
    return ["wids/", "adrs/", "custodians/"]


def page_facts(git: GitFacts, paths: Sequence[str]) -> PageFacts:
    """Earliest creation, latest update and most frequent contributors over ``paths``
    (a path ending in '/' stands for every file under it)."""
    histories: list[FileHistory] = []
    for path in paths:
        if path.endswith("/"):
            histories.extend(h for p, h in git.files.items() if p.startswith(path))
        elif path in git.files:
            histories.append(git.files[path])
    created = [h.created for h in histories if h.created]
    updated = [h.updated for h in histories if h.updated]
    counts: Counter[str] = Counter()
    for history in histories:
        counts.update(history.contributors)
    return PageFacts(
        created=_day(min(created, key=_instant)) if created else None,
        updated=_day(max(updated, key=_instant)) if updated else None,
        contributors=tuple(name for name, _ in counts.most_common(_MAX_CONTRIBUTORS)),
    )


def _instant(iso: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _day(iso: str) -> str:
    return iso[:10]


def review_due(review_by: object, today: dt.date) -> str | None:
    """The ``review_by`` date (YYYY-MM-DD) when it is past, else ``None``.

    YAML may hand the value over as a date, a datetime or a string; anything that is not
    a date is ignored here (validation reports it).
    """
    if isinstance(review_by, dt.datetime):
        day = review_by.date()
    elif isinstance(review_by, dt.date):
        day = review_by
    elif isinstance(review_by, str):
        try:
            day = dt.date.fromisoformat(review_by.strip()[:10])
        except ValueError:
            return None
    else:
        return None
    return day.isoformat() if day < today else None
