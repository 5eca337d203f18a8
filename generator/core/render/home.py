"""The home page as a dashboard: where each kind of reader starts (Material grid cards),
what the platform holds, what changed recently (git) and what needs attention.

The cards are written as HTML (Material's ``grid cards`` markup) rather than as
Markdown in ``md_in_html`` blocks, so they show on a site whose ``mkdocs.yml`` lacks
that extension; every value in them is escaped once (``md_escape`` or a ``Links``
builder, whose Markdown links ``inline_html`` turns into anchors).
"""

from __future__ import annotations

from dataclasses import dataclass

from paved.generator.core.model import DecisionStatus, Product, ProductStatus
from paved.generator.core.render import paths
from paved.generator.core.render.attention import SHOWN, Attention, attention, recent_changes
from paved.generator.core.render.card import inline_html
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.datasets import access_guide
from paved.generator.core.render.decisions import newest_first
from paved.generator.core.render.escape import md_escape
from paved.generator.core.render.links import Links
from paved.generator.core.render.reports import first_date
from paved.generator.core.render.table_block import table_block, table_rows
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


def stat_cards(ctx: RenderContext, links: Links) -> list[Card]:
    """The counts, one card each, linking to where they are listed."""
    p, lk = ctx.platform, ctx.lookups
    by_status = dict.fromkeys(ProductStatus, 0)
    for x in p.products.values():
        by_status[x.status] += 1
    statuses = ", ".join(f"{n} {s.value}" for s, n in by_status.items() if n) or "none yet"
    return [
        Card(f"{len(p.products)} products", statuses, (links.to(paths.PRODUCTS, "Products"),)),
        Card(
            f"{len(p.decisions)} decisions",
            f"{sum(1 for d in p.decisions.values() if d.is_current)} accepted",
            (links.to(paths.DECISIONS, "Decision log"),),
        ),
        Card(
            f"{len(p.datasets)} datasets",
            f"{lk.column_count} columns, {len(p.lineage)} lineage links",
            (links.to(paths.DATASETS, "Datasets"),),
        ),
        Card(
            f"{len(p.custodians)} custodians",
            f"{len(p.domains)} domains, {len(p.systems)} systems",
            (links.to(paths.CATALOGUE, "Catalogue"),),
        ),
    ]


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


@dataclass(frozen=True, slots=True)
class Card:
    """A grid card: a title, a sentence and links, all escaped Markdown."""

    title: str
    text: str
    links: tuple[str, ...]


def cards_html(cards: list[Card], ctx: RenderContext, css: str = "") -> str:
    style = ctx.link_style
    items = []
    for card in cards:
        links = "".join(
            f"<li>{inline_html(link, paths.HOME, style)}</li>" for link in card.links if link
        )
        items.append(
            f"<li><p><strong>{card.title}</strong></p>\n<hr>\n"
            f"<p>{inline_html(card.text, paths.HOME, style)}</p>\n"
            + (f"<ul>{links}</ul>\n" if links else "")
            + "</li>\n"
        )
    extra = f" {css}" if css else ""
    return f'<div class="grid cards{extra}">\n<ul>\n{"".join(items)}</ul>\n</div>\n'


def reader_cards(ctx: RenderContext, links: Links) -> list[Card]:
    """Where each kind of reader starts."""
    p = ctx.platform
    accepted = sum(1 for d in p.decisions.values() if d.status is DecisionStatus.ACCEPTED)
    current = sum(1 for x in p.products.values() if x.is_current)
    guide = access_guide(p)
    access = links.to(guide.path, "How to request access", guide.anchor) if guide else ""
    new_here = list(dict.fromkeys(x for x in [onboarding_doc(ctx), *doc_sections(ctx)] if x))[:4]
    return [
        Card(
            "New here?",
            "What the platform offers and how to start, written by the platform team.",
            tuple(new_here) or (links.to(paths.PRODUCTS, "Browse the products"),),
        ),
        Card(
            "Onboarding a data product",
            "Write a WID (<code>paved new wid</code> scaffolds one) and open a pull request; "
            f"{current} products are current today.",
            (
                links.to(paths.PRODUCTS, "Product catalogue"),
                links.to(paths.ONBOARDING, "Onboarding report"),
            ),
        ),
        Card(
            "Looking for data",
            f"{len(p.datasets)} datasets with their columns, lineage across every hop, who "
            "uses them and who grants access.",
            (
                links.to(paths.DATASETS, "Dataset index"),
                links.to(paths.CATALOGUE, "Custodian catalogue"),
                access,
            ),
        ),
        Card(
            "Architect",
            f"{len(p.decisions)} decisions, {accepted} in force; record a new one with "
            "<code>paved adr new</code>.",
            (links.to(paths.DECISIONS, "Decision log"), links.to(paths.TAGS, "Tags")),
        ),
        Card(
            "Custodian",
            "Who answers for which domain, system and dataset, and the gaps to close.",
            (
                links.to(paths.OWNERSHIP, "Ownership report"),
                links.to(paths.CATALOGUE, "Custodians and their data"),
            ),
        ),
        Card(
            "Have a question?",
            "Ask the bot in Slack, for example “who is the custodian of the orders table?”: it "
            "answers with links to the exact page, or hands you to a person.",
            (),
        ),
    ]


def attention_html(ctx: RenderContext, links: Links, found: Attention) -> str:
    """What needs attention, one short list per kind, each capped at ``SHOWN`` rows."""
    if not found.total:
        return (
            "<p>✓ Nothing needs attention: every review is current, every current product has "
            "an owner and a custodian, no decision waits and every dataset has a custodian.</p>\n"
        )
    style = ctx.link_style
    blocks = []

    def block(title: str, rows: list[str], more: int, more_link: str) -> None:
        items = "".join(f"<li>{inline_html(r, paths.HOME, style)}</li>" for r in rows)
        tail = ""
        if more > 0:
            where = f": {inline_html(more_link, paths.HOME, style)}" if more_link else ""
            tail = f"<li>and {more} more{where}</li>"
        blocks.append(f"<p><strong>{title}</strong></p>\n<ul>{items}{tail}</ul>\n")

    if found.stale_docs:
        rows = [
            f"{links.doc(doc.path, doc.title)}: review was due {md_escape(due)}"
            + (f" ({links.person(doc.owner)})" if doc.owner else "")
            for doc, due in found.stale_docs[:SHOWN]
        ]
        block("Pages past their review date", rows, len(found.stale_docs) - SHOWN, "")
    if found.ownerless:
        rows = [
            f"{links.product(p.id, title=True)}: no {md_escape(missing)}"
            for p, missing in found.ownerless[:SHOWN]
        ]
        more = links.to(paths.OWNERSHIP, "ownership report")
        block("Products without an owner", rows, len(found.ownerless) - SHOWN, more)
    if found.proposed:
        rows = [
            f"{links.decision(d.id, title=True)}"
            + (f": proposed {days} days ago" if days is not None else ": proposed, undated")
            for d, days in found.proposed[:SHOWN]
        ]
        more = links.to(paths.DECISIONS, "decision log")
        block("Decisions still proposed", rows, len(found.proposed) - SHOWN, more)
    if found.datasets_without_custodian:
        n = found.datasets_without_custodian
        rows = [
            f"{n} dataset{'s' if n != 1 else ''} without a custodian: see the "
            f"{links.to(paths.OWNERSHIP, 'ownership report')}"
        ]
        block("Data nobody answers for", rows, 0, "")
    return "".join(blocks)


def changes_html(ctx: RenderContext, links: Links) -> str:
    changes = recent_changes(ctx.platform, ctx.git)
    if not changes:
        return "<p>No git history was available when the portal was built.</p>\n"
    rows = table_rows(
        (
            md_escape(c.day),
            inline_html(links.to(c.page, c.title), paths.HOME, ctx.link_style),
            ", ".join(md_escape(w) for w in c.who[:3]) or "—",
        )
        for c in changes
    )
    return table_block(("Changed", "Page", "By"), rows)


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
    found = attention(p, ctx.today)
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
        cards=cards_html(reader_cards(ctx, links), ctx),
        stats=cards_html(stat_cards(ctx, links), ctx, "paved-stats"),
        attention=attention_html(ctx, links, found),
        attention_count=found.total,
        changes=changes_html(ctx, links),
    )
    return [Page(paths.HOME, ctx.site_name, markdown, PageKind.HOME)]
