"""What the plugin adds to the pages MkDocs builds: git facts (created, updated,
contributors), the owner, "needs review" banners, the generated pages' cards and lifted
HTML blocks, and what the feedback widget needs.

``PageAdditions`` does it hook by hook; the rest are plain functions over plain values,
testable without running MkDocs (the way mkdocs-gen-files and mkdocs-literate-nav keep
their logic out of their hooks).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import secrets
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from paved.generator.core.git_memo import GitMemo
from paved.generator.core.gitfacts import FileHistory, GitFacts
from paved.generator.core.model import Platform
from paved.generator.core.render import paths
from paved.generator.core.render.escape import web_url
from paved.generator.core.render.types import Page, PageKind
from paved.generator.mkdocs_plugin.blocks import (
    Formatter,
    lift,
    put_back_for_search,
    restore_card,
)
from paved.generator.mkdocs_plugin.heavy import restore, set_aside
from paved.generator.mkdocs_plugin.sanitize import sanitize
from paved.generator.mkdocs_plugin.theme_settings import is_theme_icon

if TYPE_CHECKING:
    from paved.generator.core.diff.run import Loaded

_MAX_CONTRIBUTORS = 8
# Pages the templates write whole (no author text): their fences are drawn before
# conversion and their HTML blocks lifted (see ``.blocks``).
_WHOLE = (PageKind.SYSTEM, PageKind.DATASET)

# What Material's "Was this page helpful?" widget shows when the site does not configure
# its own ratings; ``data`` is the rating sent to the feedback API (1 helpful, 0 not).
DEFAULT_FEEDBACK: dict[str, Any] = {
    "title": "Was this page helpful?",
    "ratings": [
        {
            "icon": "material/thumb-up-outline",
            "name": "This page was helpful",
            "data": 1,
            "note": "Thanks for your feedback!",
        },
        {
            "icon": "material/thumb-down-outline",
            "name": "This page could be improved",
            "data": 0,
            "note": "Thanks for your feedback! What was missing or wrong?",
        },
    ],
}


def configure_feedback(config: MkDocsConfig, option: str) -> str:
    """Show Material's feedback widget only when there is somewhere to send it: the
    plugin's ``feedback_url`` option, else ``extra.paved.feedback_url``. Returns it."""
    paved_extra = config.extra.get("paved") or {}
    feedback_url = option or str(paved_extra.get("feedback_url") or "")
    config.extra["paved"] = {**paved_extra, "feedback_url": feedback_url}
    analytics = dict(config.extra.get("analytics") or {})
    if not feedback_url:
        analytics.pop("feedback", None)
        if analytics.get("provider") == "custom":
            analytics.pop("provider")
    else:
        analytics.setdefault("provider", "custom")
        analytics["feedback"] = inert_feedback(analytics.get("feedback") or DEFAULT_FEEDBACK)
    config.extra["analytics"] = analytics or None
    return feedback_url


def inert_feedback(feedback: object) -> dict[str, Any]:
    """``extra.analytics.feedback`` (mkdocs.yml, contributed like any file) as Material's
    widget may place it: Material writes the title, each rating's name (an attribute),
    data (an attribute) and note into every page unescaped, so they are escaped here,
    once; an icon that is not a theme icon name (``../..``) is the default one."""
    given = feedback if isinstance(feedback, Mapping) else DEFAULT_FEEDBACK
    defaults = DEFAULT_FEEDBACK["ratings"]
    ratings = []
    for index, rating in enumerate(given.get("ratings") or []):
        if not isinstance(rating, Mapping):
            continue
        default = defaults[min(index, len(defaults) - 1)]
        icon = str(rating.get("icon") or "")
        ratings.append(
            {
                **{
                    key: html.escape(str(rating.get(key, default[key])))
                    for key in ("name", "data", "note")
                },
                "icon": icon if is_theme_icon(icon) else default["icon"],
            }
        )
    return {
        **given,
        "title": html.escape(str(given.get("title") or DEFAULT_FEEDBACK["title"])),
        "ratings": ratings,
    }


class PageAdditions:
    """What one build adds to its pages, hook by hook: ``annotate`` and ``lift`` before
    conversion, ``content`` after it (before search reads the page), ``context`` before
    the theme renders it."""

    def __init__(
        self,
        *,
        root: Path = Path(),
        platform: Platform | None = None,
        git: GitFacts | None = None,
        generated: Mapping[str, Page] | None = None,
        formatters: Mapping[str, Formatter] | None = None,
        feedback_url: str = "",
        problems: int = 0,
    ) -> None:
        self.root = root
        self.platform = platform or Platform()
        self.git = git or GitFacts.empty()
        # The generated pages by ``src_uri``.
        self.generated: Mapping[str, Page] = generated or {}
        # The site's superfences formatters, to draw a system page's fences with.
        self.formatters: Mapping[str, Formatter] = formatters or {}
        self.feedback_url = feedback_url
        # Validation problems that block the build (``serve`` shows a banner).
        self.problems = problems
        # Index and catalogue pages share folder-wide facts: each set computed once.
        self._facts: dict[tuple[str, ...], PageFacts] = {}
        # HTML blocks kept out of Python-Markdown, of the card and of heavy blocks kept
        # from search's parser, between the hooks (see ``.blocks`` and ``.heavy``).
        self._lifted: dict[str, list[str]] = {}
        self._cards: dict[str, str] = {}
        self._set_aside: dict[str, list[str]] = {}

    def hand_over_markdown(self) -> None:
        """The generated pages' Markdown now lives in MkDocs' files only: the records
        keep what the hooks read (kind, owner, source...), so that each page's text can
        be freed once MkDocs has read it (``release_source``)."""
        self.generated = {
            src_uri: replace(page, markdown="") for src_uri, page in self.generated.items()
        }

    def release_source(self, page: MkDocsPage) -> None:
        """MkDocs has read the generated page's Markdown: its file need not keep it. A
        large portal's generated Markdown is some 240 MB, held otherwise by every process
        to the end of the build."""
        file = page.file
        if file.generated_by is not None and file.src_uri in self.generated:
            file.content_string = ""

    def annotate(self, page: MkDocsPage, config: MkDocsConfig) -> None:
        """Git facts, owner, review and validation banners into ``page.meta``: all that
        a page is made from besides its Markdown (``paved serve`` compares it)."""
        src_uri = page.file.src_uri
        generated = self.generated.get(src_uri)
        is_hand_written = page.file.generated_by is None
        doc_path = self._repo_path(config, src_uri) if is_hand_written else None
        sources = tuple(source_paths(generated, doc_path, self.platform))
        facts = self._facts.get(sources)
        if facts is None:
            facts = self._facts[sources] = page_facts(self.git, sources)
        page.meta["paved_git"] = facts.as_meta()
        owner = generated.owner if generated else page.meta.get("owner")
        page.meta["paved_owner"] = owner
        page.meta.update(owner_meta(owner, self.platform))
        if generated is not None:
            url = edit_url(config, self.root, edit_source(generated, self.platform))
            if url:
                page.edit_url = url
            if generated.wide:  # one wide table and no headings to list: use the room
                page.meta["hide"] = sorted({*page.meta.get("hide", ()), "toc"})
        if page.edit_url:
            # MkDocs joins the file's path as it is: a '"' or '<' in a file name would
            # end the theme's href="..." and start markup of the author's.
            page.edit_url = quote(page.edit_url, safe=_URL_CHARACTERS)
        if page.edit_url and not web_url(page.edit_url):
            page.edit_url = None  # MkDocs joins edit_uri as given ("javascript:...")
        if is_hand_written:
            due = review_due(page.meta.get("review_by"), dt.date.today())
            if due is not None:
                page.meta["paved_review"] = {"due": due, "owner": owner}
        if self.problems and src_uri != "index.md":
            page.meta["paved_invalid"] = self.problems

    def inputs(self, src_uri: str, config: MkDocsConfig) -> tuple[object, ...] | None:
        """What ``annotate``, ``lift`` and ``context`` take for the generated page
        ``src_uri`` besides its Markdown and front matter (which are its text): with the
        text, they make the page's HTML, so a page whose text and inputs are the last
        build's is that build's page (``paved serve`` keeps it unread). ``None`` for a
        page the plugin does not generate (its metadata comes from its front matter)."""
        generated = self.generated.get(src_uri)
        if generated is None:
            return None
        sources = tuple(source_paths(generated, None, self.platform))
        facts = self._facts.get(sources)
        if facts is None:
            facts = self._facts[sources] = page_facts(self.git, sources)
        return (
            generated.kind.value,
            generated.subject_id,
            generated.owner,
            generated.wide,
            facts.as_meta(),
            owner_meta(generated.owner, self.platform),
            edit_url(config, self.root, edit_source(generated, self.platform)),
            self.problems if src_uri != "index.md" else 0,
            self.feedback_url,
        )

    def lift(self, markdown: str, page: MkDocsPage) -> str:
        """A generated page's HTML head (and a system page's fences, drawn) lifted out of
        its Markdown until ``content`` puts them back: a function of the Markdown, the
        page's kind and the site's fence formatters alone."""
        src_uri = page.file.src_uri
        generated = self.generated.get(src_uri)
        if generated is not None:
            # A system or dataset page is written whole by its template: its fences can
            # be drawn.
            drawn = self.formatters if generated.kind in _WHOLE else None
            markdown, lifted = lift(markdown, drawn)
            if lifted:
                self._lifted[src_uri] = lifted
                if generated.kind is PageKind.DATASET:
                    markdown = as_tokens(markdown)
        return markdown

    def content(self, html: str, page: MkDocsPage) -> str:
        """The converted page sanitised, the lifted blocks back into it (the card as text,
        for search to index), and the heavy blocks set aside until search has read it."""
        src_uri = page.file.src_uri
        _escape_name_title(page)
        # Everything Markdown produced, contributed or not, is rebuilt from the allow-list;
        # the lifted blocks (generated by escaping templates) come back after it.
        html = sanitize(html)
        html = from_tokens(html)
        html, card = put_back_for_search(html, self._lifted.pop(src_uri, []))
        if card:
            self._cards[src_uri] = card
        light, blocks = set_aside(html)
        if blocks:
            self._set_aside[src_uri] = blocks
        return light

    def context(self, context: TemplateContext, page: MkDocsPage) -> TemplateContext:
        """Search has read the page: heavy blocks and the card back; the feedback widget's
        routing into the template context."""
        src_uri = page.file.src_uri
        blocks = self._set_aside.pop(src_uri, None)
        if blocks and page.content is not None:
            page.content = restore(page.content, blocks)
        card = self._cards.pop(src_uri, "")
        if card and page.content is not None:
            page.content = restore_card(page.content, card)
        generated = self.generated.get(src_uri)
        # Read by overrides/partials/integrations/analytics/custom.html: what the feedback
        # API needs to route a rating to the page's owner.
        extra_context = cast(dict[str, Any], context)
        extra_context["paved_feedback"] = {
            "url": self.feedback_url,
            "page": src_uri,
            "owner": page.meta.get("paved_owner") or "",
            "kind": generated.kind.value if generated else "doc",
            "subject": (generated.subject_id if generated else None) or "",
        }
        return context

    def _repo_path(self, config: MkDocsConfig, src_uri: str) -> str | None:
        """The repository-relative path of a hand-written page (git knows it by that)."""
        docs_dir = Path(config.docs_dir).resolve()
        try:
            return (docs_dir / src_uri).relative_to(self.root).as_posix()
        except ValueError:
            return None


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
    if page.kind is PageKind.DATASET and page.source:
        return [page.source]
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


# A dataset page's lifted blocks wait in the Markdown as plain-text paragraphs rather
# than the HTML comments ``.blocks`` leaves: Python-Markdown's raw-HTML parser handles
# each comment with a scan from the top of the page, a third of the conversion of the
# 10,000 dataset pages of a large catalogue. The token carries a per-process random
# part, so contributed text (a description) can never be taken for one.
_NONCE = secrets.token_hex(8)
_COMMENT_LINE = re.compile(r"^<!--paved-html:(\d+)-->$", re.MULTILINE)
_TOKEN_PARAGRAPH = re.compile(rf"<p>paved{_NONCE}x(\d+)</p>")


def as_tokens(markdown: str) -> str:
    """The placeholders of lifted blocks as paragraphs of one token each."""
    return _COMMENT_LINE.sub(lambda m: f"paved{_NONCE}x{m.group(1)}", markdown)


def from_tokens(html: str) -> str:
    """The converted tokens back as the placeholders ``.blocks`` puts the blocks at."""
    return _TOKEN_PARAGRAPH.sub(lambda m: f"<!--paved-html:{m.group(1)}-->", html)


def owner_meta(owner: object, platform: Platform) -> dict[str, str]:
    """How the page footer shows the owner: a custodian's name linking to their page
    (``paved_owner_url``, site-relative), an email as a ``mailto:`` link, else nothing
    (the template then prints the owner as written)."""
    if not isinstance(owner, str) or not owner.strip():
        return {}
    custodian = platform.custodians.get(owner.strip())
    if custodian is not None:
        return {
            "paved_owner_name": custodian.name or custodian.id,
            "paved_owner_url": paths.url_of(paths.custodian(custodian.id)),
        }
    text = owner.strip()
    if "@" in text and " " not in text:
        return {
            "paved_owner_name": text,
            "paved_owner_mailto": "mailto:" + quote(text, safe="@.+-_~"),
        }
    return {}


def edit_source(page: Page, platform: Platform) -> str:
    """The repository path a generated page is made from: its file when it has one,
    else the folder it stands for ("" for the whole repository: the home page)."""
    if page.source:
        return page.source
    subject = page.subject_id or ""
    if page.kind is PageKind.PRODUCT and subject in platform.products:
        return platform.products[subject].path
    if page.kind is PageKind.DECISION and subject in platform.decisions:
        return platform.decisions[subject].path
    sheet = {PageKind.DOMAIN: "domains", PageKind.CUSTODIAN: "custodians"}.get(page.kind)
    if sheet and sheet in platform.sheet_paths:
        return platform.sheet_paths[sheet]
    for prefix, folder in (("products/", "wids/"), ("decisions/", "adrs/")):
        if page.src_uri.startswith(prefix):
            return folder
    if page.src_uri.startswith("catalogue/"):
        return "custodians/"
    return ""


# What a browser can edit in place; other files (workbooks) and folders are opened for
# viewing instead (GitHub, GitLab and Gitea all name the views this way).
_EDITABLE = (".md", ".markdown", ".csv", ".yml", ".yaml", ".json", ".txt")
#: What a URL may hold as it is (RFC 3986's reserved and unreserved characters, and '%'
#: of the escapes already in it); anything else is percent-encoded.
_URL_CHARACTERS = ":/?#[]@!$&'()*+,;=%~"


def _escape_name_title(page: MkDocsPage) -> None:
    """A page with neither a ``title:`` nor a first ``# heading`` is named by MkDocs after
    its file (``q"><img ...>.md``), and the theme writes that title raw into every
    page's navigation, the search index and the page itself. Converted, the page knows
    where its title came from: one from the file name goes into ``meta`` escaped, as
    ``safe_meta`` escapes a front matter title (a heading's is already HTML)."""
    if "title" in page.meta or page.is_homepage:
        return
    named = page.file.name.replace("-", " ").replace("_", " ")
    if named.lower() == named:
        named = named.capitalize()  # as MkDocs' Page.title derives it
    if page.title == named:
        page.meta["title"] = html.escape(named, quote=True)


def edit_url(config: MkDocsConfig, root: Path, source: str) -> str | None:
    """ "Edit this page" for a generated page: ``repo_url`` + ``edit_uri`` as MkDocs
    builds it for a hand-written page, pointed from ``docs_dir`` to ``source``
    (``edit_uri`` names the docs folder; ``../`` segments leave it, resolved by
    ``urljoin``). A folder or a workbook gets the ``tree``/``blob`` view instead of
    ``edit``. ``None`` without ``repo_url`` and ``edit_uri`` (or with only an
    ``edit_uri_template``, whose placeholders name docs files only)."""
    repo_url = config.repo_url or ""
    edit_uri = config.edit_uri or ""
    if not repo_url or not edit_uri or edit_uri.startswith(("?", "#")):
        return None
    return _edit_url(repo_url, edit_uri, str(config.docs_dir), str(root), source)


# Thousands of generated pages share a source (a catalogue sheet, a folder): each URL
# is made once per build (0.2 s of relpath and urljoin on a medium portal's pages).
@lru_cache(maxsize=4096)
def _edit_url(repo_url: str, edit_uri: str, docs_dir: str, root: str, source: str) -> str | None:
    docs_rel = _docs_folder(docs_dir, root)
    if docs_rel is None:
        return None
    rel = posixpath.relpath(source.rstrip("/") or ".", docs_rel)
    if source.endswith("/") or source == "":
        rel += "/"
    base = repo_url if repo_url.endswith("/") else repo_url + "/"
    url = urljoin(base, edit_uri + quote(rel, safe="/._-~"))
    if not source.lower().endswith(_EDITABLE):
        view = "tree" if rel.endswith("/") else "blob"
        url = url.replace("/edit/", f"/{view}/", 1)
    return url if web_url(url) else None


@lru_cache(maxsize=16)
def _docs_folder(docs_dir: str, root: str) -> str | None:
    """``docs_dir`` relative to the repository root (once per build, not per page)."""
    try:
        return Path(docs_dir).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return None


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


def what_changed(
    root: Path, work_tree: Loaded | None = None, history: GitMemo | None = None
) -> list[Page]:
    """The "What changed" page: the last merges with their ``paved diff`` changes
    (``PAVED_CHANGES_COUNT`` merges, default 10; 0 leaves the page out). ``work_tree``:
    the model the build read from ``root``, so that a commit with the same files is not
    read again (``recent_merges``); ``history`` (``paved serve``): the merges kept while
    ``HEAD`` is the same commit."""
    import os

    from paved.generator.core.diff.history import DEFAULT_COUNT, recent_merges
    from paved.generator.core.render.changes import render_changes

    raw = os.environ.get("PAVED_CHANGES_COUNT", "").strip()
    count = int(raw) if raw.isdigit() else DEFAULT_COUNT
    if count == 0:
        return []
    merges = (history or GitMemo()).get(
        f"merges-{count}", lambda: recent_merges(root, count, work_tree=work_tree)
    )
    return [render_changes(merges)]
