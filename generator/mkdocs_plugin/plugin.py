"""The MkDocs adapter: validates the repository, injects the rendered pages into the build.

Everything it shows comes from the engine-neutral core (``core.api.check``,
``core.render.site``, ``core.gitfacts``); this module only translates between
that core and MkDocs' hooks. It never writes into ``docs/``: generated pages are
``File.generated`` virtual files.

Enable it in ``mkdocs.yml``::

    plugins:
      - search
      - paved:
          feedback_url: !ENV [PAVED_FEEDBACK_URL, ""]
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from paved.generator.core.diagnostics import Diagnostic, Severity
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.model import Platform
from paved.generator.core.render.types import Page, PageKind
from paved.generator.mkdocs_plugin.blocks import (
    Formatter,
    fence_formatters,
    lift,
    put_back_for_search,
    restore_card,
)
from paved.generator.mkdocs_plugin.files import platform_json, schema_files
from paved.generator.mkdocs_plugin.pages import (
    PageFacts,
    error_page,
    files_read,
    format_diagnostics,
    normalize_nav,
    page_facts,
    review_due,
    site_nav,
    source_paths,
)
from paved.generator.mkdocs_plugin.reports import report_files, sections_file, with_report_nav
from paved.generator.mkdocs_plugin.speed.forking import Aside, AsideFailed, run_aside
from paved.generator.mkdocs_plugin.speed.parallel import SKIP_TEMPLATE, Team
from paved.generator.mkdocs_plugin.speed.shared import (
    SITE_JSON,
    SharedBuild,
    search_entries,
    start_team,
)
from paved.generator.mkdocs_plugin.tables import register_fence

log = logging.getLogger("mkdocs.plugins.paved")

# Folders whose files feed the generated pages; ``paved serve`` rebuilds when they change.
WATCHED_FOLDERS = ("wids", "adrs", "custodians")

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


# MkDocs' Config/BasePlugin declare an untyped __init_subclass__; nothing to check there.
class PavedConfig(Config):  # type: ignore[no-untyped-call]
    """Options of the ``paved`` plugin in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    # Repository root holding wids/, adrs/, custodians/; default: the mkdocs.yml folder.
    root = c.Optional(c.Type(str))
    # Where the feedback widget POSTs; empty hides the widget. Falls back to
    # ``extra.paved.feedback_url``.
    feedback_url = c.Type(str, default="")
    # Absolute base URL used in api/platform.json; default: MkDocs' ``site_url``.
    site_url = c.Type(str, default="")
    # Treat validation warnings as errors (CI).
    fail_on_warnings = c.Type(bool, default=False)
    # The bot's store to publish reports/feedback.md and reports/questions.md from;
    # default: PAVED_DATABASE_URL; neither set: no report pages, no store opened.
    store_url = c.Type(str, default="")
    # Processes sharing the page work of a build (0: one per CPU, at most 4; see
    # speed.parallel). ``paved build`` sets it; ``paved serve`` always uses 1.
    jobs = c.Type(int, default=1)
    # Render Material's navigation once per folder for pages outside it (see
    # speed.navcache); turn off if a theme override makes it page-specific.
    nav_cache = c.Type(bool, default=True)


class PavedPlugin(BasePlugin[PavedConfig]):  # type: ignore[no-untyped-call]
    """Validate, render and publish the platform's governance content."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.root = Path()
        self.site_url = ""
        self.platform = Platform()
        self.git = GitFacts.empty()
        self.pages: dict[str, Page] = {}
        self.diagnostics: list[Diagnostic] = []
        self.blocking: list[Diagnostic] = []
        self.files_read: int | None = None
        self.facts_cache: dict[tuple[str, ...], PageFacts] = {}
        self.feedback_url = ""
        self.set_aside: dict[str, list[str]] = {}
        self.lifted: dict[str, list[str]] = {}
        self.cards: dict[str, str] = {}
        self.formatters: dict[str, Formatter] = {}
        self.team: Team | None = None
        self.nav_urls: list[str] = []
        self.aside: Aside[None] | None = None
        self.platform_json: Aside[str] | None = None
        self.shared = SharedBuild()

    # MkDocs keeps plugin instances across ``serve`` rebuilds and calls this once: it is
    # the only way to know whether a validation error should stop the process.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    # Validate first (priority 50, before other plugins' on_config): a broken repository
    # should stop the build before slower plugins start their work.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        from paved.generator.core import api, gitfacts
        from paved.generator.core.render.site import render_site

        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (config_dir / self.config.root).resolve() if self.config.root else config_dir
        self.site_url = self.config.site_url or config.site_url or ""
        self._configure_feedback(config)
        register_fence(config.markdown_extensions, config.mdx_configs)
        self.formatters = (
            fence_formatters(config.mdx_configs)
            if "pymdownx.superfences" in config.markdown_extensions
            else {}
        )

        def render(platform: Platform) -> tuple[GitFacts, list[Page]]:
            # api/platform.json needs only the model: written by a child while the
            # pages render here (the second core is idle until the pages are shared).
            self.platform_json = run_aside(
                lambda: platform_json(platform, site_url=self.site_url), "api/platform.json"
            )
            git = gitfacts.collect(self.root)
            pages = render_site(platform, git, site_url=self.site_url, site_name=config.site_name)
            return git, pages

        # The pages are rendered while the rules run (in a forked child on Linux); they
        # are thrown away below if the repository does not validate.
        result, (git, rendered) = api.check_while(self.root, render)
        self.diagnostics = list(result.diagnostics)
        self.files_read = files_read(result.loaded)
        self.blocking = [
            d
            for d in self.diagnostics
            if d.severity is Severity.ERROR or self.config.fail_on_warnings
        ]
        for diagnostic in self.diagnostics:
            if diagnostic not in self.blocking:
                log.info("%s", format_diagnostics([diagnostic]))
        if self.blocking and not self.is_serve:
            self._stop_platform_json()
            raise PluginError(
                f"paved: the repository at {self.root} does not validate "
                f"({len(self.blocking)} problem(s)):\n"
                + format_diagnostics(self.blocking, self.files_read)
            )
        if self.blocking:
            log.error(
                "paved: %d validation problem(s); serving an error page:\n%s",
                len(self.blocking),
                format_diagnostics(self.blocking, self.files_read),
            )

        self.platform = result.platform
        self.git = git
        self.pages = {page.src_uri: page for page in rendered}
        self.facts_cache = {}
        return config

    def _configure_feedback(self, config: MkDocsConfig) -> None:
        """Show Material's feedback widget only when there is somewhere to send it."""
        paved_extra = config.extra.get("paved") or {}
        self.feedback_url = self.config.feedback_url or str(paved_extra.get("feedback_url") or "")
        config.extra["paved"] = {**paved_extra, "feedback_url": self.feedback_url}
        analytics = dict(config.extra.get("analytics") or {})
        if not self.feedback_url:
            analytics.pop("feedback", None)
            if analytics.get("provider") == "custom":
                analytics.pop("provider")
        else:
            analytics.setdefault("provider", "custom")
            analytics.setdefault("feedback", DEFAULT_FEEDBACK)
        config.extra["analytics"] = analytics or None

    # Inject before other plugins' on_files (Material's blog and tags run at -50) so they
    # see the generated pages like any hand-written page.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        doc_uris = [f.src_uri for f in files.documentation_pages()]
        generated: dict[str, str | bytes] = {}
        generated.update({p.src_uri: p.markdown for p in self.pages.values()})
        if self.blocking:
            generated["index.md"] = error_page(self.blocking, self.files_read)
        generated.update(schema_files())
        generated["api/platform.json"] = self._platform_json()
        # Filled in on_nav: by a worker when the build is shared (see fill_site_json).
        generated.update(dict.fromkeys(SITE_JSON, ""))
        generated.update(report_files(self.config.store_url, {*doc_uris, *generated}))
        for src_uri, content in generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                log.warning(
                    "paved: docs/%s is replaced by the generated page of the same path; "
                    "move the hand-written page elsewhere",
                    src_uri,
                )
                files.remove(existing)
            files.append(File.generated(config, src_uri, content=content))

        if config.nav is None:
            from paved.generator.core.render.site import nav_sections

            config.nav = site_nav(
                with_report_nav(normalize_nav(nav_sections(self.platform)), generated),
                doc_uris,
            )
        return files

    # The last moment before MkDocs converts pages: every other plugin has seen the
    # navigation, so the workers forked here start from the finished set-up.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        self.team = None
        if not self.config.enabled:
            return
        self.nav_urls = [page.url for page in nav.pages]
        if not self.is_serve and self.config.jobs != 1:
            self.team, self.shared = start_team(self.config.jobs, self.pages, nav, files, config)
        self.aside = None
        if self.team is not None and self.team.is_parent:
            # Written straight into the site by a process of their own while the team
            # converts pages; the parent leaves them out of its copying (before_building).
            self.aside = run_aside(
                lambda: self.fill_site_json(files, write=True), "writing api/sections.json"
            )
        if self.aside is None and (self.team is None or self.team.is_parent):
            self.fill_site_json(files, write=False)

    def _stop_platform_json(self) -> None:
        """The build stops before on_files: do not leave the child blocked on its pipe."""
        aside, self.platform_json = self.platform_json, None
        if aside is not None:
            aside.stop()

    def _platform_json(self) -> str:
        aside, self.platform_json = self.platform_json, None
        if aside is not None:
            try:
                return aside.result()
            except AsideFailed:
                pass  # written here instead, where an error shows its traceback
        return platform_json(self.platform, site_url=self.site_url)

    def fill_site_json(self, files: Files, *, write: bool) -> None:
        """``api/sections.json``: into its file, or, in a process of its own, straight to
        its place in the site."""
        pages = list(self.pages.values())
        for src_uri in SITE_JSON:
            file = files.get_file_from_path(src_uri)
            if file is None:
                continue
            content = sections_file(self.platform, pages, site_url=self.site_url)
            if write:
                from mkdocs.utils import write_file

                write_file(content.encode("utf-8"), file.abs_dest_path)
            else:
                file.content_string = content

    # First: a worker must point site-wide writes elsewhere before other plugins write.
    @event_priority(100)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep the theme's compiled templates between builds: MkDocs builds a fresh
        Jinja environment each time and Material's ~45 templates cost a third of a second
        to compile. Jinja checks each entry against the template source's checksum, so
        an edited override or theme upgrade is never served stale."""
        if self.config.enabled and getattr(env, "bytecode_cache", None) is None:
            from paved.generator.core.render.templating import bytecode_cache

            env.bytecode_cache = bytecode_cache()
        if self.config.enabled and self.config.nav_cache:
            from paved.generator.mkdocs_plugin.speed import navcache as plugin_navcache

            plugin_navcache.install(env, self.nav_urls)
        if self.team is not None:
            self.shared.before_building(self.team, env, files, config)
        if self.aside is not None:
            for src_uri in SITE_JSON:  # the aside process writes them
                file = files.get_file_from_path(src_uri)
                if file is not None:
                    file.inclusion = InclusionLevel.EXCLUDED
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

    # First of all plugins: a page another process builds is emptied before anyone
    # spends time on it.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        if self.team is not None and not self.team.owns(page.file.src_uri):
            page.meta["template"] = SKIP_TEMPLATE
            page.meta["search"] = {"exclude": True}
            return ""
        generated = self.pages.get(page.file.src_uri)
        is_hand_written = page.file.generated_by is None
        doc_path = self._repo_path(config, page.file.src_uri) if is_hand_written else None
        sources = tuple(source_paths(generated, doc_path, self.platform))
        facts = self.facts_cache.get(sources)
        if facts is None:
            # Index and catalogue pages share folder-wide facts: compute each set once.
            facts = self.facts_cache[sources] = page_facts(self.git, sources)
        page.meta["paved_git"] = facts.as_meta()
        owner = generated.owner if generated else page.meta.get("owner")
        page.meta["paved_owner"] = owner
        if is_hand_written:
            due = review_due(page.meta.get("review_by"), dt.date.today())
            if due is not None:
                page.meta["paved_review"] = {"due": due, "owner": owner}
        if self.blocking and page.file.src_uri != "index.md":
            page.meta["paved_invalid"] = len(self.blocking)
        if generated is not None:
            # A system page is written whole by its template: its fences can be drawn.
            drawn = self.formatters if generated.kind is PageKind.SYSTEM else None
            markdown, lifted = lift(markdown, drawn)
            if lifted:
                self.lifted[page.file.src_uri] = lifted
        return markdown

    # MkDocs converts every page before it builds any: the heavy blocks (see
    # .heavy) are lifted here, Material's search reads page.content in its
    # on_page_context (priority 0), and ours puts them back after it (priority -100).
    def on_page_content(
        self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self._skipped(page):
            return None
        from paved.generator.mkdocs_plugin.heavy import set_aside

        html, card = put_back_for_search(html, self.lifted.pop(page.file.src_uri, []))
        if card:
            self.cards[page.file.src_uri] = card
        light, blocks = set_aside(html)
        if blocks:
            self.set_aside[page.file.src_uri] = blocks
        return light

    def _skipped(self, page: MkDocsPage) -> bool:
        return self.team is not None and page.file.src_uri in self.team.skipped

    def _repo_path(self, config: MkDocsConfig, src_uri: str) -> str | None:
        """The repository-relative path of a hand-written page (git knows it by that)."""
        docs_dir = Path(config.docs_dir).resolve()
        try:
            return (docs_dir / src_uri).relative_to(self.root).as_posix()
        except ValueError:
            return None

    @event_priority(-100)
    def on_page_context(
        self,
        context: TemplateContext,
        *,
        page: MkDocsPage,
        config: MkDocsConfig,
        nav: Navigation,
    ) -> TemplateContext | None:
        if not self.config.enabled or self._skipped(page):
            return None
        if self.team is not None:
            self.shared.built(page, search_entries(config))
        blocks = self.set_aside.pop(page.file.src_uri, None)
        if blocks and page.content is not None:
            from paved.generator.mkdocs_plugin.heavy import restore

            page.content = restore(page.content, blocks)
        card = self.cards.pop(page.file.src_uri, "")
        if card and page.content is not None:
            page.content = restore_card(page.content, card)
        generated = self.pages.get(page.file.src_uri)
        # Read by overrides/partials/integrations/analytics/custom.html: what the feedback
        # API needs to route a rating to the page's owner.
        extra_context = cast(dict[str, Any], context)
        extra_context["paved_feedback"] = {
            "url": self.feedback_url,
            "page": page.file.src_uri,
            "owner": page.meta.get("paved_owner") or "",
            "kind": generated.kind.value if generated else "doc",
            "subject": (generated.subject_id if generated else None) or "",
        }
        return context

    # After every other plugin has seen the page: a worker leaves here once the loop
    # reaches its last page (always the parent's, so the worker has written all of its
    # own); the parent collects the workers' results before MkDocs validates anchors and
    # Material writes the search index.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> None:
        if self.team is not None and page.file.src_uri == self.shared.last_page:
            team, self.team = self.team, None
            self.shared.finish(team, search_entries(config))
            aside, self.aside = self.aside, None
            if aside is not None:
                try:
                    aside.result()
                except AsideFailed as error:
                    raise PluginError(f"paved: {error}") from None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_platform_json()
        team, self.team = self.team, None
        aside, self.aside = self.aside, None
        if aside is not None and (team is None or team.is_parent):
            aside.stop()
        if team is not None:
            self.shared.abandon(team, error)
