"""The tags page: every tag of WIDs, ADRs and documentation pages, with the pages carrying it."""

from __future__ import annotations

from paved.generator.core.render import paths
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.types import Page, PageKind


def doc_tags(doc: object) -> tuple[str, ...]:
    """Tags of a hand-written page. ``DocPage`` has no ``tags`` field yet (proposed); read
    it when present so documentation tags appear as soon as the model carries them."""
    tags = getattr(doc, "tags", ())
    return tuple(str(t) for t in tags) if isinstance(tags, (list, tuple)) else ()


def render(ctx: RenderContext) -> list[Page]:
    p = ctx.platform
    links = ctx.links(paths.TAGS)
    entries: dict[str, list[tuple[int, str, str]]] = {}
    for prod in p.products.values():
        for tag in dict.fromkeys(prod.tags):
            entries.setdefault(tag, []).append(
                (0, prod.id, links.product(prod.id, title=True) + " (product)")
            )
    for dec in p.decisions.values():
        for tag in dict.fromkeys(dec.tags):
            entries.setdefault(tag, []).append(
                (1, dec.id, links.decision(dec.id, title=True) + " (decision)")
            )
    for doc in p.docs.values():
        for tag in dict.fromkeys(doc_tags(doc)):
            entries.setdefault(tag, []).append(
                (2, doc.path, links.doc(doc.path, doc.title) + " (documentation)")
            )
    tags = [(tag, [e[2] for e in sorted(entries[tag])]) for tag in sorted(entries)]
    markdown = ctx.render("tags.md.j2", paths.TAGS, tags=tags)
    return [Page(paths.TAGS, "Tags", markdown, PageKind.INDEX)]
