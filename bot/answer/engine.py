"""The answering engine: a question in, a short sourced ``Answer`` out.

Order of work: read the question's intent; if it asks for something the model knows
(an owner, a custodian, an expert, a status, a decision), answer from the model and
cite the page it lives on; otherwise rank the portal's sections with full text and
quote the best one. When the best section covers too little of the question (by the
IDF-weighted share of its words), the engine says so and offers a human instead of
guessing: an unanswered question is recorded, a wrong answer is believed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from paved.bot.answer import structured
from paved.bot.answer.entities import Match, Resolver
from paved.bot.answer.facts import Facts
from paved.bot.answer.intents import Intent, Kind, Reading, read
from paved.bot.answer.mentions import Mentions
from paved.bot.answer.ranking import Hit, SectionSearch, stem, words
from paved.bot.answer.structured import DECISION_STATUS, PRODUCT_STATUS
from paved.bot.answer.text import snippet, word_set
from paved.bot.answer.types import Answer, Citation
from paved.generator.core.index import IndexSection, build_index
from paved.generator.core.model import DecisionStatus, Platform, ProductStatus
from paved.generator.core.render.types import Page

# A section must contain at least this IDF-weighted share of the question's words to be
# quoted as an answer. Tuned on benchmarks/questions.yaml (see benchmarks/README.md).
MIN_COVERAGE = 0.6
# "Can I use X for Y": a section holding every word of X needs only this share of the
# whole question (the situation Y is rarely worded as the rule is).
FOCUS_COVERAGE = 0.45
MAX_QUESTION = 500
# Decisions ranked within this share of the best one are mentioned alongside it.
CLOSE_DECISIONS = 0.7
MAX_CITATIONS = 3
# Pages that summarise others (home, index tables, tags, reports) repeat every name;
# answers cite the page that holds the content.
CONTENT_KINDS = ("doc", "product", "decision", "system", "domain", "custodian")
OWNED_KINDS = ("system", "product", "domain", "custodian")
# Intents whose question may be about a product's or dataset's facts named loosely.
FACT_INTENTS = (Intent.HOWTO, Intent.SEARCH, Intent.STATUS)
# Facts only a product records (WID front matter), and only a dataset records.
PRODUCT_FACTS = frozenset({"retention", "legal-basis", "surfaced"})
DATASET_FACTS = frozenset({"refresh"})
# Words saying "find me a table", not what the table holds.
_FINDING = word_set(
    """
    table tables dataset datasets view views topic topics hold holds holding contain contains
    containing find found stored data column columns figures numbers info information
    details records rows
    """
)

_DATASET_ID = re.compile(r"[\w-]+\.[\w-]+")
DECLINED = (
    "I could not find an answer to that in the portal's docs, products, decisions or "
    "custodian catalogue. Ask a human: the platform team will pick the question up."
)


class Engine:
    """Answers questions about one platform. Build once, ask many times (thread-safe)."""

    def __init__(
        self, platform: Platform, pages: Sequence[Page], *, min_coverage: float = MIN_COVERAGE
    ) -> None:
        self.platform = platform
        self.sections: list[IndexSection] = build_index(platform, pages)
        self.search = SectionSearch(self.sections)
        self.resolver = Resolver(platform)
        self.facts = Facts.build(platform, self.sections)
        self.mentions = Mentions(platform)
        self.min_coverage = min_coverage

    @classmethod
    def from_root(cls, root: Path) -> Engine:
        """Load, model and render the repository at ``root`` (git dates are not needed
        for answers, so the history is not read)."""
        from paved.generator.core.api import check
        from paved.generator.core.gitfacts import GitFacts
        from paved.generator.core.render.site import render_site

        platform = check(root).platform
        return cls(platform, render_site(platform, GitFacts.empty()))

    def close(self) -> None:
        self.search.close()

    def ask(self, question: str) -> Answer:
        text = " ".join(str(question).split())[:MAX_QUESTION]
        reading = read(text)
        if not reading.terms and not reading.ids:
            return Answer(text="Ask me a question about the data platform, in words.")
        answer = self._structured(reading)
        return answer if answer is not None else self._full_text(reading)

    # -- structured answers -------------------------------------------------------------

    def _structured(self, reading: Reading) -> Answer | None:
        if reading.intent in (Intent.PRODUCT_ID, Intent.DECISION_ID):
            return self._by_id(reading.ids[0], reading.asks)
        if reading.asks and reading.intent in FACT_INTENTS:
            about = self._facts_of(reading)
            if about is not None:
                return about
        if reading.intent is Intent.FIND_DATASET:
            # "Which table has X" is answered by a table or not at all: a product page
            # that mentions X is not a table holding it.
            # "Where can I find X" without a table word may be about a doc: full text.
            table = self._find_dataset(reading)
            if table is not None or reading.kind is Kind.DATASET:
                return table or Answer(text=DECLINED, intent=str(reading.intent))
        if reading.intent is Intent.EXPERT:
            found = self.resolver.experts(reading.subject)
            if found:
                return structured.experts(self.facts, found, confidence=found[0][2] / 100)
            return self._owner(reading)
        if reading.intent is Intent.OWNER:
            return self._owner(reading)
        if reading.intent is Intent.STATUS:
            return self._status(reading)
        if reading.intent is Intent.DECISION:
            return self._decisions(reading)
        if reading.intent is Intent.USAGE:
            return self._usage(reading)
        if reading.intent is Intent.PERSON:
            people = [
                m
                for m in self.resolver.resolve(reading.subject, kind=Kind.CUSTODIAN)
                if m.kind is Kind.CUSTODIAN
            ]
            if people:
                return structured.owner(self.facts, people[:1], confidence=people[0].score / 100)
        named = [d for d in _DATASET_ID.findall(reading.text) if d in self.platform.datasets]
        if named:
            return structured.dataset(self.facts, named[0])
        return None

    def _by_id(self, wanted: str, asks: frozenset[str] = frozenset()) -> Answer:
        product = self.platform.products.get(wanted)
        if product is not None and asks - DATASET_FACTS:
            return structured.product_facts(self.facts, product, asks, confidence=1.0)
        if product is not None:
            return structured.product(self.facts, product)
        decision = self.platform.decisions.get(wanted)
        if decision is not None:
            return structured.decision(self.facts, decision)
        family = "product catalogue" if wanted.startswith("WID-") else "decision log"
        return Answer(text=f"There is no {wanted} in the {family}. " + DECLINED, intent="id")

    def _facts_of(self, reading: Reading) -> Answer | None:
        """Retention, legal basis, personal data, classification, refresh or surfacing
        of a product or dataset the question names loosely. When a product and a dataset
        match equally well ("customer 360" is both), the fact asked decides: retention
        is recorded for products, refresh for datasets; otherwise the kind the question
        names ("table", "product"), else the product."""
        named = [d for d in _DATASET_ID.findall(reading.text) if d in self.platform.datasets]
        if named:
            return structured.dataset(self.facts, named[0])
        mentions = self.mentions.find(reading.text)
        if not mentions:
            return None
        best = [m for m in mentions if m.matched == mentions[0].matched]
        if reading.asks & PRODUCT_FACTS:
            prefer = Kind.PRODUCT
        elif reading.asks <= DATASET_FACTS:
            prefer = Kind.DATASET
        else:
            prefer = reading.kind if reading.kind is Kind.DATASET else Kind.PRODUCT
        chosen = next((m for m in best if m.kind is prefer), best[0])
        if chosen.kind is Kind.PRODUCT:
            item = self.platform.products[chosen.id]
            return structured.product_facts(
                self.facts, item, reading.asks, confidence=round(chosen.share, 3)
            )
        return structured.dataset(self.facts, chosen.id, confidence=round(chosen.share, 3))

    def _find_dataset(self, reading: Reading) -> Answer | None:
        """ "Which table has X": datasets ranked by their catalogue section (description,
        column names and descriptions), declined below the usual coverage."""
        wanted = [t for t in reading.terms if t not in _FINDING]
        if not wanted:
            return None
        hits = self.search.search(" ".join(wanted), kinds=("system",), limit=30, candidates=60)
        datasets = [
            h
            for h in hits
            if h.coverage >= self.min_coverage and h.section.title in self.platform.datasets
        ]
        if not datasets:
            return None
        top = datasets[0]
        also = [h.section.title for h in datasets[1:3]]
        return structured.dataset(
            self.facts, top.section.title, confidence=round(top.coverage, 3), also=also
        )

    def _owner(self, reading: Reading) -> Answer | None:
        matches = self.resolver.resolve(reading.subject, kind=reading.kind)
        if matches:
            return structured.owner(self.facts, matches, confidence=matches[0].score / 100)
        hits = self._confident(reading.words, kinds=OWNED_KINDS)
        if not hits:
            return None
        match = self._subject_of(hits[0].section)
        if match is None:
            return None
        lead = (
            f"Nobody in the catalogue lists “{reading.subject}” as their expertise; the "
            f"closest match is {match.id}."
            if reading.intent is Intent.EXPERT
            else f"Closest match in the catalogue: {match.id}."
        )
        return structured.owner(self.facts, [match], confidence=hits[0].coverage, lead=lead)

    def _status(self, reading: Reading) -> Answer | None:
        matches = [
            m
            for m in self.resolver.resolve(reading.subject, kind=Kind.PRODUCT)
            if m.kind is Kind.PRODUCT
        ]
        if matches:
            named = self.platform.products[matches[0].id]
            return structured.product(self.facts, named, confidence=matches[0].score / 100)
        hits = self._confident(reading.words, kinds=("product",))
        found = self.platform.products.get(hits[0].section.subject_id or "") if hits else None
        if found is None:
            return None
        return structured.product(self.facts, found, confidence=hits[0].coverage)

    def _decisions(self, reading: Reading) -> Answer | None:
        hits = self._confident(reading.words or reading.terms, kinds=("decision",), limit=8)
        if not hits:
            return None
        best = hits[0].score
        close = [h for h in hits if h.score >= CLOSE_DECISIONS * best]
        return structured.decisions(self.facts, close, confidence=hits[0].coverage)

    def _usage(self, reading: Reading) -> Answer | None:
        matches = [
            m
            for m in self.resolver.resolve(reading.subject, kind=reading.kind or Kind.SYSTEM)
            if m.kind in (Kind.SYSTEM, Kind.DATASET)
        ]
        if not matches:
            return None
        return structured.usage(self.facts, matches[0], confidence=matches[0].score / 100)

    def _subject_of(self, section: IndexSection) -> Match | None:
        """What an owner question found by full text is about: the dataset of a dataset
        section, else the page's subject."""
        if section.kind == "system" and section.title in self.platform.datasets:
            return Match(Kind.DATASET, section.title, 0.0)
        kinds = {"system": Kind.SYSTEM, "product": Kind.PRODUCT, "domain": Kind.DOMAIN}
        kinds["custodian"] = Kind.CUSTODIAN
        kind = kinds.get(section.kind)
        if kind is None or section.subject_id is None:
            return None
        return Match(kind, section.subject_id, 0.0)

    def _confident(
        self, words: Sequence[str], *, kinds: Sequence[str], limit: int = 5
    ) -> list[Hit]:
        """Hits of ``kinds`` covering enough of ``words``, best first."""
        if not words:
            return []
        hits = self.search.search(" ".join(words), kinds=kinds, limit=limit)
        return [h for h in hits if h.coverage >= self.min_coverage]

    # -- full text ----------------------------------------------------------------------

    def _full_text(self, reading: Reading) -> Answer:
        hits: list[Hit] = []
        broad: list[Hit] | None = None
        if reading.focus:
            # The same ranking serves the focused reading and the last resort below.
            broad = self.search.search(" ".join(reading.terms), kinds=CONTENT_KINDS, limit=5)
            hits = self._focused(reading, broad)
        if not hits and reading.intent is Intent.HOWTO:
            hits = self._confident(reading.terms, kinds=("doc",))
        if not hits and broad is not None:
            hits = [h for h in broad if h.coverage >= self.min_coverage]
        elif not hits:
            hits = self._confident(reading.terms, kinds=CONTENT_KINDS)
        if not hits:
            return Answer(text=DECLINED, intent=str(reading.intent))
        return self._quote(hits, intent=str(reading.intent))

    def _focused(self, reading: Reading, hits: Sequence[Hit]) -> list[Hit]:
        """Sections about the X of "can I use X for Y": every word of X in the heading or
        page title (the rule is about X, not merely mentioning it), and enough of the
        whole question."""
        limit = 0.5 * len(self.sections)
        focus = {stem(w) for w in reading.focus if self.search.frequency(w) <= limit}
        if not focus:
            return []
        return [
            h
            for h in hits
            if h.coverage >= FOCUS_COVERAGE
            and focus <= {stem(w) for w in words(f"{h.section.title} {h.section.page_title}")}
        ]

    def _quote(self, hits: Sequence[Hit], *, intent: str) -> Answer:
        top = hits[0]
        quoted = next((h for h in hits[:3] if h.section.text), top)
        section = quoted.section
        where = section.page_title
        if section.title != section.page_title:
            where += f" › {section.title}"
        body = snippet(section.summary or section.text) if section.text else section.title
        sentences = [f"{body} (from “{where}”)"]
        cited: list[Citation] = []
        note, extra = self._status_note(section)
        if note:
            sentences.insert(0, note)
        if extra is not None:
            cited.append(extra)
        seen = {c.url for c in cited}
        for hit in [quoted, *hits]:
            s = hit.section
            if s.url in seen or len(cited) >= MAX_CITATIONS:
                continue
            seen.add(s.url)
            title = s.page_title if s.title == s.page_title else f"{s.page_title} › {s.title}"
            cited.append(Citation(title, s.url, s.kind, s.status))
        return Answer(
            text=" ".join(sentences),
            citations=tuple(cited),
            confidence=round(top.coverage, 3),
            answered=True,
            owner=self.facts.owner_of(section),
            intent=intent,
        )

    def _status_note(self, section: IndexSection) -> tuple[str | None, Citation | None]:
        """A warning sentence (and the current replacement to cite) when the quoted page
        is a superseded/rejected/proposed decision or a product that is not live."""
        subject = section.subject_id or ""
        if section.kind == "decision":
            decision = self.platform.decisions.get(subject)
            if decision is None or decision.status is DecisionStatus.ACCEPTED:
                return None, None
            note = f"Note: {decision.id} is {DECISION_STATUS[decision.status]}."
            successor = self.platform.successor_of(decision.id)
            if decision.status is DecisionStatus.SUPERSEDED and successor is not None:
                note = (
                    f"Note: {decision.id} is superseded and is history only; the current "
                    f"decision is {successor.id} · {successor.title}."
                )
                return note, self.facts.cite_decision(successor)
            return note, None
        if section.kind == "product":
            product = self.platform.products.get(subject)
            if product is None or product.status in (
                ProductStatus.ONBOARDED,
                ProductStatus.APPROVED,
            ):
                return None, None
            return f"Note: {product.id} {PRODUCT_STATUS[product.status]}.", None
        return None, None
