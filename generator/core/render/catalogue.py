"""The custodian catalogue: index, domain, custodian and system pages.

Each dataset has its own page (``paved.generator.core.render.datasets``); a system page
lists its datasets in one filterable table linking there, with who uses the system and
what it depends on across every lineage hop (``paved.generator.core.lineage``).
Domain pages count their datasets per system instead of listing thousands of rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from paved.generator.core.model import Custodian, Domain, Product, System
from paved.generator.core.render import paths
from paved.generator.core.render.badges import badge
from paved.generator.core.render.card import tables_html
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.datasets import folder_links
from paved.generator.core.render.escape import md_escape
from paved.generator.core.render.htmllinks import HtmlLinks
from paved.generator.core.render.links import Links, join
from paved.generator.core.render.table_block import table_block, table_rows
from paved.generator.core.render.types import Page, PageKind


@dataclass(frozen=True, slots=True)
class DomainStats:
    systems: int
    datasets: int
    products: int


def render_index(ctx: RenderContext) -> Page:
    p, lk = ctx.platform, ctx.lookups
    links = ctx.links(paths.CATALOGUE)
    stats = {
        d: DomainStats(
            len(lk.systems_by_domain.get(d, [])),
            len(lk.datasets_by_domain.get(d, [])),
            len(lk.products_by_domain.get(d, [])),
        )
        for d in p.domains
    }
    experts: dict[str, list[str]] = {}
    for c in p.custodians.values():
        for topic in c.expertise:
            experts.setdefault(topic.strip().lower(), []).append(links.custodian(c.id))
    markdown = ctx.render(
        "catalogue/index.md.j2",
        paths.CATALOGUE,
        paths=paths,
        counts={
            "domains": len(p.domains),
            "custodians": len(p.custodians),
            "systems": len(p.systems),
            "datasets": len(p.datasets),
            "columns": lk.column_count,
            "lineage": len(p.lineage),
        },
        domains=list(p.domains.values()),
        stats=stats,
        custodians=sorted(p.custodians.values(), key=lambda c: c.name.lower()),
        custodian_domains={
            c.id: join(links.domain(d) for d in c.domains) for c in p.custodians.values()
        },
        expertise=[(t, ", ".join(experts[t])) for t in sorted(experts)],
        systems=sorted(p.systems.values(), key=lambda s: s.id),
        dataset_counts={s: len(v) for s, v in lk.datasets_by_system.items()},
    )
    return Page(paths.CATALOGUE, "Custodian catalogue", markdown, PageKind.INDEX)


def render_domain(ctx: RenderContext, domain: Domain) -> Page:
    src = paths.domain(domain.id)
    links = ctx.links(src)
    lk = ctx.lookups
    custodians = join(links.custodian(c) for c in lk.custodians_by_domain.get(domain.id, []))
    # Counted per system rather than listed: a domain holds thousands of datasets at
    # scale, and each system's page already lists its own.
    datasets = lk.datasets_by_domain.get(domain.id, [])
    markdown = ctx.render(
        "catalogue/domain.md.j2",
        src,
        d=domain,
        custodians=custodians,
        products=sorted(lk.products_by_domain.get(domain.id, []), key=lambda p: p.id),
        systems=lk.systems_by_domain.get(domain.id, []),
        datasets=datasets,
        by_system=sorted(Counter(ds.system for ds in datasets).items()),
        paths=paths,
    )
    return Page(
        src,
        f"Domain: {domain.name}",
        markdown,
        PageKind.DOMAIN,
        owner=domain.lead,
        subject_id=domain.id,
    )


def render_custodian(ctx: RenderContext, custodian: Custodian) -> Page:
    src = paths.custodian(custodian.id)
    links = ctx.links(src)
    lk = ctx.lookups
    # Wholly generated (no author text): its tables, one row per dataset of the
    # custodian, become HTML blocks kept out of Python-Markdown.
    markdown = ctx.render(
        "catalogue/custodian.md.j2",
        src,
        c=custodian,
        domains=join(links.domain(d) for d in custodian.domains),
        led=join(links.domain(d) for d in lk.domains_led_by.get(custodian.id, [])),
        products=sorted(lk.products_by_custodian.get(custodian.id, []), key=lambda p: p.id),
        systems=lk.systems_by_owner.get(custodian.id, []),
        datasets=lk.datasets_by_custodian.get(custodian.id, []),
    )
    markdown = tables_html(markdown, src, ctx.link_style)
    return Page(
        src,
        f"Custodian: {custodian.name}",
        markdown,
        PageKind.CUSTODIAN,
        owner=custodian.id,
        subject_id=custodian.id,
    )


def system_datasets_html(ctx: RenderContext, links: HtmlLinks, system: System) -> str:
    """The system's datasets as a sortable, filterable table linking to their pages
    (they used to be embedded here: the lakehouse page was 42,000 px tall)."""
    datasets = ctx.lookups.datasets_by_system.get(system.id, [])
    if not datasets:
        return ""
    lineage = ctx.lookups.lineage
    rows: list[tuple[str, ...]] = []
    for ds in datasets:
        cells = (
            links.dataset(ds.id),
            md_escape(ds.description) or "✗",
            badge(ds.classification, "classification"),
            "yes" if ds.has_personal_data else "no",
            links.custodian(ds.custodian) or "—",
            str(len(ds.columns)),
            str(len(lineage.used_by(ds.id))),
        )
        rows.append(cells)
    return table_block(
        (
            "Dataset",
            "Description",
            "Classification",
            "Personal data",
            "Custodian",
            "Columns",
            "Used by",
        ),
        table_rows(rows),
        ' data-filters="Classification,Personal data,Custodian"',
    )


#: The head of a system page's "Used by products" table, as Python-Markdown writes the
#: Markdown table it replaces. The adapter lifts the table out of Python-Markdown by it
#: (``paved.generator.mkdocs_plugin.blocks``): 212 rows of links and badges took 50 ms
#: a page to convert, the whole rest of the page 4 ms.
USED_BY_HEAD = (
    "<table>\n<thead>\n<tr>\n<th>Product</th>\n<th>Status</th>\n<th>Domain</th>\n"
    "<th>Hops</th>\n</tr>\n</thead>\n"
)


def system_used_by_html(links: HtmlLinks, used_by: list[Product], hops: dict[str, int]) -> str:
    """The products using a system's data: the HTML Python-Markdown (then the
    sanitiser) made of the Markdown table this replaces, byte for byte when titles hold
    no Markdown marks (``HtmlLinks`` writes the anchors MkDocs' link rewriting made)."""
    rows = "".join(
        f"<tr>\n<td>{links.product(p.id, title=True)}</td>\n<td>{badge(p.status)}</td>\n"
        f"<td>{links.domain(p.domain)}</td>\n<td>{hops[p.id]}</td>\n</tr>\n"
        for p in used_by
    )
    return f"{USED_BY_HEAD}<tbody>\n{rows}</tbody>\n</table>"


def _system_links(links: Links, hops: dict[str, int], exclude: str) -> str:
    return join(links.system(s) for s in hops if s != exclude)


def render_system(ctx: RenderContext, system: System, html_links: HtmlLinks | None = None) -> Page:
    src = paths.system(system.id)
    links = ctx.links(src)
    lk = ctx.lookups
    lineage = lk.lineage
    own = lineage.datasets_of(system.id)
    # Used by: every product reading one of its datasets or anything built from them,
    # across all hops, or naming the system in its WID; not only the WIDs that list it.
    used_by = lineage.system_used_by(system.id)
    touching = {p.id for p in lk.products_by_system.get(system.id, [])} - set(used_by)
    html_links = html_links or folder_links(ctx, src)
    products = [ctx.platform.products[p] for p in used_by if p in ctx.platform.products]
    markdown = ctx.render(
        "catalogue/system.md.j2",
        src,
        s=system,
        datasets=lk.datasets_by_system.get(system.id, []),
        table=system_datasets_html(ctx, html_links, system),
        used_by=products,
        used_by_table=system_used_by_html(html_links, products, used_by),
        paths=paths,
        integrates=join(links.product(p) for p in sorted(touching)),
        depends_on=_system_links(links, lineage.system_depends_on(system.id).systems, system.id),
        feeds=_system_links(links, lineage.impact(own).systems, system.id),
        decisions=join(links.decision(d.id) for d in lk.decisions_by_system.get(system.id, [])),
    )
    return Page(
        src,
        f"System: {system.name}",
        markdown,
        PageKind.SYSTEM,
        owner=system.owner,
        subject_id=system.id,
        source=ctx.platform.sheet_paths.get("systems"),
    )


def render(ctx: RenderContext) -> list[Page]:
    p = ctx.platform
    pages = [render_index(ctx)]
    pages.extend(render_domain(ctx, d) for d in p.domains.values())
    pages.extend(render_custodian(ctx, c) for c in p.custodians.values())
    systems = list(p.systems.values())
    if systems:  # every system page sits in one folder: one set of URLs for all
        shared = folder_links(ctx, paths.system(systems[0].id))
        pages.extend(render_system(ctx, s, shared) for s in systems)
    return pages
