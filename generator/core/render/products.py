"""The product catalogue: an index table and one page per WID."""

from __future__ import annotations

from collections import Counter

from paved.generator.core.markdown_structure import heading_anchor
from paved.generator.core.model import IntegrationPoint, PersonalData, Product, ProductStatus
from paved.generator.core.render import card, paths
from paved.generator.core.render.badges import badge
from paved.generator.core.render.changes import status_trail
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.escape import md_escape
from paved.generator.core.render.htmllinks import HtmlLinks
from paved.generator.core.render.links import Links, join
from paved.generator.core.render.table_block import table_block, table_rows
from paved.generator.core.render.types import Page, PageKind


def status_summary(statuses: list[str], order: list[str]) -> str:
    """ "3 onboarded, 1 draft" in lifecycle order; statuses outside ``order`` come last."""
    counts = Counter(statuses)
    known = [s for s in order if counts[s]]
    rest = sorted(s for s in counts if s not in order)
    return ", ".join(f"{counts[s]} {s}" for s in [*known, *rest]) or "none"


PRODUCT_ORDER = [s.value for s in ProductStatus]


def index_table(ctx: RenderContext, products: list[Product]) -> str:
    """The catalogue's table written as HTML, as the dataset index is: the adapter lifts
    it out of Python-Markdown (``paved.generator.mkdocs_plugin.blocks``), so a rebuild
    after any WID's title no longer converts a thousand Markdown rows. Every value is
    escaped once where it is placed: by ``md_escape``, ``badge`` or an ``HtmlLinks``
    anchor (text with ``md_escape``, URL with ``html.escape``)."""
    if not products:
        return ""
    links = HtmlLinks(ctx.platform, paths.PRODUCTS, ctx.link_style, ctx.site_url)
    rows: list[tuple[str, ...]] = []
    for p in products:
        tags = ", ".join(links.a(paths.TAGS, t, heading_anchor(md_escape(t))) for t in p.tags)
        cells = (
            links.product(p.id, title=True),
            links.domain(p.domain),
            badge(p.status),
            md_escape(p.business_owner.name) if p.business_owner else "—",
            md_escape(p.lifecycle_stage),
            tags,
        )
        rows.append(cells)
    return table_block(
        ("Product", "Domain", "Status", "Owner", "Stage", "Tags"),
        table_rows(rows),
        ' data-filters="Domain,Status,Stage,Tags"',
    )


def render_index(ctx: RenderContext) -> Page:
    products = sorted(ctx.platform.products.values(), key=lambda p: p.id)
    markdown = ctx.render(
        "products/index.md.j2",
        paths.PRODUCTS,
        products=products,
        table=index_table(ctx, products),
        by_status=status_summary([p.status.value for p in products], PRODUCT_ORDER),
    )
    return Page(paths.PRODUCTS, "Product catalogue", markdown, PageKind.INDEX)


def personal_data(pd: PersonalData) -> str:
    if not pd.present:
        return "none"
    parts = ["yes"]
    if pd.categories:
        parts.append("categories: " + ", ".join(md_escape(c) for c in pd.categories))
    parts.append("legal basis: " + (md_escape(pd.legal_basis) if pd.legal_basis else "✗ missing"))
    parts.append("retention: " + (md_escape(pd.retention) if pd.retention else "✗ missing"))
    if pd.pseudonymised is not None:
        parts.append("pseudonymised" if pd.pseudonymised else "not pseudonymised")
    return "; ".join(parts)


def integration(links: Links, points: tuple[IntegrationPoint, ...]) -> str:
    rows = []
    for point in points:
        text = f"{links.system(point.system)} via {md_escape(point.method)}"
        if point.frequency:
            text += f" ({md_escape(point.frequency)})"
        if point.description:
            text += f": {md_escape(point.description)}"
        rows.append(text)
    return "<br>".join(rows)


#: Datasets named per hop in a product's "Further upstream" row; the dataset pages hold
#: the complete lists.
FURTHER_PER_HOP = 8


def further_upstream(links: Links, hops: dict[str, int]) -> str:
    """What the product's datasets are built from, across every hop past the direct
    reads: ``2 hops: a, b<br>3 hops: c and 4 more``; ``""`` when nothing feeds them."""
    by_hop: dict[int, list[str]] = {}
    for dataset_id, n in hops.items():
        if n > 1:
            by_hop.setdefault(n, []).append(dataset_id)
    rows = []
    for n, ids in sorted(by_hop.items()):
        named = join(links.dataset(d) for d in ids[:FURTHER_PER_HOP])
        more = len(ids) - FURTHER_PER_HOP
        rows.append(f"{n} hops: {named}{f' and {more} more' if more > 0 else ''}")
    return "<br>".join(rows)


def render_product(ctx: RenderContext, product: Product) -> Page:
    src = paths.product(product.id)
    links = ctx.links(src)
    facts = ctx.git.files.get(product.path)
    page_markdown = ctx.render(
        "products/product.md.j2",
        src,
        p=product,
        personal_data=personal_data(product.personal_data),
        ingress=integration(links, product.ingress),
        egress=integration(links, product.egress),
        upstream_systems=join(links.system(s) for s in product.upstream_systems),
        upstream_datasets=join(links.dataset(d) for d in product.upstream_datasets),
        further_upstream=further_upstream(
            links, ctx.lookups.lineage.product_depends_on(product.id).datasets
        ),
        decisions=join((links.decision_with_status(d) for d in product.related_adrs), sep="<br>"),
        tags=join(links.tag(t) for t in product.tags),
        created=ctx.history_date(product.path, "created") or product.created,
        updated=ctx.history_date(product.path, "updated"),
        contributors=facts.contributors if facts else (),
        status_history=status_trail(ctx.status_history(product)),
        body=ctx.body(product.body, product.path, src),
    )
    markdown = card.as_html(page_markdown, src, ctx.link_style)

    owner = product.custodian or (product.business_owner.email if product.business_owner else None)
    return Page(
        src,
        f"{product.id} · {product.title}",
        markdown,
        PageKind.PRODUCT,
        status=product.status.value,
        owner=owner,
        subject_id=product.id,
    )


def render(ctx: RenderContext) -> list[Page]:
    pages = [render_index(ctx)]
    pages.extend(render_product(ctx, p) for p in ctx.platform.products.values())
    return pages
