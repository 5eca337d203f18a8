"""Where each generated page lives (the URL contract of ``paved.generator.core.render.types``).

One module owns the mapping so the pages, the links between them and the tests
that check those links cannot drift apart.
"""

from __future__ import annotations

import posixpath
from enum import StrEnum
from functools import lru_cache

from paved.generator.core.markdown_structure import heading_anchor
from paved.generator.core.render.escape import md_escape, segment


class LinkStyle(StrEnum):
    """How links written as raw HTML (diagram ``click`` targets, cards, tables) point at
    another page. Markdown links are always ``.md`` paths: every engine rewrites those."""

    #: Browser URLs of the served pages (``use_directory_urls``): MkDocs leaves links in
    #: raw HTML as written.
    SERVED = "served"
    #: ``.md`` paths relative to the source page: Zensical rewrites links in raw HTML
    #: relative to the source file, so served URLs would break there.
    SOURCE = "source"


HOME = "index.md"
PRODUCTS = "products/index.md"
DECISIONS = "decisions/index.md"
CATALOGUE = "catalogue/index.md"
DATASETS = "catalogue/datasets/index.md"
TAGS = "tags.md"
OWNERSHIP = "reports/ownership.md"
ONBOARDING = "reports/onboarding.md"


def product(wid_id: str) -> str:
    return f"products/{segment(wid_id)}.md"


def decision(adr_id: str) -> str:
    return f"decisions/{segment(adr_id)}.md"


def domain(domain_id: str) -> str:
    return f"catalogue/domains/{segment(domain_id)}.md"


def custodian(custodian_id: str) -> str:
    return f"catalogue/custodians/{segment(custodian_id)}.md"


def system(system_id: str) -> str:
    return f"catalogue/systems/{segment(system_id)}.md"


def dataset(dataset_id: str) -> str:
    """A dataset's own page (its id keeps its dot: ``catalogue/datasets/pos.sales_lines.md``)."""
    return f"catalogue/datasets/{segment(dataset_id)}.md"


def dataset_anchor(dataset_id: str) -> str:
    """The anchor of a ``## <dataset id>`` heading (the template writes the id through
    ``md_escape``): what toc gives that heading."""
    return heading_anchor(md_escape(dataset_id))


def url_of(src_uri: str) -> str:
    """The served URL (``use_directory_urls``) of a page, relative to the site root."""
    if src_uri == HOME:
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + "/"


@lru_cache(maxsize=4096)
def _relative_dir(from_dir: str, to_dir: str) -> str:
    return posixpath.relpath(to_dir or ".", from_dir or ".")


@lru_cache(maxsize=65536)
def relative(from_uri: str, to_uri: str) -> str:
    """The link from one source page to another, as MkDocs resolves ``.md`` links."""
    to_dir, name = posixpath.split(to_uri)
    rel_dir = _relative_dir(posixpath.dirname(from_uri), to_dir)
    return name if rel_dir == "." else f"{rel_dir}/{name}"


def relative_url(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """A browser URL from one served page to another (for Mermaid ``click`` links,
    which MkDocs does not rewrite)."""
    from_url, to_url = url_of(from_uri), url_of(to_uri)
    fragment = f"#{anchor}" if anchor else ""
    if from_url == to_url:
        return fragment or "./"
    return _relative_served(from_url, to_url) + fragment


# A large catalogue asks for ~100,000 links between a few thousand pages, and
# ``posixpath.relpath`` was a quarter of the rendering time; the pairs repeat.
@lru_cache(maxsize=65536)
def _relative_served(from_url: str, to_url: str) -> str:
    rel = posixpath.relpath(to_url or ".", from_url.rstrip("/") or ".")
    return "./" if rel == "." else rel + "/"


def html_link(
    from_uri: str, to_uri: str, anchor: str = "", style: LinkStyle = LinkStyle.SERVED
) -> str:
    """A link from page ``from_uri`` to page ``to_uri`` for raw HTML, in ``style``."""
    if style is LinkStyle.SERVED:
        return relative_url(from_uri, to_uri, anchor)
    fragment = f"#{anchor}" if anchor else ""
    return relative(from_uri, to_uri) + fragment
