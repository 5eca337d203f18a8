"""Where things live in the portal, and who answers for them.

Structured answers cite the page (or the dataset's section) of what they talk about;
these lookups come from the index, so the links are exactly the ones the portal has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from paved.bot.answer.types import Citation
from paved.generator.core.index import IndexSection
from paved.generator.core.model import Contact, Custodian, Decision, Platform, Product


@dataclass(frozen=True, slots=True)
class Facts:
    """The platform plus section lookups: page of a subject id, section of a dataset."""

    platform: Platform
    pages: dict[tuple[str, str], IndexSection]
    dataset_sections: dict[str, IndexSection]
    outcome_sections: dict[str, IndexSection]
    index_sections: tuple[IndexSection, ...] = ()

    @classmethod
    def build(cls, platform: Platform, sections: Sequence[IndexSection]) -> Facts:
        pages: dict[tuple[str, str], IndexSection] = {}
        datasets: dict[str, IndexSection] = {}
        outcomes: dict[str, IndexSection] = {}
        for section in sections:
            if section.subject_id is None:
                continue
            key = (section.kind, section.subject_id)
            if key not in pages:
                pages[key] = section
            dataset = dataset_of(section, platform)
            if dataset is not None and (
                section.kind == "system" or section.title == dataset  # a page's top
            ):
                known = datasets.get(dataset)
                # A dataset's own page (when the portal has them) beats its section on
                # the system's page.
                if known is None or (known.kind == "system" and section.kind == "dataset"):
                    datasets[dataset] = section
            if section.kind == "decision" and section.title.lower().startswith("decision outcome"):
                outcomes.setdefault(section.subject_id, section)
        index = tuple(s for s in sections if s.kind == "index" and s.url.startswith("catalogue/"))
        return cls(platform, pages, datasets, outcomes, index)

    def cite(self, kind: str, subject_id: str, *, status: str | None = None) -> Citation | None:
        section = self.pages.get((kind, subject_id))
        if section is None:
            return None
        return Citation(section.page_title, section.url, kind, status or section.status)

    def catalogue_index(self, anchor: str) -> tuple[Citation, ...]:
        """The catalogue index's section ``anchor`` (domains, systems), or its own page
        (datasets: the dataset index when the portal has one)."""
        found = []
        for section in self.index_sections:
            if section.url in (f"catalogue/#{anchor}", f"catalogue/{anchor}/"):
                found.append(Citation(section.page_title, section.url, "index"))
        return tuple(found[:2])

    def cite_dataset(self, dataset_id: str) -> Citation | None:
        section = self.dataset_sections.get(dataset_id)
        if section is None:
            return None
        title = section.title
        if section.page_title != section.title:
            title = f"{section.title} · {section.page_title}"
        return Citation(title, section.url, "dataset")

    def cite_decision(self, decision: Decision) -> Citation | None:
        """The decision's outcome section when it has one, else its page."""
        page = self.pages.get(("decision", decision.id))
        outcome = self.outcome_sections.get(decision.id)
        if page is None:
            return None
        url = outcome.url if outcome is not None else page.url
        return Citation(page.page_title, url, "decision", str(decision.status))

    def cite_product(self, product: Product) -> Citation | None:
        return self.cite("product", product.id, status=str(product.status))

    def handle_of(self, owner: str | None) -> str | None:
        """A page owner (custodian id, e-mail or name) as a Slack handle or e-mail."""
        if not owner:
            return None
        custodian = self.platform.custodians.get(owner)
        if custodian is not None:
            return custodian.slack or custodian.email
        if "@" in owner:
            return owner
        for custodian in self.platform.custodians.values():
            if custodian.name.lower() == owner.lower():
                return custodian.slack or custodian.email
        return None

    def owner_of(self, section: IndexSection) -> str | None:
        """Who answers for the page ``section`` is on: its owner, else (decisions) the
        first decision-maker who is a known custodian."""
        handle = self.handle_of(section.owner)
        if handle is not None:
            return handle
        if section.kind == "decision" and section.subject_id:
            decision = self.platform.decisions.get(section.subject_id)
            for name in decision.decision_makers if decision else ():
                handle = self.handle_of(name)
                if handle is not None:
                    return handle
        return None


def dataset_of(section: IndexSection, platform: Platform) -> str | None:
    """The dataset a section is about: any section of a dataset's own page, or a
    dataset's section on its system's page (the portal has had both shapes)."""
    if section.kind == "dataset" and section.subject_id in platform.datasets:
        return section.subject_id
    if section.kind == "system" and section.title in platform.datasets:
        return section.title
    return None


def person(custodian: Custodian, *, role: bool = True) -> str:
    """ "Mikkel Haugen (@mikkel.haugen, E-commerce Product Lead)"."""
    details = [custodian.slack or custodian.email]
    if role and custodian.role:
        details.append(custodian.role)
    return f"{custodian.name} ({', '.join(details)})"


def contact(who: Contact) -> str:
    return f"{who.name} ({who.slack or who.email})"
