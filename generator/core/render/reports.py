"""Report pages: ownership gaps with a per-product scorecard, and onboarding lead time."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from paved.generator.core.gitfacts import StatusChange
from paved.generator.core.model import Classification, Product, ProductStatus
from paved.generator.core.render import paths
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.types import Page, PageKind

STRICTNESS = {
    Classification.PUBLIC: 0,
    Classification.INTERNAL: 1,
    Classification.CONFIDENTIAL: 2,
    Classification.RESTRICTED: 3,
}


@dataclass(frozen=True, slots=True)
class Score:
    product: Product
    owner: bool
    custodian: bool
    lineage: bool
    classification: bool
    personal_data: bool
    classification_review: bool = False
    """Less strict than an upstream dataset: right for aggregates, worth a second look."""
    personal_data_review: bool = False
    """Declared absent although an upstream dataset holds personal data."""

    @property
    def complete(self) -> bool:
        return all(
            (self.owner, self.custodian, self.lineage, self.classification, self.personal_data)
        )


def score(ctx: RenderContext, product: Product) -> Score:
    datasets = ctx.platform.datasets
    lk = ctx.lookups
    upstream = [datasets[d] for d in product.upstream_datasets if d in datasets]
    lineage = (
        bool(product.upstream_datasets)
        and len(upstream) == len(product.upstream_datasets)
        and all(d.id in lk.upstream or d.id in lk.downstream for d in upstream)
    )
    strictest = max((STRICTNESS[d.classification] for d in upstream), default=0)
    pd = product.personal_data
    pd_ok = bool(pd.categories and pd.legal_basis and pd.retention) if pd.present else True
    return Score(
        product=product,
        owner=product.business_owner is not None,
        custodian=bool(product.custodian and product.custodian in ctx.platform.custodians),
        lineage=lineage,
        classification=product.classification in STRICTNESS,
        personal_data=pd_ok,
        classification_review=STRICTNESS.get(product.classification, 0) < strictest,
        personal_data_review=not pd.present and any(d.has_personal_data for d in upstream),
    )


def render_ownership(ctx: RenderContext) -> Page:
    p = ctx.platform
    products = sorted(p.products.values(), key=lambda x: x.id)
    scorecard = [score(ctx, x) for x in products]
    markdown = ctx.render(
        "reports/ownership.md.j2",
        paths.OWNERSHIP,
        no_owner=[x for x in products if x.business_owner is None],
        no_custodian=[d for d in p.datasets.values() if not d.custodian],
        no_description=[d for d in p.datasets.values() if not d.description.strip()],
        scorecard=scorecard,
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
    id: str
    domain: str
    status: str
    submitted: date
    onboarded: date | None
    days: int


def lead_times(ctx: RenderContext) -> tuple[list[LeadTime], list[LeadTime]]:
    """(onboarded products with their lead time, products still waiting with their age)."""
    done: list[LeadTime] = []
    waiting: list[LeadTime] = []
    for product in sorted(ctx.platform.products.values(), key=lambda x: x.id):
        history = ctx.status_history(product)
        submitted = first_date(history, ProductStatus.SUBMITTED.value)
        if submitted is None:
            continue
        onboarded = first_date(history, ProductStatus.ONBOARDED.value)
        status = product.status.value
        if onboarded is not None and onboarded >= submitted:
            days = (onboarded - submitted).days
            done.append(LeadTime(product.id, product.domain, status, submitted, onboarded, days))
        elif product.status in (ProductStatus.SUBMITTED, ProductStatus.APPROVED):
            days = max((ctx.today - submitted).days, 0)
            waiting.append(LeadTime(product.id, product.domain, status, submitted, None, days))
    return done, waiting


def render_onboarding(ctx: RenderContext) -> Page:
    done, waiting = lead_times(ctx)
    median = statistics.median([r.days for r in done]) if done else None
    markdown = ctx.render(
        "reports/onboarding.md.j2",
        paths.ONBOARDING,
        has_history=bool(ctx.git.status_history),
        rows=done,
        median=f"{median:g}" if median is not None else "",
        waiting=waiting,
        today=ctx.today.isoformat(),
    )
    return Page(paths.ONBOARDING, "Onboarding lead time", markdown, PageKind.REPORT)


def render(ctx: RenderContext) -> list[Page]:
    return [render_ownership(ctx), render_onboarding(ctx)]
