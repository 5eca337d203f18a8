"""The home page: what the platform holds, where each kind of reader starts, what is new."""

from __future__ import annotations

from dataclasses import dataclass

from paved.generator.core.model import Product, ProductStatus
from paved.generator.core.render import paths
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.decisions import newest_first
from paved.generator.core.render.reports import first_date
from paved.generator.core.render.types import Page, PageKind

LATEST = 5


@dataclass(frozen=True, slots=True)
class MatrixRow:
    domain: str
    counts: list[int]
    total: int


def onboarded_on(ctx: RenderContext, product: Product) -> str | None:
    """When the product was onboarded: the commit that first marked its WID onboarded, unless
    the WID arrived already onboarded (an import: the commit dates the import, not the
    onboarding), then its ``created`` date."""
    history = ctx.status_history(product)
    if history and history[0].status != ProductStatus.ONBOARDED.value:
        when = first_date(history, ProductStatus.ONBOARDED.value)
        if when is not None:
            return when.isoformat()
    return product.created


def newly_onboarded(ctx: RenderContext) -> tuple[list[tuple[str, Product]], str]:
    """The most recently onboarded products, newest first."""
    rows: list[tuple[str, Product]] = []
    for p in ctx.platform.products.values():
        if p.status is ProductStatus.ONBOARDED:
            when = onboarded_on(ctx, p)
            if when:
                rows.append((when, p))
    if ctx.git.status_history:
        source = (
            "Dated by the commit that first marked each WID onboarded, or by its `created`"
            " date when the WID arrived already onboarded."
        )
    else:
        source = "Dated by each WID's `created` date (no git history was available)."
    rows.sort(key=lambda r: (r[0], r[1].id), reverse=True)
    return rows[:LATEST], source


def onboarding_doc(ctx: RenderContext) -> str:
    """A link to the hand-written getting-started page when the docs have one."""
    for candidate in ("get-started/index.md", "get-started.md", "onboarding/index.md"):
        doc = ctx.platform.docs.get(candidate)
        if doc is not None:
            return ctx.links(paths.HOME).doc(doc.path, doc.title)
    return ""


def doc_sections(ctx: RenderContext) -> list[str]:
    """Links to the top of each hand-written documentation section (``<folder>/index.md``).

    Only section landing pages, so the list stays short however many pages the docs have.
    """
    links = ctx.links(paths.HOME)
    landing = [
        doc
        for path, doc in ctx.platform.docs.items()
        if path.count("/") == 1 and path.endswith("/index.md")
    ]
    landing.sort(key=lambda d: d.path)
    return [links.doc(d.path, d.title) for d in landing]


def render(ctx: RenderContext) -> list[Page]:
    p, lk = ctx.platform, ctx.lookups
    links = ctx.links(paths.HOME)
    statuses = [s.value for s in ProductStatus]
    domain_ids = list(dict.fromkeys([*p.domains, *(x.domain for x in p.products.values())]))
    matrix = []
    for dom in domain_ids:
        prods = lk.products_by_domain.get(dom, [])
        if not prods:
            continue
        counts = [sum(1 for x in prods if x.status.value == s) for s in statuses]
        matrix.append(MatrixRow(links.domain(dom), counts, len(prods)))
    onboarded, source = newly_onboarded(ctx)
    markdown = ctx.render(
        "home.md.j2",
        paths.HOME,
        site_name=ctx.site_name,
        paths=paths,
        counts={
            "products": len(p.products),
            "decisions": len(p.decisions),
            "domains": len(p.domains),
            "datasets": len(p.datasets),
            "columns": lk.column_count,
            "custodians": len(p.custodians),
        },
        statuses=statuses,
        matrix=matrix,
        latest=newest_first(list(p.decisions.values()))[:LATEST],
        onboarded=onboarded,
        onboarded_source=source,
        onboarding_doc=onboarding_doc(ctx),
        doc_sections=doc_sections(ctx),
    )
    return [Page(paths.HOME, ctx.site_name, markdown, PageKind.HOME)]
