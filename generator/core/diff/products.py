"""Products (WIDs) at base vs head: added, removed, status moves, owners, custodian,
classification and personal data."""

from __future__ import annotations

from dataclasses import replace

from paved.generator.core.diff.changes import Area, Change, Level, Person
from paved.generator.core.diff.context import Sides
from paved.generator.core.diff.people import (
    contact_person,
    custodian_person,
    privacy_officers,
    product_people,
    unique,
)
from paved.generator.core.model import Classification, Contact, Product, ProductStatus

#: The road a product travels; one step forward at a time.
STATUS_ORDER = (
    ProductStatus.DRAFT,
    ProductStatus.SUBMITTED,
    ProductStatus.APPROVED,
    ProductStatus.ONBOARDED,
    ProductStatus.RETIRED,
)

CLASSIFICATION_ORDER = (
    Classification.PUBLIC,
    Classification.INTERNAL,
    Classification.CONFIDENTIAL,
    Classification.RESTRICTED,
)


def lowered(before: Classification, after: Classification) -> bool:
    return CLASSIFICATION_ORDER.index(after) < CLASSIFICATION_ORDER.index(before)


def compare_products(sides: Sides) -> list[Change]:
    base, head = sides.base.platform, sides.head.platform
    changes: list[Change] = []
    for pid, new in head.products.items():
        old = base.products.get(pid)
        reviewers = tuple(product_people(head, new, sides.handles))
        where = sides.head.wid_location(pid)
        if old is None:
            changes.append(
                Change(
                    Area.PRODUCTS,
                    "product.added",
                    Level.REVIEW,
                    pid,
                    f"New product {pid} “{new.title}” ({new.status}).",
                    after=new.status.value,
                    location=where(("id",)),
                    why="A new product needs its owners' and the platform team's approval.",
                    reviewers=reviewers,
                )
            )
            continue
        changes.extend(_product_changes(sides, old, new, reviewers))
    for pid, old in base.products.items():
        if pid not in head.products:
            changes.append(
                Change(
                    Area.PRODUCTS,
                    "product.removed",
                    Level.REVIEW,
                    pid,
                    f"Product {pid} “{old.title}” was deleted ({old.status} at the base).",
                    before=old.status.value,
                    location=sides.base.wid_location(pid)(()),
                    why="Products are retired (status: retired), not deleted, so their "
                    "history stays readable.",
                    reviewers=tuple(product_people(base, old, sides.handles)),
                )
            )
    return changes


def _product_changes(
    sides: Sides, old: Product, new: Product, reviewers: tuple[Person, ...]
) -> list[Change]:
    pid = new.id
    where = sides.head.wid_location(pid)
    out: list[Change] = []

    def add(
        kind: str,
        level: Level,
        summary: str,
        before: str | None,
        after: str | None,
        field: tuple[str | int, ...],
        why: str = "",
    ) -> None:
        out.append(
            Change(
                Area.PRODUCTS,
                kind,
                level,
                pid,
                summary,
                before,
                after,
                where(field),
                why,
                reviewers=reviewers,
            )
        )

    if old.status is not new.status:
        step = STATUS_ORDER.index(new.status) - STATUS_ORDER.index(old.status)
        if step == 1:
            add(
                "product.status",
                Level.INFO,
                f"{pid} moved from {old.status} to {new.status}.",
                old.status,
                new.status,
                ("status",),
            )
        else:
            what = "moved backwards" if step < 0 else "skipped a step"
            road = " → ".join(STATUS_ORDER)
            add(
                "product.status",
                Level.REVIEW,
                f"{pid} {what}: {old.status} → {new.status}.",
                old.status,
                new.status,
                ("status",),
                f"Products move one step at a time: {road}.",
            )
    for key, role in (
        ("business_owner", "business owner"),
        ("technical_contact", "technical contact"),
    ):
        before_c: Contact | None = getattr(old, key)
        after_c: Contact | None = getattr(new, key)
        if _who(before_c) != _who(after_c):
            add(
                f"product.{key}",
                Level.REVIEW,
                f"{pid}: {role} changed from {_who(before_c) or 'nobody'} "
                f"to {_who(after_c) or 'nobody'}.",
                _who(before_c),
                _who(after_c),
                (key,),
                "The previous and the new person should both agree."
                if before_c and after_c
                else "",
            )
            person = contact_person(before_c, f"previous {role} of {pid}", sides.handles)
            if person is not None:
                out[-1] = _with_reviewer(out[-1], person)
    if old.custodian != new.custodian:
        add(
            "product.custodian",
            Level.REVIEW,
            f"{pid}: custodian changed from {old.custodian or 'nobody'} "
            f"to {new.custodian or 'nobody'}.",
            old.custodian,
            new.custodian,
            ("custodian",),
        )
        person = custodian_person(
            sides.base.platform, old.custodian, f"previous custodian of {pid}", sides.handles
        )
        if person is not None:
            out[-1] = _with_reviewer(out[-1], person)
    if old.classification is not new.classification:
        down = lowered(old.classification, new.classification)
        add(
            "product.classification",
            Level.BREAKING if down else Level.REVIEW,
            f"{pid}: classification {'lowered' if down else 'raised'} from "
            f"{old.classification} to {new.classification}.",
            old.classification,
            new.classification,
            ("classification",),
            "A lower classification widens who may see the data." if down else "",
        )
    if old.personal_data.present != new.personal_data.present:
        removed = old.personal_data.present and not new.personal_data.present
        add(
            "product.personal_data",
            Level.BREAKING if removed else Level.REVIEW,
            f"{pid}: personal data {'no longer declared' if removed else 'now declared'}.",
            str(old.personal_data.present).lower(),
            str(new.personal_data.present).lower(),
            ("personal_data", "present"),
            "Removing the personal-data declaration drops its legal basis, retention and "
            "access rules; the data protection officer should confirm."
            if removed
            else "",
        )
        if removed:
            out[-1] = _privacy(sides, out[-1])
    if old.related_adrs != new.related_adrs:
        now_related = [a for a in new.related_adrs if a not in old.related_adrs]
        unrelated = [a for a in old.related_adrs if a not in new.related_adrs]
        words = []
        if now_related:
            words.append("now relates " + ", ".join(now_related))
        if unrelated:
            words.append("no longer relates " + ", ".join(unrelated))
        add(
            "product.related_adrs",
            Level.INFO,
            f"{pid} {' and '.join(words) or 'reordered its related decisions'}.",
            ", ".join(old.related_adrs),
            ", ".join(new.related_adrs),
            ("related_adrs",),
        )
    gone = [d for d in old.upstream_datasets if d not in new.upstream_datasets]
    came = [d for d in new.upstream_datasets if d not in old.upstream_datasets]
    if gone or came:
        parts = []
        if came:
            parts.append("now reads " + ", ".join(came))
        if gone:
            parts.append("no longer reads " + ", ".join(gone))
        add(
            "product.upstream",
            Level.INFO,
            f"{pid} {' and '.join(parts)}.",
            ", ".join(old.upstream_datasets),
            ", ".join(new.upstream_datasets),
            ("upstream", "datasets"),
        )
    return out


def _privacy(sides: Sides, change: Change) -> Change:
    officers = privacy_officers(sides.head.platform, sides.handles)
    return replace(change, reviewers=unique([*change.reviewers, *officers]))


def _who(contact: Contact | None) -> str | None:
    return f"{contact.name} <{contact.email}>" if contact is not None else None


def _with_reviewer(change: Change, person: Person) -> Change:
    return replace(change, reviewers=(*change.reviewers, person))
