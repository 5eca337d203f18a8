"""Loose names → things in the model: "the orders table" → ``webshop.orders``.

People write names the way they say them ("dealer portal", "orders", "customer 360"),
so every dataset, system, domain, product and custodian is known under a few spellings
and matched with rapidfuzz's ``token_sort_ratio`` (word order does not matter, spelling
slips cost a little; the choices are token-sorted once, so each question costs a plain
``ratio`` over them). Only near-exact matches count: a wrong owner is worse than none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from paved.bot.answer.intents import Kind
from paved.bot.answer.text import normalise
from paved.generator.core.model import Custodian, Platform

MIN_SCORE = 86.0
EXPERTISE_MIN_SCORE = 90.0
# When several things match, the ones within this many points of the best are all kept:
# "quality inspections" is both a source table and its raw copy.
TIE = 0.5


@dataclass(frozen=True, slots=True)
class Match:
    kind: Kind
    id: str
    score: float


@dataclass(frozen=True, slots=True)
class _Name:
    text: str
    kind: Kind
    id: str


def _names(platform: Platform) -> Iterable[_Name]:
    for dataset in platform.datasets.values():
        yield _Name(normalise(dataset.id), Kind.DATASET, dataset.id)
        if "." in dataset.id:
            yield _Name(normalise(dataset.table), Kind.DATASET, dataset.id)
    for system in platform.systems.values():
        yield _Name(normalise(system.id), Kind.SYSTEM, system.id)
        yield _Name(normalise(system.name), Kind.SYSTEM, system.id)
    for domain in platform.domains.values():
        yield _Name(normalise(domain.id), Kind.DOMAIN, domain.id)
        yield _Name(normalise(domain.name), Kind.DOMAIN, domain.id)
    for product in platform.products.values():
        yield _Name(normalise(product.title), Kind.PRODUCT, product.id)
    for custodian in platform.custodians.values():
        yield _Name(normalise(custodian.name), Kind.CUSTODIAN, custodian.id)


def _sorted_tokens(text: str) -> str:
    return " ".join(sorted(text.split()))


class Resolver:
    """Name lookups over one platform; built once per engine."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._names = list(_names(platform))
        self._choices = [_sorted_tokens(name.text) for name in self._names]
        self._by_kind: dict[Kind, tuple[list[_Name], list[str]]] = {}
        for name, choice in zip(self._names, self._choices, strict=True):
            names, choices = self._by_kind.setdefault(name.kind, ([], []))
            names.append(name)
            choices.append(choice)
        self._expertise: list[tuple[str, str]] = [
            (normalise(topic), custodian.id)
            for custodian in platform.custodians.values()
            for topic in custodian.expertise
        ]

    def resolve(self, subject: str, *, kind: Kind | None = None) -> list[Match]:
        """The things ``subject`` names, best first; only kinds of ``kind`` when given and
        something of that kind matches, otherwise any kind."""
        text = _sorted_tokens(normalise(subject))
        if not text:
            return []
        if kind is not None and kind in self._by_kind:
            found = self._match(text, *self._by_kind[kind])
            if found:
                return found
        return self._match(text, self._names, self._choices)

    def _match(self, text: str, names: list[_Name], choices: list[str]) -> list[Match]:
        results = process.extract(
            text,
            choices,
            scorer=fuzz.ratio,
            processor=None,
            limit=12,
            score_cutoff=MIN_SCORE,
        )
        if not results:
            return []
        best = results[0][1]
        seen: set[tuple[Kind, str]] = set()
        matches: list[Match] = []
        for _, score, position in results:
            name = names[position]
            if score < best - TIE or (name.kind, name.id) in seen:
                continue
            seen.add((name.kind, name.id))
            matches.append(Match(name.kind, name.id, float(score)))
        return matches

    def experts(self, subject: str) -> list[tuple[Custodian, str, float]]:
        """Custodians whose listed expertise matches ``subject``: (custodian, topic, score)."""
        text = normalise(subject)
        if not text or not self._expertise:
            return []
        results = process.extract(
            text,
            [topic for topic, _ in self._expertise],
            scorer=fuzz.token_set_ratio,
            processor=None,
            limit=20,
            score_cutoff=EXPERTISE_MIN_SCORE,
        )
        found: list[tuple[Custodian, str, float]] = []
        seen: set[str] = set()
        for topic, score, position in results:
            custodian_id = self._expertise[position][1]
            custodian = self.platform.custodians.get(custodian_id)
            if custodian is None or custodian_id in seen:
                continue
            seen.add(custodian_id)
            found.append((custodian, topic, float(score)))
        return found

    def custodian_named(self, name: str) -> Custodian | None:
        """A custodian by display name (decision-makers are listed by name)."""
        wanted = normalise(name)
        for custodian in self.platform.custodians.values():
            if normalise(custodian.name) == wanted:
                return custodian
        return None
