"""Pages kept from the previous build (``paved serve``): a page whose every input is
unchanged is neither converted nor rendered again.

MkDocs' own ``serve`` rebuilds every page on every save (24 s for one WID's title on the
large benchmark). Here each page gets a *key*: a digest of everything its HTML is made
from once the plugin has added its part: the Markdown (after the plugin's additions),
the page's metadata (git facts, owner, banners), its paths and edit link, and a
*site signature* of what every page shares: ``mkdocs.yml``, the theme's and the
overrides' templates, Paved's own code, the configuration's values, every file's path
and URL and the navigation's shape. A page whose key is the previous build's is
rendered with an empty template (MkDocs writes nothing) and its previous output file,
search entries, anchors and title are used instead; ``paved serve`` moves the file into
the new site. Titles are compared after conversion: the navigation in every page shows
them, so a changed title means every page is built again (``RebuildAll``).

The result is byte for byte the site a full build writes (``tests/test_incremental_
build.py`` compares them after random edit sequences); with a plugin that gathers pages
across the site (a blog, a tags index) the memo stays off.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from paved.generator.mkdocs_plugin.speed.parallel import SKIP_TEMPLATE, PageReport
from paved.generator.mkdocs_plugin.speed.search_text import SearchText

log = logging.getLogger("mkdocs.plugins.paved")

#: Plugins that keep nothing across pages beyond search entries and anchors (which the
#: memo keeps); with any other plugin every page is built.
MEMO_SAFE_PLUGINS = frozenset({"search", "material/search", "paved"})

#: pymdownx.snippets' include marker: a page that includes files is always rebuilt.
SNIPPET = "--8<--"


class RebuildAll(Exception):
    """A kept page's title may show differently in the navigation: build every page."""


@dataclass(frozen=True, slots=True)
class Kept:
    """One page as the last build left it."""

    key: bytes
    title: str | None
    dest_uri: str
    report: PageReport
    #: The page's *source key* (``source_key``): its generated Markdown and what the
    #: plugin adds to it, known before MkDocs reads the page (b"": a page the plugin
    #: does not generate, which is always read).
    source: bytes = b""
    #: The generated Markdown the source key was made from, and its digest: the next
    #: build hashes it again only when it is another string (``DatasetPages`` hands
    #: back the very same strings for the dataset pages it keeps: 2.6 s of encoding
    #: per rebuild of 10,000 of them, profiled, for nothing).
    text: str | None = None
    text_digest: bytes = b""
    #: The plugin's inputs the source key was made from (a page whose text is the very
    #: same string and whose inputs are equal has the same key: not hashed again).
    inputs: object = None


@dataclass
class PageMemo:
    """Lives as long as the ``paved serve`` process; one ``begin`` … ``finish`` per build."""

    #: The pages of the last complete build, by ``src_uri``.
    pages: dict[str, Kept] = field(default_factory=dict)
    site: bytes = b""
    titles: bytes = b""
    #: Where the previous build's files are while the next one is written (set by the
    #: builder); a page is kept only when its old output is there.
    previous_site: Path | None = None
    #: ``src_uri`` → ``dest_uri`` of the pages this build kept (for the builder to move).
    kept: dict[str, str] = field(default_factory=dict)
    #: Stamp the theme and Paved's code by content, not modification time: a memo kept
    #: on disk between processes (``paved build --incremental`` in CI, where every run
    #: installs them afresh).
    by_content: bool = False
    _site: bytes = b""
    _usable: bool = False
    _keys: dict[str, bytes] = field(default_factory=dict)
    _order: list[str] = field(default_factory=list)
    _entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _built: dict[str, MkDocsPage] = field(default_factory=dict)
    _mark: int = 0
    _titles: bytes = b""
    #: The page MkDocs builds last (known once pages are converted).
    last_page: str = ""
    #: Pages this build kept without reading them (``skip``), by ``src_uri``.
    skipped: set[str] = field(default_factory=set)
    #: Each generated page's source key in this build, by ``src_uri``.
    _sources: dict[str, tuple[bytes, str, bytes, object]] = field(default_factory=dict)
    #: What the last in-place build wrote (``.inplace``): every file's ``dest_uri``,
    #: and the size and time of each static file's source when it was copied.
    outputs: set[str] = field(default_factory=set)
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: ``finish`` ran for the current build (a build whose last page was skipped has it
    #: called by the builder).
    finished: bool = False
    #: Each page's search entries in this build's order (``src_uri``, the very list
    #: kept with the page), and their JSON kept for the next build (``SearchText``).
    entry_lists: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    search_text: SearchText = field(default_factory=SearchText)
    #: The pages' canonical URLs and paths in the last in-place build (``.inplace``).
    canonical_urls: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    #: What the sitemap the last in-place build wrote shows (``.sitemap``).
    sitemap: object | None = None

    def clear(self) -> None:
        """Forget everything: the next build builds every page."""
        self.pages = {}
        self.site = self.titles = b""
        self.sitemap = None

    def begin(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """The navigation is known: work out whether kept pages may be used at all."""
        self._site = site_signature(config, files, nav, by_content=self.by_content)
        names = set(config.plugins)
        snippets = config.mdx_configs.get("pymdownx.snippets") or {}
        self._usable = (
            bool(self.pages)
            and self._site == self.site
            and names <= MEMO_SAFE_PLUGINS
            and self.previous_site is not None
            and not snippets.get("auto_append")  # files added to every page: not tracked
        )
        self.kept = {}
        self._keys = {}
        self._entries = {}
        self._built = {}
        self._mark = 0
        self.skipped = set()
        self._sources = {}
        self.finished = False
        self.entry_lists = []
        # Every page, whatever the build includes (``serve`` also builds drafts): the
        # pages this build converts are those ``keep`` is asked about.
        every = files.documentation_pages(inclusion=InclusionLevel.all)
        self._order = [file.src_uri for file in every]
        self.last_page = ""

    def keep(self, page: MkDocsPage, markdown: str, extra: object) -> bool:
        """Whether ``page`` (its Markdown and metadata as the plugin leaves them, plus
        ``extra``, what the plugin adds later) is the previous build's: then it renders
        empty here and its previous output stands."""
        src_uri = page.file.src_uri
        key = page_key(self._site, page, markdown, extra)
        self._keys[src_uri] = key
        kept = self.pages.get(src_uri) if self._usable else None
        if kept is None or kept.key != key or kept.dest_uri != page.file.dest_uri:
            return False
        if SNIPPET in markdown:
            return False  # it includes another file, whose changes the key does not see
        if not self._previous_output(kept.dest_uri):
            return False
        page.meta["template"] = SKIP_TEMPLATE
        page.meta["search"] = {"exclude": True}
        if kept.title is not None:
            page.meta["title"] = kept.title
        _skip_conversion(page)
        self.kept[src_uri] = kept.dest_uri
        return True

    def _previous_output(self, dest_uri: str) -> bool:
        """Whether the previous build's file ``dest_uri`` is there: a page is kept only
        then. One ``stat`` of a joined string (``pathlib``'s ``/`` and ``is_file`` made
        a path object per kept page: 0.33 s profiled of a 5 s rebuild keeping 12,300
        pages, for the same ``stat``)."""
        if self.previous_site is None:
            return False
        return os.path.isfile(os.path.join(self.previous_site, dest_uri))  # noqa: PTH113,PTH118 - the point

    @property
    def usable(self) -> bool:
        """Whether this build may keep pages at all (known from ``begin`` on)."""
        return self._usable

    def skip(self, page: MkDocsPage, content: str, inputs: object) -> bool:
        """Whether ``page``, a page the plugin generates, is the previous build's, known
        from its generated ``content`` and the plugin's ``inputs`` (all that
        ``PageAdditions.annotate`` and ``lift`` take besides the page's own text) before
        MkDocs reads it: then it is neither read, converted, rendered nor written; its
        title (for the navigation), anchors and search entries are the kept ones."""
        src_uri = page.file.src_uri
        kept = self.pages.get(src_uri)
        if (
            kept is not None
            and kept.text is content
            and kept.inputs == inputs
            and kept.dest_uri == page.file.dest_uri
            and self._site == self.site
        ):
            text_digest, source = kept.text_digest, kept.source  # what hashing would give
        else:
            if kept is not None and kept.text is content:
                text_digest = kept.text_digest
            else:
                text_digest = hashlib.blake2b(content.encode(), digest_size=20).digest()
            source = source_key(self._site, page, text_digest, inputs)
        self._sources[src_uri] = (source, content, text_digest, inputs)
        if not self._usable:
            kept = None
        if (
            kept is None
            or kept.source != source
            or kept.title is None
            or kept.dest_uri != page.file.dest_uri
            or not self._previous_output(kept.dest_uri)
        ):
            return False
        page.markdown = ""
        page.meta = {"title": kept.title}
        self._keys[src_uri] = kept.key
        self.kept[src_uri] = kept.dest_uri
        self.skipped.add(src_uri)
        return True

    def check_titles(self, nav: Navigation) -> None:
        """After conversion: the titles every page's navigation shows must be the
        previous build's when any page was kept."""
        self._order = [src_uri for src_uri in self._order if src_uri in self._keys]
        self.last_page = self._order[-1] if self._order else ""
        self._titles = titles_signature(nav)
        if self.kept and self._titles != self.titles:
            raise RebuildAll

    def built(self, page: MkDocsPage, entries: list[dict[str, Any]] | None) -> None:
        """Search has read a page this build converted: keep its entries."""
        src_uri = page.file.src_uri
        self._built[src_uri] = page
        if entries is not None:
            self._entries[src_uri] = entries[self._mark :]
            self._mark = len(entries)

    def finish(self, files: Files, entries: list[dict[str, Any]] | None) -> None:
        """At the last page, before MkDocs checks anchors and search writes its index:
        the kept pages' anchors and entries back in, in the build's order; then
        remember this build."""
        pages: dict[str, Kept] = {}
        for src_uri in self._order:
            if src_uri in self.kept:
                old = self.pages[src_uri]
                _restore_anchors(files, src_uri, old.report)
                # Its key matched, so its output is the one this source makes now. The
                # plugin's inputs are a new tuple each build: compared by value (``skip``
                # did), not copied into a new ``Kept`` for every page (0.1 s a rebuild).
                source, text, text_digest, inputs = self._sources.get(
                    src_uri, (old.source, old.text, old.text_digest, old.inputs)
                )
                pages[src_uri] = (
                    old
                    if source == old.source
                    and text is old.text
                    and (inputs is old.inputs or inputs == old.inputs)
                    else replace(
                        old, source=source, text=text, text_digest=text_digest, inputs=inputs
                    )
                )
                continue
            page = self._built.get(src_uri)
            key = self._keys.get(src_uri)
            if page is None or key is None:
                continue  # not rendered by this build (excluded): never kept
            pages[src_uri] = Kept(
                key=key,
                title=page.title,
                dest_uri=page.file.dest_uri,
                report=PageReport(
                    search_entries=self._entries.get(src_uri, []),
                    present_anchor_ids=page.present_anchor_ids,
                    links_to_anchors=_anchor_links_by_path(page),
                ),
            )
            if src_uri in self._sources:
                source, text, text_digest, inputs = self._sources[src_uri]
                pages[src_uri] = replace(
                    pages[src_uri],
                    source=source,
                    text=text,
                    text_digest=text_digest,
                    inputs=inputs,
                )
        if entries is not None:
            self.entry_lists = [
                (
                    src_uri,
                    pages[src_uri].report.search_entries
                    if src_uri in self.kept
                    else self._entries.get(src_uri, []),
                )
                for src_uri in self._order
            ]
            entries[:] = [entry for _, listed in self.entry_lists for entry in listed]
        self.pages = pages
        self.site = self._site
        self.titles = self._titles
        self._built = {}
        self._sources = {}
        self.finished = True

    def abandon(self) -> None:
        """The build failed: its site is incomplete, so nothing may be kept from it."""
        self.clear()
        self.kept = {}


def _skip_conversion(page: MkDocsPage) -> None:
    """A kept page is not converted at all: MkDocs makes a new Python-Markdown instance
    with every extension for each page it converts, even an empty one, which was most
    of a rebuild that keeps ten thousand pages. Its anchors come back at ``finish``."""

    def render(_config: MkDocsConfig, _files: Files) -> None:
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        page.links_to_anchors = None

    page.render = render  # type: ignore[method-assign,assignment]


def _digest(*parts: object) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        text = part if isinstance(part, bytes) else _canonical(part).encode()
        digest.update(len(text).to_bytes(8, "little") + text)
    return digest.digest()


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=_name, ensure_ascii=False)


def _name(value: object) -> str:
    """Objects in the configuration (functions of custom fences, plugin instances) by
    their name, never their address, which changes from process to process."""
    for attribute in ("__qualname__", "__name__"):
        name = getattr(value, attribute, None)
        if isinstance(name, str):
            return f"{getattr(value, '__module__', '')}.{name}"
    if isinstance(value, set | frozenset | tuple):
        return _canonical(sorted(map(_canonical, value)))
    if isinstance(value, Mapping):
        return _canonical(dict(value))
    return type(value).__qualname__


def page_key(site: bytes, page: MkDocsPage, markdown: str, extra: object) -> bytes:
    file = page.file
    return _digest(
        site,
        [file.src_uri, file.dest_uri, file.url, file.generated_by],
        markdown,
        page.meta,
        page.edit_url,
        extra,
    )


def source_key(site: bytes, page: MkDocsPage, text_digest: bytes, inputs: object) -> bytes:
    """A generated page's key before MkDocs reads it (``PageMemo.skip``), from the
    digest of its generated Markdown."""
    file = page.file
    return _digest(
        site, [file.src_uri, file.dest_uri, file.url, file.generated_by], text_digest, inputs
    )


def site_signature(
    config: MkDocsConfig, files: Files, nav: Navigation, *, by_content: bool = False
) -> bytes:
    """What every page is made with besides its own Markdown (see the module docstring)."""
    config_file = Path(config.config_file_path) if config.config_file_path else None
    values = {
        name: config.get(name)
        for name in (
            "site_name",
            "site_url",
            "site_author",
            "site_description",
            "repo_url",
            "repo_name",
            "edit_uri",
            "copyright",
            "extra",
            "extra_css",
            "extra_javascript",
            "markdown_extensions",
            "mdx_configs",
            "use_directory_urls",
            "validation",
        )
    }
    custom = config.theme.custom_dir
    installed = [folder for folder in config.theme.dirs if folder != custom]
    return _digest(
        config_file.read_bytes() if config_file and config_file.is_file() else b"",
        values,
        dict(config.theme),
        _tree_stamps([custom] if custom else [], by_content=by_content),
        [_installed_stamp(folder, by_content=by_content) for folder in [*installed, PAVED_CODE]],
        [[f.src_uri, f.dest_uri, f.url, f.generated_by] for f in files],
        _nav_shape(nav.items),
    )


#: Paved's own code and templates (``paved.generator``): stamped once per process like
#: an installed theme, since a running process keeps the code it imported (a template
#: edit shows in the rendered Markdown, which is in every page's key).
PAVED_CODE = str(Path(__file__).parents[2])


def _tree_stamps(folders: Iterable[str], *, by_content: bool = False) -> list[object]:
    """Path, size and modification time (or content digest) of every file under
    ``folders``: cheap, and any edit changes one of them."""
    out: list[object] = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                relative = path.relative_to(folder).as_posix()
                if by_content:
                    out.append((relative, hashlib.blake2b(path.read_bytes()).hexdigest()))
                else:
                    stat = path.stat()
                    out.append((str(path), stat.st_size, stat.st_mtime_ns))
    return out


@functools.cache
def _installed_stamp(folder: str, *, by_content: bool = False) -> bytes:
    """An installed theme (Material: 10,000 files, a second to list) is stamped once per
    process: it changes only when the package is reinstalled, which restarts serve.
    Only the overrides (``custom_dir``) are stamped on every build."""
    return _digest(_tree_stamps([folder], by_content=by_content))


def _nav_shape(items: Iterable[Any]) -> list[object]:
    shape: list[object] = []
    for item in items:
        if isinstance(item, Section):
            shape.append(["section", item.title, _nav_shape(item.children)])
        elif isinstance(item, Link):
            shape.append(["link", item.title, item.url])
        else:
            shape.append(["page", getattr(item, "url", None)])
    return shape


def titles_signature(nav: Navigation) -> bytes:
    return _digest([[page.file.src_uri, page.title] for page in nav.pages])


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
