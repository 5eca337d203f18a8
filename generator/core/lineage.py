"""Lineage across every hop: what feeds a dataset, what it feeds, and who depends on it.

One implementation for every reader of lineage (dataset pages, system and product
impact, the bot's lineage answers, a pull request's blast radius), so "used by" means
the same thing everywhere. Pure: built from a ``Platform``, no I/O.

Definitions, all following the lineage sheet across all hops:

* ``upstream(d)`` / ``downstream(d)``: the datasets that feed ``d`` / that ``d`` feeds,
  each with its distance in hops (1 = a direct edge), shortest path wins.
* A product *uses* a dataset when it reads it (lists it in its WID's
  ``upstream.datasets``) or reads something downstream of it: a change to
  ``pos.sales_lines`` reaches every product reading ``lakehouse.cur_sales_lines``.
  The product counts as one hop past what it reads, so a direct read is 1 hop.
* A product *depends on* what it reads and everything upstream of that; its systems
  are the ones its WID names plus the systems of those datasets.
* A system depends on what feeds its datasets from outside it, and is used by every
  product that uses one of its datasets or names the system in its WID.

Used-by and depends-on are inverse relations by construction (``tests/test_lineage.py``
checks it, and that every dataset and system a WID lists is among what it depends on).
Cycles are tolerated (validation reports them): each walk visits a dataset once.
Dataset ids named only in lineage or in a WID (not in the catalogue) take part too;
their system is the part of the id before the first dot.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from paved.generator.core.model import LineageEdge, Platform

#: Identifier → distance in hops, ordered nearest first, then by identifier.
Hops = dict[str, int]


@dataclass(frozen=True, slots=True)
class Dependencies:
    """What a dataset, product or system depends on, nearest first."""

    datasets: Hops
    systems: Hops


@dataclass(frozen=True, slots=True)
class Impact:
    """What a change to some datasets reaches: the datasets downstream of them (the
    changed ones excluded), the systems those live in, and the products using any of them."""

    datasets: Hops
    systems: Hops
    products: Hops


def _ordered(found: Mapping[str, int]) -> Hops:
    return dict(sorted(found.items(), key=lambda kv: (kv[1], kv[0])))


def _seeds(ids: str | Iterable[str]) -> list[str]:
    return [ids] if isinstance(ids, str) else list(dict.fromkeys(ids))


def _walk(
    adjacent: Mapping[str, tuple[str, ...]],
    seeds: list[str],
    max_hops: int | None,
    limit: int | None = None,
) -> Hops:
    """Breadth-first from every seed at once: shortest distance, each node visited once,
    so a cycle ends the walk instead of looping. The seeds themselves are never in the
    result, even when a cycle leads back to them ("upstream of X" never lists X).
    ``limit`` stops the walk at that many datasets: the nearest ones (a page that lists
    them costs what it shows, not the whole chain behind them)."""
    found: dict[str, int] = {}
    queue = deque((s, 0) for s in seeds)
    seen = set(seeds)
    while queue:
        node, hops = queue.popleft()
        if max_hops is not None and hops >= max_hops:
            continue
        for nxt in adjacent.get(node, ()):
            if nxt in seen:
                continue
            if limit is not None and len(found) >= limit:
                return _ordered(found)
            seen.add(nxt)
            found[nxt] = hops + 1
            queue.append((nxt, hops + 1))
    return _ordered(found)


def _min_merge(into: dict[str, int], key: str, hops: int) -> None:
    if hops < into.get(key, hops + 1):
        into[key] = hops


class Lineage:
    """The lineage graph of one platform with its products, indexed once (linear in
    edges + WID references); each query walks only what it reaches.

    Build it with ``Lineage(platform)`` and share it: the render lookups hold one.
    """

    __slots__ = (
        "_down",
        "_out_edges",
        "_product_order",
        "_readers",
        "_reads",
        "_system_of",
        "_systems",
        "_up",
        "_users",
    )

    def __init__(self, platform: Platform) -> None:
        up: dict[str, list[str]] = {}
        down: dict[str, list[str]] = {}
        out_edges: dict[str, list[tuple[int, LineageEdge]]] = {}
        for i, e in enumerate(platform.lineage):
            if e.upstream == e.downstream:
                continue
            up.setdefault(e.downstream, []).append(e.upstream)
            down.setdefault(e.upstream, []).append(e.downstream)
            out_edges.setdefault(e.upstream, []).append((i, e))
        self._up = {k: tuple(dict.fromkeys(v)) for k, v in up.items()}
        self._down = {k: tuple(dict.fromkeys(v)) for k, v in down.items()}
        self._out_edges = out_edges
        self._system_of = {d.id: d.system for d in platform.datasets.values()}
        self._reads = {
            p.id: (tuple(dict.fromkeys(p.upstream_datasets)), tuple(p.upstream_systems))
            for p in platform.products.values()
        }
        self._product_order = {pid: i for i, pid in enumerate(platform.products)}
        readers: dict[str, list[str]] = {}
        for pid, (reads, _) in self._reads.items():
            for ds in reads:
                readers.setdefault(ds, []).append(pid)
        self._readers = {k: tuple(v) for k, v in readers.items()}
        systems: dict[str, list[str]] = {}
        known = {*self._system_of, *self._up, *self._down}
        for reads, _ in self._reads.values():
            known.update(reads)
        for ds in sorted(known):
            systems.setdefault(self.system_of(ds), []).append(ds)
        self._systems = {k: tuple(v) for k, v in systems.items()}
        self._users: dict[str, dict[str, int]] | None = None

    # ---------------------------------------------------------------- datasets

    def system_of(self, dataset_id: str) -> str:
        """The catalogue's system of a dataset, else the part of its id before the dot."""
        return self._system_of.get(dataset_id) or dataset_id.split(".", 1)[0]

    def datasets_of(self, system_id: str) -> tuple[str, ...]:
        """Every dataset id of a system, from the catalogue, lineage and WIDs, sorted."""
        return self._systems.get(system_id, ())

    def upstream(
        self, ids: str | Iterable[str], max_hops: int | None = None, limit: int | None = None
    ) -> Hops:
        """Datasets feeding ``ids`` across all hops (or at most ``max_hops``; the nearest
        ``limit`` of them)."""
        return _walk(self._up, _seeds(ids), max_hops, limit)

    def downstream(
        self, ids: str | Iterable[str], max_hops: int | None = None, limit: int | None = None
    ) -> Hops:
        """Datasets fed by ``ids`` across all hops (or at most ``max_hops``; the nearest
        ``limit`` of them)."""
        return _walk(self._down, _seeds(ids), max_hops, limit)

    def edges_among(self, ids: Iterable[str]) -> tuple[LineageEdge, ...]:
        """The lineage edges with both ends in ``ids``, in sheet order (for a diagram)."""
        keep = set(ids)
        found = [
            pair
            for node in keep
            for pair in self._out_edges.get(node, ())
            if pair[1].downstream in keep
        ]
        return tuple(e for _, e in sorted(found, key=lambda pair: pair[0]))

    def used_by(self, dataset_id: str) -> Hops:
        """Products reading ``dataset_id`` or anything downstream of it: product id →
        hops (1 = reads it directly); the same as ``impact([dataset_id]).products``.

        Asked for every dataset (each dataset page, the catalogue's counts), a walk
        downstream of each one cost datasets × chain length; the answers come instead
        from one walk upstream of each product, made on the first question."""
        if self._users is None:
            self._users = self._index_users()
        return self._products_ordered(self._users.get(dataset_id, {}))

    def _index_users(self) -> dict[str, dict[str, int]]:
        """Dataset → the products using it, with their hops: a product reads what its
        WID lists (1 hop) and uses everything upstream of that one hop further."""
        users: dict[str, dict[str, int]] = {}
        for pid, (reads, _) in self._reads.items():
            for ds in reads:
                _min_merge(users.setdefault(ds, {}), pid, 1)
            for ds, hops in self.upstream(reads).items():
                _min_merge(users.setdefault(ds, {}), pid, hops + 1)
        return users

    def dataset_depends_on(self, dataset_id: str) -> Dependencies:
        ups = self.upstream(dataset_id)
        return Dependencies(ups, self._systems_hops(ups, exclude=()))

    # ---------------------------------------------------------------- products

    def product_reads(self, product_id: str) -> tuple[str, ...]:
        """The datasets a product's WID lists, in its order (empty for an unknown id)."""
        return self._reads.get(product_id, ((), ()))[0]

    def product_depends_on(self, product_id: str) -> Dependencies:
        """What the product reads (1 hop) and everything upstream of that; its systems
        are those its WID names (1 hop) and those of the datasets."""
        reads, named = self._reads.get(product_id, ((), ()))
        datasets: dict[str, int] = dict.fromkeys(reads, 1)
        for ds, hops in self.upstream(reads).items():
            _min_merge(datasets, ds, hops + 1)
        systems = dict(self._systems_hops(datasets, exclude=()))
        for s in named:
            _min_merge(systems, s, 1)
        return Dependencies(_ordered(datasets), _ordered(systems))

    # ---------------------------------------------------------------- systems

    def system_depends_on(self, system_id: str) -> Dependencies:
        """Datasets of other systems feeding this system's datasets, and their systems."""
        own = self.datasets_of(system_id)
        outside = {d: h for d, h in self.upstream(own).items() if self.system_of(d) != system_id}
        return Dependencies(_ordered(outside), self._systems_hops(outside, exclude=(system_id,)))

    def system_used_by(self, system_id: str) -> Hops:
        """Products using any dataset of the system, or naming it among their WID's
        upstream systems (1 hop)."""
        products = dict(self.impact(self.datasets_of(system_id)).products)
        for pid, (_, named) in self._reads.items():
            if system_id in named:
                _min_merge(products, pid, 1)
        return self._products_ordered(products)

    # ---------------------------------------------------------------- impact

    def impact(self, dataset_ids: Iterable[str]) -> Impact:
        """What changing ``dataset_ids`` reaches: every dataset downstream, their
        systems, and every product reading a changed or a downstream dataset."""
        seeds = _seeds(dataset_ids)
        downs = self.downstream(seeds)
        reached = {**dict.fromkeys(seeds, 0), **downs}
        products: dict[str, int] = {}
        for ds, hops in reached.items():
            for pid in self._readers.get(ds, ()):
                _min_merge(products, pid, hops + 1)
        return Impact(
            downs,
            self._systems_hops(downs, exclude=()),
            self._products_ordered(products),
        )

    # ---------------------------------------------------------------- helpers

    def _systems_hops(self, datasets: Mapping[str, int], exclude: Iterable[str]) -> Hops:
        skip = set(exclude)
        systems: dict[str, int] = {}
        for ds, hops in datasets.items():
            system = self.system_of(ds)
            if system not in skip:
                _min_merge(systems, system, hops)
        return _ordered(systems)

    def _products_ordered(self, products: Mapping[str, int]) -> Hops:
        """Nearest first, then in the platform's product order (WID number)."""
        order = self._product_order
        return dict(sorted(products.items(), key=lambda kv: (kv[1], order.get(kv[0], 0), kv[0])))
