"""The custodian catalogue of a synthetic repository: domains, custodians, systems,
datasets with their columns, and lineage as a DAG; written as .xlsx or .csv.

Every foreign key resolves by construction (ids are drawn from rows built before), and
lineage edges only go from one pipeline layer to the next, so it cannot have cycles.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import _vocab as V

SHEETS = ("domains", "custodians", "systems", "datasets", "columns", "lineage")
HEADERS: dict[str, tuple[str, ...]] = {
    "domains": ("id", "name", "description", "lead"),
    "custodians": ("id", "name", "email", "slack", "github", "role", "domains", "expertise"),
    "systems": ("id", "name", "domain", "owner", "kind", "description"),
    "datasets": ("id", "system", "domain", "custodian", "description", "classification", "refresh"),
    "columns": ("dataset", "name", "type", "description", "personal_data"),
    "lineage": ("upstream", "downstream", "stage", "description"),
}
EMAIL_DOMAIN = "example.com"
# Pipeline layers: 0 source, 1 raw, 2 curated, 3 product, 4 export. An edge always goes
# from layer k-1 to layer k, which is what makes the lineage a DAG.
LAYER_CUTS = (0.30, 0.55, 0.80, 0.95)
LAYER_PREFIX = ("", "raw_", "clean_", "", "export_")
LAYER_SUFFIX = ("", "", "", "_daily", "")
STAGE_INTO = {1: "ingest", 2: "refine", 3: "serve", 4: "export"}
ROLE_OF_LAYER = ("source", "platform", "platform", "platform", "outside")


@dataclass
class Person:
    id: str
    name: str
    email: str
    slack: str
    role: str
    domains: list[str]
    expertise: list[str]

    def contact(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email, "slack": self.slack}


@dataclass
class SystemRow:
    id: str
    name: str
    domain: str
    owner: str
    kind: str
    role: str
    description: str


@dataclass
class DatasetRow:
    id: str
    system: str
    domain: str
    custodian: str
    layer: int
    entity: str
    classification: str
    refresh: str
    description: str
    columns: list[tuple[str, str, str, bool]] = field(default_factory=list)

    @property
    def personal(self) -> bool:
        return any(c[3] for c in self.columns)


@dataclass
class Catalogue:
    domains: list[tuple[str, str, str, str]]
    people: list[Person]
    systems: list[SystemRow]
    datasets: list[DatasetRow]
    lineage: list[tuple[str, str, str, str]]

    def people_of(self, domain: str) -> list[Person]:
        return [p for p in self.people if domain in p.domains]

    def rows(self, sheet: str) -> Iterable[tuple[str | None, ...]]:
        """Sheet rows as cell values in ``HEADERS[sheet]`` order (None = empty cell)."""
        if sheet == "domains":
            return iter(self.domains)
        if sheet == "custodians":
            return (
                (
                    p.id,
                    p.name,
                    p.email,
                    p.slack,
                    p.slack.replace(".", "-"),
                    p.role,
                    ";".join(p.domains),
                    "; ".join(p.expertise),
                )
                for p in self.people
            )
        if sheet == "systems":
            return ((s.id, s.name, s.domain, s.owner, s.kind, s.description) for s in self.systems)
        if sheet == "datasets":
            return (
                (d.id, d.system, d.domain, d.custodian, d.description, d.classification, d.refresh)
                for d in self.datasets
            )
        if sheet == "columns":
            return (
                (d.id, name, kind, desc, "yes" if personal else "no")
                for d in self.datasets
                for name, kind, desc, personal in d.columns
            )
        return iter(self.lineage)


def build_people(rng: random.Random, count: int, domain_ids: Sequence[str]) -> list[Person]:
    """Custodians round-robin over domains so every domain has several; a quarter
    answer for a second domain too."""
    people: list[Person] = []
    seen: set[str] = set()
    combos = [(f, la) for la in V.LAST_NAMES for f in V.FIRST_NAMES]
    rng.shuffle(combos)
    for i in range(count):
        first, last = combos[i % len(combos)]
        base = f"{first}-{last}".lower()
        pid = base if base not in seen else f"{base}-{i // len(combos) + 1}"
        seen.add(pid)
        handle = pid.replace("-", ".")
        domains = [domain_ids[i % len(domain_ids)]]
        if rng.random() < 0.25:
            other = rng.choice(domain_ids)
            if other not in domains:
                domains.append(other)
        people.append(
            Person(
                id=pid,
                name=f"{first} {last}",
                email=f"{handle}@{EMAIL_DOMAIN}",
                slack=f"@{handle}",
                role=rng.choice(V.ROLES),
                domains=domains,
                expertise=rng.sample(V.EXPERTISE, rng.randint(1, 3)),
            )
        )
    return people


def build_systems(
    rng: random.Random, count: int, domain_ids: Sequence[str], people: list[Person]
) -> list[SystemRow]:
    """Per domain a rotation of source, platform and outside systems, so every domain
    has at least one source and one platform system."""
    rotation = ("source", "platform", "source", "outside", "source")
    stems = {
        "source": V.SOURCE_SYSTEMS,
        "platform": V.PLATFORM_SYSTEMS,
        "outside": V.OUTSIDE_SYSTEMS,
    }
    owners = {d: [p for p in people if d in p.domains] for d in domain_ids}
    labels = {d[0]: d[1] for d in V.DOMAINS}
    systems: list[SystemRow] = []
    used: set[str] = set()
    for i in range(count):
        domain = domain_ids[i % len(domain_ids)]
        turn = i // len(domain_ids)
        role = rotation[turn % len(rotation)]
        stem, name, kind = stems[role][(turn // len(rotation) + i) % len(stems[role])]
        sid = f"{stem}-{domain}"
        n = 2
        while sid in used:
            sid, n = f"{stem}-{domain}-{n}", n + 1
        used.add(sid)
        label = labels[domain]
        systems.append(
            SystemRow(
                id=sid,
                name=f"{label} {name}" + (f" {n - 1}" if n > 2 else ""),
                domain=domain,
                owner=rng.choice(owners[domain]).id,
                kind=kind,
                role=role,
                description=f"{name} used by {label.lower()}; {role} system for the platform.",
            )
        )
    return systems


def layer_of(index: int, total: int) -> int:
    position = index / total
    return sum(1 for cut in LAYER_CUTS if position >= cut)


def build_datasets(
    rng: random.Random, count: int, systems: list[SystemRow], people: list[Person]
) -> list[DatasetRow]:
    by_role: dict[str, list[SystemRow]] = defaultdict(list)
    by_domain_role: dict[tuple[str, str], list[SystemRow]] = defaultdict(list)
    for s in systems:
        by_role[s.role].append(s)
        by_domain_role[(s.domain, s.role)].append(s)
    domain_ids = list(dict.fromkeys(s.domain for s in systems))
    custodians = {d: [p.id for p in people if d in p.domains] for d in domain_ids}
    tables: dict[str, set[str]] = defaultdict(set)
    datasets: list[DatasetRow] = []
    for i in range(count):
        layer = layer_of(i, count)
        role = ROLE_OF_LAYER[layer]
        domain = domain_ids[i % len(domain_ids)]
        pool = by_domain_role.get((domain, role)) or by_role.get(role) or by_role["platform"]
        system = pool[(i // len(domain_ids)) % len(pool)]
        entity, personal = V.ENTITIES[rng.randrange(len(V.ENTITIES))]
        table = f"{LAYER_PREFIX[layer]}{entity}{LAYER_SUFFIX[layer]}"
        n = 2
        while table in tables[system.id]:
            table, n = f"{LAYER_PREFIX[layer]}{entity}{LAYER_SUFFIX[layer]}_{n}", n + 1
        tables[system.id].add(table)
        if personal:
            classification = rng.choice(("confidential", "restricted"))
        else:
            classification = rng.choice(V.CLASSIFICATIONS[:3])
        datasets.append(
            DatasetRow(
                id=f"{system.id}.{table}",
                system=system.id,
                domain=system.domain,
                custodian=rng.choice(custodians[system.domain]),
                layer=layer,
                entity=entity,
                classification=classification,
                refresh=rng.choice(V.REFRESH),
                description=describe_dataset(entity, layer, system.name),
            )
        )
    return datasets


def describe_dataset(entity: str, layer: int, system_name: str) -> str:
    thing = entity.replace("_", " ")
    return (
        f"One row per record of {thing} as kept in {system_name}.",
        f"Raw copy of {thing}, loaded unchanged from the source with load metadata.",
        f"Cleaned {thing}: deduplicated, typed and with codes resolved.",
        f"Daily summary of {thing}, ready for reporting.",
        f"Extract of {thing} shared with a partner.",
    )[layer]


def assign_columns(rng: random.Random, datasets: list[DatasetRow], total: int) -> None:
    """Spread ``total`` columns over the datasets (at least one each, uneven like real
    tables); personal entities get personal columns first."""
    n = len(datasets)
    counts = [1] * n
    weights = [rng.uniform(0.2, 2.0) for _ in range(n)]
    for index in rng.choices(range(n), weights=weights, k=total - n):
        counts[index] += 1
    personal_entities = {e for e, p in V.ENTITIES if p}
    for dataset, count in zip(datasets, counts, strict=True):
        key = f"{dataset.entity.rstrip('s')}_id"
        cols: list[tuple[str, str, str, bool]] = [
            (key, "string", f"Identifier of the {dataset.entity.replace('_', ' ')} record.", False)
        ]
        if dataset.entity in personal_entities and count > 1:
            k = min(count - 1, rng.randint(1, 3))
            cols += [(c, t, d, True) for c, t, d in rng.sample(V.PERSONAL_COLUMNS, k)]
        candidates = [c for c in V.COLUMNS if c[0] != key]
        general = rng.sample(candidates, min(len(candidates), count - len(cols)))
        cols += [(c, t, d, False) for c, t, d in general]
        extra = 1
        while len(cols) < count:
            cols.append((f"attribute_{extra:03d}", "string", "Free-form source attribute.", False))
            extra += 1
        dataset.columns = cols


def build_lineage(
    rng: random.Random, datasets: list[DatasetRow]
) -> list[tuple[str, str, str, str]]:
    """Two to four upstream edges per non-source dataset, from the previous layer and
    mostly the same domain."""
    by_layer: dict[int, list[DatasetRow]] = defaultdict(list)
    by_layer_domain: dict[tuple[int, str], list[DatasetRow]] = defaultdict(list)
    for d in datasets:
        by_layer[d.layer].append(d)
        by_layer_domain[(d.layer, d.domain)].append(d)
    edges: list[tuple[str, str, str, str]] = []
    for d in datasets:
        if d.layer == 0 or not by_layer[d.layer - 1]:
            continue
        local = by_layer_domain.get((d.layer - 1, d.domain), [])
        pool = local if local and rng.random() < 0.8 else by_layer[d.layer - 1]
        stage = STAGE_INTO[d.layer]
        for up in rng.sample(pool, min(len(pool), rng.randint(2, 4))):
            verb = {"ingest": "Loads", "refine": "Cleans", "serve": "Aggregates", "export": "Ships"}
            edges.append((up.id, d.id, stage, f"{verb[stage]} {up.entity.replace('_', ' ')}."))
    return edges


def build_catalogue(
    rng: random.Random, domains: int, custodians: int, systems: int, datasets: int, columns: int
) -> Catalogue:
    """The whole catalogue; ``columns`` is a total spread over the datasets."""
    domain_rows = V.DOMAINS[:domains]
    domain_ids = [d[0] for d in domain_rows]
    people = build_people(rng, custodians, domain_ids)
    leads = {d: next(p.id for p in people if p.domains[0] == d) for d in domain_ids}
    system_rows = build_systems(rng, systems, domain_ids, people)
    dataset_rows = build_datasets(rng, datasets, system_rows, people)
    assign_columns(rng, dataset_rows, columns)
    return Catalogue(
        [(i, name, desc, leads[i]) for i, name, desc in domain_rows],
        people,
        system_rows,
        dataset_rows,
        build_lineage(rng, dataset_rows),
    )


def write_xlsx(path: Path, catalogue: Catalogue) -> None:
    """openpyxl's write-only mode streams rows to disk: 200,000 rows in seconds."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet)
        worksheet.append(list(HEADERS[sheet]))
        for row in catalogue.rows(sheet):
            worksheet.append(list(row))
    workbook.save(path)


def write_csv(folder: Path, catalogue: Catalogue) -> None:
    for sheet in SHEETS:
        with (folder / f"{sheet}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADERS[sheet])
            writer.writerows(catalogue.rows(sheet))
