"""One typed, immutable picture of the platform.

Renderers, the search index and the bot read only this; they never look at files
or raw dictionaries, so a change of file format stays inside the loaders.
Built by ``paved.generator.core.build_model`` from a validated ``LoadedRepository``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from paved.generator.core.load.types import Section


class ProductStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    ONBOARDED = "onboarded"
    RETIRED = "retired"


class DecisionStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"
    #: the record has no status at all (legacy logs): never shown as proposed
    NOT_RECORDED = "not-recorded"
    #: a status word Paved cannot map (shown as written, reported as ADR214)
    OTHER = "other"


class Classification(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    RESTRICTED = "restricted"


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    email: str
    slack: str | None = None


@dataclass(frozen=True, slots=True)
class IntegrationPoint:
    system: str
    method: str
    frequency: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class PersonalData:
    present: bool
    categories: tuple[str, ...] = ()
    legal_basis: str | None = None
    retention: str | None = None
    pseudonymised: bool | None = None


@dataclass(frozen=True, slots=True)
class Product:
    """A data product, from one WID."""

    id: str
    title: str
    status: ProductStatus
    domain: str
    business_owner: Contact | None
    technical_contact: Contact | None
    custodian: str | None
    value_proposition: str
    strategic_pillar: str | None
    lifecycle_stage: str
    surfaced_as: tuple[str, ...]
    ingress: tuple[IntegrationPoint, ...]
    egress: tuple[IntegrationPoint, ...]
    upstream_systems: tuple[str, ...]
    upstream_datasets: tuple[str, ...]
    classification: Classification
    personal_data: PersonalData
    related_adrs: tuple[str, ...]
    tags: tuple[str, ...]
    created: str | None
    path: str
    body: str
    sections: tuple[Section, ...]

    @property
    def is_current(self) -> bool:
        """Drafts and retired products must never be presented as the current state."""
        return self.status not in (ProductStatus.DRAFT, ProductStatus.RETIRED)


@dataclass(frozen=True, slots=True)
class Decision:
    """An architecture decision, from one ADR in any supported format."""

    id: str
    number: int
    title: str
    status: DecisionStatus
    date: str
    decision_makers: tuple[str, ...]
    consulted: tuple[str, ...]
    informed: tuple[str, ...]
    supersedes: tuple[str, ...]
    superseded_by: str | None
    affected_wids: tuple[str, ...]
    affected_systems: tuple[str, ...]
    tags: tuple[str, ...]
    path: str
    body: str
    sections: tuple[Section, ...]
    format: str = "madr4"
    #: the status as its authors wrote it ("Approved", "Superceded"); "" when none
    status_written: str = ""
    #: where ``date`` comes from: "recorded", "file name" (log4brains), "git" (first commit)
    #: or "" (nothing known)
    date_source: str = "recorded"
    #: the id of the record this one translates (a log kept in two languages), else None
    translation_of: str | None = None
    #: the language a translation, or an original that has translations, is written in
    language: str = ""

    @property
    def is_current(self) -> bool:
        return self.status is DecisionStatus.ACCEPTED

    @property
    def status_label(self) -> str:
        """What the portal and the bot call the status: the authors' word when they wrote
        one, "status not recorded" when they did not."""
        if self.status_written:
            return self.status_written
        if self.status is DecisionStatus.NOT_RECORDED:
            return "status not recorded"
        return self.status.value


@dataclass(frozen=True, slots=True)
class Domain:
    id: str
    name: str
    description: str
    lead: str | None


@dataclass(frozen=True, slots=True)
class Custodian:
    id: str
    name: str
    email: str
    slack: str | None
    role: str | None
    domains: tuple[str, ...]
    expertise: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class System:
    id: str
    name: str
    domain: str
    owner: str | None
    kind: str
    description: str


@dataclass(frozen=True, slots=True)
class Column:
    dataset: str
    name: str
    type: str
    description: str
    personal_data: bool


@dataclass(frozen=True, slots=True)
class Dataset:
    id: str
    system: str
    domain: str
    custodian: str | None
    description: str
    classification: Classification
    refresh: str | None
    columns: tuple[Column, ...]

    @property
    def table(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def has_personal_data(self) -> bool:
        return any(c.personal_data for c in self.columns)


@dataclass(frozen=True, slots=True)
class LineageEdge:
    upstream: str
    downstream: str
    stage: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class DocPage:
    """A hand-written page under docs/ (path relative to docs/)."""

    path: str
    title: str
    owner: str | None
    review_by: str | None
    sections: tuple[Section, ...]
    body: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Platform:
    """The whole platform. Mappings are keyed by id and keep file/sheet order."""

    products: dict[str, Product] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    domains: dict[str, Domain] = field(default_factory=dict)
    custodians: dict[str, Custodian] = field(default_factory=dict)
    systems: dict[str, System] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    lineage: tuple[LineageEdge, ...] = ()
    docs: dict[str, DocPage] = field(default_factory=dict)
    #: The repository file each catalogue sheet was read from (``datasets`` →
    #: ``custodians/catalogue.xlsx``): a dataset page's git facts and "Edit this page".
    sheet_paths: dict[str, str] = field(default_factory=dict)

    def upstream_of(self, dataset_id: str) -> list[LineageEdge]:
        return [e for e in self.lineage if e.downstream == dataset_id]

    def downstream_of(self, dataset_id: str) -> list[LineageEdge]:
        return [e for e in self.lineage if e.upstream == dataset_id]

    def successor_of(self, decision_id: str) -> Decision | None:
        """The current decision that replaced ``decision_id``, following the chain."""
        seen: set[str] = set()
        current = self.decisions.get(decision_id)
        while current is not None and current.superseded_by and current.id not in seen:
            seen.add(current.id)
            current = self.decisions.get(current.superseded_by)
        if current is None or current.id == decision_id:
            return None
        return current
