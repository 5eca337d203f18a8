"""Datasets and systems named the way people name them, and what the catalogue says
about them: columns, and lineage across every hop.

People rarely type ``pos.sales_lines``: they write "sales lines", "the pos sales_lines
table", "web_shop_orders", "crm customers". So every dataset is known under several
aliases (its id, system id or system name plus table, the table alone, the table without
its layer prefix), found in a question as whole words after ``normalise`` (dots,
underscores and hyphens read as spaces). A question naming a system and some other words
("crm customers", "pos receipts") but no alias is resolved by ranking that system's
datasets on those words. Lineage comes from ``paved.generator.core.lineage``, the one
traversal of the lineage sheet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from paved.bot.answer.facts import Facts, person
from paved.bot.answer.mentions import name_words
from paved.bot.answer.text import STOPWORDS, normalise
from paved.bot.answer.types import Answer, Citation
from paved.generator.core.lineage import Hops, Lineage
from paved.generator.core.model import Platform

# Layer prefixes of lakehouse tables; a raw table also carries its source system.
LAYERS = frozenset({"raw", "cur", "prd", "stg", "int", "dim", "fct", "fact"})
MAX_LISTED = 12
MAX_COLUMNS = 3
# How exactly an alias names its dataset: the full id beats system + table, which beats
# the table alone, which beats the table without its layer prefix.
EXACT, SYSTEM_TABLE, TABLE, BARE = 4, 3, 2, 1


@dataclass(frozen=True, slots=True)
class Named:
    dataset: str
    alias: str
    exactness: int


# Words that name a lakehouse layer in a question, and the table prefix of that layer.
_LAYER_WORDS = {"raw": "raw", "cur": "cur", "curated": "cur", "prd": "prd"}


@dataclass(frozen=True, slots=True)
class _Layered:
    """A lakehouse table of a layer: its id and its name's words after the prefix."""

    id: str
    table_words: tuple[str, ...]


def _holds(words: tuple[str, ...], wanted: list[str]) -> bool:
    """Whether ``wanted`` appears in ``words`` as a run ("pos receipts" in "pos receipts
    stream", "sales lines" in "pos sales lines")."""
    size = len(wanted)
    return any(list(words[i : i + size]) == wanted for i in range(len(words) - size + 1))


def _bare(table: str, system_words: frozenset[str]) -> str:
    words = table.split()
    while len(words) > 1 and (words[0] in LAYERS or words[0] in system_words):
        words = words[1:]
    return " ".join(words)


class Catalogue:
    """Alias lookups over one platform's catalogue; a question costs one dict lookup per
    word plus a substring test per alias starting with that word."""

    def __init__(self, platform: Platform, lineage: Lineage) -> None:
        self.platform = platform
        self.lineage = lineage
        self._aliases: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        self._systems: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._by_layer: dict[str, list[_Layered]] = defaultdict(list)
        system_names: dict[str, list[str]] = {}
        for system in platform.systems.values():
            names = {normalise(system.id), normalise(system.name)}
            words = normalise(system.name).split()
            if len(words) > 2:
                names.add(" ".join(words[1:]))
            names.discard("")
            system_names[system.id] = sorted(names)
            for name in names:
                self._systems[name.split()[0]].append((name, system.id))
        for dataset in platform.datasets.values():
            if "." not in dataset.id:
                continue
            table = normalise(dataset.table)
            systems = system_names.get(dataset.system, [normalise(dataset.system)])
            system_words = frozenset(w for name in systems for w in name.split())
            found = {normalise(dataset.id): EXACT, table: TABLE}
            for name in systems:
                found.setdefault(f"{name} {table}", SYSTEM_TABLE)
            bare = _bare(table, system_words | {normalise(dataset.system)})
            if bare != table and len(bare.split()) > 1:
                found.setdefault(bare, BARE)
            for alias, exactness in found.items():
                self._aliases[alias.split()[0]].append((alias, dataset.id, exactness))
            words = table.split()
            if len(words) > 1 and words[0] in _LAYER_WORDS.values():
                self._by_layer[words[0]].append(_Layered(dataset.id, tuple(words[1:])))

    def named(self, text: str) -> list[Named]:
        """Datasets the question names, best first (longest alias, then most exact);
        only the best-named ones when one alias is part of a longer one."""
        padded = f" {normalise(text)} "
        best = self._best_named(padded)
        return self._in_layer(padded, best) or best

    def layered(self, text: str) -> Named | None:
        """The lakehouse table a layer word picks ("raw pos receipts"), or None."""
        padded = f" {normalise(text)} "
        found = self._in_layer(padded, self._best_named(padded))
        return found[0] if found else None

    def _best_named(self, padded: str) -> list[Named]:
        found: dict[str, Named] = {}
        for word in set(padded.split()):
            for alias, dataset, exactness in self._aliases.get(word, ()):
                if f" {alias} " in padded:
                    best = found.get(dataset)
                    if best is None or (len(alias), exactness) > (len(best.alias), best.exactness):
                        found[dataset] = Named(dataset, alias, exactness)
        # Ties by id: the words are read from a set, whose order changes from run to run.
        ranked = sorted(
            found.values(), key=lambda n: (-len(n.alias.split()), -n.exactness, n.dataset)
        )
        if not ranked:
            return []
        top = (len(ranked[0].alias.split()), ranked[0].exactness)
        return [n for n in ranked if (len(n.alias.split()), n.exactness) == top]

    def _in_layer(self, padded: str, best: list[Named]) -> list[Named]:
        """ "Raw pos receipts", "the curated sales lines": a layer word just before the
        words that name a table asks for the lakehouse table of that layer whose name
        holds those words ("raw_pos_receipts_stream"), not the source's own table. Empty
        when the question says no layer or no table of it holds the words."""
        for named in best:
            at = padded.find(f" {named.alias} ")
            before = padded[:at].split()
            layer = _LAYER_WORDS.get(before[-1]) if before else None
            if layer is None:
                continue
            wanted = named.alias.split()
            held = [
                d
                for d in self._by_layer.get(layer, ())
                if d.id != named.dataset and _holds(d.table_words, wanted)
            ]
            if held:
                chosen = min(held, key=lambda d: (len(d.table_words), d.id))
                return [Named(chosen.id, f"{before[-1]} {named.alias}", named.exactness)]
        return []

    def systems_named(self, text: str) -> list[str]:
        padded = f" {normalise(text)} "
        found: list[str] = []
        for word in set(padded.split()):
            for name, system in self._systems.get(word, ()):
                if f" {name} " in padded and system not in found:
                    found.append(system)
        return found

    def systems_loosely_named(self, text: str) -> list[str]:
        """Systems named by one word of their name that no other system's name or id
        holds and that names no domain ("the dealer data": Dealer portal), for questions
        that ask about a system's place rather than pick among its tables."""
        owners: dict[str, set[str]] = defaultdict(set)
        for system in self.platform.systems.values():
            for word in normalise(f"{system.id} {system.name}").split():
                owners[word].add(system.id)
        domains = {
            w for d in self.platform.domains.values() for w in normalise(f"{d.id} {d.name}").split()
        }
        found: list[str] = []
        for word in normalise(text).split():
            held = owners.get(word, set())
            if len(held) == 1 and word not in domains and word not in STOPWORDS:
                found.extend(s for s in held if s not in found)
        return found

    def datasets_of(self, system: str) -> list[str]:
        return [d.id for d in self.platform.datasets.values() if d.system == system]


def _listed(hops: Hops, limit: int = MAX_LISTED) -> str:
    """ "1 hop: a, b; 2 hops: c" (nearest first, at most ``limit`` ids)."""
    by_hop: dict[int, list[str]] = defaultdict(list)
    for item, distance in list(hops.items())[:limit]:
        by_hop[distance].append(item)
    parts = [
        f"{distance} hop{'s' if distance > 1 else ''}: {', '.join(items)}"
        for distance, items in sorted(by_hop.items())
    ]
    more = f" and {len(hops) - limit} more" if len(hops) > limit else ""
    return "; ".join(parts) + more


def _products(facts: Facts, hops: Hops) -> list[str]:
    named = []
    for product_id in hops:
        product = facts.platform.products.get(product_id)
        if product is not None:
            named.append(f"{product.id} · {product.title} ({product.status})")
    return named


def dataset_lineage(facts: Facts, lineage: Lineage, dataset_id: str, *, up: bool) -> Answer:
    """What feeds a dataset (``up``) or what it feeds and which products use it."""
    if up:
        hops = lineage.upstream(dataset_id)
        text = (
            f"Upstream of {dataset_id}, across every hop: {_listed(hops)}."
            if hops
            else f"Nothing feeds {dataset_id} in the catalogue's lineage: it is a source."
        )
        users: Hops = {}
    else:
        hops = lineage.downstream(dataset_id)
        users = lineage.used_by(dataset_id)
        text = (
            f"Downstream of {dataset_id}, across every hop: {_listed(hops)}."
            if hops
            else f"Nothing in the catalogue's lineage is built from {dataset_id}."
        )
        named = _products(facts, users)
        if named:
            text += f" Products that use it: {'; '.join(named[:6])}."
    cited = [facts.cite_dataset(dataset_id)]
    cited += [facts.cite_product(facts.platform.products[p]) for p in list(users)[:2]]
    item = facts.platform.datasets.get(dataset_id)
    who = facts.platform.custodians.get(item.custodian or "") if item else None
    return Answer(
        text=text,
        citations=_unique(cited),
        confidence=1.0,
        answered=True,
        owner=(who.slack or who.email) if who else None,
        intent="lineage",
    )


def product_lineage(facts: Facts, lineage: Lineage, product_id: str) -> Answer:
    """Where a product gets its data: what it reads, and everything upstream of that."""
    product = facts.platform.products[product_id]
    reads = lineage.product_reads(product_id)
    depends = lineage.product_depends_on(product_id)
    further = {d: h for d, h in depends.datasets.items() if d not in reads}
    text = f"{product.id} · {product.title} ({product.status}) reads " + (
        ", ".join(reads[:MAX_LISTED]) if reads else "no dataset listed in its WID"
    )
    text += "."
    if further:
        text += f" Further upstream: {_listed(further)}."
    if depends.systems:
        text += f" Source systems: {', '.join(list(depends.systems)[:8])}."
    cited = [facts.cite_product(product), *(facts.cite_dataset(d) for d in reads[:2])]
    owner = product.business_owner
    return Answer(
        text=text,
        citations=_unique(cited),
        confidence=1.0,
        answered=True,
        owner=(owner.slack or owner.email) if owner else None,
        intent="lineage",
    )


def system_datasets(facts: Facts, lineage: Lineage, system_id: str) -> Answer:
    """The datasets of one system ("which tables come from the dealer portal"), cited by
    the system's page, which lists them."""
    system = facts.platform.systems[system_id]
    held = lineage.datasets_of(system_id)
    name = f"{system.name} ({system.id})" if system.name != system.id else system.id
    if held:
        listed = ", ".join(held[:MAX_LISTED])
        more = f" and {len(held) - MAX_LISTED} more" if len(held) > MAX_LISTED else ""
        text = f"{name} has {len(held)} dataset(s) in the catalogue: {listed}{more}."
    else:
        text = f"{name} has no dataset in the catalogue."
    return Answer(
        text=text,
        citations=_unique([facts.cite("system", system_id)]),
        confidence=1.0,
        answered=True,
        intent="system-datasets",
    )


def person_duties(facts: Facts, custodian_id: str) -> Answer:
    """What one person looks after: the systems they own, the datasets and products they
    are custodian of, cited by their page."""
    platform = facts.platform
    who = platform.custodians[custodian_id]
    systems = [s.id for s in platform.systems.values() if s.owner == custodian_id]
    datasets = [d.id for d in platform.datasets.values() if d.custodian == custodian_id]
    products = [
        f"{p.id} · {p.title}" for p in platform.products.values() if p.custodian == custodian_id
    ]
    parts = []
    for label, items in (("systems", systems), ("datasets", datasets), ("products", products)):
        if items:
            more = f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else ""
            parts.append(f"{label}: {', '.join(items[:MAX_LISTED])}{more}")
    if parts:
        # What they look after, and what kinds of thing they are custodian of none of:
        # "which datasets does X own" is answered "no datasets", not by silence.
        held = {"systems": systems, "datasets": datasets, "products": products}
        parts += [f"no {label}" for label, items in held.items() if not items]
    text = (
        f"{person(who)} looks after "
        + ("; ".join(parts) if parts else "no datasets, systems or products in the catalogue")
        + "."
    )
    return Answer(
        text=text,
        citations=_unique([facts.cite("custodian", custodian_id)]),
        confidence=1.0,
        answered=True,
        owner=f"@{who.slack}" if who.slack else None,
        intent="duties",
    )


def columns(facts: Facts, dataset_ids: Sequence[str], wanted: Sequence[str]) -> Answer | None:
    """The columns of the named datasets whose name or description holds the asked
    words ("a delivery address column", "net_amount ... incl vat"), best first."""
    asked = name_words(" ".join(wanted))
    if not asked:
        return None
    scored: list[tuple[int, int, str, str]] = []
    for order, dataset_id in enumerate(dataset_ids):
        dataset = facts.platform.datasets[dataset_id]
        for column in dataset.columns:
            found = asked & name_words(f"{column.name} {column.description}")
            if found:
                personal = ", personal data" if column.personal_data else ""
                line = f"{column.name} ({column.type}{personal}): {column.description}"
                scored.append((len(found), -order, dataset_id, line))
    if not scored:
        return None
    scored.sort(reverse=True)
    best = scored[0][0]
    kept = [s for s in scored if s[0] == best][:MAX_COLUMNS]
    lines = [f"{dataset_id} has {line}" for _, _, dataset_id, line in kept]
    first = facts.platform.datasets[kept[0][2]]
    who = facts.platform.custodians.get(first.custodian or "")
    if who is not None:
        lines.append(f"Custodian: {person(who, role=False)}.")
    cited = [facts.cite_dataset(d) for d in dict.fromkeys(k[2] for k in kept)]
    return Answer(
        text="\n".join(lines),
        citations=_unique(cited),
        confidence=best / len(asked),
        answered=True,
        owner=(who.slack or who.email) if who else None,
        intent="columns",
    )


def _unique(items: Sequence[Citation | None]) -> tuple[Citation, ...]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item is not None and item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return tuple(out[:4])


# Words of a personal-data question that say what is asked, not which column.
_ASKING_PERSONAL = name_words(
    "personal data information pii gdpr flagged flag marked count counts counted treated "
    "considered sensitive column columns field fields table dataset have has hold holds "
    "contain contains store stores"
)


def personal_columns(facts: Facts, dataset_id: str, wanted: Sequence[str]) -> str:
    """ "Is the e-mail column personal data?": a yes or no for the dataset's columns the
    question names (by name or description), to open the dataset's answer; empty when
    it names none."""
    asked = name_words(" ".join(wanted)) - _ASKING_PERSONAL
    dataset = facts.platform.datasets.get(dataset_id)
    if not asked or dataset is None:
        return ""
    # A word of the column's name counts twice one of its description ("email" names
    # the email column; "address" in the country's description is a weaker match).
    scored = [
        (2 * len(asked & name_words(c.name)) + len(asked & name_words(c.description)), c)
        for c in dataset.columns
    ]
    best = max((n for n, _ in scored), default=0)
    found = [c for n, c in scored if n == best and n > 0][:MAX_COLUMNS]
    if not found:
        return ""
    flagged = [c.name for c in found if c.personal_data]
    plain = [c.name for c in found if not c.personal_data]
    parts = []
    if flagged:
        parts.append(f"Yes: {', '.join(flagged)} in {dataset.id} is flagged as personal data.")
    if plain:
        lead = "No: " if not flagged else ""
        parts.append(f"{lead}{', '.join(plain)} in {dataset.id} is not flagged as personal data.")
    return " ".join(parts)


def whether_fed(
    facts: Facts,
    lineage: Lineage,
    subject: tuple[str, str],
    sources: Sequence[tuple[str, str]],
) -> Answer | None:
    """ "Does X use / include / get data from Y": yes or no from the lineage, for each
    candidate source named (a dataset or a system), then what X does read. ``subject``
    and ``sources`` are (kind, id) with kind "dataset", "product" or "system"."""
    kind, item = subject
    if kind == "product":
        product = facts.platform.products[item]
        depends = lineage.product_depends_on(item)
        name = f"{product.id} · {product.title}"
        reads: Sequence[str] = lineage.product_reads(item)
        cited: list[Citation | None] = [facts.cite_product(product)]
    else:
        depends = lineage.dataset_depends_on(item)
        name = item
        reads = [d for d, hops in depends.datasets.items() if hops == 1]
        cited = [facts.cite_dataset(item)]
    said: list[tuple[bool, str]] = []
    for source_kind, source in sources:
        held = depends.systems if source_kind == "system" else depends.datasets
        if source in held:
            hops = held[source]
            how = "directly" if hops == 1 else f"{hops} hops upstream"
            said.append((True, f"{name} gets data from {source} ({how})"))
        else:
            said.append((False, f"{source} is not upstream of {name} in the catalogue's lineage"))
        cited.append(
            facts.cite("system", source) if source_kind == "system" else facts.cite_dataset(source)
        )
    if not said:
        return None
    lead = "Yes" if said[0][0] else "No"
    text = f"{lead}: " + "; ".join(line for _, line in said) + "."
    text += f" {name} reads " + (", ".join(reads[:MAX_LISTED]) if reads else "no dataset") + "."
    if depends.systems:
        text += f" Source systems: {', '.join(list(depends.systems)[:8])}."
    return Answer(
        text=text, citations=_unique(cited), confidence=1.0, answered=True, intent="lineage"
    )
