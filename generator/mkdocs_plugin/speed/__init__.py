"""What exists only to make portal builds fast, behind one small interface: ``Speed``.

Two things pay for themselves (``benchmarks/README.md``, "Fourth round"): Material's
navigation rendered once per folder (``.navcache``) and the pages shared among forked
processes (``.parallel``, ``.shared``): 31.5 → 18.9 s on the large benchmark. Plus the
theme's compiled templates kept between builds. None of it changes a byte of the site.
On a terminal a long build also shows pages done out of the total (``.progress``). The
start's independent work and the previous site's deletion run in forked children
meanwhile (``.split``, ``.emptying``).

The plugin calls ``Speed`` from its hooks and nothing else here; with ``jobs: 1`` and
``nav_cache: false`` every call is a no-op (``owns`` always says yes) and the build is
plain MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from paved.generator.mkdocs_plugin.speed.convert import Converter
from paved.generator.mkdocs_plugin.speed.parallel import (
    SKIP_TEMPLATE,
    Team,
    forget_quiet_skips,
    quiet_skips,
    skip_template_loader,
)
from paved.generator.mkdocs_plugin.speed.progress import PageProgress, wanted
from paved.generator.mkdocs_plugin.speed.shared import (
    SharedBuild,
    only_share_safe_plugins,
    search_entries,
    start_team,
)

if TYPE_CHECKING:  # lent by ``paved serve`` only
    from paved.generator.core.render.datasets import Share
    from paved.generator.mkdocs_plugin.speed.memo import PageMemo
    from paved.generator.mkdocs_plugin.speed.split import Meanwhile

Value = TypeVar("Value")


class Speed:
    """One build's speed machinery, driven by the plugin's hooks in build order:
    ``start`` (navigation known), ``prepare`` (Jinja environment made), ``owns`` (each
    page, from conversion on), ``built`` (search has read the page), ``finish`` (after
    each page is written), and ``abandon`` if the build fails."""

    def __init__(
        self,
        *,
        jobs: int = 1,
        nav_cache: bool = False,
        progress: bool | None = None,
        memo: PageMemo | None = None,
    ) -> None:
        # Processes sharing the pages (0: one per CPU, capped; 1: this one alone).
        self.jobs = jobs
        self.nav_cache = nav_cache
        # Pages done / total on a terminal (None: when stderr is one, outside CI).
        self._show_progress = progress
        self._progress = PageProgress()
        # Pages kept from the previous build of this process (``paved serve``).
        self._memo = memo
        self._files: Files | None = None
        self._nav: Navigation | None = None
        self._team: Team | None = None
        self._shared = SharedBuild()
        self._nav_urls: list[str] = []
        self._owned: dict[str, bool] = {}
        # One Markdown for every page this process converts (``.convert``).
        self._converter = Converter()
        # Whether a written page's HTML may be dropped (no plugin reads it afterwards).
        self._release = False
        # The previous site, being deleted by a forked child (``.emptying``).
        self._emptying: Meanwhile[None] | None = None

    @staticmethod
    def render_share(jobs: int) -> Share | None:
        """How ``render_site`` may share out the dataset pages in a build asking for
        ``jobs`` processes: halves, one rendered by a forked child (``.split``); None
        (one process) when only one may run."""
        from paved.generator.mkdocs_plugin.speed.split import can_split, halves

        return halves if can_split(jobs) else None

    @staticmethod
    def meanwhile(jobs: int, work: Callable[[], Value]) -> Meanwhile[Value]:
        """``work()`` started in a forked child when a build asking for ``jobs``
        processes may use another CPU (``.split``), else left for its ``result()`` to do
        here: either way ``result()`` is ``work()``'s value."""
        from paved.generator.mkdocs_plugin.speed.split import Meanwhile, can_split

        return Meanwhile(work, fork=can_split(jobs))

    def empty_site(self, site_dir: str) -> None:
        """Before MkDocs empties ``site_dir``: in a build that may use another CPU, the
        previous site is moved aside and deleted by a forked child meanwhile (``.emptying``);
        ``emptied`` waits for it at the end of the build."""
        from paved.generator.mkdocs_plugin.speed.split import can_split

        if self.jobs != 1 and self._memo is None and can_split(self.jobs):
            from paved.generator.mkdocs_plugin.speed.emptying import empty

            self._emptying = empty(site_dir)

    def emptied(self) -> None:
        """The previous site is deleted (waited for; here if its child failed)."""
        emptying, self._emptying = self._emptying, None
        if emptying is not None:
            emptying.result()

    def start(
        self, nav: Navigation, files: Files, config: MkDocsConfig, claimable: Collection[str]
    ) -> None:
        """The navigation is built: fork the workers that share the ``claimable`` pages
        (when ``jobs`` asks for them and the build can be shared)."""
        self._nav_urls = [page.url for page in nav.pages]
        self._owned = {}
        self._release = only_share_safe_plugins(config)
        self._team = None
        if self.jobs != 1:
            self._team, self._shared = start_team(self.jobs, claimable, nav, files, config)
        self._files, self._nav = files, nav
        if self._memo is not None and self._team is None:
            self._memo.begin(config, files, nav)
        if self._progress_wanted() and not self.in_worker:
            # Converting the Markdown (before on_env) is most of a long build.
            self._progress.start(len(files.documentation_pages()), label="Converting pages")

    @property
    def in_worker(self) -> bool:
        """This process is a worker: it writes only its share of the pages, nothing
        site-wide (the parent writes those)."""
        return self._team is not None and not self._team.is_parent

    def prepare(self, env: Any, files: Files, config: MkDocsConfig) -> None:
        """The theme's Jinja environment exists, pages are converted: keep its compiled
        templates between builds, render the navigation once per folder, and set up the
        shared build (skipped pages render empty; navigation titles swapped)."""
        if getattr(env, "bytecode_cache", None) is None:
            # MkDocs makes a fresh environment per build and Material's ~45 templates
            # cost a third of a second to compile. Jinja checks each entry against the
            # template source's checksum: an edited override is never served stale.
            from paved.generator.core.render.templating import bytecode_cache

            env.bytecode_cache = bytecode_cache()
        if self.nav_cache:
            from paved.generator.mkdocs_plugin.speed import navcache

            navcache.install(env, self._nav_urls)
        if self._team is not None:
            self._shared.before_building(self._team, env, files, config)
        if self._memo is not None and self._team is None and self._nav is not None:
            env.loader = skip_template_loader(env.loader)
            quiet_skips()
            self._memo.check_titles(self._nav)  # may raise RebuildAll
        if self._progress_wanted() and not self.in_worker:
            self._progress.start(len(files.documentation_pages()), label="Writing pages")

    def owns(self, page: MkDocsPage) -> bool:
        """Whether this process builds ``page`` (claimed the first time it is asked).
        A page another process builds is rendered with an empty template and kept out
        of this process's search index, so MkDocs writes nothing for it here."""
        src_uri = page.file.src_uri
        owned = self._owned.get(src_uri)
        if owned is None:
            self._progress.advance()
            owned = self._owned[src_uri] = self._team is None or self._team.owns(src_uri)
            if not owned:
                page.meta["template"] = SKIP_TEMPLATE
                page.meta["search"] = {"exclude": True}
        return owned

    def convert(self, page: MkDocsPage, config: MkDocsConfig) -> None:
        """``page``, which this process owns, is converted with this process's Markdown
        instead of a new one (when the site's extensions allow it: ``.convert``)."""
        render = self._converter.render_of(page, config)
        if render is not None:
            page.render = render  # type: ignore[method-assign, assignment]

    def _progress_wanted(self) -> bool:
        return wanted() if self._show_progress is None else self._show_progress

    def kept(self, page: MkDocsPage, markdown: str, extra: object) -> bool:
        """Whether ``page`` is exactly as the previous build made it (``paved serve``):
        then it renders empty and the previous build's output stands (``.memo``)."""
        if self._memo is None or self._team is not None:
            return False
        return self._memo.keep(page, markdown, extra)

    def built(self, page: MkDocsPage, config: MkDocsConfig) -> None:
        """Search has read ``page``, which this process built: keep its entries."""
        if self._team is not None:
            self._shared.built(page, search_entries(config))
        elif self._memo is not None:
            self._memo.built(page, search_entries(config))

    def finish(self, page: MkDocsPage, config: MkDocsConfig) -> None:
        """After ``page`` is written: at the loop's last page (always the parent's, so a
        worker has written all of its own by then) a worker reports and exits, and the
        parent folds the workers' pages in before MkDocs validates anchors and Material
        writes the search index."""
        if not self.in_worker:
            self._progress.advance()
        if self._team is not None and page.file.src_uri == self._shared.last_page:
            team, self._team = self._team, None
            self._shared.finish(team, search_entries(config))
        elif (
            self._memo is not None
            and self._files is not None
            and page.file.src_uri == self._memo.last_page
        ):
            forget_quiet_skips()
            self._memo.finish(self._files, search_entries(config))
        if self._release:
            # Written: MkDocs keeps every page to the end of the build, and with it the
            # page's HTML, which nothing reads again (anchors and search entries are
            # kept apart): about 250 MB on a large portal, now freed page by page.
            page.content = None

    def abandon(self, error: Exception) -> None:
        """The build failed here: a worker tells the parent why and exits; the parent
        stops its workers."""
        self._progress.stop()
        emptying, self._emptying = self._emptying, None
        if emptying is not None and not self.in_worker:  # left for the next build
            emptying.cancel()
        if self._memo is not None:
            forget_quiet_skips()
            self._memo.abandon()
        team, self._team = self._team, None
        if team is not None:
            self._shared.abandon(team, error)
