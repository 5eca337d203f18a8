"""The MkDocs side of a build shared among processes (``.parallel``).

``.parallel`` knows processes, pipes and claims; this module knows MkDocs: which
pages may be claimed, what a page leaves behind for the site-wide steps (search entries,
anchors), and how the parent folds the workers' pages back in before MkDocs validates
anchors and Material writes the search index.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from paved.generator.mkdocs_plugin.speed.parallel import (
    PageReport,
    Team,
    forget_quiet_skips,
    merge_search_entries,
    skip_template_loader,
    start,
    usable_cpus,
)

log = logging.getLogger("mkdocs.plugins.paved")

# ``jobs: 0`` means one process per CPU, but no more than this: each worker's copy of
# the pages it touches costs memory, and past a few processes the serial start
# (validation, rendering) is most of the build anyway. ``--jobs N`` goes higher.
AUTO_JOBS_MAX = 4

# Plugins known to keep nothing per page that another page needs, beyond what the team
# hands back (search entries, anchors). Another plugin (a tags index, a blog, a hook)
# may gather every page: with one of those, ``jobs: 0`` builds in one process.
SHARE_SAFE_PLUGINS = frozenset({"search", "material/search", "paved", "mkdocstrings", "autorefs"})


def only_share_safe_plugins(config: MkDocsConfig) -> bool:
    """Whether every plugin of the build is one of ``SHARE_SAFE_PLUGINS``: then nothing
    reads a page's HTML once the page is written (search has its entries by then)."""
    return set(config.plugins) <= SHARE_SAFE_PLUGINS


def indexing_search(config: MkDocsConfig) -> Any:
    """The enabled search plugin, if any (Material's, or MkDocs' own)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not getattr(plugin, "config", {}).get("enabled", True):
        return None
    return plugin


def search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """Material's search index entries, or None when no search plugin indexes pages."""
    entries = getattr(getattr(indexing_search(config), "search_index", None), "entries", None)
    return entries if isinstance(entries, list) else None


def _search_supported(config: MkDocsConfig) -> bool:
    """A search plugin whose entries we cannot merge means: build in one process."""
    return indexing_search(config) is None or search_entries(config) is not None


@dataclass
class SharedBuild:
    """Per-build bookkeeping of one process of the team."""

    order: list[str] = field(default_factory=list)
    last_page: str = ""
    files: Files | None = None
    own_entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    own_pages: dict[str, MkDocsPage] = field(default_factory=dict)
    mark: int = 0
    # Where a worker's site-wide writes go (theme templates, other plugins' files such as
    # mkdocstrings' inventory): the parent writes the real ones.
    scratch: str = ""
    in_nav: set[str] = field(default_factory=set)
    # Every file in MkDocs' own order, while the pages are converted in another
    # (``convert_largest_first``); put back before anything is written.
    files_order: list[File] = field(default_factory=list)

    def convert_largest_first(self, files: Files, claimable: Collection[str]) -> None:
        """Every process converts the pages in the same order: this process's own pages
        first, then the claimable ones from the longest Markdown down, the last page
        last. The processes meet once all pages are converted (the titles exchange), and
        in MkDocs' order the longest pages come last (the tags page, 0.16 s of a 0.7 s
        share on 500 decisions): whoever claimed one kept the others waiting for it.
        Longest first, the last page claimed is a short one. Only the conversion order
        changes: ``restore_order`` puts MkDocs' back before any page is built or any
        file written, and the search index is merged in MkDocs' order."""
        self.files_order = list(files)
        # A set: ``order`` is a list, and a member test per file was quadratic (12,400
        # pages: 1.3 s in every process of a large build, profiled).
        ordered = set(self.order)
        pages = [f for f in self.files_order if f.src_uri in ordered]
        shared = {src_uri for src_uri in self.order[:-1] if src_uri in claimable}
        own = [f for f in pages if f.src_uri not in shared and f.src_uri != self.last_page]
        by_size = sorted(
            (f for f in pages if f.src_uri in shared), key=_markdown_length, reverse=True
        )
        last = [f for f in pages if f.src_uri == self.last_page]
        _reorder(files, [*own, *by_size, *last])

    def restore_order(self, files: Files) -> None:
        """MkDocs' own order of the files again (``convert_largest_first``)."""
        if self.files_order:
            _reorder(files, self.files_order)
            self.files_order = []

    def before_building(self, team: Team, env: Any, files: Files, config: MkDocsConfig) -> None:
        """Between conversion and building: skipped pages render empty, a worker writes
        only its pages, and every process learns the titles of the navigation's pages
        that others converted (each renders the whole navigation)."""
        env.loader = skip_template_loader(env.loader)
        self.restore_order(files)
        self.files = files
        copied_by_worker = _worker_copies(files, config) if team.size > 1 else set()
        if not team.is_parent:
            # Pages keep their destinations (computed when the files were listed).
            config.site_dir = self.scratch
            config.theme.static_templates.clear()
            config.extra_templates = []
            for file in files:
                if not file.is_documentation_page() and (
                    team.index != 1 or file.src_uri not in copied_by_worker
                ):
                    file.inclusion = InclusionLevel.EXCLUDED
        else:
            for file in files:
                if file.src_uri in copied_by_worker:
                    file.inclusion = InclusionLevel.EXCLUDED
        converted = {
            src_uri: page.title
            for src_uri in self.in_nav
            if src_uri not in team.skipped
            and (page := _page(files, src_uri)) is not None
            and page.title is not None
        }
        for src_uri, title in team.exchange_titles(converted).items():
            page = _page(files, src_uri)
            if src_uri in team.skipped and page is not None:
                page.meta["title"] = title

    def built(self, page: MkDocsPage, entries: list[dict[str, Any]] | None) -> None:
        """After search has read a page this process built: keep its entries."""
        src_uri = page.file.src_uri
        self.own_pages[src_uri] = page
        if entries is not None:
            self.own_entries[src_uri] = entries[self.mark :]
            self.mark = len(entries)

    def finish(self, team: Team, entries: list[dict[str, Any]] | None) -> None:
        """At the last page: a worker reports and exits; the parent folds it all in."""
        if not team.is_parent:
            team.report(
                {
                    src_uri: PageReport(
                        search_entries=self.own_entries.get(src_uri, []),
                        present_anchor_ids=page.present_anchor_ids,
                        links_to_anchors=_anchor_links_by_path(page),
                    )
                    for src_uri, page in self.own_pages.items()
                }
            )
        forget_quiet_skips()
        gc.unfreeze()
        try:
            reports = team.collect()
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
        assert self.files is not None
        for report in reports:
            for src_uri, page_report in report.pages.items():
                _restore_anchors(self.files, src_uri, page_report)
        if entries is not None:
            entries[:] = merge_search_entries(self.order, self.own_entries, reports)

    def abandon(self, team: Team, error: Exception) -> None:
        """The build failed in this process: a worker says why; the parent stops them."""
        if not team.is_parent:
            team.fail(error)
        forget_quiet_skips()
        gc.unfreeze()
        team.reap(kill=True)
        shutil.rmtree(self.scratch, ignore_errors=True)


def _worker_copies(files: Files, config: MkDocsConfig) -> set[str]:
    """The static files (the theme's assets, Paved's, the docs' images...) that the
    first worker copies instead of the parent, at the start of its share of the pages:
    the parent has the site-wide files to write after its pages (the theme's 404 page,
    the sitemap, the search index), and copying the ~170 assets of a portal (25 MB with
    Mermaid's chunks) was 0.12 s CPU and more of I/O on its side alone. Only files
    copied from disk: one held in memory may still be filled by the parent after the
    fork (``api/sections.json``).

    MkDocs copies static files first so that a page or a theme template written to the
    same path wins; a file whose destination is also a page's or a template's stays
    with the parent, which copies it before writing those, as MkDocs does."""
    site_dir = config.site_dir
    templates = [*config.theme.static_templates, *config.extra_templates]
    written = {os.path.normpath(Path(site_dir, name)) for name in templates}
    written |= {f"{path}.gz" for path in written}
    copies = []
    for file in files:
        if file.is_documentation_page():
            written.add(os.path.normpath(file.abs_dest_path))
        elif (
            file.abs_src_path is not None  # copied from disk: content the parent may set
            # after the fork (``api/sections.json``) stays with the parent
            and file.src_uri not in config.extra_templates
            and file.inclusion.value > InclusionLevel.DRAFT.value  # included: MkDocs copies it
        ):
            copies.append(file)
    return {f.src_uri for f in copies if os.path.normpath(f.abs_dest_path) not in written}


def _markdown_length(file: File) -> int:
    """A generated page's Markdown length (its conversion's cost, roughly)."""
    try:  # a generated page's Markdown is a str: no copy
        return len(file.content_string) if file.generated_by is not None else 0
    except (OSError, UnicodeDecodeError):
        return 0


def _reorder(files: Files, ordered: list[File]) -> None:
    """``files`` in the order of ``ordered`` (a subset), the others after them as they
    were. Through ``Files``' own ``remove``/``append``: its order is its iteration."""
    listed = {f.src_uri for f in ordered}
    rest = [f for f in files if f.src_uri not in listed]
    for file in [*ordered, *rest]:
        files.remove(file)
        files.append(file)


def _page(files: Files, src_uri: str) -> MkDocsPage | None:
    file = files.src_uris.get(src_uri)
    return file.page if file is not None else None


def _anchor_links_by_path(page: MkDocsPage) -> dict[str, dict[str, str]] | None:
    if page.links_to_anchors is None:
        return None
    return {file.src_uri: links for file, links in page.links_to_anchors.items()}


def _restore_anchors(files: Files, src_uri: str, report: PageReport) -> None:
    file = files.src_uris.get(src_uri)
    if file is None or file.page is None:
        return
    file.page.present_anchor_ids = report.present_anchor_ids
    if report.links_to_anchors is None:
        file.page.links_to_anchors = None
        return
    links = {}
    for target_uri, anchors in report.links_to_anchors.items():
        target = files.src_uris.get(target_uri)
        if target is not None:
            links[target] = anchors
    file.page.links_to_anchors = links


def team_size(jobs: int, cpus: int) -> int:
    """How many processes share the pages: ``jobs``, or for 0 one per CPU (capped)."""
    return jobs if jobs > 0 else max(1, min(cpus, AUTO_JOBS_MAX))


def start_team(
    jobs: int,
    claimable: Collection[str],
    nav: Navigation,
    files: Files,
    config: MkDocsConfig,
) -> tuple[Team | None, SharedBuild]:
    """Fork the workers, if this build is worth sharing and can be shared.

    ``claimable`` are the pages any process may build (the generated ones); the
    hand-written pages, and the last page of the loop, stay with the parent."""
    shared = SharedBuild()
    size = team_size(jobs, usable_cpus())
    if size < 2 or not _search_supported(config):
        return None, shared
    unknown = sorted(set(config.plugins) - SHARE_SAFE_PLUGINS)
    if jobs == 0 and not only_share_safe_plugins(config):
        log.info(
            "paved: building in one process: %s may need every page in the same process "
            "(paved build --jobs N shares the pages anyway)",
            ", ".join(unknown),
        )
        return None, shared
    pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
    if not pages:
        return None, shared
    shared.order = [f.src_uri for f in pages]
    shared.last_page = shared.order[-1]
    shared.in_nav = {page.file.src_uri for page in nav.pages}
    shared_pages = [src_uri for src_uri in shared.order[:-1] if src_uri in claimable]
    # Objects made so far are never freed before the build ends: keeping the collector
    # off them spares each process copying the pages that hold their headers, and the
    # parent walking them again and again (thawed when the build ends).
    shared.scratch = tempfile.mkdtemp(prefix="paved-worker-")
    gc.freeze()
    team = start(shared_pages, size)
    if team is None:
        gc.unfreeze()
        shutil.rmtree(shared.scratch, ignore_errors=True)
    else:
        shared.convert_largest_first(files, claimable)
    return team, shared
