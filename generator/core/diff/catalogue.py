"""The custodian catalogue at base vs head: datasets, columns (with renames), lineage
edges and the custodians themselves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from paved.generator.core.diagnostics import Location
from paved.generator.core.diff.changes import Area, Change, Level, Person
from paved.generator.core.diff.context import Sides
from paved.generator.core.diff.people import custodian_person, privacy_officers, unique
from paved.generator.core.diff.products import lowered
from paved.generator.core.diff.renames import (
    COLUMN_THRESHOLD,
    DATASET_THRESHOLD,
    column_score,
    dataset_score,
    pair,
)
from paved.generator.core.model import Column, Dataset, Platform

#: Records one column change: kind, level, column, summary, before, after, location, why.
_Add = Callable[[str, Level, str, str, str | None, str | None, Location | None, str], None]


def compare_catalogue(sides: Sides) -> list[Change]:
    base, head = sides.base.platform, sides.head.platform
    changes: list[Change] = []
    removed = [d for i, d in base.datasets.items() if i not in head.datasets]
    added = [d for i, d in head.datasets.items() if i not in base.datasets]
    renamed = pair(removed, added, dataset_score, DATASET_THRESHOLD)
    renamed_old = {old.id for old, _, _ in renamed}
    renamed_new = {new.id for _, new, _ in renamed}
    for old, new, _ in renamed:
        changes.append(
            _change(
                sides,
                "dataset.renamed",
                Level.BREAKING,
                old.id,
                f"Dataset {old.id} was renamed to {new.id}.",
                old.id,
                new.id,
                sides.head.dataset_location(new.id, "id"),
                new,
                "Readers still using the old name break.",
            )
        )
        changes.extend(_dataset_changes(sides, old, new))
    for old in removed:
        if old.id not in renamed_old:
            changes.append(
                _change(
                    sides,
                    "dataset.removed",
                    Level.BREAKING,
                    old.id,
                    f"Dataset {old.id} was removed ({len(old.columns)} columns).",
                    old.id,
                    None,
                    sides.base.dataset_location(old.id, "id"),
                    old,
                    "Everything that reads it loses its input.",
                )
            )
    for new in added:
        if new.id not in renamed_new:
            changes.append(
                _change(
                    sides,
                    "dataset.added",
                    Level.INFO,
                    new.id,
                    f"New dataset {new.id} ({len(new.columns)} columns).",
                    None,
                    new.id,
                    sides.head.dataset_location(new.id, "id"),
                    new,
                )
            )
    for dataset_id, current in head.datasets.items():
        before = base.datasets.get(dataset_id)
        if before is not None and before != current:
            changes.extend(_dataset_changes(sides, before, current))
    changes.extend(_lineage_changes(sides))
    changes.extend(_custodian_changes(sides))
    return _with_privacy(sides, changes)


def _reviewers(sides: Sides, *datasets: Dataset) -> tuple[Person, ...]:
    out: list[Person] = []
    for dataset in datasets:
        platform = (
            sides.head.platform
            if dataset.id in sides.head.platform.datasets
            else sides.base.platform
        )
        person = custodian_person(
            platform, dataset.custodian, f"custodian of {dataset.id}", sides.handles
        )
        if person is not None and all(p.name != person.name for p in out):
            out.append(person)
    return tuple(out)


def _change(
    sides: Sides,
    kind: str,
    level: Level,
    subject: str,
    summary: str,
    before: str | None,
    after: str | None,
    location: Location | None,
    dataset: Dataset,
    why: str = "",
) -> Change:
    return Change(
        Area.CATALOGUE,
        kind,
        level,
        subject,
        summary,
        before,
        after,
        location,
        why,
        reviewers=_reviewers(sides, dataset),
    )


def _dataset_changes(sides: Sides, old: Dataset, new: Dataset) -> list[Change]:
    out: list[Change] = []
    did = new.id
    loc = sides.head.dataset_location

    def add(
        kind: str,
        level: Level,
        summary: str,
        before: str | None,
        after: str | None,
        field: str,
        why: str = "",
    ) -> None:
        out.append(
            _change(sides, kind, level, did, summary, before, after, loc(did, field), new, why)
        )

    if old.classification is not new.classification:
        down = lowered(old.classification, new.classification)
        add(
            "dataset.classification",
            Level.BREAKING if down else Level.REVIEW,
            f"{did}: classification {'lowered' if down else 'raised'} from "
            f"{old.classification} to {new.classification}.",
            old.classification,
            new.classification,
            "classification",
            "A lower classification widens who may be granted access." if down else "",
        )
    if old.custodian != new.custodian:
        add(
            "dataset.custodian",
            Level.REVIEW,
            f"{did}: custodian changed from {old.custodian or 'nobody'} "
            f"to {new.custodian or 'nobody'}.",
            old.custodian,
            new.custodian,
            "custodian",
        )
        person = custodian_person(
            sides.base.platform, old.custodian, f"previous custodian of {did}", sides.handles
        )
        if person is not None:
            out[-1] = replace(out[-1], reviewers=(*out[-1].reviewers, person))
    if old.domain != new.domain:
        add(
            "dataset.domain",
            Level.REVIEW,
            f"{did}: moved from domain {old.domain} to {new.domain}.",
            old.domain,
            new.domain,
            "domain",
        )
    if old.description != new.description:
        add(
            "dataset.description",
            Level.INFO,
            f"{did}: description changed.",
            old.description,
            new.description,
            "description",
        )
    if old.columns != new.columns:
        out.extend(_column_changes(sides, old, new))
    return out


def _column_changes(sides: Sides, old: Dataset, new: Dataset) -> list[Change]:
    did = new.id
    before = {c.name: c for c in old.columns}
    after = {c.name: c for c in new.columns}
    gone = [c for n, c in before.items() if n not in after]
    came = [c for n, c in after.items() if n not in before]
    out: list[Change] = []
    loc = sides.head.column_location

    def add(
        kind: str,
        level: Level,
        column: str,
        summary: str,
        b: str | None,
        a: str | None,
        location: Location | None,
        why: str,
    ) -> None:
        out.append(
            _change(sides, kind, level, f"{did}.{column}", summary, b, a, location, new, why)
        )

    for was, now, _ in pair(gone, came, column_score, COLUMN_THRESHOLD):
        add(
            "column.renamed",
            Level.BREAKING,
            was.name,
            f"Column {did}.{was.name} was renamed to {now.name}.",
            was.name,
            now.name,
            loc(did, now.name, "name"),
            "Queries and pipelines that select the old name break.",
        )
        gone.remove(was)
        came.remove(now)
        out.extend(_column_edits(sides, did, was, now, add))
    for column in gone:
        add(
            "column.removed",
            Level.BREAKING,
            column.name,
            f"Column {did}.{column.name} ({column.type}) was removed.",
            column.name,
            None,
            sides.head.dataset_location(did, "id")
            or sides.base.column_location(old.id, column.name, "name"),
            "Queries and pipelines that select it break.",
        )
    for column in came:
        add(
            "column.added",
            Level.INFO,
            column.name,
            f"New column {did}.{column.name} ({column.type}"
            f"{', personal data' if column.personal_data else ''}).",
            None,
            column.name,
            loc(did, column.name, "name"),
            "",
        )
    for name, now in after.items():
        was_same = before.get(name)
        if was_same is not None and was_same != now:
            out.extend(_column_edits(sides, did, was_same, now, add))
    return out


def _column_edits(sides: Sides, did: str, was: Column, now: Column, add: _Add) -> list[Change]:
    """Type, description and personal-data edits of one column (``add`` records them)."""
    loc = sides.head.column_location
    name = now.name
    if was.type != now.type:
        add(
            "column.type",
            Level.BREAKING,
            name,
            f"Column {did}.{name}: type changed from {was.type} to {now.type}.",
            was.type,
            now.type,
            loc(did, name, "type"),
            "Readers that expect the old type fail or silently convert.",
        )
    if was.personal_data != now.personal_data:
        if was.personal_data:
            add(
                "column.personal_data",
                Level.BREAKING,
                name,
                f"Column {did}.{name} is no longer flagged as personal data.",
                "true",
                "false",
                loc(did, name, "personal_data"),
                "Unflagged, it loses the personal-data access rules, masking and erasure; "
                "the data protection officer should confirm.",
            )
        else:
            add(
                "column.personal_data",
                Level.REVIEW,
                name,
                f"Column {did}.{name} is now flagged as personal data.",
                "false",
                "true",
                loc(did, name, "personal_data"),
                "Products reading it must declare personal data with a legal basis and retention.",
            )
    if was.description != now.description:
        add(
            "column.description",
            Level.INFO,
            name,
            f"Column {did}.{name}: description changed.",
            was.description,
            now.description,
            loc(did, name, "description"),
            "",
        )
    return []


def _with_privacy(sides: Sides, changes: list[Change]) -> list[Change]:
    """A removed personal-data flag also needs the data protection officer's approval."""
    officers = privacy_officers(sides.head.platform, sides.handles)
    out = []
    for change in changes:
        if change.kind == "column.personal_data" and change.level is Level.BREAKING:
            change = replace(change, reviewers=unique([*change.reviewers, *officers]))
        out.append(change)
    return out


def _lineage_changes(sides: Sides) -> list[Change]:
    base, head = sides.base.platform, sides.head.platform
    old_edges = {(e.upstream, e.downstream): e for e in base.lineage}
    new_edges = {(e.upstream, e.downstream): e for e in head.lineage}
    out: list[Change] = []
    for key, edge in new_edges.items():
        if key not in old_edges:
            out.append(
                _edge_change(
                    sides,
                    head,
                    "lineage.added",
                    Level.INFO,
                    f"New lineage edge {edge.upstream} → {edge.downstream} ({edge.stage}).",
                    edge.upstream,
                    edge.downstream,
                    sides.head.edge_location(*key),
                )
            )
    for key, edge in old_edges.items():
        if key not in new_edges:
            out.append(
                _edge_change(
                    sides,
                    base,
                    "lineage.removed",
                    Level.REVIEW,
                    f"Lineage edge {edge.upstream} → {edge.downstream} was removed.",
                    edge.upstream,
                    edge.downstream,
                    sides.base.edge_location(*key),
                )
            )
    return out


def _edge_change(
    sides: Sides,
    platform: Platform,
    kind: str,
    level: Level,
    summary: str,
    upstream: str,
    downstream: str,
    location: Location | None,
) -> Change:
    reviewers: list[Person] = []
    for dataset_id in (upstream, downstream):
        dataset = platform.datasets.get(dataset_id)
        if dataset is not None:
            person = custodian_person(
                platform, dataset.custodian, f"custodian of {dataset_id}", sides.handles
            )
            if person is not None and all(p.name != person.name for p in reviewers):
                reviewers.append(person)
    return Change(
        Area.CATALOGUE,
        kind,
        level,
        f"{upstream} → {downstream}",
        summary,
        upstream if kind.endswith("removed") else None,
        downstream if kind.endswith("added") else None,
        location,
        "Downstream consumers may stop receiving data." if kind.endswith("removed") else "",
        reviewers=tuple(reviewers),
    )


def _custodian_changes(sides: Sides) -> list[Change]:
    base, head = sides.base.platform, sides.head.platform
    out: list[Change] = []
    for cid, new in head.custodians.items():
        old = base.custodians.get(cid)
        if old is None:
            out.append(
                Change(
                    Area.CATALOGUE,
                    "custodian.added",
                    Level.INFO,
                    cid,
                    f"New custodian {new.name} ({', '.join(new.domains)}).",
                )
            )
        elif old != new:
            fields = [
                f
                for f in ("name", "email", "slack", "role", "domains", "expertise")
                if getattr(old, f) != getattr(new, f)
            ]
            level = Level.REVIEW if {"domains", "email"} & set(fields) else Level.INFO
            person = custodian_person(head, cid, f"custodian {cid}", sides.handles)
            out.append(
                Change(
                    Area.CATALOGUE,
                    "custodian.changed",
                    level,
                    cid,
                    f"Custodian {new.name}: {', '.join(fields)} changed.",
                    reviewers=(person,) if person else (),
                )
            )
    for cid, old in base.custodians.items():
        if cid not in head.custodians:
            owned = [d.id for d in base.datasets.values() if d.custodian == cid]
            out.append(
                Change(
                    Area.CATALOGUE,
                    "custodian.removed",
                    Level.REVIEW,
                    cid,
                    f"Custodian {old.name} was removed"
                    f"{f' (custodian of {len(owned)} datasets at the base)' if owned else ''}.",
                    why="Their datasets and products need another custodian.",
                )
            )
    return out
