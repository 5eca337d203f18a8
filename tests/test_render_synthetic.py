"""A synthetic platform of any size, for the render scale test and timing.

1,000 WIDs, 1,000 ADRs, 10,000 datasets over 100 systems, 200,000 columns and a
lineage chain per system at full size; ``scale`` shrinks it for a fast test.
"""

from __future__ import annotations

from datetime import date

from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.model import (
    Classification,
    Column,
    Contact,
    Custodian,
    Dataset,
    Decision,
    DecisionStatus,
    Domain,
    IntegrationPoint,
    LineageEdge,
    PersonalData,
    Platform,
    Product,
    ProductStatus,
    System,
)
from paved.generator.core.render import paths
from paved.generator.core.render.site import render_site

DOMAINS = ("sales", "ecommerce", "supply-chain", "manufacturing", "finance", "marketing")
BODY = "# T\n\n## Value proposition\n\nText.\n\n## Architecture\n\nMore text.\n"


def synthetic_platform(scale: float = 1.0) -> Platform:
    n_wids = max(int(1000 * scale), 2)
    n_adrs = max(int(1000 * scale), 2)
    n_systems = max(int(100 * scale), 2)
    per_system = 100
    n_columns = 20
    domains = {d: Domain(d, d.title(), f"The {d} domain", f"c{i}") for i, d in enumerate(DOMAINS)}
    custodians = {
        f"c{i}": Custodian(
            f"c{i}",
            f"Custodian {i}",
            f"c{i}@x.example",
            f"@c{i}",
            "steward",
            (DOMAINS[i % 6],),
            (f"topic {i % 13}",),
        )
        for i in range(50)
    }
    systems = {
        f"s{i}": System(f"s{i}", f"System {i}", DOMAINS[i % 6], f"c{i % 50}", "db", "A system")
        for i in range(n_systems)
    }
    datasets: dict[str, Dataset] = {}
    lineage: list[LineageEdge] = []
    for s in range(n_systems):
        for t in range(per_system):
            ds_id = f"s{s}.t{t}"
            cols = tuple(
                Column(ds_id, f"col_{c}", "string", f"Column {c} of {ds_id}", c == 0)
                for c in range(n_columns)
            )
            datasets[ds_id] = Dataset(
                ds_id,
                f"s{s}",
                DOMAINS[s % 6],
                f"c{(s + t) % 50}",
                f"Table {t}",
                Classification.INTERNAL,
                "daily",
                cols,
            )
            if t:
                lineage.append(LineageEdge(f"s{s}.t{t - 1}", ds_id, "curated"))
            if s and t == 0:
                lineage.append(LineageEdge(f"s{s - 1}.t{per_system - 1}", ds_id, "raw"))
    contact = Contact("Owner", "owner@x.example", "@owner")
    products = {}
    for i in range(1, n_wids + 1):
        wid = f"WID-{i:04d}"
        sys_id = f"s{i % n_systems}"
        products[wid] = Product(
            wid,
            f"Product {i}",
            list(ProductStatus)[i % 5],
            DOMAINS[i % 6],
            contact,
            contact,
            f"c{i % 50}",
            "Value",
            None,
            "production",
            ("table",),
            (IntegrationPoint(sys_id, "batch"),),
            (),
            (sys_id,),
            (f"{sys_id}.t1",),
            Classification.INTERNAL,
            PersonalData(False),
            (f"ADR-{(i % n_adrs) + 1:04d}",),
            (f"tag{i % 40}",),
            "2026-01-01",
            f"wids/{wid}.md",
            BODY,
            (),
        )
    decisions = {}
    for i in range(1, n_adrs + 1):
        adr = f"ADR-{i:04d}"
        superseded = i % 10 == 1 and i + 1 <= n_adrs
        decisions[adr] = Decision(
            adr,
            i,
            f"Decision {i}",
            DecisionStatus.SUPERSEDED if superseded else DecisionStatus.ACCEPTED,
            date(2020 + i % 6, 1 + i % 12, 1 + i % 28).isoformat(),
            ("A",),
            (),
            (),
            (f"ADR-{i - 1:04d}",) if i % 10 == 2 else (),
            f"ADR-{i + 1:04d}" if superseded else None,
            (f"WID-{i:04d}",) if i <= n_wids else (),
            (f"s{i % n_systems}",),
            (f"tag{i % 40}",),
            f"adrs/{i:04d}-x.md",
            BODY,
            (),
        )
    return Platform(
        products=products,
        decisions=decisions,
        domains=domains,
        custodians=custodians,
        systems=systems,
        datasets=datasets,
        lineage=tuple(lineage),
    )


def test_synthetic_platform_renders_one_page_per_item_and_small_nav() -> None:
    platform = synthetic_platform(scale=0.02)
    pages = render_site(platform, GitFacts.empty(), today=date(2026, 5, 1))
    uris = {p.src_uri for p in pages}
    assert len(uris) == len(pages)
    expected = (
        1
        + 1
        + len(platform.products)
        + 1
        + len(platform.decisions)
        + 1
        + len(platform.domains)
        + len(platform.custodians)
        + len(platform.systems)
        + 1
        + len(platform.datasets)
        + 1
        + 2
    )
    assert len(pages) == expected
    assert paths.system("s1") in uris
    system_page = next(p for p in pages if p.src_uri == paths.system("s1"))
    # The system page links to its datasets' pages instead of embedding them.
    assert system_page.markdown.count('<a href="../../datasets/s1.t') == 100
    assert "\n## s1.t" not in system_page.markdown
