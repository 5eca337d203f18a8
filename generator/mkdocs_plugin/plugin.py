"""The MkDocs adapter: validates the repository, injects the rendered pages into the build.

Everything it shows comes from the engine-neutral core (``core.api.check``,
``core.render.site``, ``core.gitfacts``). The hooks below only translate MkDocs' events
into calls on collaborators, each with one job: ``validation`` (stop the build or show
why), ``pages`` (what the plugin adds to each page), ``navigation``, ``publishing`` (the
schemas, ``api/platform.json``, ``api/sections.json``), ``reports`` (the bot store's
reports), and ``speed`` (whatever only makes the build fast). It never writes into
``docs/``: generated pages are ``File.generated`` virtual files.

Enable it in ``mkdocs.yml`` (options: ``.config``)::

    plugins:
      - search
      - paved:
          feedback_url: !ENV [PAVED_FEEDBACK_URL, ""]
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from paved.generator.core.git_memo import GitMemo
from paved.generator.core.model import Platform
from paved.generator.mkdocs_plugin import translations
from paved.generator.mkdocs_plugin.assets import (
    add_site_assets,
    decision_asset_files,
    site_asset_files,
    vet_docs_files,
)
from paved.generator.mkdocs_plugin.blocks import fence_formatters
from paved.generator.mkdocs_plugin.brackets import register as register_brackets
from paved.generator.mkdocs_plugin.config import PavedConfig
from paved.generator.mkdocs_plugin.navigation import navigation
from paved.generator.mkdocs_plugin.pages import PageAdditions, configure_feedback, what_changed
from paved.generator.mkdocs_plugin.publishing import Publishing
from paved.generator.mkdocs_plugin.reports import report_files
from paved.generator.mkdocs_plugin.sanitize import (
    SNIPPETS_FOLDER,
    restrict_snippets,
    safe_meta,
)
from paved.generator.mkdocs_plugin.speed import Speed
from paved.generator.mkdocs_plugin.start_tags import install as linear_start_tags
from paved.generator.mkdocs_plugin.tables import register_fence
from paved.generator.mkdocs_plugin.templates import sandbox
from paved.generator.mkdocs_plugin.theme_settings import inert_theme_settings
from paved.generator.mkdocs_plugin.validation import (
    Validation,
    refuse_linked_docs_dir,
    refuse_linked_icons,
    refuse_linked_overrides,
    refuse_linked_site_dir,
    refuse_linked_snippets,
)

if TYPE_CHECKING:  # the live-reload server (and its HTTP stack) only runs in serve
    from mkdocs.livereload import LiveReloadServer

    # What only ``paved serve`` lends the plugin (with the memos' modules).
    from paved.generator.mkdocs_plugin.speed.memo import PageMemo
    from paved.generator.mkdocs_plugin.speed.models import ModelMemos

log = logging.getLogger("mkdocs.plugins.paved")

# Folders whose files feed the generated pages; ``paved serve`` rebuilds when they change.
WATCHED_FOLDERS = ("wids", "adrs", "custodians")


# MkDocs' BasePlugin declares an untyped __init_subclass__; nothing to check there.
class PavedPlugin(BasePlugin[PavedConfig]):  # type: ignore[no-untyped-call]
    """Validate, render and publish the platform's governance content."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.dirty = False
        self.root = Path()
        self.platform = Platform()
        self.validation = Validation()
        self.pages = PageAdditions()
        self.publishing = Publishing(self.platform)
        self.speed = Speed()
        self.memo: PageMemo | None = None  # set by ``paved serve``: pages kept between builds
        # Set by ``paved serve`` too: loaded files, dataset pages and sections kept.
        self.models: ModelMemos | None = None

    # MkDocs keeps plugin instances across ``serve`` rebuilds and calls this once: it is
    # the only way to know whether a validation error should stop the process.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.dirty = dirty

    # Just before MkDocs empties the site folder: the previous site is deleted meanwhile.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.is_serve and not self.dirty:
            self.speed.empty_site(config.site_dir)

    # Wait for that deletion before the command ends (it usually ended long before).
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            self.speed.emptied()

    # Validate first (priority 50, before other plugins' on_config): a broken repository
    # should stop the build before slower plugins start their work.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        from paved.generator.core import api, gitfacts
        from paved.generator.core.decision_log import with_git_dates
        from paved.generator.core.diff.run import Loaded
        from paved.generator.core.load.repository import load_documents
        from paved.generator.core.render.site import render_site
        from paved.generator.core.render.tree import platform_json

        # MkDocs keeps this instance between ``serve`` rebuilds: the previous build's
        # pages (12,000 generated pages and MkDocs' page objects on a large portal) go
        # before this build makes its own, not after.
        self.pages, self.speed = PageAdditions(), Speed()
        self.platform = Platform()
        self.publishing = Publishing(self.platform)
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = self.repository_root(config)
        refuse_linked_docs_dir(str(config.docs_dir), config_dir)  # before anything walks it
        refuse_linked_site_dir(str(config.site_dir), config_dir)  # before it is emptied
        refuse_linked_overrides(config.theme.custom_dir, config_dir)  # before MkDocs copies it
        refuse_linked_icons(config.mdx_configs, config_dir)  # before a page inlines one
        site_url = self.config.site_url or config.site_url or ""
        feedback_url = configure_feedback(config, self.config.feedback_url)
        register_fence(config.markdown_extensions, config.mdx_configs)
        register_brackets(config.markdown_extensions)  # link brackets matched faster
        if not linear_start_tags():  # before a page's raw HTML is read (SECURITY.md)
            log.debug("paved: Python-Markdown's start-tag scan left as it is (unknown version)")
        add_site_assets(config)  # Paved's own scripts and styles, served from the site
        for note in restrict_snippets(config.markdown_extensions, config.mdx_configs, self.root):
            log.warning("paved: pymdownx.snippets %s: snippets come only from inside it", note)
        if "pymdownx.snippets" in config.markdown_extensions:  # before a page includes one
            refuse_linked_snippets(self.root / SNIPPETS_FOLDER, config_dir)

        models = self.models
        root = self.root
        # ``paved build``: forked children read the Markdown and the git facts while this
        # process reads the catalogue, then make "What changed" and ``api/platform.json``
        # while it renders (``Speed.meanwhile``); ``paved serve`` does each here, in turn.
        jobs = 1 if self.is_serve else self.config.jobs
        with (
            Speed.meanwhile(jobs, lambda: gitfacts.collect(root)) as facts,
            Speed.meanwhile(jobs, lambda: load_documents(root)) as documents,
        ):
            result = api.check(
                root, models.loads if models else None, None if models else documents.result
            )
            self.validation = Validation.of(result, fail_on_warnings=self.config.fail_on_warnings)
            self.validation.enforce(root, is_serve=self.is_serve)
            history = models.git if models else GitMemo()  # a plain build keeps nothing
            history.begin(root)
            git = history.get("facts", facts.result)
        # An ADR whose log records no date: its first commit's, on its page and in the API.
        platform = self.platform = with_git_dates(result.platform, git.files)
        # "What changed": git I/O; a commit with the files just read is not read again.
        work_tree = Loaded(result.loaded, result.platform)
        fragments = models.fragments if models else None
        with Speed.meanwhile(
            jobs,
            lambda: (
                what_changed(root, work_tree, history),
                platform_json(platform, site_url=site_url, memo=fragments),
            ),
        ) as later:
            rendered = render_site(
                platform,
                git,
                site_url=site_url,
                site_name=config.site_name,
                access_url=self.config.access_url,
                dataset_pages=models.datasets if models else None,
                model_pages=models.model_pages if models else None,
                lookups=models.lookups if models else None,
                # ``paved build``: a forked child renders half the dataset pages meanwhile.
                share=None if self.is_serve else Speed.render_share(self.config.jobs),
            )
            changes, platform_text = later.result()
        rendered = [*rendered, *changes]
        self.pages = PageAdditions(
            root=self.root,
            platform=self.platform,
            git=git,
            generated={page.src_uri: page for page in rendered},
            formatters=(
                fence_formatters(config.mdx_configs)
                if "pymdownx.superfences" in config.markdown_extensions
                else {}
            ),
            feedback_url=feedback_url,
            problems=len(self.validation.blocking),
        )
        self.publishing = Publishing(
            self.platform,
            rendered,
            site_url=site_url,
            platform_text=platform_text,
            fragments=models.fragments if models else None,
            page_rows=models.sections if models else None,
        )
        self.speed = Speed(
            jobs=1 if self.is_serve else self.config.jobs,
            nav_cache=self.config.nav_cache,
            memo=self.memo,
        )
        # Last: the pages above were rendered with the plain site name.
        for note in inert_theme_settings(config):
            log.warning("paved: mkdocs.yml %s", note)
        return config

    def repository_root(self, config: MkDocsConfig) -> Path:
        """The repository the portal is made from: ``root`` (relative to ``mkdocs.yml``)
        or the folder of ``mkdocs.yml``."""
        config_dir = Path(config.config_file_path or ".").resolve().parent
        return (config_dir / self.config.root).resolve() if self.config.root else config_dir

    def reads_elsewhere(self) -> bool:
        """Whether a build reads what no file of the repository holds: the bot store's
        reports (``store_url``), which may change at any time."""
        from paved.generator.mkdocs_plugin.reports import store_url

        return store_url(self.config.store_url) is not None

    # Inject before other plugins' on_files (Material's blog and tags run at -50) so they
    # see the generated pages like any hand-written page.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for refused in vet_docs_files(files, config, self.root):
            log.warning(refused.message())
        doc_uris = [f.src_uri for f in files.documentation_pages()]
        generated: dict[str, str | bytes] = {
            src_uri: page.markdown for src_uri, page in self.pages.generated.items()
        }
        generated.update(self.validation.error_files())
        generated.update(self.publishing.files())
        titles = {doc.path: doc.title for doc in self.platform.docs.values()}
        titles.update((src_uri, page.title) for src_uri, page in self.pages.generated.items())
        generated.update(
            report_files(self.config.store_url, {*doc_uris, *generated}, titles=titles)
        )
        made = (
            self.models.files.files(config, generated)
            if self.models is not None  # ``paved serve``: made from the last build's
            else [File.generated(config, uri, content=text) for uri, text in generated.items()]
        )
        for file in made:
            existing = files.src_uris.get(file.src_uri)
            if existing is not None:
                log.warning(
                    "paved: docs/%s is replaced by the generated page of the same path; "
                    "move the hand-written page elsewhere",
                    file.src_uri,
                )
                files.remove(existing)
            files.append(file)
        if self.models is None:
            # ``paved serve`` keeps every generated page's text in its memos (the
            # rendered pages and ``PageMemo``'s source keys) whatever the records
            # hold: copying 12,000 records to drop it frees nothing (0.15 s profiled
            # of a rebuild of the large benchmark).
            self.pages.hand_over_markdown()
        for asset in site_asset_files(config):
            files.append(asset)
        self._add_decision_assets(files, config)
        if config.nav is None:
            config.nav = navigation(doc_uris, generated)
            # Only section entry points are listed (``navigation``): MkDocs would log
            # every generated page as "not included in the nav" (12,000 lines on every
            # rebuild of a large portal, into the terminal of paved serve).
            config.validation.nav.omitted_files = logging.DEBUG
        return files

    def _add_decision_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Images kept next to the ADRs, published beside the decision pages."""
        published, refused = decision_asset_files(config, self.root)
        for item in refused:
            log.warning("paved: %s is not published: %s", item.path, item.reason)
        for asset in published:
            if files.get_file_from_path(asset.src_uri) is None:
                files.append(asset)

    # Last of all plugins (-100): every other plugin has seen the navigation, so the
    # processes that share the pages start from the finished set-up.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        if not self.config.enabled:
            return
        self.speed.start(nav, files, config, claimable=self.pages.generated.keys())
        if self.speed.in_worker:  # the parent writes the site-wide files
            self.publishing.forget_pages()
        else:  # a worker writes no site-wide file
            # More than one process allowed: computed meanwhile, by a child of its own.
            self.publishing.fill_sections(files, background=self.speed.jobs != 1)

    # First (100): a worker must point site-wide writes elsewhere before other plugins
    # write theirs.
    @event_priority(100)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.config.enabled:
            return None
        sandbox(env)  # before any template is read: overrides come by pull request
        self.speed.prepare(env, files, config)
        translations.install(env)  # Material's interface texts, looked up once per key
        if not self.speed.in_worker:  # before MkDocs writes the generated files
            self.publishing.collect_sections()
            self.publishing.forget_pages()
        return env

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if not self.config.enabled:
            return None
        for folder in WATCHED_FOLDERS:
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server

    # First of all plugins (100): a page another process builds is emptied before any
    # plugin spends time on it.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        # Every page, also one another process builds: its title is in this one's nav.
        page.meta = safe_meta(page.meta)
        self.pages.release_source(page)
        if not self.speed.owns(page):
            page.render = _render_nothing(page)  # type: ignore[assignment]
            return ""
        self.speed.convert(page, config)
        self.pages.annotate(page, config)
        made = self.pages.generated.get(page.file.src_uri)
        # What the Markdown becomes (``lift``) follows from it, the page's kind and the
        # site's formatters (in every page's key): a kept page is never lifted.
        extra = (made.kind.value, made.subject_id) if made else None
        if self.speed.kept(page, markdown, extra):
            return ""
        return self.pages.lift(markdown, page)

    # Default priority (0): Material's search reads ``page.content`` in its
    # on_page_context, after this; the blocks set aside here come back in ours (-100).
    def on_page_content(
        self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or not self.speed.owns(page):
            return None
        return self.pages.content(html, page)

    # After Material's search (0) has read the page.
    @event_priority(-100)
    def on_page_context(
        self,
        context: TemplateContext,
        *,
        page: MkDocsPage,
        config: MkDocsConfig,
        nav: Navigation,
    ) -> TemplateContext | None:
        if not self.config.enabled or not self.speed.owns(page):
            return None
        self.speed.built(page, config)
        return self.pages.context(context, page)

    # After every other plugin has seen the page (-100): at the last page the shared
    # build is wound up, before MkDocs validates anchors and search writes its index.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.speed.finish(page, config)

    def on_build_error(self, *, error: Exception) -> None:
        if not self.config.enabled:
            return
        self.speed.abandon(error)
        if not self.speed.in_worker:
            self.publishing.collect_sections()


_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


def _render_nothing(page: MkDocsPage) -> Callable[[MkDocsConfig, Files], None]:
    """What ``Page.render`` leaves on a page whose Markdown is empty (a page another
    process of a shared build converts), without making it a ``Markdown`` of its own
    with every extension: about 0.3 ms a page, in every process, for nothing."""

    def render(config: MkDocsConfig, files: Files) -> None:  # noqa: ARG001 - Page.render's
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    return render
