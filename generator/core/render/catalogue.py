"""The custodian catalogue: index, domain, custodian and system pages.

Datasets are sections of their system's page (about a hundred per page at 10,000
datasets), not pages of their own: MkDocs' cost grows with the page count.
Column tables are the bulk of the output (200,000 rows at scale): they are joined in
Python as a ``paved-columns`` fence that the adapter draws as an HTML table, so
Python-Markdown never parses their cells.
Domain pages count their datasets per system instead of listing thousands of rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from paved.generator.core.model import Custodian, Dataset, Domain, System
from paved.generator.core.render import paths
from paved.generator.core.render.badges import badge
from paved.generator.core.render.card import inline_html, tables_html
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.escape import md_escape, mermaid_label
from paved.generator.core.render.links import Links, join
from paved.generator.core.render.types import Page, PageKind


@dataclass(frozen=True, slots=True)
class DomainStats:
    systems: int
    datasets: int
    products: int


@dataclass(frozen=True, slots=True)
class DatasetSection:
    """What a system page shows of one dataset. ``facts`` and ``lineage`` are HTML blocks
    (see ``dataset_section``); the heading above them stays Markdown, so the table of
    contents and the dataset's anchor are MkDocs' own."""

    ds: Dataset
    columns: str
    personal: str
    upstream: str
    downstream: str
    graph: str
    facts: str = ""
    lineage: str = ""


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


def column_table(ds: Dataset) -> str:
    """The dataset's columns as a ``paved-columns`` fence, or "" when it lists none.

    One line per column, cells separated by ``|`` (which ``md_escape`` escapes inside
    values; Markdown expands tabs, so they cannot separate): name, type, yes/no
    (personal data), description. The MkDocs adapter turns the fence into an HTML table
    (``paved.generator.mkdocs_plugin.tables``); a Markdown table would run every inline pattern over
    every cell, and raw HTML is still parsed tag by tag: at 200,000 columns either was
    the largest cost of the portal build. Elsewhere the fence reads as a plain listing.
    ``md_escape`` also removes newlines and backticks, so no value closes the fence.
    """
    if not ds.columns:
        return ""
    rows = "".join(
        f"{md_escape(c.name)} | {md_escape(c.type)} | {'yes' if c.personal_data else 'no'}"
        f" | {md_escape(c.description)}\n"
        for c in ds.columns
    )
    return f"```paved-columns\n{rows}```"


def personal_columns(ds: Dataset) -> str:
    """The names of the columns flagged as personal data, comma separated."""
    return ", ".join(md_escape(c.name) for c in ds.columns if c.personal_data)


def lineage_graph(ctx: RenderContext, src: str, ds: Dataset) -> str:
    """``flowchart LR``: direct upstream datasets → this dataset → direct downstream ones."""
    lk = ctx.lookups
    ups = list(dict.fromkeys(e.upstream for e in lk.upstream.get(ds.id, [])))
    downs = list(dict.fromkeys(e.downstream for e in lk.downstream.get(ds.id, [])))
    nodes = {ds.id: "n0"}
    for other in [*ups, *downs]:
        nodes.setdefault(other, f"n{len(nodes)}")
    lines = ["flowchart LR"]
    lines.extend(f'    {node}["{mermaid_label(name)}"]' for name, node in nodes.items())
    lines.extend(f"    {nodes[u]} --> n0" for u in ups if u != ds.id)
    lines.extend(f"    n0 --> {nodes[d]}" for d in downs if d != ds.id)
    for name, node in nodes.items():
        target = ctx.platform.datasets.get(name)
        if name == ds.id or target is None or target.system not in ctx.platform.systems:
            continue
        url = ctx.click_url(src, paths.system(target.system), paths.dataset_anchor(name))
        lines.append(f'    click {node} "{mermaid_label(url)}"')
    lines.append("    style n0 stroke-width:3px")
    return "\n".join(lines)


def dataset_section(ctx: RenderContext, links: Links, src: str, ds: Dataset) -> DatasetSection:
    lk = ctx.lookups
    ups = dict.fromkeys(e.upstream for e in lk.upstream.get(ds.id, []))
    downs = dict.fromkeys(e.downstream for e in lk.downstream.get(ds.id, []))
    has_lineage = bool(ups or downs)
    personal = personal_columns(ds)
    upstream = join(links.dataset(u) for u in ups)
    downstream = join(links.dataset(d) for d in downs)
    return DatasetSection(
        ds=ds,
        columns=column_table(ds),
        personal=personal,
        upstream=upstream,
        downstream=downstream,
        graph=lineage_graph(ctx, src, ds) if has_lineage else "",
        facts=_facts_html(links, src, ds, personal, ctx.link_style),
        lineage=_lineage_html(src, upstream, downstream, ctx.link_style) if has_lineage else "",
    )


# A system page holds about a hundred dataset sections at scale; written as Markdown,
# their facts line and lineage links cost Python-Markdown most of ~1.2 ms each (12 s of
# a large build). As HTML blocks the adapter lifts them out of the conversion
# (``paved.generator.mkdocs_plugin.blocks``) and search still reads their text. The description
# stays a Markdown paragraph: the bot's index takes it as the section's summary.
def _facts_html(
    links: Links,
    src: str,
    ds: Dataset,
    personal: str,
    style: paths.LinkStyle = paths.LinkStyle.SERVED,
) -> str:
    refresh = md_escape(ds.refresh) if ds.refresh else "—"
    custodian = inline_html(links.custodian(ds.custodian), src, style) or "✗ none named"
    personal_data = "no"
    if ds.has_personal_data:
        personal_data = f"yes ({personal})" if personal else "yes"
    return (
        f'<div class="paved-dataset">\n'
        f"<p><strong>Classification:</strong> {badge(ds.classification, 'classification')}"
        f" · <strong>Refresh:</strong> {refresh} · <strong>Custodian:</strong> {custodian}"
        f" · <strong>Personal data:</strong> {personal_data}</p>\n</div>\n"
    )


def _lineage_html(
    src: str, upstream: str, downstream: str, style: paths.LinkStyle = paths.LinkStyle.SERVED
) -> str:
    ups = inline_html(upstream, src, style) or "—"
    downs = inline_html(downstream, src, style) or "—"
    return (
        f'<div class="paved-dataset">\n<p><strong>Upstream:</strong> {ups}'
        f" · <strong>Downstream:</strong> {downs}</p>\n</div>\n"
    )


def render_system(ctx: RenderContext, system: System) -> Page:
    src = paths.system(system.id)
    links = ctx.links(src)
    lk = ctx.lookups
    sections = [
        dataset_section(ctx, links, src, ds) for ds in lk.datasets_by_system.get(system.id, [])
    ]
    markdown = ctx.render(
        "catalogue/system.md.j2",
        src,
        s=system,
        sections=sections,
        products=join(links.product(p.id) for p in lk.products_by_system.get(system.id, [])),
        decisions=join(links.decision(d.id) for d in lk.decisions_by_system.get(system.id, [])),
    )
    return Page(
        src,
        f"System: {system.name}",
        markdown,
        PageKind.SYSTEM,
        owner=system.owner,
        subject_id=system.id,
    )


def render(ctx: RenderContext) -> list[Page]:
    p = ctx.platform
    pages = [render_index(ctx)]
    pages.extend(render_domain(ctx, d) for d in p.domains.values())
    pages.extend(render_custodian(ctx, c) for c in p.custodians.values())
    pages.extend(render_system(ctx, s) for s in p.systems.values())
    return pages
