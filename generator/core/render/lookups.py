"""Every cross-reference a page family needs, computed once per render.

The model keeps plain mappings; answering "datasets of this system" or "lineage of
this dataset" by scanning them per page would make rendering quadratic in the
catalogue size (10,000 datasets × 10,000 lineage edges), so each index is built here
in one pass and shared by all page families.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, TypeVar

from paved.generator.core.lineage import Lineage
from paved.generator.core.model import Dataset, Decision, LineageEdge, Platform, Product, System
from paved.generator.core.render.bodylinks import page_of_file

# A dataset id as the schema spells it (system.table), for finding ADRs that name one.
#: A dataset id in a decision's text. Tried only where a run of id characters starts
#: (its leading "_" or "-" skipped, as an id starts with a letter or digit) and never
#: given back: tried from every character of a long run without a dot, the id pattern
#: cost the square of its length (16 s for 100,000 digits in one record, at every build
#: and every start of the bot). The same ids as before are found.
_DATASET_ID = re.compile(
    r"(?<![a-z0-9_-])[_-]*+"
    r"([a-z0-9][a-z0-9_-]*+\.[a-z0-9][a-z0-9_-]*+(?:\.[a-z0-9_-]++)*+)"
)

K = TypeVar("K")
V = TypeVar("V")


def _group(pairs: list[tuple[K, V]]) -> dict[K, list[V]]:
    grouped: dict[K, list[V]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return dict(grouped)


@dataclass(frozen=True, slots=True)
class Lookups:
    datasets_by_system: dict[str, list[Dataset]]
    datasets_by_domain: dict[str, list[Dataset]]
    datasets_by_custodian: dict[str, list[Dataset]]
    systems_by_domain: dict[str, list[System]]
    systems_by_owner: dict[str, list[System]]
    upstream: dict[str, list[LineageEdge]]
    downstream: dict[str, list[LineageEdge]]
    products_by_domain: dict[str, list[Product]]
    products_by_custodian: dict[str, list[Product]]
    products_by_system: dict[str, list[Product]]
    products_by_decision: dict[str, list[Product]]
    decisions_by_system: dict[str, list[Decision]]
    custodians_by_domain: dict[str, list[str]]
    domains_led_by: dict[str, list[str]]
    column_count: int
    page_of_file: dict[str, str]
    #: Multi-hop lineage and impact (``paved.generator.core.lineage``).
    lineage: Lineage
    #: Decisions whose text names a dataset id, by dataset.
    decisions_by_dataset: dict[str, list[Decision]]
    #: A custodian's id, lower-case name and lower-case email → their id: how owners,
    #: contacts and decision-makers written as names or emails find their person's page.
    people: dict[str, str]
    #: A decision kept in several languages → its translations (``translation_of``).
    translations: dict[str, list[Decision]]

    @classmethod
    def build(cls, platform: Platform, memo: LookupsMemo | None = None) -> Lookups:
        """Every index of ``platform``. ``memo`` (``paved serve``): the indexes made from
        the catalogue alone, and the lineage, are the last build's while their inputs
        are the same (``LookupsMemo``)."""
        products = list(platform.products.values())
        product_systems: list[tuple[str, Product]] = []
        product_decisions: list[tuple[str, Product]] = []
        for p in products:
            touched = dict.fromkeys(
                [*p.upstream_systems, *(i.system for i in p.ingress), *(e.system for e in p.egress)]
            )
            product_systems.extend((s, p) for s in touched)
            product_decisions.extend((d, p) for d in dict.fromkeys(p.related_adrs))
        # A decision names the WIDs it affects; a WID names its related ADRs: either side counts.
        for d in platform.decisions.values():
            for wid in d.affected_wids:
                prod = platform.products.get(wid)
                if prod is not None and d.id not in prod.related_adrs:
                    product_decisions.append((d.id, prod))
        catalogue = (
            memo.catalogue_indexes(platform) if memo is not None else catalogue_indexes(platform)
        )
        return cls(
            **catalogue,
            products_by_domain=_group([(p.domain, p) for p in products]),
            products_by_custodian=_group([(p.custodian, p) for p in products if p.custodian]),
            products_by_system=_group(product_systems),
            products_by_decision=_group(product_decisions),
            decisions_by_system=_group(
                [
                    (s, d)
                    for d in platform.decisions.values()
                    for s in dict.fromkeys(d.affected_systems)
                ]
            ),
            page_of_file=page_of_file(
                {p.id: p.path for p in products},
                {d.id: d.path for d in platform.decisions.values()},
                {path: path for path in platform.docs},
            ),
            lineage=memo.lineage(platform) if memo is not None else Lineage(platform),
            decisions_by_dataset=_decisions_naming(platform),
            translations=_group(
                [
                    (d.translation_of, d)
                    for d in sorted(platform.decisions.values(), key=lambda d: (d.language, d.id))
                    if d.translation_of is not None
                ]
            ),
        )


def catalogue_indexes(platform: Platform) -> dict[str, Any]:
    """The ``Lookups`` fields made from the catalogue's part of the model alone (its
    datasets, systems, domains, custodians and lineage edges), by field name."""
    datasets = list(platform.datasets.values())
    systems = list(platform.systems.values())
    return {
        "datasets_by_system": _group([(d.system, d) for d in datasets]),
        "datasets_by_domain": _group([(d.domain, d) for d in datasets]),
        "datasets_by_custodian": _group([(d.custodian, d) for d in datasets if d.custodian]),
        "systems_by_domain": _group([(s.domain, s) for s in systems]),
        "systems_by_owner": _group([(s.owner, s) for s in systems if s.owner]),
        "upstream": _group([(e.downstream, e) for e in platform.lineage]),
        "downstream": _group([(e.upstream, e) for e in platform.lineage]),
        "custodians_by_domain": _group(
            [(dom, c.id) for c in platform.custodians.values() for dom in c.domains]
        ),
        "domains_led_by": _group([(d.lead, d.id) for d in platform.domains.values() if d.lead]),
        "column_count": sum(len(d.columns) for d in datasets),
        "people": people_index(platform),
    }


def catalogue_objects(platform: Platform) -> tuple[object, ...]:
    """What ``catalogue_indexes`` reads: the catalogue's mappings and edge list (the
    model memos compare these, and the sheet paths, by identity)."""
    return (
        platform.datasets,
        platform.systems,
        platform.domains,
        platform.custodians,
        platform.lineage,
    )


@dataclass
class LookupsMemo:
    """What ``paved serve`` keeps of the lookups between two renderings of one process.

    ``LoadMemo`` hands back the very same catalogue objects while no file under
    ``custodians/`` changed, so the indexes made from them alone (``catalogue_indexes``:
    10,000 datasets and 21,000 lineage edges grouped, the columns counted) are the last
    ones while each of those objects is the one they were made from (held here, so
    compared by identity, never by an id that could be reused). ``Lineage`` reads the
    catalogue's datasets and edges and, of the products, their order and what each
    reads: it is the last one (with the product users it worked out on its first
    question) while those objects and values are the same. A WID, an ADR or a docs page
    changes neither, unless the WID's upstream lists change."""

    _catalogue: tuple[object, ...] = ()
    _indexes: dict[str, Any] = field(default_factory=dict)
    _reads: tuple[object, ...] = ()
    _lineage: Lineage | None = None
    #: Times the catalogue's indexes and the lineage were made (not kept), for tests.
    indexed: int = 0
    lineages: int = 0

    def _same_catalogue(self, platform: Platform) -> bool:
        objects = catalogue_objects(platform)
        return len(self._catalogue) == len(objects) and all(
            a is b for a, b in zip(self._catalogue, objects, strict=True)
        )

    def catalogue_indexes(self, platform: Platform) -> dict[str, Any]:
        """``catalogue_indexes(platform)``, kept while the catalogue's objects are the
        same."""
        if not self._indexes or not self._same_catalogue(platform):
            self._indexes = catalogue_indexes(platform)
            self._catalogue = catalogue_objects(platform)
            self._lineage = None  # made from the previous catalogue
            self.indexed += 1
        return dict(self._indexes)

    def lineage(self, platform: Platform) -> Lineage:
        """``Lineage(platform)``, kept while the catalogue's objects (``catalogue_indexes``
        is asked first) and the products' order and reads are the same."""
        reads = tuple(
            (pid, tuple(p.upstream_datasets), tuple(p.upstream_systems))
            for pid, p in platform.products.items()
        )
        if self._lineage is None or reads != self._reads or not self._same_catalogue(platform):
            self._lineage = Lineage(platform)
            self._reads = reads
            self.lineages += 1
        return self._lineage


def _decisions_naming(platform: Platform) -> dict[str, list[Decision]]:
    """Each decision's text scanned once (not once per dataset: 10,000 datasets × 1,000
    ADRs at scale) for ids of catalogued datasets."""
    pairs: list[tuple[str, Decision]] = []
    for d in platform.decisions.values():
        named = dict.fromkeys(_DATASET_ID.findall(d.body))
        pairs.extend((ds, d) for ds in named if ds in platform.datasets)
    return _group(pairs)


def people_index(platform: Platform) -> dict[str, str]:
    """Custodian id, name and email (names and emails lower-cased) → custodian id. A name
    two custodians share points at neither (a link to the wrong person is worse)."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for c in platform.custodians.values():
        for key in {c.name.strip().lower(), c.email.strip().lower()} - {""}:
            if key in index and index[key] != c.id:
                shared.add(key)
            index.setdefault(key, c.id)
    for key in shared:
        del index[key]
    index.update({c.id: c.id for c in platform.custodians.values()})
    return index
