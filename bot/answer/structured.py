"""Answers read straight from the model: owners, custodians, experts, status, decisions.

Each builder returns an ``Answer`` or ``None`` (nothing to say, let full text try).
Whatever is not current is said to be so in the text and in the citation: a draft or
retired product is never described as live, a superseded decision only appears as
history next to the decision that replaced it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping, Sequence

from paved.bot.answer.entities import Match
from paved.bot.answer.facts import Facts, contact, person
from paved.bot.answer.intents import Kind
from paved.bot.answer.ranking import Hit
from paved.bot.answer.text import snippet
from paved.bot.answer.types import Answer, Citation
from paved.generator.core.lineage import Lineage
from paved.generator.core.model import (
    Custodian,
    Decision,
    DecisionStatus,
    IntegrationPoint,
    Product,
    ProductStatus,
)

PRODUCT_STATUS = {
    ProductStatus.DRAFT: "is only a draft: it is not approved and not a current product",
    ProductStatus.SUBMITTED: "is submitted for review: not approved yet",
    ProductStatus.APPROVED: "is approved and being built, not onboarded yet",
    ProductStatus.ONBOARDED: "is onboarded: live on the platform",
    ProductStatus.RETIRED: "is retired: no longer in service, do not build on it",
}
DECISION_STATUS = {
    DecisionStatus.ACCEPTED: "accepted, the current decision",
    DecisionStatus.PROPOSED: "only proposed, not decided yet",
    DecisionStatus.REJECTED: "rejected: this option was turned down",
    DecisionStatus.DEPRECATED: "deprecated: no longer in force",
    DecisionStatus.SUPERSEDED: "superseded: kept as history only",
    DecisionStatus.NOT_RECORDED: "in the decision log, but the log does not record its status",
    DecisionStatus.OTHER: "marked with a status Paved does not know",
}


def decision_status(item: Decision) -> str:
    """The status as the log's authors wrote it, with what it means ("Approved (accepted,
    the current decision)"); a record without one: the log does not record its status."""
    meaning = DECISION_STATUS[item.status]
    written = item.status_written
    if not written or written.lower() == item.status.value:
        return meaning
    if item.status is DecisionStatus.OTHER:
        return f"'{written}' (a status Paved does not know)"
    return f"{written} ({meaning})"


def _as_written(item: Decision) -> str:
    """``"Approved: "`` when the log's word for an accepted decision is not "accepted"."""
    written = item.status_written
    return f"{written}: " if written and written.lower() != item.status.value else ""


MAX_PEOPLE = 3
MAX_CITATIONS_DATASET = 4


def _citations(*items: Citation | None) -> tuple[Citation, ...]:
    seen: set[str] = set()
    found: list[Citation] = []
    for item in items:
        if item is not None and item.url not in seen:
            seen.add(item.url)
            found.append(item)
    return tuple(found)


def _handle(custodian: Custodian | None) -> str | None:
    return (custodian.slack or custodian.email) if custodian else None


def domain_of(facts: Facts, kind: Kind, item_id: str) -> Answer | None:
    """ "Which domain is the crm in": the domain a dataset, system or product belongs to,
    with its lead, citing the thing's page and the domain's."""
    platform = facts.platform
    if kind is Kind.DATASET:
        domain_id, cited = platform.datasets[item_id].domain, facts.cite_dataset(item_id)
        name = item_id
    elif kind is Kind.SYSTEM:
        system = platform.systems[item_id]
        domain_id, cited, name = system.domain, facts.cite("system", item_id), system.name
    else:
        found = platform.products[item_id]
        domain_id, cited = found.domain, facts.cite_product(found)
        name = f"{found.id} · {found.title}"
    domain = platform.domains.get(domain_id)
    if domain is None:
        return None
    text = f"{name} belongs to the {domain.name} domain ({domain.id})"
    lead = platform.custodians.get(domain.lead or "")
    text += f", led by {person(lead)}." if lead is not None else "."
    return Answer(
        text=text,
        citations=_citations(cited, facts.cite("domain", domain.id)),
        confidence=1.0,
        answered=True,
        owner=_handle(lead),
        intent="domain",
    )


def system_of(facts: Facts, dataset_id: str) -> Answer | None:
    """ "Which system does fact_sales live in": the system a dataset is kept in, with its
    kind and owner, citing the dataset's page and the system's."""
    platform = facts.platform
    system = platform.systems.get(platform.datasets[dataset_id].system)
    if system is None:
        return None
    owner = platform.custodians.get(system.owner or "")
    text = f"{dataset_id} is kept in {system.name} ({system.id}, {system.kind})"
    text += f", owned by {person(owner)}." if owner is not None else "."
    if system.description:
        text += f" {system.description}"
    return Answer(
        text=text,
        citations=_citations(facts.cite_dataset(dataset_id), facts.cite("system", system.id)),
        confidence=1.0,
        answered=True,
        owner=_handle(owner),
        intent="system",
    )


def product(
    facts: Facts,
    item: Product,
    *,
    confidence: float = 1.0,
    purpose: bool = False,
    outputs: bool = False,
    inputs: bool = False,
) -> Answer:
    """Status, owner and contacts of one product, its status in plain words; with
    ``purpose``, what it is for (its WID's value proposition); with ``outputs``, how it
    is surfaced and where its data goes (its WID's egress points); with ``inputs``, the
    systems its data comes from (its WID's ingress points): "who owns X and which
    sources does it use" asks both halves of the card."""
    people = _contacts(facts, item)
    custodian = facts.platform.custodians.get(item.custodian or "")
    text = f"{item.id} · {item.title} {PRODUCT_STATUS[item.status]}."
    if purpose and item.value_proposition:
        text += " " + snippet(item.value_proposition, sentences=2, limit=300)
    if inputs and item.ingress:
        text += f" Fed from: {'; '.join(_point(p) for p in item.ingress)}."
    if outputs and (item.surfaced_as or item.egress):
        if item.surfaced_as:
            text += f" Surfaced as: {', '.join(item.surfaced_as)}."
        goes = [_point(point) for point in item.egress]
        if goes:
            text += f" Goes out to: {'; '.join(goes)}."
    if people:
        text += " Contacts: " + "; ".join(people) + "."
    owner = item.business_owner.slack or item.business_owner.email if item.business_owner else None
    return Answer(
        text=text,
        citations=_citations(facts.cite_product(item)),
        confidence=confidence,
        answered=True,
        owner=owner or _handle(custodian),
        intent="status",
    )


def _contacts(facts: Facts, item: Product) -> list[str]:
    """A product's people as the card names them: business owner, technical contact,
    custodian."""
    people = []
    if item.business_owner:
        people.append(f"business owner {contact(item.business_owner)}")
    if item.technical_contact:
        people.append(f"technical contact {contact(item.technical_contact)}")
    custodian = facts.platform.custodians.get(item.custodian or "")
    if custodian:
        people.append(f"custodian {custodian.name} ({custodian.slack or custodian.email})")
    return people


def _point(point: IntegrationPoint) -> str:
    """One integration point as "wms (batch, hourly): what comes through it"."""
    return (
        f"{point.system} ({point.method}"
        + (f", {point.frequency}" if point.frequency else "")
        + ")"
        + (f": {point.description.rstrip('.')}" if point.description else "")
    )


def decision(facts: Facts, item: Decision, *, confidence: float = 1.0) -> Answer:
    """One decision by id: its status, and for a superseded one what replaced it."""
    successor = facts.platform.successor_of(item.id)
    text = f"{item.id} · {item.title} ({item.date or 'no date'}) is {decision_status(item)}."
    cited = [facts.cite_decision(item)]
    if item.status is DecisionStatus.SUPERSEDED and successor is not None:
        direct = facts.platform.decisions.get(item.superseded_by or "")
        # Replaced by a decision that was replaced in turn: the record it names first,
        # then the current one ("replaced by ADR-7, in turn replaced by ADR-10").
        via = (
            f"{direct.id} · {direct.title} ({direct.status_label}), in turn replaced by "
            if direct is not None and direct.id != successor.id
            else ""
        )
        text = (
            f"{item.id} · {item.title} is {item.status_label.lower()}: it is history, not the "
            f"current decision. It was replaced by {via}{successor.id} · {successor.title} "
            f"({successor.status_label})."
        )
        cited.insert(0, facts.cite_decision(successor))
    elif item.status is DecisionStatus.ACCEPTED:
        outcome = facts.outcome_sections.get(item.id)
        if outcome is not None and outcome.text:
            text += " " + snippet(outcome.text, sentences=1, limit=240)
    lead = successor if item.status is DecisionStatus.SUPERSEDED and successor else item
    section = facts.pages.get(("decision", lead.id))
    return Answer(
        text=text,
        citations=_citations(*cited),
        confidence=confidence,
        answered=True,
        owner=facts.owner_of(section) if section else None,
        intent="decision",
    )


def decisions(
    facts: Facts, hits: Sequence[Hit], *, confidence: float, past: bool = False
) -> Answer | None:
    """Decisions about a topic: accepted ones first; a superseded one only as history
    with its successor named; rejected, proposed and deprecated ones labelled. With
    ``past`` (the question asks why a past decision was taken, or what replaced it),
    the best-matching decision leads, superseded or not, with its chain of successors."""
    found: list[Decision] = []
    for hit in hits:
        item = facts.platform.decisions.get(hit.section.subject_id or "")
        if item is not None and item not in found:
            found.append(item)
    if not found:
        return None
    if past and found[0].status is DecisionStatus.SUPERSEDED:
        return _history(facts, found[0], confidence=confidence)
    current: list[Decision] = []
    history: list[tuple[Decision, Decision | None]] = []
    other: list[Decision] = []
    for item in found:
        if item.status is DecisionStatus.ACCEPTED:
            if item not in current:
                current.append(item)
        elif item.status is DecisionStatus.SUPERSEDED:
            successor = facts.platform.successor_of(item.id)
            history.append((item, successor))
            if (
                successor is not None
                and successor.status is DecisionStatus.ACCEPTED
                and successor not in current
            ):
                current.append(successor)
        else:
            other.append(item)
    sentences: list[str] = []
    cited: list[Citation | None] = []
    if current:
        lead = current[0]
        said = _as_written(lead)
        sentences.append(f"We decided: {lead.id} · {lead.title} ({said}accepted, {lead.date}).")
        outcome = facts.outcome_sections.get(lead.id)
        if outcome is not None and outcome.text:
            sentences.append(snippet(outcome.text, sentences=1, limit=240))
        cited.extend(facts.cite_decision(d) for d in current[:2])
        if len(current) > 1:
            also = ", ".join(f"{d.id} · {d.title}" for d in current[1:3])
            sentences.append(f"Also in force: {also}.")
    for item in other[:2]:
        sentences.append(f"{item.id} · {item.title} is {decision_status(item)}.")
        cited.append(facts.cite_decision(item))
    for item, successor in history[:2]:
        replaced = f", replaced by {successor.id}" if successor else ""
        word = item.status_label if item.status_written else "superseded"
        sentences.append(f"{item.id} · {item.title} is {word} (history only{replaced}).")
        cited.append(facts.cite_decision(item))
    citations = _citations(*cited)
    lead_id = current[0].id if current else (other or [found[0]])[0].id
    section = facts.pages.get(("decision", lead_id))
    return Answer(
        text=" ".join(sentences[:4]),
        citations=citations[:4],
        confidence=confidence,
        answered=True,
        owner=facts.owner_of(section) if section else None,
        intent="decision",
    )


def _history(facts: Facts, item: Decision, *, confidence: float) -> Answer:
    """A superseded decision, then each decision that replaced it in turn."""
    platform = facts.platform
    sentences = [f"{item.id} · {item.title} ({item.status_label}, {item.date})."]
    outcome = facts.outcome_sections.get(item.id)
    if outcome is not None and outcome.text:
        sentences.append(snippet(outcome.text, sentences=1, limit=240))
    cited: list[Citation | None] = [facts.cite_decision(item)]
    chain: list[Decision] = []
    step = platform.decisions.get(item.superseded_by or "")
    while step is not None and step not in chain and len(chain) < 5:
        chain.append(step)
        step = platform.decisions.get(step.superseded_by or "")
    if chain:
        first = chain[0]
        sentences.append(f"It was replaced by {first.id} · {first.title}.")
        for before, later in itertools.pairwise(chain):
            sentences.append(f"{before.id} was replaced in turn by {later.id} · {later.title}.")
        last = chain[-1]
        sentences.append(f"In force now: {last.id} ({decision_status(last)}).")
        cited.extend(facts.cite_decision(d) for d in chain[:2])
    section = facts.pages.get(("decision", item.id))
    return Answer(
        text=" ".join(sentences),
        citations=_citations(*cited)[:4],
        confidence=confidence,
        answered=True,
        owner=facts.owner_of(section) if section else None,
        intent="decision",
    )


def owner(
    facts: Facts,
    matches: Sequence[Match],
    *,
    confidence: float,
    lead: str = "",
    emails: bool = False,
) -> Answer | None:
    """Custodian of a dataset, owner of a system, lead of a domain, owner of a product.
    ``lead`` opens the text when the match was found by full text, not by name: the
    reader must see it is the closest match, not necessarily the thing asked about."""
    sentences: list[str] = []
    cited: list[Citation | None] = []
    owner_handle: str | None = None
    platform = facts.platform
    people: list[Custodian] = []
    for match in matches[:MAX_PEOPLE]:
        who: Custodian | None = None
        if match.kind is Kind.DATASET:
            dataset = platform.datasets[match.id]
            who = platform.custodians.get(dataset.custodian or "")
            if who is None:
                sentences.append(f"{dataset.id} has no custodian recorded in the catalogue.")
            else:
                sentences.append(f"The custodian of {dataset.id} is {person(who)}.")
            cited.append(facts.cite_dataset(dataset.id))
        elif match.kind is Kind.SYSTEM:
            system = platform.systems[match.id]
            who = platform.custodians.get(system.owner or "")
            name = f"{system.id} ({system.name})" if system.name != system.id else system.id
            if who is None:
                sentences.append(f"The system {name} has no owner recorded in the catalogue.")
            else:
                sentences.append(f"The system {name} is owned by {person(who)}.")
            cited.append(facts.cite("system", system.id))
        elif match.kind is Kind.DOMAIN:
            domain = platform.domains[match.id]
            who = platform.custodians.get(domain.lead or "")
            others = [
                c.name
                for c in platform.custodians.values()
                if domain.id in c.domains and c is not who
            ]
            led = f"is led by {person(who)}" if who else "has no lead recorded"
            sentence = f"The {domain.name} domain {led}."
            if others:
                sentence += f" Its other custodians: {', '.join(others[:4])}."
            sentences.append(sentence)
            cited.append(facts.cite("domain", domain.id))
        elif match.kind is Kind.PRODUCT:
            return product(facts, platform.products[match.id], confidence=confidence)
        elif match.kind is Kind.CUSTODIAN:
            who = platform.custodians[match.id]
            domains = ", ".join(who.domains) or "no domain"
            sentence = f"{person(who)} is a custodian for {domains}."
            if who.expertise:
                sentence += f" Expertise: {', '.join(who.expertise)}."
            sentences.append(sentence)
            cited.append(facts.cite("custodian", who.id))
        if who is not None:
            owner_handle = owner_handle or _handle(who)
            cited.append(facts.cite("custodian", who.id))
            people.append(who)
    if not sentences:
        return None
    if emails and people:
        # "E-mail for the finance domain lead": the address, not only the chat handle.
        listed = dict.fromkeys(f"{who.name}: {who.email}" for who in people if who.email)
        if listed:
            sentences = [*sentences[:2], f"E-mail: {'; '.join(listed)}."]
    return Answer(
        text=" ".join(([lead] if lead else []) + sentences[:3]),
        citations=_citations(*cited)[:4],
        confidence=confidence,
        answered=True,
        owner=owner_handle,
        intent="owner",
    )


def experts(
    facts: Facts, found: Sequence[tuple[Custodian, str, float]], *, confidence: float
) -> Answer | None:
    """People whose catalogue entry lists the topic as their expertise."""
    if not found:
        return None
    people = [f"{person(who)}, who lists “{topic}”" for who, topic, _ in found[:MAX_PEOPLE]]
    text = "Ask " + "; or ".join(people) + "."
    cited = [facts.cite("custodian", who.id) for who, _, _ in found[:MAX_PEOPLE]]
    return Answer(
        text=text,
        citations=_citations(*cited),
        confidence=confidence,
        answered=True,
        owner=_handle(found[0][0]),
        intent="expert",
    )


def dataset(
    facts: Facts, dataset_id: str, *, confidence: float = 1.0, also: Sequence[str] = ()
) -> Answer:
    """What a dataset named by its id holds: description, custodian, columns."""
    item = facts.platform.datasets[dataset_id]
    who = facts.platform.custodians.get(item.custodian or "")
    sentences = [f"{item.id}: {snippet(item.description, sentences=1, limit=200)}"]
    facts_line = f"Classification {item.classification}"
    facts_line += ", with personal data" if item.has_personal_data else ", no personal data"
    if who is not None:
        facts_line += f"; custodian {person(who, role=False)}"
    sentences.append(facts_line + ".")
    if item.refresh:
        sentences.append(f"Refreshed {item.refresh}.")
    personal = [c.name for c in item.columns if c.personal_data]
    if personal:
        sentences.append(f"Personal data columns: {', '.join(personal[:10])}.")
    if item.columns:
        names = [c.name for c in item.columns]
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        sentences.append(f"Columns: {shown}.")
    if also:
        sentences.append(f"Also close: {', '.join(also)}.")
    return Answer(
        text=" ".join(sentences),
        citations=_citations(
            facts.cite_dataset(item.id),
            *(facts.cite_dataset(other) for other in also),
            facts.cite("custodian", who.id) if who else None,
        )[:MAX_CITATIONS_DATASET],
        confidence=confidence,
        answered=True,
        owner=_handle(who),
        intent="dataset",
    )


def dataset_retention(facts: Facts, dataset_id: str, used: Mapping[str, int]) -> str:
    """How long a dataset is kept, as its page states it: the retention of the WIDs that
    read it directly (``used``: product id → hops) and keep personal data; the catalogue
    records none per dataset."""
    item = facts.platform.datasets[dataset_id]
    if not item.has_personal_data:
        return f"Retention of {item.id}: none recorded; it holds no personal data."
    stated: list[str] = []
    for pid, hops in used.items():
        reader = facts.platform.products.get(pid)
        if hops == 1 and reader is not None and reader.personal_data.present:
            kept = reader.personal_data.retention
            if kept:
                stated.append(f"{duration(kept)} ({reader.id} · {reader.title})")
    if not stated:
        return (
            f"Retention of {item.id}: not stated; no WID that reads it directly gives a retention."
        )
    return f"Retention of {item.id}: {'; '.join(stated)}."


def usage(
    facts: Facts, match: Match, *, confidence: float, lineage: Lineage | None = None
) -> Answer:
    """Products reading a system or dataset, each with its status (a retired or draft
    product still appears, labelled, because it may still hold a copy of the data); with
    ``lineage``, then the products reading data built from it (a raw copy, a curated
    table): they use it too, one or more hops away."""
    platform = facts.platform
    if match.kind is Kind.DATASET:
        users = [p for p in platform.products.values() if match.id in p.upstream_datasets]
        cite_subject = facts.cite_dataset(match.id)
        responsible = platform.custodians.get(platform.datasets[match.id].custodian or "")
        reached = lineage.used_by(match.id) if lineage is not None else {}
    else:
        users = [p for p in platform.products.values() if match.id in p.upstream_systems]
        cite_subject = facts.cite("system", match.id)
        responsible = platform.custodians.get(platform.systems[match.id].owner or "")
        reached = lineage.system_used_by(match.id) if lineage is not None else {}
    direct = {p.id for p in users}
    further = [platform.products[pid] for pid in reached if pid in platform.products]
    further = [p for p in further if p.id not in direct]
    if not users:
        text = f"No product in the catalogue lists {match.id} as an upstream source."
    else:
        listed = "; ".join(f"{p.id} · {p.title} ({p.status})" for p in users[:6])
        more = f" and {len(users) - 6} more" if len(users) > 6 else ""
        text = f"{len(users)} product(s) read {match.id}: {listed}{more}."
    if further:
        listed = "; ".join(f"{p.id} · {p.title} ({p.status})" for p in further[:6])
        more = f" and {len(further) - 6} more" if len(further) > 6 else ""
        text += f" Reading data built from it: {listed}{more}."
    users = [*users, *further]
    return Answer(
        text=text,
        citations=_citations(cite_subject, *(facts.cite_product(p) for p in users[:2])),
        confidence=confidence,
        answered=True,
        owner=_handle(responsible),
        intent="usage",
    )


def duration(iso: str) -> str:
    """``P3Y`` → "3 years (P3Y)"; anything else is shown as written."""
    found = re.fullmatch(r"P(\d+)([YMWD])", iso.strip().upper())
    if not found:
        return iso
    number, unit = int(found.group(1)), _UNITS[found.group(2)]
    return f"{number} {unit}{'' if number == 1 else 's'} ({iso})"


_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def product_facts(
    facts: Facts,
    item: Product,
    asks: Collection[str],
    *,
    confidence: float,
    people: bool = False,
) -> Answer:
    """A product's governance facts from its WID front matter (personal data, retention,
    legal basis, classification, how it is surfaced), the ones asked for first, with the
    product's status so a draft is never mistaken for a live product; with ``people``
    (the question also asks who), its contacts after them."""
    data = item.personal_data
    lines: dict[str, str] = {}
    if data.present:
        kept = f"kept for {duration(data.retention)}" if data.retention else "no retention stated"
        basis = data.legal_basis.replace("-", " ") if data.legal_basis else "not stated"
        lines["retention"] = f"personal data is {kept}"
        lines["legal-basis"] = f"legal basis: {basis}"
        categories = ", ".join(data.categories) or "categories not listed"
        pseudo = "; pseudonymised" if data.pseudonymised else ""
        lines["personal-data"] = f"personal data categories: {categories}{pseudo}"
    else:
        lines["personal-data"] = "it holds no personal data"
    lines["classification"] = f"classification {item.classification}"
    if item.surfaced_as:
        lines["surfaced"] = f"surfaced as {', '.join(item.surfaced_as)}"
    if "refresh" in asks:
        # A product records no refresh of its own: how often its data comes in and goes
        # out is its integration points' (WID front matter), stated when asked.
        cadence = _cadence(item)
        if cadence:
            lines["refresh"] = cadence
    order = [k for k in ("refresh", "retention", "legal-basis", "personal-data") if k in asks]
    order += [k for k in lines if k not in order]
    body = "; ".join(lines[k] for k in order if k in lines)
    body = body[:1].upper() + body[1:]
    text = f"{item.id} · {item.title} {PRODUCT_STATUS[item.status]}. {body}."
    contacts = _contacts(facts, item) if people else []
    if contacts:
        text += " Contacts: " + "; ".join(contacts) + "."
    owner = item.business_owner.slack or item.business_owner.email if item.business_owner else None
    custodian = facts.platform.custodians.get(item.custodian or "")
    return Answer(
        text=text,
        citations=_citations(
            facts.cite_product(item), facts.cite("custodian", custodian.id) if custodian else None
        ),
        confidence=confidence,
        answered=True,
        owner=owner or _handle(custodian),
        intent="product-facts",
    )


def _cadence(item: Product) -> str:
    """How often a product's data comes in and goes out, from its integration points
    with a frequency: "fed from wms hourly (batch); delivered to webshop real time
    (api)"; empty when none states one."""

    def points(ends: Sequence[IntegrationPoint]) -> str:
        return ", ".join(f"{p.system} {p.frequency} ({p.method})" for p in ends if p.frequency)

    parts = []
    if fed := points(item.ingress):
        parts.append(f"fed from {fed}")
    if delivered := points(item.egress):
        parts.append(f"delivered to {delivered}")
    return "; ".join(parts)
