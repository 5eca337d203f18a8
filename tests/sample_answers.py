"""The sample platform the answering tests share: a few products, decisions, custodians
and docs pages written to exercise every kind of answer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from paved.bot.answer.engine import Engine
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.index import IndexSection
from paved.generator.core.load.markdown import find_sections
from paved.generator.core.model import (
    Classification,
    Column,
    Contact,
    Custodian,
    Dataset,
    Decision,
    DecisionStatus,
    DocPage,
    Domain,
    PersonalData,
    Platform,
    Product,
    ProductStatus,
    System,
)
from paved.generator.core.render.site import render_site

ROOT = Path(__file__).resolve().parent.parent

ACCESS_DOC = """# Getting data access

Every grant names a purpose and an end date.

## Request a grant

Open the request form, choose a purpose and wait for the custodian's approval, usually
within two working days.

## Break-glass access

Only the on-call engineer may use emergency access, and every use is reviewed.
"""


def custodian(cid: str, name: str, *, expertise: tuple[str, ...] = (), role: str = "") -> Custodian:
    handle = "@" + cid.replace("-", ".")
    email = cid.replace("-", ".") + "@example.org"
    return Custodian(cid, name, email, handle, role or None, ("retail",), expertise)


def product(pid: str, title: str, status: ProductStatus, *, body: str = "") -> Product:
    text = body or f"# {title}\n\n## Value proposition\n\nWhy {title.lower()} matters.\n"
    return Product(
        id=pid,
        title=title,
        status=status,
        domain="retail",
        business_owner=Contact("Ada Berg", "ada.berg@example.org", "@ada.berg"),
        technical_contact=Contact("Tor Lie", "tor.lie@example.org", "@tor.lie"),
        custodian="ada-berg",
        value_proposition=f"{title} for the shops.",
        strategic_pillar=None,
        lifecycle_stage="build",
        surfaced_as=("table",),
        ingress=(),
        egress=(),
        upstream_systems=("till",),
        upstream_datasets=(),
        classification=Classification.INTERNAL,
        personal_data=PersonalData(present=False),
        related_adrs=(),
        tags=(),
        created="2026-01-10",
        path=f"wids/{pid}.md",
        body=text,
        sections=tuple(find_sections(text, 1)),
    )


def decision(
    number: int,
    title: str,
    status: DecisionStatus,
    *,
    outcome: str,
    tags: tuple[str, ...] = (),
    supersedes: tuple[str, ...] = (),
    superseded_by: str | None = None,
) -> Decision:
    text = (
        f"# {title}\n\n## Context and Problem Statement\n\nWe needed a rule.\n\n"
        f"## Decision Outcome\n\n{outcome}\n"
    )
    return Decision(
        id=f"ADR-{number:04d}",
        number=number,
        title=title,
        status=status,
        date=f"2025-0{number}-01",
        decision_makers=("Ada Berg",),
        consulted=(),
        informed=(),
        supersedes=supersedes,
        superseded_by=superseded_by,
        affected_wids=(),
        affected_systems=(),
        tags=tags,
        path=f"adrs/{number:04d}-x.md",
        body=text,
        sections=tuple(find_sections(text, 1)),
    )


def doc_page(path: str, title: str, body: str, *, owner: str) -> DocPage:
    """A hand-written docs page as the loaders would give it: sections found in ``body``."""
    return DocPage(
        path=path,
        title=title,
        owner=owner,
        review_by=None,
        sections=tuple(find_sections(body, 1)),
        body=body,
    )


@contextmanager
def engine_of(platform: Platform) -> Iterator[Engine]:
    """The answering engine over ``platform``'s rendered pages (no git history), closed
    after use: what the answering tests' module fixtures build."""
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    try:
        yield built
    finally:
        built.close()


def small_platform() -> Platform:
    people = [
        custodian("ada-berg", "Ada Berg", expertise=("till receipts", "store sales")),
        custodian("ola-dahl", "Ola Dahl", expertise=("Kafka", "streaming"), role="Platform lead"),
    ]
    columns = (
        Column("till.receipts", "receipt_id", "string", "Receipt number.", False),
        Column("till.receipts", "card_no", "string", "Loyalty card.", True),
    )
    datasets = [
        Dataset(
            "till.receipts",
            "till",
            "retail",
            "ada-berg",
            "One row per receipt.",
            Classification.CONFIDENTIAL,
            "hourly",
            columns,
        ),
        Dataset(
            "till.stores",
            "till",
            "retail",
            None,
            "One row per store.",
            Classification.INTERNAL,
            None,
            (),
        ),
    ]
    decisions = [
        decision(
            1,
            "Load sources nightly",
            DecisionStatus.SUPERSEDED,
            outcome="Chosen option: nightly batch loads.",
            tags=("ingestion",),
            superseded_by="ADR-0002",
        ),
        decision(
            2,
            "Stream till receipts through Kafka",
            DecisionStatus.ACCEPTED,
            outcome="Chosen option: Kafka streaming for receipts.",
            tags=("ingestion",),
            supersedes=("ADR-0001",),
        ),
        decision(
            3,
            "Block every load that breaks a contract",
            DecisionStatus.REJECTED,
            outcome="Rejected: blocking loads on contract breaks halts the stores' reports.",
        ),
        decision(
            4,
            "Charge platform costs to domains",
            DecisionStatus.PROPOSED,
            outcome="Proposed: charge platform costs by usage.",
        ),
    ]
    products = [
        product("WID-0001", "Store sales dashboard", ProductStatus.ONBOARDED),
        product("WID-0002", "Loyalty campaign audiences", ProductStatus.DRAFT),
        product("WID-0003", "Old sales mart feed", ProductStatus.RETIRED),
    ]
    return Platform(
        products={p.id: p for p in products},
        decisions={d.id: d for d in decisions},
        domains={"retail": Domain("retail", "Retail", "Shops and tills.", "ada-berg")},
        custodians={c.id: c for c in people},
        systems={"till": System("till", "Store tills", "retail", "ada-berg", "pos", "Tills.")},
        datasets={d.id: d for d in datasets},
        docs={
            "access/index.md": DocPage(
                path="access/index.md",
                title="Getting data access",
                owner="governance@example.org",
                review_by=None,
                sections=tuple(find_sections(ACCESS_DOC, 1)),
                body=ACCESS_DOC,
            )
        },
    )


def doc_section(name: str, text: str) -> IndexSection:
    """One searchable docs section named ``name`` holding ``text``: the smallest index
    entry a ranking test needs."""
    return IndexSection(
        page_title=name,
        title=name,
        level=1,
        anchor="",
        url=f"{name}/",
        text=text,
        summary=text,
        kind="doc",
        status=None,
        owner=None,
        subject_id=None,
        src_uri=f"{name}.md",
    )
