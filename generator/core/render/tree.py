"""The portal as a plain docs tree (path → bytes) that any Markdown site engine can build.

What the MkDocs plugin injects into its build, written out instead: the generated pages
(their git facts and owner in front matter, where the theme partials read them), the
hand-written files of ``docs/`` the caller has vetted, and the files the portal publishes
for machines: ``schemas/*.schema.json``, ``api/platform.json`` and ``api/sections.json``.
The plugin publishes those through the same functions (``schema_files``,
``platform_json``; ``api/sections.json`` through ``mkdocs_plugin.publishing.sections_file``):
one implementation of each.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

import yaml

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


class JsonFragments:
    """Each catalogue object's JSON text, kept between builds of one process (``paved
    serve``) while the loader hands back the very same object (``LoadMemo`` does while
    ``custodians/`` is unchanged): writing the 200,000 columns' datasets and 20,000
    lineage edges of a large catalogue again was most of ``api/platform.json``'s 3.4 s
    in a one-WID rebuild. Held by identity, with the object itself (so its id is not
    reused), and by kind and id for an equal object of a re-read catalogue; only the
    last build's objects are kept."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[object, str, str]] = {}
        self._next: dict[int, tuple[object, str, str]] = {}
        self._last_by_id: dict[tuple[type, str], tuple[object, str, str]] = {}
        self._next_by_id: dict[tuple[type, str], tuple[object, str, str]] = {}
        #: By key: the values, the salt, each value's text and the joined text.
        self._last_joined: dict[str, _Joined] = {}
        self._next_joined: dict[str, _Joined] = {}

    def text(
        self, value: object, write: Callable[[object], str] | None = None, salt: str = ""
    ) -> str:
        """``value`` as ``write`` writes it (default: as ``platform_json`` does); ``salt``
        is whatever else ``write`` reads (the site's URL)."""
        found = self._last.get(id(value))
        if found is not None and found[0] is value and found[1] == salt:
            text = found[2]
        else:
            # A re-read catalogue (one cell edited) holds new objects: the same text
            # for each object equal to the last build's of its kind and id.
            key = _identified(value)
            same = self._last_by_id.get(key) if key is not None else None
            if same is not None and same[1] == salt and same[0] == value:
                text = same[2]
            else:
                text = write(value) if write is not None else _dumps(_plain(value))
        self._next[id(value)] = (value, salt, text)
        key = _identified(value)
        if key is not None:
            self._next_by_id[key] = (value, salt, text)
        return text

    def joined(
        self,
        key: str,
        values: Sequence[object],
        write: Callable[[object], str] | None = None,
        salt: str = "",
    ) -> str:
        """``values``' texts joined by ``", "``, kept under ``key`` while they are the
        very same objects (a page's sections: SectionsMemo hands an unchanged page's
        back). Looking up each of a large portal's 63,000 sections was 0.4 s of every
        rebuild; its 12,000 pages are a fifth of that."""
        last = self._last_joined.get(key)
        if (
            last is not None
            and last[1] == salt
            and len(last[0]) == len(values)
            and all(map(operator.is_, last[0], values))
        ):
            texts, text = last[2], last[3]
        else:
            # A changed page: its sections that are the same objects keep their rows.
            same = (
                {id(value): (value, row) for value, row in zip(last[0], last[2], strict=True)}
                if last is not None and last[1] == salt
                else {}
            )
            texts = tuple(
                found[1]
                if (found := same.get(id(value))) is not None and found[0] is value
                else self.text(value, write, salt)
                for value in values
            )
            text = ", ".join(texts)
        self._next_joined[key] = (tuple(values), salt, texts, text)
        return text

    def roll(self) -> None:
        self._last, self._next = self._next, {}
        self._last_by_id, self._next_by_id = self._next_by_id, {}
        self._last_joined, self._next_joined = self._next_joined, {}


_Joined = tuple[tuple[object, ...], str, tuple[str, ...], str]


def _identified(value: object) -> tuple[type, str] | None:
    """A catalogue object's kind and id (a lineage edge has none)."""
    ident = getattr(value, "id", None)
    return (type(value), ident) if isinstance(ident, str) else None


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def platform_json(
    platform: Platform, *, site_url: str = "", memo: JsonFragments | None = None
) -> str:
    """The whole platform as one JSON document, each product and decision with its URL.

    Needs only the model: every product and decision has its page, at the URL
    ``paved.generator.core.render.paths`` gives. ``memo``: the catalogue's objects
    written by the previous build of this process (the same text: JSON without indent
    is the concatenation of its parts' JSON)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    parts: dict[str, list[Any]] = {
        "domains": list(platform.domains.values()),
        "custodians": list(platform.custodians.values()),
        "systems": list(platform.systems.values()),
        "datasets": list(platform.datasets.values()),
        "lineage": list(platform.lineage),
    }
    if memo is None:
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
            "catalogue": {name: [_plain(v) for v in values] for name, values in parts.items()},
        }
        return _dumps(document) + "\n"
    catalogue = ",".join(
        f"{_dumps(name)}:[{','.join(memo.text(v) for v in values)}]"
        for name, values in parts.items()
    )

    def with_url(path: Callable[[str], str]) -> Callable[[object], str]:
        def write(value: object) -> str:
            item = _plain(value)
            item["url"] = base + paths.url_of(path(getattr(value, "id", "")))
            return _dumps(item)

        return write

    # Each product and decision as above (its item, then its URL), kept while equal.
    product_items = ",".join(
        memo.text(v, with_url(paths.product), salt=f"product {base}")
        for v in platform.products.values()
    )
    decision_items = ",".join(
        memo.text(v, with_url(paths.decision), salt=f"decision {base}")
        for v in platform.decisions.values()
    )
    memo.roll()
    return (
        f'{{"products":[{product_items}],"decisions":[{decision_items}],'
        f'"catalogue":{{{catalogue}}}}}\n'
    )


def machine_files(platform: Platform, sections: str, *, site_url: str = "") -> dict[str, str]:
    """``src_uri`` → text of every file the portal publishes for machines; ``sections``
    is ``api/sections.json`` (``core.index`` writes it: the renderer does not import the
    index, which imports the renderer)."""
    published = schema_files()
    published[PLATFORM_JSON] = platform_json(platform, site_url=site_url)
    published[SECTIONS_JSON] = sections
    return published


# MkDocs' (and Zensical's) front matter: a YAML mapping between two '---' lines (or
# '---' and '...') at the very top of the page.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A page's front matter and the rest. A block that is not a YAML mapping is left in
    the text, as the engines leave it."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return {str(k): v for k, v in meta.items()}, text[match.end() :]


def with_front_matter(meta: Mapping[str, Any], body: str) -> str:
    """``body`` under a front matter block holding ``meta`` (none when it is empty)."""
    if not meta:
        return body
    block = yaml.safe_dump(dict(meta), sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{block}---\n\n{body}"


#: What a page's front matter becomes in the tree: ``(src_uri, generated page or None
#: for a hand-written one, its front matter) → the front matter to write``.
MetaOf = Callable[[str, Page | None, dict[str, Any]], Mapping[str, Any]]


@dataclass(slots=True)
class DocsTree:
    """The ``docs/`` folder of the tree: ``src_uri`` → bytes, and the hand-written pages
    a generated page of the same path replaced (the plugin warns about those too)."""

    files: dict[str, bytes] = field(default_factory=dict)
    replaced: list[str] = field(default_factory=list)


def docs_tree(
    pages: Sequence[Page],
    docs: Mapping[str, bytes],
    published: Mapping[str, str],
    meta_of: MetaOf,
) -> DocsTree:
    """The docs tree: hand-written ``docs`` (already vetted: only what the portal
    publishes), the generated ``pages`` and the ``published`` machine files. The front
    matter of every page (``.md``) goes through ``meta_of``."""
    tree = DocsTree()
    generated = {page.src_uri: page for page in pages}
    for src_uri, content in docs.items():
        if src_uri in generated or src_uri in published:
            tree.replaced.append(src_uri)
            continue
        if src_uri.endswith(".md"):
            meta, body = split_front_matter(content.decode("utf-8-sig"))
            content = with_front_matter(meta_of(src_uri, None, meta), body).encode()
        tree.files[src_uri] = content
    for src_uri, page in generated.items():
        meta, body = split_front_matter(page.markdown)
        tree.files[src_uri] = with_front_matter(meta_of(src_uri, page, meta), body).encode()
    for src_uri, text in published.items():
        tree.files[src_uri] = text.encode()
    return tree
