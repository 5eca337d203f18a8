"""The Markdown documents of a synthetic repository: ADRs (MADR 4, MADR 2 and
adr-tools/Nygard), WIDs and hand-written docs pages, plus a tiny YAML emitter.

The emitter writes the few shapes front matter needs by hand: faster than a YAML
library for thousands of files and fully deterministic.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import _vocab as V
from _catalogue import Catalogue, DatasetRow

EPOCH = dt.date(2019, 1, 7)

# --------------------------------------------------------------------------- ADRs


@dataclass
class Adr:
    number: int
    title: str
    slug: str
    fmt: str  # madr4, madr2, nygard
    status: str
    date: dt.date
    tags: list[str]
    options: tuple[str, ...]
    deciders: list[str]
    consulted: list[str]
    drivers: list[str]
    supersedes: list[int] = field(default_factory=list)
    superseded_by: int | None = None
    affects_wids: list[str] = field(default_factory=list)
    affects_systems: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"ADR-{self.number:04d}"

    @property
    def filename(self) -> str:
        return f"{self.number:04d}-{self.slug}.md"


def slugify(text: str) -> str:
    """File-name slug of at most 60 characters, cut at a word boundary."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug if len(slug) <= 60 else slug[:61].rsplit("-", 1)[0]


def plan_adrs(
    rng: random.Random, count: int, catalogue: Catalogue, *, strict_from: int | None = None
) -> list[Adr]:
    """Most ADRs are MADR 4; one in ten each is MADR 2 or adr-tools/Nygard. Supersede
    chains stay within one format and always point forward in time.

    ``strict_from``: the record from which the log is MADR 4 in full (the plugin's
    ``adr_strict_from``, as a team that adopted it then): older formats only before it."""
    scopes = [d[1].lower() for d in catalogue.domains]
    names = [p.name for p in catalogue.people]
    adrs: list[Adr] = []
    seen: set[str] = set()
    span = max(1, min(7 * 365, count * 3))
    for i in range(count):
        template, tags, options = V.DECISIONS[i % len(V.DECISIONS)]
        title = template.format(scope=scopes[(i // len(V.DECISIONS)) % len(scopes)])
        revision = 2
        while title in seen:
            title = template.format(scope=scopes[i % len(scopes)]) + f" (revision {revision})"
            revision += 1
        seen.add(title)
        roll = rng.random()
        fmt = "madr2" if roll < 0.1 else "nygard" if roll < 0.2 else "madr4"
        if strict_from is not None and i + 1 >= strict_from:
            fmt = "madr4"  # status and date in front matter, every section: render_madr4
        roll = rng.random()
        status = (
            "proposed"
            if roll < 0.08
            else "rejected"
            if roll < 0.15
            else "deprecated"
            if roll < 0.20
            else "accepted"
        )
        adrs.append(
            Adr(
                number=i + 1,
                title=title,
                slug=slugify(title),
                fmt=fmt,
                status=status,
                date=EPOCH + dt.timedelta(days=i * span // count),
                tags=list(tags),
                options=options,
                deciders=rng.sample(names, min(len(names), rng.randint(1, 3))),
                consulted=rng.sample(names, min(len(names), rng.randint(0, 2))),
                drivers=rng.sample(V.DRIVERS, 2),
            )
        )
    for adr in adrs:
        if adr.status != "accepted" or adr.fmt == "madr2" or rng.random() >= 0.3:
            continue
        topic = (adr.number - 1) % len(V.DECISIONS)
        later = [
            b
            for b in adrs[adr.number : adr.number + 10 * len(V.DECISIONS)]
            if b.fmt == adr.fmt
            and b.status == "accepted"
            and len(b.supersedes) < 2
            and (b.number - 1) % len(V.DECISIONS) == topic
        ]
        if later:
            successor = rng.choice(later)
            adr.status, adr.superseded_by = "superseded", successor.number
            successor.supersedes.append(adr.number)
    systems = [s.id for s in catalogue.systems]
    for adr in adrs:
        if adr.fmt == "madr4" and adr.status == "accepted":
            adr.affects_systems = rng.sample(systems, min(len(systems), rng.randint(0, 2)))
    return adrs


def render_adr(adr: Adr, by_number: dict[int, Adr]) -> str:
    if adr.fmt == "madr2":
        return render_madr2(adr)
    if adr.fmt == "nygard":
        return render_nygard(adr, by_number)
    return render_madr4(adr)


def adr_context(adr: Adr) -> str:
    return (
        f"Teams keep asking how to handle this, and each answers it differently today. "
        f"{adr.drivers[0]} {adr.drivers[1]}"
    )


def render_madr4(adr: Adr) -> str:
    meta: dict[str, Any] = {"status": adr.status, "date": adr.date}
    meta["decision-makers"] = adr.deciders
    if adr.consulted:
        meta["consulted"] = adr.consulted
    meta["informed"] = ["#data-platform-announce"]
    if adr.supersedes:
        meta["supersedes"] = [f"ADR-{n:04d}" for n in adr.supersedes]
    if adr.superseded_by:
        meta["superseded-by"] = f"ADR-{adr.superseded_by:04d}"
    affects: dict[str, Any] = {}
    if adr.affects_wids:
        affects["wids"] = sorted(adr.affects_wids)
    if adr.affects_systems:
        affects["systems"] = adr.affects_systems
    if affects:
        meta["affects"] = affects
    meta["tags"] = adr.tags
    chosen = adr.options[0]
    options = "\n".join(f"* {o}" for o in adr.options)
    drivers = "\n".join(f"* {d}" for d in adr.drivers)
    return (
        f"{front_matter(meta)}# {adr.title}\n\n"
        f"## Context and Problem Statement\n\n{adr_context(adr)}\n\n"
        f"## Decision Drivers\n\n{drivers}\n\n"
        f"## Considered Options\n\n{options}\n\n"
        f"## Decision Outcome\n\n"
        f'Chosen option: "{chosen}", because it meets both drivers with the least '
        f"operational effort for a small team.\n\n"
        f"### Consequences\n\n"
        f"* Good, because onboarding follows one documented path.\n"
        f"* Bad, because existing pipelines must migrate within two quarters.\n\n"
        f"### Confirmation\n\n"
        f"The platform team reviews new pipelines against this decision in their pull request.\n"
    )


def render_madr2(adr: Adr) -> str:
    options = "\n".join(f"* {o}" for o in adr.options)
    return (
        f"# {adr.title}\n\n"
        f"* Status: {adr.status}\n"
        f"* Deciders: {', '.join(adr.deciders)}\n"
        f"* Date: {adr.date.isoformat()}\n\n"
        f"## Context and Problem Statement\n\n{adr_context(adr)}\n\n"
        f"## Considered Options\n\n{options}\n\n"
        f"## Decision Outcome\n\n"
        f'Chosen option: "{adr.options[0]}", because the alternatives need skills the '
        f"domain teams do not have yet.\n\n"
        f"### Positive Consequences\n\n* One way of working across domains.\n\n"
        f"### Negative Consequences\n\n* Some existing jobs need rework.\n"
    )


def render_nygard(adr: Adr, by_number: dict[int, Adr]) -> str:
    def link(number: int) -> str:
        other = by_number[number]
        return f"[{number}. {other.title}]({other.filename})"

    # As adr-tools leaves it: a superseded record keeps its own "Supersedes" lines and
    # has its "Accepted" replaced by "Superseded by".
    lines = [f"Supersedes {link(number)}" for number in adr.supersedes]
    if adr.superseded_by:
        lines.append(f"Superseded by {link(adr.superseded_by)}")
    else:
        lines.insert(0, adr.status.capitalize())
    status = "\n\n".join(lines)
    return (
        f"# {adr.number}. {adr.title}\n\n"
        f"Date: {adr.date.isoformat()}\n\n"
        f"## Status\n\n{status}\n\n"
        f"## Context\n\n{adr_context(adr)}\n\n"
        f"## Decision\n\nWe will go with {adr.options[0].lower()}; "
        f"{adr.options[1].lower()} was considered and set aside.\n\n"
        f"## Consequences\n\nDomain teams follow one documented path; "
        f"existing pipelines move over as they are next changed.\n"
    )


# --------------------------------------------------------------------------- WIDs

WID_STATUS = (
    ("draft", 10),
    ("submitted", 10),
    ("approved", 15),
    ("onboarded", 55),
    ("retired", 10),
)
STAGE_OF_STATUS = {
    "draft": ("idea", "prototype"),
    "submitted": ("prototype", "build"),
    "approved": ("build",),
    "onboarded": ("production",),
    "retired": ("sunset",),
}
PILLARS = (
    "grow-revenue",
    "operational-excellence",
    "customer-experience",
    "compliance-and-risk",
    "sustainability",
)
METHODS = ("batch", "stream", "api", "file", "cdc")
LEGAL = ("contract", "legitimate-interests", "consent", "legal-obligation")
RETENTION = ("P13M", "P2Y", "P90D", "P5Y", "P6M")


def build_wids(
    rng: random.Random, count: int, catalogue: Catalogue, adrs: list[Adr]
) -> list[tuple[str, str]]:
    """Returns (file name, content) per WID, and records on each referenced ADR which
    WIDs point at it, so ``affects.wids`` and ``related_adrs`` agree both ways."""
    usable = [d for d in catalogue.datasets if d.layer in (2, 3)] or catalogue.datasets
    pools: dict[tuple[str, bool], list[DatasetRow]] = defaultdict(list)
    for d in usable:
        pools[(d.domain, d.personal)].append(d)
        pools[("*", d.personal)].append(d)
    outside = [s for s in catalogue.systems if s.role == "outside"] or catalogue.systems
    referable = [a for a in adrs if a.fmt == "madr4" and a.status == "accepted"]
    people = {p.id: p for p in catalogue.people}
    order = {c: i for i, c in enumerate(V.CLASSIFICATIONS)}
    files: list[tuple[str, str]] = []
    titles: set[str] = set()
    for i in range(count):
        wid_id = f"WID-{i + 1:04d}"
        domain, dname, _, _ = catalogue.domains[i % len(catalogue.domains)]
        subject, purpose, tags = V.PRODUCT_SUBJECTS[rng.randrange(len(V.PRODUCT_SUBJECTS))]
        kind = V.PRODUCT_KINDS[rng.randrange(len(V.PRODUCT_KINDS))]
        title = f"{dname} {subject} {kind}"
        n = 2
        while title in titles:
            title, n = f"{dname} {subject} {kind} {n}", n + 1
        titles.add(title)
        status = rng.choices([s for s, _ in WID_STATUS], weights=[w for _, w in WID_STATUS])[0]
        want_personal = rng.random() < 0.3
        pool = (
            pools.get((domain, want_personal))
            or pools.get(("*", want_personal))
            or pools[(domain, not want_personal)]
            or usable
        )
        upstream = rng.sample(pool, min(len(pool), rng.randint(1, 4)))
        personal = any(d.personal for d in upstream)
        classification = max((d.classification for d in upstream), key=order.__getitem__)
        if personal and order[classification] < order["confidential"]:
            classification = "confidential"
        source_systems = list(dict.fromkeys(d.system for d in upstream))
        ingress = [
            {
                "system": s,
                "method": rng.choice(METHODS),
                "frequency": rng.choice(V.FREQUENCIES),
                "description": "Curated tables read by the product's pipeline.",
            }
            for s in source_systems[:2]
        ]
        egress = [
            {"system": s.id, "method": rng.choice(("api", "file", "batch"))}
            for s in rng.sample(outside, min(len(outside), rng.randint(0, 2)))
        ]
        custodian = rng.choice(catalogue.people_of(domain))
        owner = people[catalogue.domains[i % len(catalogue.domains)][3]]
        tech = rng.choice(catalogue.people)
        surfaced = rng.sample(("table", "api", "topic", "dashboard", "export"), rng.randint(1, 3))
        related = rng.sample(referable, min(len(referable), rng.randint(0, 3)))
        for adr in related:
            adr.affects_wids.append(wid_id)
        audience = rng.choice(V.AUDIENCES)
        meta: dict[str, Any] = {
            "id": wid_id,
            "title": title,
            "status": status,
            "domain": domain,
            "business_owner": owner.contact(),
            "technical_contact": tech.contact(),
            "custodian": custodian.id,
            "value_proposition": f"Lets {audience} {purpose}.",
            "strategic_pillar": rng.choice(PILLARS),
            "lifecycle_stage": rng.choice(STAGE_OF_STATUS[status]),
            "surfaced_as": surfaced,
            "integration": {"ingress": ingress, "egress": egress}
            if egress
            else {"ingress": ingress},
            "upstream": {"systems": source_systems, "datasets": [d.id for d in upstream]},
            "classification": classification,
            "personal_data": personal_block(rng, personal),
            "related_adrs": sorted(a.id for a in related),
            "tags": sorted({*tags, domain}),
            "created": EPOCH + dt.timedelta(days=rng.randrange(2000)),
        }
        # Optional fields are left out now and then, as people do.
        for key, chance in (("related_adrs", 0.0), ("strategic_pillar", 0.1), ("created", 0.1)):
            if not meta[key] or rng.random() < chance:
                del meta[key]
        if rng.random() < 0.2:
            del meta["technical_contact"]["slack"]
        body = wid_body(title, meta, audience, upstream)
        files.append((f"{wid_id}-{slugify(title)}.md", front_matter(meta) + body))
    return files


def personal_block(rng: random.Random, present: bool) -> dict[str, Any]:
    if not present:
        return {"present": False}
    return {
        "present": True,
        "categories": rng.sample(V.PERSONAL_CATEGORIES, rng.randint(1, 3)),
        "legal_basis": rng.choice(LEGAL),
        "retention": rng.choice(RETENTION),
        "pseudonymised": rng.random() < 0.7,
    }


def wid_body(title: str, meta: dict[str, Any], audience: str, upstream: list[DatasetRow]) -> str:
    datasets = ", ".join(f"`{d.id}`" for d in upstream)
    points = [
        f"| ingress | `{p['system']}` | {p['method']} | {p.get('frequency', 'on demand')} |"
        for p in meta["integration"]["ingress"]
    ] + [
        f"| egress | `{p['system']}` | {p['method']} | on demand |"
        for p in meta["integration"].get("egress", [])
    ]
    surfaced = {
        "table": "a table in the product schema that analysts query with SQL",
        "api": "a read-only REST endpoint behind the platform gateway",
        "topic": "a topic carrying one event per change",
        "dashboard": f"a dashboard in the shared BI workspace for {audience}",
        "export": "a nightly CSV export to the partner share",
    }
    surfaced_lines = "\n".join(f"- **{s}**: {surfaced[s]}." for s in meta["surfaced_as"])
    text = (
        f"# {title}\n\n"
        f"## Value proposition\n\n{meta['value_proposition']} Today {audience} piece this "
        f"together from spreadsheets each week; the product gives them one trusted figure.\n\n"
        f"## Architecture\n\nThe pipeline reads {datasets}, joins them on their business keys "
        f"and writes one curated table per grain. It runs on the shared orchestrator with "
        f"quality checks on row counts and freshness before anything is published.\n\n"
        f"## Integration points\n\n| direction | system | method | frequency |\n"
        f"|---|---|---|---|\n" + "\n".join(points) + "\n\n"
        f"## How the data is surfaced\n\n{surfaced_lines}\n"
    )
    if meta["personal_data"]["present"]:
        text += (
            "\n## Personal data\n\nDirect identifiers stay in the restricted zone; analysts "
            "see pseudonymous keys. Records are deleted after "
            f"{meta['personal_data']['retention']}.\n"
        )
    return text


# --------------------------------------------------------------------------- docs

DOC_AREAS = (
    ("get-started", "Getting started", "what the platform offers and how to onboard a product"),
    ("access", "Access", "how to request access to a domain's data and who approves it"),
    ("ingestion", "Ingestion", "how to bring a source system onto the platform"),
    ("modelling", "Modelling", "how curated tables are named, tested and documented"),
    ("serving", "Serving", "how consumers reach data products: SQL, APIs, topics and exports"),
    ("operations", "Operations", "monitoring, incidents and the on-call rota"),
    ("support", "Support", "where to ask questions and what response times to expect"),
)


def build_docs(count: int, site: str) -> list[tuple[str, str]]:
    """``count`` pages: an index linking to every guide, and guides spread over the
    usual areas of platform documentation, with front matter like the real ones."""
    if count < 1:
        return []
    guides: list[tuple[str, str]] = []
    links: list[str] = []
    for i in range(1, max(1, count)):
        slug, name, about = DOC_AREAS[i % len(DOC_AREAS)]
        title = f"{name}: guide {i:03d}"
        meta = {
            "title": title,
            "owner": "data-platform@example.com",
            "review_by": EPOCH + dt.timedelta(days=3 * 365 + 7 * i),
            "tags": [slug, "guide"],
        }
        links.append(f"- [{title}]({slug}/page-{i:03d}.md)")
        guides.append(
            (
                f"{slug}/page-{i:03d}.md",
                f"{front_matter(meta)}# {title}\n\nThis guide explains {about}.\n\n"
                "## Before you start\n\n"
                "You need a platform account and membership of your domain's group.\n\n"
                "## Steps\n\n1. Read the domain's catalogue entry.\n"
                "2. Open a pull request with your change.\n3. Wait for the check to pass.\n\n"
                "## Getting help\n\nAsk in `#data-platform-help`; incidents go to "
                "`#data-platform-incidents`.\n",
            )
        )
    index = (
        f"# {site}\n\nThe paved road for data. Questions go to `#data-platform-help`.\n\n"
        + "\n".join(links)
        + "\n"
    )
    return [("index.md", index), *guides]


# --------------------------------------------------------------------------- writing

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._@/()'+-]*$")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def scalar(value: Any) -> str:
    """One YAML scalar: plain when unambiguous, else JSON-quoted (valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text)


def yaml_lines(mapping: dict[str, Any], indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += yaml_lines(value, indent + 2)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:")
            for item in value:
                sub = yaml_lines(item, indent + 4)
                lines += [f"{pad}  - {sub[0].lstrip()}", *sub[1:]]
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + "\n".join(yaml_lines(meta)) + "\n---\n\n"
