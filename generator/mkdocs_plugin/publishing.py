"""What the portal publishes for machines, next to its pages.

The JSON Schemas are served at stable URLs (``schemas/wid.schema.json``) so editors and
other repositories can point at them; ``api/platform.json`` gives scripts the products,
decisions and catalogue without scraping HTML; ``api/sections.json`` lists every section
the bot searches, with its anchor URL (written by the core's ``index.sections_json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from mkdocs.structure.files import Files

from paved.generator.core.model import Platform
from paved.generator.core.render import paths
from paved.generator.core.render.types import Page

PLATFORM_JSON = "api/platform.json"
SECTIONS_JSON = "api/sections.json"

# Long Markdown bodies and parsed sections belong to the pages, not the data export.
_LEFT_OUT = frozenset({"body", "sections"})
_SCALARS = frozenset({str, int, float, bool, type(None)})


def schema_files() -> dict[str, str]:
    """``schemas/<name>.schema.json`` → text, for every schema the generator ships."""
    folder = resources.files("paved.generator.core").joinpath("schemas")
    return {
        f"schemas/{entry.name}": entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".schema.json")
    }


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.name not in _LEFT_OUT)


def _plain(value: Any) -> Any:
    """Model values as JSON values, minus the long text fields.

    Hand-rolled instead of ``dataclasses.asdict``, which deep-copies every value: on a
    catalogue of 200,000 columns that copy alone took seconds.
    """
    if type(value) in _SCALARS:  # most values: checked first, exactly (not enums)
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def platform_json(platform: Platform, *, site_url: str = "") -> str:
    """The whole platform as one JSON document, each product and decision with its URL.

    Needs only the model: every product and decision has its page, at the URL
    ``paved.generator.core.render.paths`` gives."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    products = []
    for product in platform.products.values():
        item = _plain(product)
        item["url"] = base + paths.url_of(paths.product(product.id))
        products.append(item)
    decisions = []
    for decision in platform.decisions.values():
        item = _plain(decision)
        item["url"] = base + paths.url_of(paths.decision(decision.id))
        decisions.append(item)
    document = {
        "products": products,
        "decisions": decisions,
        "catalogue": {
            "domains": [_plain(d) for d in platform.domains.values()],
            "custodians": [_plain(c) for c in platform.custodians.values()],
            "systems": [_plain(s) for s in platform.systems.values()],
            "datasets": [_plain(d) for d in platform.datasets.values()],
            "lineage": [_plain(edge) for edge in platform.lineage],
        },
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"


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
        from paved.generator.core.index import build_index, sections_json

        file = files.get_file_from_path(SECTIONS_JSON)
        if file is not None:
            # Summaries only: the sections' full text is neither computed nor written.
            index = build_index(self.platform, self.pages, with_text=False)
            file.content_string = sections_json(index, site_url=self.site_url, include_text=False)
