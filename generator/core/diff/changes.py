"""What ``paved diff`` reports: one ``Change`` per difference between the model at the
base of a pull request and the model at its head, each with a severity, the people who
must hear about it and, for breaking changes, what depends on the changed thing.

Plain frozen dataclasses and ``str`` enums, so the reporters (text, GitHub, JSON) and the
portal's "What changed" page read the same values and say the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from paved.generator.core.diagnostics import Location


class Level(StrEnum):
    """How much a change needs a person's attention. Ordered: ``info < review < breaking``."""

    INFO = "info"
    REVIEW = "review"
    BREAKING = "breaking"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Level.INFO: 0, Level.REVIEW: 1, Level.BREAKING: 2}


class Area(StrEnum):
    PRODUCTS = "products"
    DECISIONS = "decisions"
    CATALOGUE = "catalogue"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone to notify or to ask for approval. ``slack`` and ``github`` are handles
    as written in the repository (``@kari.vik``), or ``None`` when unknown."""

    name: str
    role: str
    slack: str | None = None
    github: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Dependent:
    """Something that depends on a changed dataset: a downstream dataset ``hops`` lineage
    edges away, or a product (WID) that lists it (or one of its downstreams) upstream."""

    kind: str  # "dataset" | "product"
    id: str
    title: str
    hops: int
    via: str  # the dataset through which it depends ("" when direct)


@dataclass(frozen=True, slots=True)
class Impact:
    """The blast radius of a breaking change."""

    datasets: tuple[Dependent, ...] = ()
    products: tuple[Dependent, ...] = ()
    notify: tuple[Person, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.datasets or self.products)


@dataclass(frozen=True, slots=True)
class Intent:
    """A team's statement that a breaking change is intended, and where it was made
    (``commit 1a2b3c4`` or ``wids/WID-0001-x.md:40``)."""

    subject: str
    reason: str
    source: str


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between base and head.

    ``kind`` is stable (``column.removed``, ``product.status``) for tools; ``summary`` is
    the sentence people read. ``location`` points at the head when the thing still exists
    there (for annotations), else at where it was at the base.
    """

    area: Area
    kind: str
    level: Level
    subject: str
    summary: str
    before: str | None = None
    after: str | None = None
    location: Location | None = None
    why: str = ""
    impact: Impact | None = None
    reviewers: tuple[Person, ...] = ()
    intent: Intent | None = None

    @property
    def effective_level(self) -> Level:
        """An intended breaking change still needs review, but no longer fails as breaking."""
        if self.intent is not None and self.level is Level.BREAKING:
            return Level.REVIEW
        return self.level


@dataclass(frozen=True, slots=True)
class DiffResult:
    """Every change between ``base`` and ``head`` (commits, abbreviated), in report order:
    breaking first, then review, then info; within a level by area and subject."""

    base: str
    head: str
    changes: tuple[Change, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def count(self, level: Level) -> int:
        return sum(1 for c in self.changes if c.level is level)

    def worst(self) -> Level | None:
        """The highest effective level among the changes (``None`` when nothing changed)."""
        levels = [c.effective_level for c in self.changes]
        return max(levels, key=lambda lvl: lvl.rank) if levels else None


@dataclass(frozen=True, slots=True)
class Merge:
    """One merge into the branch and what it changed (the portal's "What changed" page).
    ``date`` is ISO 8601; ``author`` who committed it."""

    sha: str
    date: str
    author: str
    subject: str
    result: DiffResult


def ordered(changes: list[Change]) -> tuple[Change, ...]:
    area_rank = {Area.CATALOGUE: 0, Area.PRODUCTS: 1, Area.DECISIONS: 2}
    return tuple(
        sorted(changes, key=lambda c: (-c.level.rank, area_rank[c.area], c.subject, c.kind))
    )
