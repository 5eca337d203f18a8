"""Supersede links between ADRs: either side is enough, the other is inferred.

adr-tools writes both sides ("Superceded by" in the old record, "Supercedes" in the new
one); a hand-kept Nygard log often has only "Superseded by" in the old record; log4brains
puts "Supersedes" under the new record's ``## Links``. Each side is a *claim* that one
decision replaced another; the links are the union of the claims, and only claims that
contradict each other (two different successors for one decision, a cycle) are errors.
Shared by the validation rule (which reports) and the model (which shows the links).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from paved.generator.core.load.adr_ids import AdrIndex, record_id
from paved.generator.core.load.types import JsonPath, MarkdownDoc


@dataclass(frozen=True, slots=True)
class Claim:
    """``old`` was replaced by ``new``, as written at ``path`` in ``doc``."""

    old: str
    new: str
    doc: MarkdownDoc
    path: JsonPath


@dataclass
class Links:
    #: old id → the id that replaced it (the first claim wins; conflicts are listed)
    successor: dict[str, str] = field(default_factory=dict)
    #: new id → the ids it replaced, in the order claimed
    replaced: dict[str, list[str]] = field(default_factory=dict)
    #: the claim that set each successor
    by: dict[str, Claim] = field(default_factory=dict)
    #: (the claim kept, a claim naming another successor)
    conflicts: list[tuple[Claim, Claim]] = field(default_factory=list)
    #: (doc, where, reference) for each reference that names no record
    unresolved: list[tuple[MarkdownDoc, JsonPath, str]] = field(default_factory=list)
    #: claims of a record replacing itself
    self_links: list[Claim] = field(default_factory=list)


def index_of(docs: Iterable[MarkdownDoc]) -> AdrIndex:
    """Every form a reference to one of ``docs`` may take → its id. A loaded
    repository's records (a tuple) are indexed once: the decisions, the products'
    references and the decision rules of one build each ask for the same records'
    index (the last tuple indexed is kept, by identity; callers only resolve)."""
    if not isinstance(docs, tuple):
        return _index(docs)
    last = _LAST_INDEXED[0]
    if last is None or last[0] is not docs:
        last = (docs, _index(docs))
        _LAST_INDEXED[0] = last  # one reference, swapped whole: safe between threads
    return last[1]


def _index(docs: Iterable[MarkdownDoc]) -> AdrIndex:
    return AdrIndex.build((ident, doc.path) for doc in docs if (ident := record_id(doc)))


_LAST_INDEXED: list[tuple[tuple[MarkdownDoc, ...], AdrIndex] | None] = [None]


def supersede_links(docs: Iterable[MarkdownDoc], index: AdrIndex) -> Links:
    links = Links()
    claims: list[Claim] = []
    for doc in docs:
        ident = record_id(doc)
        if ident is None:
            continue
        fm = doc.front_matter
        successor = fm.get("superseded-by")
        if isinstance(successor, str) and successor.strip():
            new = index.resolve(successor)
            if new is None:
                links.unresolved.append((doc, ("superseded-by",), successor))
            else:
                claims.append(Claim(ident, new, doc, ("superseded-by",)))
        olds = fm.get("supersedes")
        for i, ref in enumerate(olds if isinstance(olds, list) else []):
            if not isinstance(ref, str):
                continue
            old = index.resolve(ref)
            if old is None:
                links.unresolved.append((doc, ("supersedes", i), ref))
            else:
                claims.append(Claim(old, ident, doc, ("supersedes", i)))
    for claim in claims:
        if claim.old == claim.new:
            links.self_links.append(claim)
            continue
        kept = links.by.get(claim.old)
        if kept is None:
            links.successor[claim.old] = claim.new
            links.by[claim.old] = claim
            links.replaced.setdefault(claim.new, []).append(claim.old)
        elif kept.new != claim.new:
            links.conflicts.append((kept, claim))
    return links


def cycle_from(start: str, successor: dict[str, str]) -> list[str] | None:
    """The ids of the cycle the chain from ``start`` runs into, if any."""
    seen: list[str] = []
    current: str | None = start
    while current is not None and current not in seen:
        seen.append(current)
        current = successor.get(current)
    if current is None:
        return None
    return seen[seen.index(current) :]
