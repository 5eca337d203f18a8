"""The blast radius of a breaking change: what depends on the changed dataset
downstream, across every lineage hop and through the WIDs' upstream lists, and who
to tell (custodians of the downstream datasets, owners and custodians of the products).

The lineage walk itself is ``core.lineage``'s (one traversal for the portal and the
review); this module only turns its answer into dependents and people.
"""

from __future__ import annotations

from dataclasses import replace

from paved.generator.core.diff.changes import Area, Change, Dependent, Impact, Level, Person
from paved.generator.core.diff.context import Sides
from paved.generator.core.diff.people import custodian_person, product_people, unique
from paved.generator.core.lineage import Lineage
from paved.generator.core.model import Platform


def dataset_of(change: Change) -> str | None:
    """The dataset a catalogue change is about (``pos.sales_lines`` for a column)."""
    if change.area is not Area.CATALOGUE or change.kind.startswith(("lineage.", "custodian.")):
        return None
    if change.kind.startswith("column."):
        return change.subject.rsplit(".", 1)[0]
    if change.kind == "dataset.renamed":
        return change.before
    return change.subject


def impact_of(sides: Sides, lineages: tuple[Lineage, Lineage], dataset_id: str) -> Impact:
    """What relied on the dataset at the base plus what relies on it at the head (a
    product this pull request adds that reads it is affected too), nearest first."""
    base, head = sides.base.platform, sides.head.platform
    datasets: dict[str, int] = {}
    products: dict[str, int] = {}
    for lineage in lineages:
        reached = lineage.impact([dataset_id])
        for ds, hops in reached.datasets.items():
            datasets[ds] = min(hops, datasets.get(ds, hops))
        for pid, hops in reached.products.items():
            products[pid] = min(hops, products.get(pid, hops))
    people: list[Person] = []
    dataset_deps: list[Dependent] = []
    for ds, hops in sorted(datasets.items(), key=lambda kv: (kv[1], kv[0])):
        platform = base if ds in base.datasets else head
        dataset_deps.append(Dependent("dataset", ds, _dataset_title(platform, ds), hops, ""))
        found = platform.datasets.get(ds)
        if found is not None:
            person = custodian_person(
                platform, found.custodian, f"custodian of {ds}", sides.handles
            )
            if person is not None:
                people.append(person)
    product_deps: list[Dependent] = []
    owners: list[Person] = []
    for pid, hops in sorted(products.items(), key=lambda kv: (kv[1], kv[0])):
        platform = head if pid in head.products else base
        product = platform.products[pid]
        product_deps.append(Dependent("product", pid, product.title, hops, ""))
        owners.extend(product_people(platform, product, sides.handles))
    # The products' people first: they feel the break; then the downstream custodians.
    return Impact(tuple(dataset_deps), tuple(product_deps), unique([*owners, *people]))


def _dataset_title(platform: Platform, dataset_id: str) -> str:
    ds = platform.datasets.get(dataset_id)
    return ds.description.split(".")[0][:80] if ds is not None else ""


def with_impact(changes: list[Change], sides: Sides) -> list[Change]:
    """Breaking catalogue changes get their blast radius (computed once per dataset)."""
    cache: dict[str, Impact] = {}
    lineages: tuple[Lineage, Lineage] | None = None
    out: list[Change] = []
    for change in changes:
        dataset_id = dataset_of(change) if change.level is Level.BREAKING else None
        if dataset_id is not None:
            if lineages is None:
                lineages = (Lineage(sides.base.platform), Lineage(sides.head.platform))
            if dataset_id not in cache:
                cache[dataset_id] = impact_of(sides, lineages, dataset_id)
            change = replace(change, impact=cache[dataset_id])
        out.append(change)
    return out
