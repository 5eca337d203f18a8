"""What the portal publishes for machines, next to its pages.

The JSON Schemas are served at stable URLs (``schemas/wid.schema.json``) so editors and
other repositories can point at them; ``api/platform.json`` gives scripts the products,
decisions and catalogue without scraping HTML; ``api/sections.json`` lists every section
the bot searches, with its anchor URL. The writers are the core's
(``paved.generator.core.render.tree``); this module decides when the build runs them.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from mkdocs.structure.files import File, Files

from paved.generator.core.index import SectionRows, SectionsMemo
from paved.generator.core.model import Platform
from paved.generator.core.render.tree import (
    PLATFORM_JSON,
    SECTIONS_JSON,
    JsonFragments,
    platform_json,
    schema_files,
)
from paved.generator.core.render.types import Page
from paved.generator.mkdocs_plugin.blocks import lift

# The writers are engine-neutral and live in the core (``paved render`` writes the same
# files into a plain docs tree); re-exported here for the plugin's callers.
__all__ = [
    "PLATFORM_JSON",
    "SECTIONS_JSON",
    "Publishing",
    "platform_json",
    "schema_files",
    "sections_file",
]


def sections_file(
    platform: Platform,
    pages: Sequence[Page],
    *,
    site_url: str = "",
    memo: SectionsMemo | None = None,
    rows: JsonFragments | None = None,
) -> str:
    """The text of ``api/sections.json``: every section's summary and anchor URL (the
    sections' full text is neither computed nor written). Also ``paved render``'s.
    ``memo`` and ``rows``: the sections and their JSON of the previous build (``paved
    serve``)."""
    from paved.generator.core.index import build_index, sections_json

    index = build_index(platform, pages, with_text=False, memo=memo)
    return sections_json(index, site_url=site_url, include_text=False, memo=rows)


class LiftMemo:
    """Each generated page's Markdown with its blocks lifted (``.blocks.lift``), kept
    from one build of ``api/sections.json`` to the next (``paved serve``): lifting
    every page again was 2 of the 3 s the file took in a one-edit rebuild of 3,168
    pages, profiled. Keyed by the Markdown itself (lifting reads nothing else); only
    the last build's pages are kept."""

    def __init__(self) -> None:
        self._last: dict[str, str] = {}

    def lifted(self, markdown: str) -> str:
        return self._last.get(markdown) or lift(markdown)[0]

    def pages(self, pages: Sequence[Page]) -> list[Page]:
        """``pages`` with their Markdown lifted; remembers them for the next build."""
        last: dict[str, str] = {}
        out = []
        for page in pages:
            text = last[page.markdown] = self.lifted(page.markdown)
            out.append(replace(page, markdown=text))
        self._last = last
        return out


class Publishing:
    """The machine-readable files of one build."""

    def __init__(
        self,
        platform: Platform,
        pages: Sequence[Page] = (),
        *,
        site_url: str = "",
        memo: SectionsMemo | None = None,
        lifts: LiftMemo | None = None,
        fragments: JsonFragments | None = None,
        rows: JsonFragments | None = None,
        platform_text: str | None = None,
        page_rows: SectionRows | None = None,
    ) -> None:
        self.platform = platform
        # ``api/platform.json`` as made already (``paved build``: by a forked child,
        # while the pages were rendered), else None: made by ``files``.
        self.platform_text = platform_text
        # Kept between builds by ``paved serve`` (``speed.models``), else None.
        self.lifts = lifts
        self.fragments = fragments
        self.rows = rows
        self.pages = pages
        self.site_url = site_url
        # Sections kept from the previous build (``paved serve``, which builds in this
        # process: a background child's memo would not outlive it).
        self.memo = memo
        # Each page's rows kept (``paved serve``): the file is patched (``sections_bytes``).
        self.page_rows = page_rows
        self._child: _SectionsChild | None = None
        self._child_file: File | None = None

    def files(self) -> dict[str, str]:
        """``src_uri`` → content of the schemas and ``api/platform.json``, with
        ``api/sections.json`` still empty (see ``fill_sections``)."""
        published = schema_files()
        published[PLATFORM_JSON] = (
            self.platform_text
            if self.platform_text is not None
            else platform_json(self.platform, site_url=self.site_url, memo=self.fragments)
        )
        self.platform_text = None  # MkDocs' file holds it from here on
        published[SECTIONS_JSON] = ""
        return published

    def fill_sections(self, files: Files, *, background: bool = False) -> None:
        """Write ``api/sections.json`` into its file. Called once the navigation is
        built, so that in a shared build only the process that writes site-wide files
        spends the time on it (0.85 s on a large portal).

        ``background`` (a build that may use more than one CPU): a forked child computes
        the text while this process converts pages, and ``collect_sections`` puts it in
        the file before MkDocs writes it (the same text; without a child, or if it
        fails, it is computed here)."""
        file = files.get_file_from_path(SECTIONS_JSON)
        if file is None:
            return
        if background and _SectionsChild.possible():
            self._child = _SectionsChild(self)
            self._child_file = file
            return
        file.content_bytes = self.sections_bytes()

    def sections_bytes(self) -> bytes:
        """``sections_text`` as UTF-8; with ``page_rows`` (``paved serve``), made from
        the rows of the previous build's unchanged pages and only the changed pages'
        sections (the same bytes: ``tests/test_publishing_sections.py``)."""
        memo = self.page_rows
        if memo is None:
            return self.sections_text().encode()
        from paved.generator.core.index import SectionsKey, page_rows, sections_json_bytes
        from paved.generator.core.render.types import PageKind

        site_url = self.site_url

        def generated(page: Page) -> bytes:
            lifted = lift(page.markdown)[0]
            key = (page.src_uri, page.title, lifted, str(page.kind), page.status, page.owner)
            return page_rows((*key, page.subject_id, False), site_url=site_url)

        def doc(key: SectionsKey) -> bytes:
            return page_rows(key, site_url=site_url)

        memo.begin(site_url)
        # A generated page by the page itself (every field, compared by value); a docs
        # page as ``build_index`` keys it.
        parts = [memo.rows(page, functools.partial(generated, page)) for page in self.pages]
        doc_kind = str(PageKind.DOC)
        for item in self.platform.docs.values():
            key = (item.path, item.title, item.body, doc_kind, None, item.owner, None, False)
            parts.append(memo.rows(key, functools.partial(doc, key)))
        memo.roll()
        return sections_json_bytes(parts)

    def sections_text(self) -> str:
        """``sections_file`` of the pages with their HTML head blocks (banners, card) and
        whole tables set aside as for their conversion (``.blocks.lift``): the scanner
        reads one comment line for each instead of every tag (a third of the time on a
        decision log); the sections and summaries are the same (tested)."""
        if self.lifts is not None:
            pages = self.lifts.pages(self.pages)
        else:
            pages = [replace(page, markdown=lift(page.markdown)[0]) for page in self.pages]
        return sections_file(
            self.platform, pages, site_url=self.site_url, memo=self.memo, rows=self.rows
        )

    def collect_sections(self) -> None:
        """The background child's ``api/sections.json`` into its file (a no-op without
        one); call before MkDocs copies the generated files into the site.

        Kept as the UTF-8 bytes MkDocs writes: a ``str`` of the same text takes four bytes
        a character as soon as one is outside the BMP (an emoji in a summary), 115 MB
        instead of 29 on a large portal, held by the parent to the end of the build."""
        child, self._child = self._child, None
        if child is not None and self._child_file is not None:
            data = child.result()
            self._child_file.content_bytes = self.sections_bytes() if data is None else data
        self._child_file = None

    def forget_pages(self) -> None:
        """The sections are collected (or another process writes them): the pages'
        Markdown is not needed here any more and can be freed as MkDocs reads it."""
        self.pages = ()


class _SectionsChild:
    """``api/sections.json`` computed in a forked child (Linux, more than one CPU, no
    other thread), written to a temporary file the parent reads back."""

    @staticmethod
    def possible() -> bool:
        from paved.generator.mkdocs_plugin.speed.parallel import can_fork, usable_cpus

        return usable_cpus() > 1 and can_fork()

    def __init__(self, publishing: Publishing) -> None:
        from paved.generator.mkdocs_plugin.speed.parallel import die_with_parent

        handle, path = tempfile.mkstemp(prefix="paved-sections-", suffix=".json")
        self.path = Path(path)
        self.pid = os.fork()
        if self.pid == 0:  # the child: compute, write, leave without any teardown
            code = 1
            try:
                die_with_parent()
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(publishing.sections_text())
                code = 0
            finally:
                os._exit(code)
        os.close(handle)

    def result(self) -> bytes | None:
        """The child's text (UTF-8), or None if it failed."""
        try:
            _, status = os.waitpid(self.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                return None
            return self.path.read_bytes()
        except OSError:
            return None
        finally:
            self.path.unlink(missing_ok=True)
