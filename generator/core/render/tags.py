"""The tags page: every tag of WIDs, ADRs and documentation pages, with the pages carrying it."""

from __future__ import annotations

from collections.abc import Iterable

from paved.generator.core.render import paths
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.htmllinks import HtmlLinks
from paved.generator.core.render.types import Page, PageKind


def doc_tags(doc: object) -> tuple[str, ...]:
    """Tags of a hand-written page. ``DocPage`` has no ``tags`` field yet (proposed); read
    it when present so documentation tags appear as soon as the model carries them."""
    tags = getattr(doc, "tags", ())
    return tuple(str(t) for t in tags) if isinstance(tags, (list, tuple)) else ()


def render(ctx: RenderContext) -> list[Page]:
    p = ctx.platform
    # Each tag's entries are written as an HTML list in a ``paved-dataset`` block, which
    # the adapter lifts out of Python-Markdown (``paved.generator.mkdocs_plugin.blocks``),
    # as it does a dataset page's: a large portal's thousands of list items are no longer
    # converted on every rebuild after a WID's title. The headings stay Markdown (the
    # table of contents, the anchors the tag links point at). Every value is escaped
    # once, by an ``HtmlLinks`` anchor (text with ``md_escape``, URL with ``html.escape``).
    links = HtmlLinks(p, paths.TAGS, ctx.link_style, ctx.site_url)
    entries: dict[str, list[tuple[int, str, str]]] = {}
    for prod in p.products.values():
        for tag in dict.fromkeys(prod.tags):
            entries.setdefault(tag, []).append(
                (0, prod.id, links.product(prod.id, title=True) + " (product)")
            )
    for dec in p.decisions.values():
        text = f"{dec.id} · {dec.title}"
        for tag in dict.fromkeys(dec.tags):
            entries.setdefault(tag, []).append(
                (1, dec.id, links.a(paths.decision(dec.id), text) + " (decision)")
            )
    for doc in p.docs.values():
        for tag in dict.fromkeys(doc_tags(doc)):
            entries.setdefault(tag, []).append(
                (2, doc.path, links.a(doc.path, doc.title) + " (documentation)")
            )
    tags = [(tag, _block(e[2] for e in sorted(entries[tag]))) for tag in sorted(entries)]
    markdown = ctx.render("tags.md.j2", paths.TAGS, tags=tags)
    return [Page(paths.TAGS, "Tags", markdown, PageKind.INDEX)]


def _block(items: Iterable[str]) -> str:
    """One tag's entries (each already escaped) as a lifted list."""
    lines = "".join(f"<li>{item}</li>\n" for item in items)
    return f'<div class="paved-dataset">\n<ul>\n{lines}</ul>\n</div>\n'
