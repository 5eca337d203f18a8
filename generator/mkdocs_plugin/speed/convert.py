"""One Python-Markdown instance per process converts every page it owns.

MkDocs' ``Page.render`` makes a new ``markdown.Markdown`` for each page, with every
extension set up again, then converts once and drops it. Python-Markdown is made to be
reused: ``Markdown.reset()`` clears the document state (stashed HTML, references) and
calls each registered extension's ``reset``. On the 500-decision benchmark the fresh
instances cost 0.15 s of CPU in 0.8 s of conversion (setting up the extensions, and
the garbage of a few thousand objects per page for the collector to walk).

Only extensions read to keep no state between documents, or to clear it in ``reset``,
are reused (``RESETTABLE``); with any other, the page is converted exactly as MkDocs does.
``render`` does what MkDocs 1.6's ``Page.render`` does, step for step, with MkDocs' own
per-page processors (anchors, relative links, title) made new for each page; a test
converts varied pages one after another both ways and compares every result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import markdown
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

# Extensions whose source was read (Python-Markdown 3.11, pymdown-extensions 10) to keep
# nothing between documents, or to clear it in a ``reset`` they register: abbreviations,
# footnotes, tab and code-block counters, superfences' stash, the table of contents.
RESETTABLE = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.emoji",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
        "paved.generator.mkdocs_plugin.brackets",
    }
)

_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")
# ``render`` copies MkDocs 1.6's ``Page.render``; another MkDocs keeps its own.
_SAME_RENDER = mkdocs.__version__.startswith("1.6.")


def reusable(config: MkDocsConfig) -> bool:
    """Whether every Markdown extension of the site is one known to reset."""
    return _SAME_RENDER and all(
        isinstance(name, str) and name in RESETTABLE for name in config.markdown_extensions
    )


class Converter:
    """This process's Markdown, made at its first page and reset before each other."""

    def __init__(self) -> None:
        self._config: MkDocsConfig | None = None
        self._md: markdown.Markdown | None = None

    def render_of(
        self, page: MkDocsPage, config: MkDocsConfig
    ) -> Callable[[MkDocsConfig, Files], None] | None:
        """A ``render`` for ``page`` that reuses this process's Markdown, or None when
        the site has an extension not known to reset (MkDocs' own ``render`` stays)."""
        if not reusable(config):
            return None

        def render(config: MkDocsConfig, files: Files) -> None:
            self.render(page, config, files)

        return render

    def _markdown(self, config: MkDocsConfig) -> markdown.Markdown:
        if self._md is None or self._config is not config:
            self._md = markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
            self._config = config
        else:
            self._md.reset()
        return self._md

    def render(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
        """MkDocs 1.6's ``Page.render`` with this process's Markdown."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self._markdown(config)
        # MkDocs' private per-page processors, made and registered as its render does (a
        # name registered again replaces the previous page's).
        private: Any = mkdocs_pages
        raw_html = private._RawHTMLPreprocessor()  # noqa: SLF001 - MkDocs' render's
        anchors = private._ExtractAnchorsTreeprocessor(page.file, files, config)  # noqa: SLF001
        relative = private._RelativePathTreeprocessor(page.file, files, config)  # noqa: SLF001
        title = private._ExtractTitleTreeprocessor()  # noqa: SLF001
        for processor in (raw_html, anchors, relative, title):
            processor._register(md)  # noqa: SLF001

        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title  # noqa: SLF001 - what MkDocs' render sets
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
