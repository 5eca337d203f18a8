"""Report pages: ownership gaps with a per-product scorecard, and onboarding lead time."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from paved.generator.core.gitfacts import StatusChange
from paved.generator.core.model import Classification, Product, ProductStatus
from paved.generator.core.render import paths
from paved.generator.core.render.badges import badge
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.escape import md_escape
from paved.generator.core.render.htmllinks import HtmlLinks
from paved.generator.core.render.links import Links
from paved.generator.core.render.table_block import table_block, table_rows
from paved.generator.core.render.types import Page, PageKind

STRICTNESS = {
    Classification.PUBLIC: 0,
    Classification.INTERNAL: 1,
    Classification.CONFIDENTIAL: 2,
    Classification.RESTRICTED: 3,
}


@dataclass(frozen=True, slots=True)
class Score:
    """One product's scorecard row. Each check is a tuple of notes (Markdown, escaped):
    empty when it passes, else what is missing, naming the dataset or field."""

    product: Product
    owner: tuple[str, ...]
    custodian: tuple[str, ...]
    lineage: tuple[str, ...]
    classification: tuple[str, ...]
    personal_data: tuple[str, ...]
    classification_review: tuple[str, ...] = ()
    """Less strict than an upstream dataset: right for aggregates, worth a second look."""
    personal_data_review: tuple[str, ...] = ()
    """Declared absent although an upstream dataset holds personal data."""

    @property
    def complete(self) -> bool:
        return not any(
            (self.owner, self.custodian, self.lineage, self.classification, self.personal_data)
        )


def _lineage_gaps(ctx: RenderContext, product: Product, links: Links) -> tuple[str, ...]:
    """Which upstream dataset is not in the catalogue or has no lineage recorded."""
    if not product.upstream_datasets:
        return ("no upstream datasets named (`upstream.datasets`)",)
    datasets, lk = ctx.platform.datasets, ctx.lookups
    gaps = []
    for dataset_id in product.upstream_datasets:
        if dataset_id not in datasets:
            gaps.append(f"{md_escape(dataset_id)} is not in the catalogue")
        elif dataset_id not in lk.upstream and dataset_id not in lk.downstream:
            gaps.append(f"{links.dataset(dataset_id)} has no lineage in the catalogue")
    return tuple(gaps)


def score(ctx: RenderContext, product: Product, links: Links | None = None) -> Score:
    links = links or ctx.links(paths.OWNERSHIP)
    datasets = ctx.platform.datasets
    upstream = [datasets[d] for d in product.upstream_datasets if d in datasets]
    mine = STRICTNESS.get(product.classification, 0)
    stricter = [d for d in upstream if STRICTNESS[d.classification] > mine]
    pd = product.personal_data
    pd_missing = (
        [
            name
            for name, value in (
                ("categories", pd.categories),
                ("legal basis", pd.legal_basis),
                ("retention", pd.retention),
            )
            if not value
        ]
        if pd.present
        else []
    )
    custodian: tuple[str, ...] = ()
    if not product.custodian:
        custodian = ("none named",)
    elif product.custodian not in ctx.platform.custodians:
        custodian = (f"{md_escape(product.custodian)} is not in the catalogue",)
    return Score(
        product=product,
        owner=() if product.business_owner is not None else ("no business owner",),
        custodian=custodian,
        lineage=_lineage_gaps(ctx, product, links),
        classification=() if product.classification in STRICTNESS else ("none declared",),
        personal_data=tuple(f"no {name}" for name in pd_missing),
        classification_review=tuple(
            f"{links.dataset(d.id)} is {d.classification.value}" for d in stricter
        ),
        personal_data_review=tuple(
            f"{links.dataset(d.id)} holds personal data"
            for d in upstream
            if not pd.present and d.has_personal_data
        ),
    )


def check_cell(notes: tuple[str, ...], review: tuple[str, ...] = ()) -> str:
    """A scorecard cell: ✓ or ✗ with what is missing, then ⚠ with what to look at."""
    cell = "✓" if not notes else "✗ " + "; ".join(notes)
    if review:
        cell += " ⚠ " + "; ".join(review)
    return cell


def render_ownership(ctx: RenderContext) -> Page:
    p = ctx.platform
    products = sorted(p.products.values(), key=lambda x: x.id)
    links = ctx.links(paths.OWNERSHIP)
    scorecard = [score(ctx, x, links) for x in products]
    markdown = ctx.render(
        "reports/ownership.md.j2",
        paths.OWNERSHIP,
        no_owner=[x for x in products if x.business_owner is None],
        no_custodian=[d for d in p.datasets.values() if not d.custodian],
        no_description=[d for d in p.datasets.values() if not d.description.strip()],
        scorecard=scorecard,
        check_cell=check_cell,
        complete=sum(1 for s in scorecard if s.complete),
    )
    return Page(paths.OWNERSHIP, "Ownership report", markdown, PageKind.REPORT)


def first_date(history: tuple[StatusChange, ...], status: str) -> date | None:
    dates = [c.date[:10] for c in history if c.status == status]
    if not dates:
        return None
    try:
        return date.fromisoformat(min(dates))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class LeadTime:
    """A product's time from submitted to onboarded (``onboarded`` set), or its age
    while submitted or approved. ``submitted`` is ``None`` when the history never
    recorded it: ``first_seen`` (the first status the history has) bounds the age."""

    id: str
    domain: str
    status: str
    submitted: date | None
    onboarded: date | None
    days: int
    first_seen: date | None = None
    first_status: str = ""


@dataclass(frozen=True, slots=True)
class Unmeasured:
    """An onboarded or retired product whose lead time the history cannot give, and why."""

    id: str
    status: str
    reason: str


@dataclass(frozen=True, slots=True)
class LeadTimes:
    done: list[LeadTime]
    waiting: list[LeadTime]
    unmeasured: list[Unmeasured]


def _first(history: tuple[StatusChange, ...]) -> tuple[date | None, str]:
    for change in history:
        try:
            return date.fromisoformat(change.date[:10]), change.status
        except ValueError:
            continue
    return None, ""


def _why_unmeasured(
    history: tuple[StatusChange, ...], submitted: date | None, onboarded: date | None
) -> str:
    seen, status = _first(history)
    if seen is None:
        return "its WID has no committed history yet"
    if submitted is None:
        return (
            f"its WID was first committed as *{status}* on {seen.isoformat()}: "
            "*submitted* was never committed, so the start is unknown"
        )
    if onboarded is None:
        return "it was retired without being onboarded"
    return "its history records *onboarded* before *submitted* (the status went back)"


def lead_times(ctx: RenderContext) -> LeadTimes:
    """Onboarded products with their lead time; every submitted or approved product with
    its age (a lower bound when *submitted* was not recorded); and each onboarded or
    retired product whose lead time cannot be measured, with the reason."""
    result = LeadTimes([], [], [])
    for product in sorted(ctx.platform.products.values(), key=lambda x: x.id):
        history = ctx.status_history(product)
        submitted = first_date(history, ProductStatus.SUBMITTED.value)
        onboarded = first_date(history, ProductStatus.ONBOARDED.value)
        status = product.status.value
        if submitted is not None and onboarded is not None and onboarded >= submitted:
            days = (onboarded - submitted).days
            result.done.append(
                LeadTime(product.id, product.domain, status, submitted, onboarded, days)
            )
        elif product.status in (ProductStatus.SUBMITTED, ProductStatus.APPROVED):
            seen, first_status = _first(history)
            start = submitted or seen
            days = max((ctx.today - start).days, 0) if start else 0
            result.waiting.append(
                LeadTime(
                    product.id, product.domain, status, submitted, None, days, seen, first_status
                )
            )
        elif product.status in (ProductStatus.ONBOARDED, ProductStatus.RETIRED):
            reason = _why_unmeasured(history, submitted, onboarded)
            result.unmeasured.append(Unmeasured(product.id, status, reason))
    return result


def _waiting_since(row: LeadTime) -> tuple[str, str]:
    if row.submitted:
        return row.submitted.isoformat(), str(row.days)
    if row.first_seen:
        return (
            f"not committed (first seen {row.first_seen.isoformat()} as "
            f"<em>{md_escape(row.first_status)}</em>)",
            f"at least {row.days}",
        )
    return "not committed", "—"


def onboarding_tables(
    ctx: RenderContext, by_status: list[tuple[str, list[Product]]], times: LeadTimes
) -> tuple[str, str, str]:
    """The report's three large tables (products by status, lead times, products
    waiting) as HTML: on a large portal they were most of the Markdown a WID's title
    made ``paved serve`` convert again. Every value is escaped once where it is placed:
    ``md_escape``, ``badge`` or an ``HtmlLinks`` anchor."""
    links = HtmlLinks(ctx.platform, paths.ONBOARDING, ctx.link_style, ctx.site_url)
    statuses = table_block(
        ("Status", "Products", "Count"),
        table_rows(
            (
                badge(status),
                "<br>".join(links.product(p.id, title=True) for p in items) or "—",
                str(len(items)),
            )
            for status, items in by_status
        ),
    )
    done = table_block(
        ("Product", "Domain", "Submitted", "Onboarded", "Lead time (days)"),
        table_rows(
            (
                links.product(r.id, title=True),
                links.domain(r.domain),
                r.submitted.isoformat() if r.submitted else "",
                r.onboarded.isoformat() if r.onboarded else "",
                str(r.days),
            )
            for r in times.done
        ),
        ' data-filters="Domain"',
    )
    waiting = table_block(
        ("Product", "Status", "Submitted", "Waiting (days)"),
        table_rows(
            (links.product(r.id, title=True), badge(r.status), *_waiting_since(r))
            for r in times.waiting
        ),
        ' data-filters="Status"',
    )
    return statuses, done, waiting


def render_onboarding(ctx: RenderContext) -> Page:
    times = lead_times(ctx)
    median = statistics.median([r.days for r in times.done]) if times.done else None
    products = sorted(ctx.platform.products.values(), key=lambda x: x.id)
    by_status = [(s.value, [p for p in products if p.status is s]) for s in ProductStatus]
    statuses, done, waiting = onboarding_tables(ctx, by_status, times)
    markdown = ctx.render(
        "reports/onboarding.md.j2",
        paths.ONBOARDING,
        has_history=bool(ctx.git.status_history),
        by_status=by_status,
        statuses_table=statuses,
        rows=times.done,
        rows_table=done,
        median=f"{median:g}" if median is not None else "",
        waiting=times.waiting,
        waiting_table=waiting,
        unmeasured=times.unmeasured,
        today=ctx.today.isoformat(),
    )
    return Page(paths.ONBOARDING, "Onboarding lead time", markdown, PageKind.REPORT)


def render(ctx: RenderContext) -> list[Page]:
    return [render_ownership(ctx), render_onboarding(ctx)]
