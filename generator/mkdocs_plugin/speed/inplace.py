"""MkDocs' build, in place (``paved serve``): the previous build's site stays where it
is, and only the pages a change affects go through MkDocs' per-page steps.

``mkdocs.commands.build.build`` reads, converts, renders and writes every page of every
build; with ``PageMemo`` a kept page was still read, keyed and rendered with an empty
template (about a millisecond each: 14 s of a one-WID rebuild of 12,379 pages), and the
previous site was moved aside and its 12,000 kept files moved back. Here, in the same
order of events as MkDocs' build:

- a page the plugin generates whose *source key* (its generated Markdown and the
  plugin's inputs, ``PageAdditions.inputs``) is the previous build's is not read at
  all: it gets its kept title for the navigation, and its file, anchors and search
  entries stay (``PageMemo.skip``); every other page is read and keyed as before
  (``PageMemo.keep``);
- static files are copied only when their source's size or time changed (generated
  ones, such as ``api/platform.json``, are always written);
- the theme's site-wide templates (sitemap, 404), the search index and every plugin's
  ``on_post_build`` run as in a full build, from every page, except that MkDocs'
  sitemap is left as it is when no page's URL or date changed (``.sitemap``);
- files the previous build wrote and this one does not (a deleted or renamed page or
  asset) are removed, with the folders they leave empty.

When nothing can be kept (the first build, ``mkdocs.yml``, the overrides or Paved's
code changed), the previous site is moved aside and deleted in the background, and the
build writes a fresh site: what a full build writes, which the in-place build also
writes byte for byte (``tests/test_incremental_build.py``).
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import Protocol, cast
from urllib.parse import urljoin, urlsplit

import jinja2
import mkdocs.structure.pages
from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page, _AbsoluteLinksValidationValue
from mkdocs.utils import CountHandler

from paved.generator.mkdocs_plugin.speed.memo import PageMemo, _tree_stamps
from paved.generator.mkdocs_plugin.speed.parallel import forget_quiet_skips
from paved.generator.mkdocs_plugin.speed.shared import indexing_search, search_entries
from paved.generator.mkdocs_plugin.speed.sitemap import SITEMAP, sitemap_kept, sitemap_key

log = logging.getLogger("mkdocs.commands.build")
nav_log = logging.getLogger("mkdocs.structure.nav")

#: A static file's source as the previous build copied it: size and modification time.
Stamp = tuple[int, int]


class Inputs(Protocol):
    """What the plugin says a generated page is made from besides its text."""

    def __call__(self, src_uri: str, config: MkDocsConfig) -> object | None: ...


def build_in_place(
    config: MkDocsConfig,
    memo: PageMemo,
    inputs: Callable[[], Inputs | None],
    *,
    serve_url: str | None = None,
) -> None:
    """Build ``config``'s site into its ``site_dir`` over the previous build of this
    ``memo`` (see the module docstring). ``inputs``: the plugin's ``inputs`` for this
    build, asked for once its pages are rendered (None: every page is read)."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    inclusion: Callable[[InclusionLevel], bool] = (
        InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    )
    site = Path(config.site_dir)
    memo.previous_site = site if memo.pages and site.is_dir() else None
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(cast(jinja2.Environment, _ListedOnce(env, config)), config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        _list_pages_once(files)
        memo.canonical_urls = _pages_outside_nav(files, config, memo.canonical_urls)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        if not memo.usable:  # nothing kept: a fresh site, as a full build writes it
            memo.previous_site = None
            _clear_later(site)
            memo.outputs, memo.stamps = set(), {}

        page_inputs = inputs()  # also when nothing is kept: the next build compares
        excluded = []
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
                if serve_url and file.inclusion.is_excluded():  # type: ignore[no-untyped-call]
                    excluded.append(file.url)
                Page(None, file, config)
            assert file.page is not None
            if page_inputs is not None and file.generated_by is not None:
                made = page_inputs(file.src_uri, config)
                text = file.content_string
                if made is not None and memo.skip(file.page, text, made):
                    continue
            _populate_page(file.page, config, files, False)
        if excluded:
            log.info("Pages built only for the preview (draft_docs): %s", ", ".join(excluded))

        env = config.plugins.on_env(env, config=config, files=files)
        stamps = _copy_static_files(files, inclusion, memo.stamps if memo.usable else {})
        for template in config.theme.static_templates:
            if template == SITEMAP:
                key = sitemap_key(env, files, config)
                if memo.usable and sitemap_kept(site, key, memo.sitemap):
                    continue
                memo.sitemap = None  # until it is written
                _build_theme_template(template, env, files, config, nav)
                memo.sitemap = key
                continue
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)

        doc_files = files.documentation_pages(inclusion=inclusion)
        for file in doc_files:
            assert file.page is not None
            if file.src_uri in memo.skipped:
                continue
            draft = file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
            _build_page(file.page, config, doc_files, nav, env, False, excluded=draft)
        if not memo.finished:  # the last page was skipped: no hook wound the memo up
            forget_quiet_skips()
            memo.finish(files, search_entries(config))
        memo.search_text.install(indexing_search(config), memo.entry_lists)
        log_level = config.validation.links.anchors
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=log_level)

        config.plugins.on_post_build(config=config)
        outputs = {file.dest_uri for file in files if inclusion(file.inclusion)}
        _remove_stale(site, memo.outputs - outputs)
        memo.outputs, memo.stamps = outputs, stamps
        _abort_if_strict(counter)
        log.info("Documentation built in %.2f seconds", time.monotonic() - start)
        _untie(files)
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            log.error(str(error))  # noqa: TRY400 - as MkDocs: its message, no traceback
            raise Abort("Aborted with a BuildError!") from error
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


class _ListedOnce:
    """The theme's environment as ``Files.add_files_from_theme`` uses it: the names of
    the theme's files, listed by Jinja's loader walking every theme folder and matched
    against MkDocs' patterns (Material: thousands of files, 0.2 s of every rebuild of
    the large benchmark), kept while the folders, the overrides' files and the
    patterns' input (``static_templates``) are the same. An installed theme changes
    only when the package is reinstalled, which restarts ``paved serve`` (as
    ``memo._installed_stamp`` assumes); the overrides are stamped every build."""

    #: The last listing: its key and the names.
    last: tuple[object, list[str]] | None = None
    #: Listings made by the loader in this process (for tests).
    listings = 0

    def __init__(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        self.env = env
        custom = config.theme.custom_dir
        self.key = (
            tuple(config.theme.dirs),
            tuple(config.theme.static_templates),
            _tree_stamps([custom] if custom else []),
        )

    def list_templates(self, filter_func: Callable[[str], bool] | None = None) -> list[str]:
        last = _ListedOnce.last
        if last is not None and last[0] == self.key:
            return list(last[1])
        names = self.env.list_templates(filter_func=filter_func)
        _ListedOnce.last = (self.key, list(names))
        _ListedOnce.listings += 1
        return names


def _pages_outside_nav(
    files: Files, config: MkDocsConfig, last: dict[tuple[str, str], tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """The ``Page`` that ``get_navigation`` makes for each documentation file the
    navigation does not name (a generated page: 12,300 of 12,379 on the large
    benchmark), made here with the canonical URL and path of the last build: MkDocs
    joins them with ``urljoin`` and ``urlsplit`` for every page of every build (0.2-
    0.3 s of a one-file rebuild). Everything else is ``Page.__init__``'s own work.
    Returns this build's URLs (``site_url``, page URL → canonical URL, path) for the
    next one. Files the navigation may name are left to ``get_navigation``."""
    if config.nav is None:
        return {}
    relative = (
        config.validation.nav.absolute_links is _AbsoluteLinksValidationValue.RELATIVE_TO_DOCS
    )
    named = _nav_paths(config.nav, relative=relative)
    site_url = config.site_url
    base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    # What ``Page.__init__`` reads of the configuration, but no site URL: it sets
    # both URLs to None, and they are set below.
    settings = cast(
        MkDocsConfig,
        {
            "site_url": None,
            "repo_url": config.repo_url,
            "edit_uri": config.edit_uri,
            "edit_uri_template": config.edit_uri_template,
        },
    )
    urls: dict[tuple[str, str], tuple[str, str]] = {}
    omitted = []
    with _build_date_once():
        made = [
            Page(None, file, settings)
            for file in files.documentation_pages()
            if file.page is None and file.src_uri not in named
        ]
    for page in made:
        file = page.file
        if base:
            key = (base, page.url)
            known = last.get(key)
            if known is None:
                canonical = urljoin(base, page.url)
                known = (canonical, urlsplit(canonical).path)
            urls[key] = known
            page.canonical_url, page.abs_url = known
        if file.inclusion.is_in_nav():  # type: ignore[no-untyped-call]
            omitted.append(file.src_path)
    if omitted:  # as ``get_navigation`` says it of the pages it makes
        nav_log.log(
            config.validation.nav.omitted_files,
            "The following pages exist in the docs directory, but are not "
            'included in the "nav" configuration:\n  - ' + "\n  - ".join(omitted),
        )
    return urls


#: What ``Page.__init__`` calls for its update date (``mkdocs.structure.pages``).
_BUILD_DATE = "get_build_date"


@contextmanager
def _build_date_once() -> Iterator[None]:
    """``Page.__init__`` asks MkDocs for the build's date (``get_build_date``: the
    clock or ``SOURCE_DATE_EPOCH``, formatted) for every page it makes: 12,300 times
    in every rebuild of the large benchmark (0.19 s profiled of a 5 s rebuild), for
    one date. Asked once here, for the pages made inside the block; MkDocs' function is
    back after it (only the build's thread makes pages)."""
    module = mkdocs.structure.pages
    original: Callable[[], str] = getattr(module, _BUILD_DATE)
    date = original()
    setattr(module, _BUILD_DATE, lambda: date)
    try:
        yield
    finally:
        setattr(module, _BUILD_DATE, original)


class _PagesListedOnce:
    """``Files.documentation_pages`` for one build, once its files and their inclusion
    are settled (after ``set_exclusions``): MkDocs, the plugin and this build ask for
    the list eight times a build, each a pass over every file (12,500 on the large
    benchmark: 0.31 s profiled of a 5 s rebuild). Each inclusion's list is made once
    and handed out as a new list; a file added or removed afterwards makes them again.
    """

    #: Lists made by this class in this process (for tests).
    listings = 0

    def __init__(self, files: Files) -> None:
        self.files = files
        self.lists: dict[Callable[[InclusionLevel], bool], list[File]] = {}
        self.append, self.remove = files.append, files.remove

    def documentation_pages(
        self, *, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included
    ) -> Sequence[File]:
        listed = self.lists.get(inclusion)
        if listed is None:
            listed = self.lists[inclusion] = [
                file
                for file in self.files
                if file.is_documentation_page() and inclusion(file.inclusion)
            ]
            _PagesListedOnce.listings += 1
        return list(listed)

    def appended(self, file: File) -> None:
        self.lists.clear()
        self.append(file)

    def removed(self, file: File) -> None:
        self.lists.clear()
        self.remove(file)


def _list_pages_once(files: Files) -> None:
    """``files`` hands out its documentation pages from ``_PagesListedOnce`` for the
    rest of the build (the instance's own methods: a ``Files`` made afresh by the next
    build lists as MkDocs does until this is called on it)."""
    once = _PagesListedOnce(files)
    files.documentation_pages = once.documentation_pages  # type: ignore[method-assign]
    files.append = once.appended  # type: ignore[method-assign]
    files.remove = once.removed  # type: ignore[method-assign]


def _nav_paths(items: object, *, relative: bool) -> set[str]:
    """Every path the configuration's ``nav`` names, as ``get_navigation`` looks each
    up (``relative``: ``/`` is the docs folder), and as written: a superset."""
    found: set[str] = set()
    if isinstance(items, str):
        found.add(items)
        found.add(PurePath(items.lstrip("/") if relative else items).as_posix())
    elif isinstance(items, dict):
        for value in items.values():
            found |= _nav_paths(value, relative=relative)
    elif isinstance(items, list):
        for item in items:
            found |= _nav_paths(item, relative=relative)
    return found


def _untie(files: Files) -> None:
    """The build is written: its pages and files are garbage once the next build starts,
    but they hold one another (a file its page, a page its file, its neighbours and its
    section), so only a full garbage collection would free them, with everything they
    hold. ``paved serve`` freezes the heap between rebuilds and collects it in full
    only now and then (``rebuild.IncrementalBuilder``): cut the links, and reference
    counting frees each build's pages as soon as the next one replaces them."""
    for file in files:
        page = file.page
        if page is not None:
            page.parent = None
            page.previous_page = page.next_page = None
            file.page = None


def _abort_if_strict(counter: CountHandler) -> None:
    """``strict: true``: warnings stop the build, as in MkDocs' own."""
    if counts := counter.get_counts():
        message = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
        raise Abort(f"Aborted with {message} in strict mode!")


def _copy_static_files(
    files: Files, inclusion: Callable[[InclusionLevel], bool], previous: dict[str, Stamp]
) -> dict[str, Stamp]:
    """Copy the static files whose source changed since ``previous`` (or whose copy is
    missing); a generated one (its content in memory) is always written. Returns the
    stamps of the sources copied now."""
    stamps: dict[str, Stamp] = {}
    for file in files:
        if file.is_documentation_page() or not inclusion(file.inclusion):
            continue
        stamp = _stamp(file)
        if stamp is not None:
            stamps[file.dest_uri] = stamp
            if previous.get(file.dest_uri) == stamp and Path(file.abs_dest_path).is_file():
                continue
        file.copy_file(dirty=False)
    return stamps


def _stamp(file: File) -> Stamp | None:
    """None for a file whose content is in memory (written every build). A generated
    file with a source on disk (Paved's scripts, the Mermaid bundle: hundreds of files)
    is copied only when that source changed, as a theme's file is."""
    if file.abs_src_path is None or getattr(file, "_content", None) is not None:
        return None
    try:
        stat = Path(file.abs_src_path).stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _remove_stale(site: Path, dest_uris: set[str]) -> None:
    """The files of the previous build that this one did not write, and the folders
    they leave empty (never above ``site``)."""
    folders: set[Path] = set()
    for dest_uri in dest_uris:
        path = site / dest_uri
        path.unlink(missing_ok=True)
        folders.add(path.parent)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        while folder != site and site in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                break  # not empty (or already gone): its parents are not empty either
            folder = folder.parent


def _clear_later(site: Path) -> None:
    """An empty ``site`` now; its old content deleted in a background thread (removing
    thousands of folders took seconds of a rebuild on a busy machine)."""
    if not site.exists():
        return
    if not any(site.iterdir()):
        return
    aside = site.with_name(f"{site.name}.previous-{time.monotonic_ns()}")
    site.rename(aside)
    site.mkdir()
    threading.Thread(target=shutil.rmtree, args=(aside, True), daemon=True).start()
