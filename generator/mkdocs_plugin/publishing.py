"""What the portal publishes for machines, next to its pages.

The JSON Schemas are served at stable URLs (``schemas/wid.schema.json``) so editors and
other repositories can point at them; ``api/platform.json`` gives scripts the products,
decisions and catalogue without scraping HTML; ``api/sections.json`` lists every section
the bot searches, with its anchor URL. The writers are the core's
(``paved.generator.core.render.tree``); this module decides when the build runs them.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.structure.files import Files

from paved.generator.core.model import Platform
from paved.generator.core.render.tree import (
    PLATFORM_JSON,
    SECTIONS_JSON,
    platform_json,
    schema_files,
)
from paved.generator.core.render.types import Page

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


def sections_file(platform: Platform, pages: Sequence[Page], *, site_url: str = "") -> str:
    """The text of ``api/sections.json``: every section's summary and anchor URL (the
    sections' full text is neither computed nor written). Also ``paved render``'s."""
    from paved.generator.core.index import build_index, sections_json

    index = build_index(platform, pages, with_text=False)
    return sections_json(index, site_url=site_url, include_text=False)


class Publishing:
    """The machine-readable files of one build."""

    def __init__(
        self, platform: Platform, pages: Sequence[Page] = (), *, site_url: str = ""
    ) -> None:
        self.platform = platform
        self.pages = pages
        self.site_url = site_url

    def files(self) -> dict[str, str]:
        """``src_uri`` → content of the schemas and ``api/platform.json``, with
        ``api/sections.json`` still empty (see ``fill_sections``)."""
        published = schema_files()
        published[PLATFORM_JSON] = platform_json(self.platform, site_url=self.site_url)
        published[SECTIONS_JSON] = ""
        return published

    def fill_sections(self, files: Files) -> None:
        """Write ``api/sections.json`` into its file. Called once the navigation is
        built, so that in a shared build only the process that writes site-wide files
        spends the time on it (0.85 s on a large portal)."""
        file = files.get_file_from_path(SECTIONS_JSON)
        if file is not None:
            file.content_string = sections_file(self.platform, self.pages, site_url=self.site_url)
