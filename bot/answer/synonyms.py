"""Words people use for the same thing: "catalog" for catalogue, "DWH" for warehouse,
"sign off" for approve, "silver" for the curated zone.

Two sources: the built-in vocabulary of data-platform words below, and the synonyms the
platform team keeps in its repository (``synonyms.yml``, loaded and validated by
``paved.generator.core.load.synonyms``). A group is symmetric: a question using any of its
terms matches a section using any other. Terms may be phrases ("break glass").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Each line one group; terms separated by commas. Kept to words that mean the same thing
# on any data platform; team- or company-specific words belong in the team's file.
BUILT_IN = """
catalogue, catalog
warehouse, dwh, edw, data warehouse
system of record, source of truth, golden record, golden source, authoritative source
custodian, steward, data steward, looks after, look after, data owner, owner
approve, sign off, signs off, signed off, sign-off, approver, approval, accept, accepted
adr, adrs, architecture decision, architecture decision record, decision record
wid, wids, work initiation document, work initiation doc
supersede, overturn, overturned, replace, replaced
break glass, break-glass, emergency access
office hours, drop in, drop-in, drop in sessions
personal data, pii, personal information, personally identifiable
data quality, dq, bad data, wrong data, data issue, data quality issue
egress, export, exports, send data out, get data out, data out, outbound
ingress, ingest, ingestion, bring data in, inbound
raw, bronze, landing
curated, silver, cleaned
product zone, gold, gold layer, gold table
zone, layer, layers, tier
community, cop, community of practice, meetup
orchestrator, orchestration, scheduler, scheduling, orchestrate
on call, on-call, paged, pager, page, escalate, escalation, escalate to
incident, outage, broken, down, not working, failing
pseudonymised, pseudonymise, pseudonymize, pseudonymized, hashed, hash, tokenised
chargeback, charged back, charge back, allocate, allocation, showback
locally, laptop, my machine, local
freshness, stale, fresh, up to date, late, delayed, late loads
downtime, down
repository, repo, git, git repo, git repository
without, missing, lacking, lack, lacks
pull request, pr, merge request
environment, env
production, prod, live
email, e-mail, emails, e-mails
data contract, contract, contracts
metric, metrics, kpi, kpis, measure
template, scaffold, boilerplate
scope, in scope, cover, covers, covered, coverage
exercise, tutorial, walkthrough, starter task, starter project, practice task, hands-on
update, change, modify, edit, amend
create, write up, start a new, open a new
sla, service level, guaranteed, guarantee, response time, response target, first response
contact, ping, reach out, get hold of, dm, direct message
sandbox, playground, scratch, scratch space, scratch schema, personal schema
connect, connect to, hook up, hook, plug in, plug into, hook into
speaker, speakers, present, presenter, give a talk, talk, presentation
draft, half-finished, half finished, unfinished, work in progress, wip
backfill, back-fill, reload, replay, historical load, initial load
severity, priority, p1, p2, p3, sev1, sev2, sev 1, sev 2
rerun, re-run, retry, restart, re-trigger
re-identify, reidentify, re-identified, re-identification, de-pseudonymise
erasure, erase, delete, deletion, right to be forgotten
file drop, file drops, one-off file, upload a file, drop a file
spreadsheet, workbook, excel, xlsx, excel file
new joiner, new starter, newcomer, new hire, just joined, new to the team, first week
external partner, partner, third party
mandatory, required, compulsory, obligatory
monday, tuesday, wednesday, thursday, friday, saturday, sunday, weekday, weekdays, weekend
january, february, march, april, june, july, august, september, october, november, december
kb, mb, gb, tb, pb, kilobyte, megabyte, gigabyte, terabyte, petabyte, gigabytes, terabytes
"""

_SPACES = re.compile(r"\s+")


def normalise_term(term: str) -> str:
    """Lower case, hyphens and underscores kept as written, spaces collapsed."""
    return _SPACES.sub(" ", term.strip().lower())


def parse_groups(text: str) -> list[tuple[str, ...]]:
    groups = []
    for line in text.strip().splitlines():
        terms = tuple(dict.fromkeys(normalise_term(t) for t in line.split(",") if t.strip()))
        if len(terms) > 1:
            groups.append(terms)
    return groups


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Term → the other terms of every group it belongs to."""

    alternatives: dict[str, tuple[str, ...]]
    phrases: tuple[str, ...]  # multi-word and hyphenated terms, longest first

    @classmethod
    def build(cls, *sources: Iterable[Sequence[str]]) -> Synonyms:
        found: dict[str, list[str]] = {}
        for groups in sources:
            for group in groups:
                terms = [normalise_term(t) for t in group if normalise_term(t)]
                for term in terms:
                    others = found.setdefault(term, [])
                    others.extend(t for t in terms if t != term and t not in others)
        # A hyphenated term ("hands-on", "re-run") is a phrase of its parts: a question
        # tokenised at the hyphen ("hands", "on") must find it as one.
        phrases = sorted((t for t in found if " " in t or "-" in t), key=len, reverse=True)
        return cls({k: tuple(v) for k, v in found.items()}, tuple(phrases))

    def of(self, term: str) -> tuple[str, ...]:
        return self.alternatives.get(term, ())

    def words(self) -> frozenset[str]:
        """Every word of every term: words a typo corrector must keep as written
        ("joiner" of "new joiner" is no slip for "joined")."""
        return frozenset(w for term in self.alternatives for w in re.split(r"[\s-]+", term) if w)


def built_in() -> list[tuple[str, ...]]:
    return parse_groups(BUILT_IN)
