"""A small hand-built platform for the render tests (no tests here; imported by them).

Built in code rather than loaded from files so the render tests do not depend on the
loaders, and so every edge case (a superseded chain, a draft, hostile text) is explicit.
"""

from __future__ import annotations

from paved.generator.core.gitfacts import FileHistory, GitFacts, StatusChange
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
    IntegrationPoint,
    LineageEdge,
    PersonalData,
    Platform,
    Product,
    ProductStatus,
    System,
)

HOSTILE = 'Orders | refunds <script>alert("x")</script> [click](javascript:alert(1)){: onclick=x}'


def product(
    wid: str,
    title: str,
    status: ProductStatus = ProductStatus.ONBOARDED,
    **overrides: object,
) -> Product:
    values: dict[str, object] = {
        "id": wid,
        "title": title,
        "status": status,
        "domain": "sales",
        "business_owner": Contact("Ada Lind", "ada.lind@halden.example", "@ada"),
        "technical_contact": Contact("Bo Krantz", "bo.krantz@halden.example"),
        "custodian": "maria",
        "value_proposition": "Daily sales per store for planning.",
        "strategic_pillar": "Know our customers",
        "lifecycle_stage": "production",
        "surfaced_as": ("table", "dashboard"),
        "ingress": (IntegrationPoint("pos", "batch", "daily", "till exports"),),
        "egress": (IntegrationPoint("bi", "table"),),
        "upstream_systems": ("pos",),
        "upstream_datasets": ("pos.orders",),
        "classification": Classification.CONFIDENTIAL,
        "personal_data": PersonalData(
            True, ("customer id",), "legitimate interest", "24 months", True
        ),
        "related_adrs": ("ADR-0001", "ADR-0003"),
        "tags": ("sales", "stores"),
        "created": "2026-01-10",
        "path": f"wids/{wid}-x.md",
        "body": (
            f"---\nid: {wid}\n---\n# {title}\n\n## Value proposition\n\nPlanning.\n\n"
            "## Architecture\n\n```python\n# not a heading\n```\n"
        ),
        "sections": (),
    }
    values.update(overrides)
    return Product(**values)  # type: ignore[arg-type]


def decision(
    adr: str,
    title: str,
    status: DecisionStatus,
    date: str,
    **overrides: object,
) -> Decision:
    values: dict[str, object] = {
        "id": adr,
        "number": int(adr[-4:]),
        "title": title,
        "status": status,
        "date": date,
        "decision_makers": ("Ada Lind",),
        "consulted": ("Bo Krantz",),
        "informed": (),
        "supersedes": (),
        "superseded_by": None,
        "affected_wids": (),
        "affected_systems": (),
        "tags": (),
        "path": f"adrs/{adr[-4:]}-x.md",
        "body": f"# {title}\n\n## Context\n\nWhy.\n\n## Decision outcome\n\nWhat.\n",
        "sections": (),
    }
    values.update(overrides)
    return Decision(**values)  # type: ignore[arg-type]


def small_platform() -> Platform:
    products = [
        product("WID-0001", "Store sales daily"),
        product(
            "WID-0002",
            "Web basket analytics",
            ProductStatus.DRAFT,
            domain="ecommerce",
            business_owner=None,
            custodian=None,
            upstream_datasets=("shop.baskets",),
            related_adrs=(),
            tags=("web",),
            personal_data=PersonalData(False),
            classification=Classification.INTERNAL,
            created="2026-03-01",
        ),
        product("WID-0003", "Dealer orders", ProductStatus.RETIRED, related_adrs=("ADR-0002",)),
    ]
    decisions = [
        decision(
            "ADR-0001",
            "Nightly batch ingestion",
            DecisionStatus.SUPERSEDED,
            "2025-04-02",
            superseded_by="ADR-0002",
            affected_wids=("WID-0001",),
            affected_systems=("pos",),
            tags=("ingestion",),
        ),
        decision(
            "ADR-0002",
            "Hourly micro-batches",
            DecisionStatus.SUPERSEDED,
            "2025-09-15",
            supersedes=("ADR-0001",),
            superseded_by="ADR-0003",
        ),
        decision(
            "ADR-0003",
            "Stream orders through Kafka",
            DecisionStatus.ACCEPTED,
            "2026-02-20",
            supersedes=("ADR-0002",),
            affected_systems=("pos", "shop"),
            tags=("ingestion", "streaming"),
        ),
        decision("ADR-0004", "Use a data vault", DecisionStatus.REJECTED, "2026-03-05"),
    ]
    columns = (
        Column("pos.orders", "order_id", "string", "Till order number", False),
        Column("pos.orders", "customer_id", "string", HOSTILE, True),
    )
    datasets = [
        Dataset(
            "pos.orders",
            "pos",
            "sales",
            "maria",
            HOSTILE,
            Classification.CONFIDENTIAL,
            "hourly",
            columns,
        ),
        Dataset("pos.stores", "pos", "sales", None, "", Classification.INTERNAL, None, ()),
        Dataset(
            "shop.baskets",
            "shop",
            "ecommerce",
            "jon",
            "Web baskets",
            Classification.INTERNAL,
            "daily",
            (Column("shop.baskets", "basket_id", "string", "Basket", False),),
        ),
        Dataset(
            "lake.sales_daily",
            "lake",
            "sales",
            "maria",
            "Sales per store and day",
            Classification.CONFIDENTIAL,
            "daily",
            (),
        ),
    ]
    return Platform(
        products={p.id: p for p in products},
        decisions={d.id: d for d in decisions},
        domains={
            "sales": Domain("sales", "Sales", "Stores and dealers", "maria"),
            "ecommerce": Domain("ecommerce", "E-commerce", "The web shop", None),
        },
        custodians={
            "maria": Custodian(
                "maria",
                "Maria Solberg",
                "maria@halden.example",
                "@maria",
                "Sales data lead",
                ("sales",),
                ("orders", "store KPIs"),
            ),
            "jon": Custodian(
                "jon", "Jon Berg", "jon@halden.example", None, None, ("ecommerce",), ("Orders",)
            ),
        },
        systems={
            "pos": System("pos", "Point of sale", "sales", "maria", "application", "Store tills"),
            "shop": System("shop", "Web shop", "ecommerce", "jon", "application", "The shop"),
            "lake": System("lake", "Lakehouse", "sales", None, "platform", "Curated tables"),
        },
        datasets={d.id: d for d in datasets},
        lineage=(
            LineageEdge("pos.orders", "lake.sales_daily", "curated"),
            LineageEdge("shop.baskets", "lake.sales_daily", "curated"),
            LineageEdge("pos.stores", "pos.orders", "raw"),
        ),
        docs={
            "get-started/index.md": DocPage(
                "get-started/index.md", "Get started", "team@halden.example", None, (), "# Hi\n"
            )
        },
    )


def small_git() -> GitFacts:
    return GitFacts(
        files={
            "wids/WID-0001-x.md": FileHistory(
                "2026-01-10T09:00:00+00:00", "2026-04-01T10:00:00+00:00", ("Ada Lind", "Bo Krantz")
            )
        },
        # Keyed by file path as paved.generator.core.gitfacts does; WID-0003 by id (also accepted).
        status_history={
            "wids/WID-0001-x.md": (
                StatusChange("2026-01-10", "draft"),
                StatusChange("2026-01-20", "submitted"),
                StatusChange("2026-02-03", "approved"),
                StatusChange("2026-03-01", "onboarded"),
            ),
            "WID-0003": (
                StatusChange("2025-05-01", "submitted"),
                StatusChange("2025-06-10", "onboarded"),
                StatusChange("2026-01-01", "retired"),
            ),
        },
    )
