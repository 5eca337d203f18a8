"""What the home page's dashboard reports: what changed recently and what needs attention.

Pure functions over the model, the git facts and a date, so the same inputs give the
same dashboard (golden-file tests inject the date). "Recently" comes from git, one
entry per file, newest first; "needs attention" lists what a platform team chases in a
review meeting: docs pages past their review date, current products without a business
owner or custodian, decisions still proposed, datasets nobody answers for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.model import Decision, DecisionStatus, DocPage, Platform, Product
from paved.generator.core.render import paths

#: Rows shown per list on the home page; the rest are counted and linked.
SHOWN = 6


@dataclass(frozen=True, slots=True)
class Change:
    """One file changed in git, and the portal page that shows it."""

    day: str
    page: str
    title: str
    who: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Attention:
    stale_docs: list[tuple[DocPage, str]]
    ownerless: list[tuple[Product, str]]
    proposed: list[tuple[Decision, int | None]]
    datasets_without_custodian: int

    @property
    def total(self) -> int:
        return (
            len(self.stale_docs)
            + len(self.ownerless)
            + len(self.proposed)
            + self.datasets_without_custodian
        )


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def attention(platform: Platform, today: dt.date) -> Attention:
    stale = []
    for doc in platform.docs.values():
        due = _day(doc.review_by)
        if due is not None and due < today:
            stale.append((doc, due.isoformat()))
    stale.sort(key=lambda pair: (pair[1], pair[0].path))
    ownerless = []
    for p in platform.products.values():
        if not p.is_current:
            continue
        missing = [
            name
            for name, value in (("business owner", p.business_owner), ("custodian", p.custodian))
            if not value
        ]
        if missing:
            ownerless.append((p, " and ".join(missing)))
    proposed = []
    for d in platform.decisions.values():
        if d.status is DecisionStatus.PROPOSED:
            since = _day(d.date)
            proposed.append((d, (today - since).days if since else None))
    proposed.sort(key=lambda pair: (-(pair[1] or 0), pair[0].number))
    return Attention(
        stale_docs=stale,
        ownerless=ownerless,
        proposed=proposed,
        datasets_without_custodian=sum(1 for d in platform.datasets.values() if not d.custodian),
    )


def recent_changes(platform: Platform, git: GitFacts, limit: int = SHOWN) -> list[Change]:
    """The files changed last, newest first, each with the page that shows it (WIDs,
    ADRs, docs pages; catalogue files as the catalogue). Files no page shows are left
    out."""
    pages: dict[str, tuple[str, str]] = {}
    for p in platform.products.values():
        pages[p.path] = (paths.product(p.id), f"{p.id} · {p.title}")
    for d in platform.decisions.values():
        pages[d.path] = (paths.decision(d.id), f"{d.id} · {d.title}")
    for doc in platform.docs.values():
        pages[f"docs/{doc.path}"] = (doc.path, doc.title)
    for sheet_path in set(platform.sheet_paths.values()):
        pages[sheet_path] = (paths.CATALOGUE, "Custodian catalogue")
    found = []
    for path, history in git.files.items():
        target = pages.get(path)
        if target is None or not history.updated:
            continue
        found.append((history.updated, path, target, history.contributors))
    found.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [
        Change(updated[:10], page, title, who) for updated, _, (page, title), who in found[:limit]
    ]
