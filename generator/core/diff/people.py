"""Who a change concerns: people from the model, with their Slack and GitHub handles.

The custodians sheet is the people register (its optional ``github`` column gives the
GitHub user); a WID contact may carry its own ``github`` and otherwise is matched to the
register by e-mail, so one handle written once serves ``CODEOWNERS`` and the review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from paved.generator.core.diff.changes import Person

if TYPE_CHECKING:  # only for annotations: `paved validate` (CODEOWNERS rule) stays model-free
    from paved.generator.core.model import Contact, Platform, Product


@dataclass(frozen=True, slots=True)
class Handles:
    """GitHub handles by custodian id and by e-mail (lower case); see ``handles_from``."""

    by_custodian: dict[str, str]
    by_email: dict[str, str]
    by_contact_email: dict[str, str]


def contact_person(contact: Contact | None, role: str, handles: Handles) -> Person | None:
    if contact is None:
        return None
    email = contact.email.lower()
    github = handles.by_contact_email.get(email) or handles.by_email.get(email)
    return Person(contact.name, role, contact.slack, github, contact.email)


def custodian_person(
    platform: Platform, custodian_id: str | None, role: str, handles: Handles
) -> Person | None:
    if not custodian_id:
        return None
    person = platform.custodians.get(custodian_id)
    if person is None:
        return Person(custodian_id, role)
    return Person(
        person.name, role, person.slack, handles.by_custodian.get(person.id), person.email
    )


def product_people(platform: Platform, product: Product, handles: Handles) -> list[Person]:
    """The business owner, the technical contact and the custodian of a product."""
    found = [
        contact_person(product.business_owner, f"business owner of {product.id}", handles),
        contact_person(product.technical_contact, f"technical contact of {product.id}", handles),
        custodian_person(platform, product.custodian, f"custodian of {product.id}", handles),
    ]
    return [p for p in found if p is not None]


def unique(people: list[Person]) -> tuple[Person, ...]:
    """One entry per person (by e-mail, else name), roles joined, first-seen order."""
    merged: dict[str, Person] = {}
    for person in people:
        key = (person.email or person.name).lower()
        seen = merged.get(key)
        if seen is None:
            merged[key] = person
        elif person.role not in seen.role.split("; "):
            merged[key] = Person(
                seen.name,
                f"{seen.role}; {person.role}",
                seen.slack or person.slack,
                seen.github or person.github,
                seen.email,
            )
    return tuple(merged.values())


#: Roles in the custodians sheet that must see a personal-data flag removed.
_PRIVACY_ROLES = ("data protection", "privacy")


def privacy_officers(platform: Platform, handles: Handles) -> list[Person]:
    """Custodians whose role is data protection or privacy (the DPO)."""
    return [
        Person(
            c.name, c.role or "data protection", c.slack, handles.by_custodian.get(c.id), c.email
        )
        for c in platform.custodians.values()
        if c.role and any(word in c.role.lower() for word in _PRIVACY_ROLES)
    ]


def named_person(platform: Platform, name: str, role: str, handles: Handles) -> Person:
    """A person written by name (an ADR's decision-makers), matched to the register."""
    wanted = name.strip().lower()
    for c in platform.custodians.values():
        if c.name.strip().lower() == wanted:
            return Person(c.name, role, c.slack, handles.by_custodian.get(c.id), c.email)
    return Person(name, role)
