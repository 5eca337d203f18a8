"""Machine-readable files the portal publishes next to its pages.

The JSON Schemas are served at stable URLs (``schemas/wid.schema.json``) so editors and
other repositories can point at them; ``api/platform.json`` gives scripts the products,
decisions and catalogue without scraping HTML.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from paved.generator.core.model import Platform
from paved.generator.core.render import paths

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

    Needs only the model (every product and decision has its page, at the URL
    ``paved.generator.core.render.paths`` gives), so the plugin writes it while pages render."""
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
