"""Multi-hop lineage (paved.generator.core.lineage) against the WIDs' own upstream lists.

The oracle in this file is deliberately naive (a fixed point over the edge list), so the
breadth-first implementation is compared with something that shares none of its code.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from paved.generator.core import api
from paved.generator.core.lineage import Lineage
from paved.generator.core.model import (
    Classification,
    Dataset,
    LineageEdge,
    PersonalData,
    Platform,
    Product,
    ProductStatus,
)

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- helpers


def product(pid: str, reads: tuple[str, ...], systems: tuple[str, ...] = ()) -> Product:
    return Product(
        id=pid,
        title=pid,
        status=ProductStatus.APPROVED,
        domain="d",
        business_owner=None,
        technical_contact=None,
        custodian=None,
        value_proposition="",
        strategic_pillar=None,
        lifecycle_stage="",
        surfaced_as=(),
        ingress=(),
        egress=(),
        upstream_systems=systems,
        upstream_datasets=reads,
        classification=Classification.INTERNAL,
        personal_data=PersonalData(present=False),
        related_adrs=(),
        tags=(),
        created=None,
        path=f"wids/{pid}.md",
        body="",
        sections=(),
    )


def dataset(ident: str, system: str | None = None) -> Dataset:
    return Dataset(
        id=ident,
        system=system or ident.split(".", 1)[0],
        domain="d",
        custodian=None,
        description="",
        classification=Classification.INTERNAL,
        refresh=None,
        columns=(),
    )


def platform(edges: list[tuple[str, str]], products: tuple[Product, ...] = ()) -> Platform:
    return Platform(
        products={p.id: p for p in products},
        lineage=tuple(LineageEdge(u, d, "refine") for u, d in edges),
    )


def reaches(edges: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Transitive closure by repeated joining until nothing changes (the oracle)."""
    closure = {(u, d) for u, d in edges if u != d}
    while True:
        extra = {(a, d) for a, b in closure for c, d in closure if b == c and a != d} - closure
        if not extra:
            return closure
        closure |= extra


def every_dataset(p: Platform) -> set[str]:
    ids = set(p.datasets)
    ids.update(x for e in p.lineage for x in (e.upstream, e.downstream))
    ids.update(d for prod in p.products.values() for d in prod.upstream_datasets)
    return ids


def assert_agrees_with_wids(p: Platform) -> None:
    """Used-by and depends-on against the WIDs' upstream lists and the naive closure."""
    lin = Lineage(p)
    closure = reaches({(e.upstream, e.downstream) for e in p.lineage})
    system_of = {d.id: d.system for d in p.datasets.values()}

    def sys_of(ds: str) -> str:
        return system_of.get(ds) or ds.split(".", 1)[0]

    for prod in p.products.values():
        deps = lin.product_depends_on(prod.id)
        reads = set(prod.upstream_datasets)
        expected = reads | {u for u, d in closure if d in reads}
        assert set(deps.datasets) == expected, prod.id
        # Everything the WID lists is read directly: one hop.
        assert all(deps.datasets[d] == 1 for d in reads), prod.id
        assert set(prod.upstream_systems) <= set(deps.systems), prod.id
        assert set(deps.systems) == set(prod.upstream_systems) | {sys_of(d) for d in expected}

    for ds in every_dataset(p):
        users = lin.used_by(ds)
        expected_users = {
            prod.id
            for prod in p.products.values()
            if ds in prod.upstream_datasets
            or any((ds, r) in closure for r in prod.upstream_datasets)
        }
        assert set(users) == expected_users, ds
        # Inverse relations, with the same distance read from either end.
        for pid, hops in users.items():
            assert lin.product_depends_on(pid).datasets[ds] == hops, (ds, pid)
        assert set(lin.upstream(ds)) == {u for u, d in closure if d == ds and u != ds}
        assert set(lin.downstream(ds)) == {d for u, d in closure if u == ds and d != ds}

    for system in {sys_of(d) for d in every_dataset(p)} | set(p.systems):
        own = {d for d in every_dataset(p) if sys_of(d) == system}
        expected_users = {
            prod.id
            for prod in p.products.values()
            if system in prod.upstream_systems
            or any(d in own or any((o, d) in closure for o in own) for d in prod.upstream_datasets)
        }
        assert set(lin.system_used_by(system)) == expected_users, system
        feeding = {u for u, d in closure if d in own and sys_of(u) != system}
        assert set(lin.system_depends_on(system).datasets) == feeding, system


# ---------------------------------------- the example and a synthetic repository


@pytest.fixture(scope="module")
def example() -> Platform:
    return api.check(ROOT).platform


def test_agrees_with_the_wids_on_the_example(example: Platform) -> None:
    assert example.products
    assert example.lineage
    assert_agrees_with_wids(example)


def test_every_example_wid_reading_the_lakehouse_is_a_user_of_it(example: Platform) -> None:
    """The lakehouse page once listed 5 users while every WID reads a lakehouse dataset."""
    readers = {
        p.id
        for p in example.products.values()
        if any(d.startswith("lakehouse.") for d in p.upstream_datasets)
    }
    assert len(readers) == len(example.products)
    assert set(Lineage(example).system_used_by("lakehouse")) == readers


def test_a_source_table_reaches_products_through_every_layer(example: Platform) -> None:
    lin = Lineage(example)
    # pos.sales_lines → raw → cur_sales_lines, which WID-0004 reads (no pos dataset listed).
    assert "pos.sales_lines" not in example.products["WID-0004"].upstream_datasets
    users = lin.used_by("pos.sales_lines")
    assert users["WID-0004"] == 3
    assert users["WID-0001"] == 1  # listed directly as well: the nearest path wins
    assert lin.upstream("lakehouse.cur_sales_lines")["pos.sales_lines"] == 2


@pytest.fixture(scope="module")
def gen() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        yield importlib.import_module("generate")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def test_agrees_with_the_wids_on_a_synthetic_repository(
    gen: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("synthetic-lineage")
    gen.generate(out, gen.Sizes(wids=30, adrs=5, datasets=300, columns=600, docs=1), seed=11)
    p = api.check(out).platform
    assert len(p.products) == 30
    assert len(p.lineage) > 50
    # The generator's WIDs read datasets at several depths: multi-hop is exercised.
    lin = Lineage(p)
    assert max(h for prod in p.products for h in lin.product_depends_on(prod).datasets.values()) > 2
    assert_agrees_with_wids(p)


# ---------------------------------------------------------------- graph shapes


def test_cycles_end_and_never_list_the_start() -> None:
    lin = Lineage(platform([("s.a", "s.b"), ("s.b", "s.c"), ("s.c", "s.a"), ("s.a", "s.a")]))
    assert lin.upstream("s.a") == {"s.c": 1, "s.b": 2}
    assert lin.downstream("s.a") == {"s.b": 1, "s.c": 2}


def test_shortest_distance_wins_and_order_is_nearest_first() -> None:
    edges = [("s.a", "s.b"), ("s.b", "s.c"), ("s.c", "s.d"), ("s.a", "s.d"), ("s.z", "s.c")]
    lin = Lineage(platform(edges))
    assert list(lin.upstream("s.d").items()) == [("s.a", 1), ("s.c", 1), ("s.b", 2), ("s.z", 2)]
    assert lin.upstream("s.d", max_hops=1) == {"s.a": 1, "s.c": 1}
    assert lin.downstream("s.a", max_hops=0) == {}


def test_edges_among_keeps_sheet_order_and_both_ends_inside() -> None:
    edges = [("s.c", "s.d"), ("s.a", "s.b"), ("s.b", "s.c"), ("s.x", "s.c")]
    lin = Lineage(platform(edges))
    kept = lin.edges_among(["s.a", "s.b", "s.c", "s.d"])
    assert [(e.upstream, e.downstream) for e in kept] == [
        ("s.c", "s.d"),
        ("s.a", "s.b"),
        ("s.b", "s.c"),
    ]


def test_impact_of_several_datasets_reaches_products_and_systems() -> None:
    p = Platform(
        products={
            "WID-0001": product("WID-0001", ("gold.sales",)),
            "WID-0002": product("WID-0002", ("src.other",)),
            "WID-0003": product("WID-0003", ("src.orders",)),
        },
        datasets={"src.orders": dataset("src.orders"), "gold.sales": dataset("gold.sales", "lake")},
        lineage=(
            LineageEdge("src.orders", "raw.orders", "ingest"),
            LineageEdge("raw.orders", "gold.sales", "refine"),
        ),
    )
    lin = Lineage(p)
    hit = lin.impact(["src.orders", "src.unrelated"])
    assert hit.datasets == {"raw.orders": 1, "gold.sales": 2}
    assert hit.systems == {"raw": 1, "lake": 2}  # the catalogue's system beats the id prefix
    assert hit.products == {"WID-0003": 1, "WID-0001": 3}
    assert lin.system_of("gold.sales") == "lake"
    assert lin.datasets_of("lake") == ("gold.sales",)


def test_system_dependencies_leave_out_the_system_itself() -> None:
    p = platform(
        [("src.a", "lake.raw_a"), ("lake.raw_a", "lake.cur_a"), ("up.b", "src.a")],
        (product("WID-0001", ("lake.cur_a",)), product("WID-0002", (), ("lake",))),
    )
    lin = Lineage(p)
    deps = lin.system_depends_on("lake")
    assert deps.datasets == {"src.a": 1, "up.b": 2}
    assert deps.systems == {"src": 1, "up": 2}
    assert lin.system_used_by("lake") == {"WID-0001": 1, "WID-0002": 1}
    assert lin.dataset_depends_on("lake.cur_a").systems == {"lake": 1, "src": 2, "up": 3}


def test_unknown_ids_answer_empty() -> None:
    lin = Lineage(platform([]))
    assert lin.upstream("nope.x") == {}
    assert lin.used_by("nope.x") == {}
    assert lin.product_depends_on("WID-9999").datasets == {}
    assert lin.product_reads("WID-9999") == ()
