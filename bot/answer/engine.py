"""The answering engine: a question in, a short sourced ``Answer`` out.

Order of work: a message is answered as a whole first; when it is declined, each of its
questions (``clauses``: without the situation around them) is asked on its own, held to
the same bar, and the answers merged. For each, read the question's intent; if it asks
for something the model knows (an owner, a custodian, an expert, a status, a decision)
about a thing it names, answer from the model and cite the page it lives on; otherwise
rank the portal's sections with full text and quote the best one. When the best section
covers too little of the question (by the IDF-weighted share of its words), or holds no
fact of the kind asked (a person, a date, an amount), the engine says so and offers a
human instead of guessing: an unanswered question is recorded, a wrong answer is believed.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from pathlib import Path

from paved.bot.answer import catalogue, clauses, general, structured
from paved.bot.answer.asktypes import (
    agree,
    counts_heads,
    holds_answer,
    level_subject,
    preferable,
    recognisable,
    required,
    states_figure_of,
    states_level,
    types_of,
)
from paved.bot.answer.entities import Match, Resolver
from paved.bot.answer.facts import Facts, dataset_of
from paved.bot.answer.intents import (
    HAPPENS,
    HEADS,
    INTENT_WORDS,
    Intent,
    Kind,
    Reading,
    read,
    timeless,
)
from paved.bot.answer.mentions import Mentions, name_words
from paved.bot.answer.passages import (
    MAX_QUOTE_CHARS,
    Evidence,
    render,
    term_forms,
    weigh,
)
from paved.bot.answer.query import Term, Vocabulary, english, terms
from paved.bot.answer.ranking import COMMON_SHARE, Hit, SectionSearch, stem, words
from paved.bot.answer.structured import DECISION_STATUS, PRODUCT_STATUS
from paved.bot.answer.synonyms import Synonyms, built_in
from paved.bot.answer.text import (
    content_words,
    expand_shorthand,
    normalise,
    snippet,
    word_set,
)
from paved.bot.answer.types import Answer, Citation
from paved.generator.core.index import (
    IndexSection,
    Passage,
    build_index,
    passages,
    split_sections,
)
from paved.generator.core.lineage import Lineage
from paved.generator.core.model import (
    Classification,
    DecisionStatus,
    Domain,
    Platform,
    ProductStatus,
)
from paved.generator.core.render.types import Page

# A section must contain at least this IDF-weighted share of the question's words to be
# quoted as an answer. Tuned on benchmarks/questions.yaml (see benchmarks/README.md).
MIN_COVERAGE = 0.55
# "Can I use X for Y": a section holding every word of X needs only this share of the
# whole question (the situation Y is rarely worded as the rule is).
FOCUS_COVERAGE = 0.45
MAX_QUESTION = 500
# The best passage (one or two adjacent sentences, list items or table rows, read with
# the section's heading) must hold this IDF-weighted share of the question's terms.
# Tuned on both question sets (benchmarks/README.md).
MIN_PASSAGE = 0.4
# A passage holding the kind of fact asked for (a person for "who", a duration for "how
# long") answers with a little less of the question's wording than MIN_PASSAGE: the fact
# is the part of the answer that does not repeat the question.
TYPED_PASSAGE = 0.85
# A product is named by its title only if a shared title word is in at most this share
# of the sections.
DISTINCT_SHARE = 0.1
# A system with at most this many datasets has them compared with the question one by
# one (from the model); a larger one (the lakehouse) through the index.
SMALL_SYSTEM = 200
# Datasets an owner question may name at once ("the quality inspections data" is a
# source table and its raw copy).
MAX_NAMED = 3
# Sections whose passages are weighed before choosing the one to quote.
WEIGHED = 5
# Read at most this much of a section for its passages: generated index tables run to
# thousands of rows, and a question's answer is not their 5,000th.
MAX_SECTION_CHARS = 40_000
MAX_PASSAGES = 300
# A section whose best passage holds the kind of answer a how-to, "where" or "may I"
# question asks for (a step, a place, a rule) has its rank multiplied by this: it breaks
# near ties with sections that only share words (benchmarks/README.md, fifteenth round).
KIND_RANK = 1.2
# A level asked of a thing named in this many known words or more ("the web shop stock
# API") is stated for it when its sentence and heading hold all of them but one.
LEVEL_WORDS_NAMED = 3
# A section whose heading asks the kind of question asked ("Who is on call" for "who gets
# paged") has its rank multiplied by this (benchmarks/README.md, fourth round).
AGREEING_HEADING = 1.5
# Such a section (a question answered under a heading asking it, FAQ-style) needs only
# this share of the question, when its heading holds at least AGREEING_HEADS of it.
AGREEING_COVERAGE = FOCUS_COVERAGE
AGREEING_HEADS = 0.3
# A question less its situation ("can I subscribe to alerts" of "... when a table I read
# fails its load"), when some passage of a section holds all of it, is answered there
# though the section covers too little of the whole, if the question proper weighs at
# least this share of the message (the situation's unknown details, "at 3am", weigh
# much), and ranks at CORE_RANK of a section covering the whole (benchmarks/README.md,
# eleventh round: 0.3 lost one development question, no other figure moved).
CORE_SHARE = 0.2
CORE_RANK = 0.8
# Reports (the ownership gaps, products by status) are recomputed on every build: the
# portal's current state. A report section answers when its own heading holds at least
# this share of the question ("which datasets lack a custodian" for "Datasets without a
# custodian"), even asked "right now": it is the state the portal shows today.
REPORT_KINDS = ("report",)
REPORT_HEADS = 0.5
REPORT_WHOLE = 0.9
# Pages generated from the catalogue, where a section may only list other pages.
CATALOGUE_KINDS = ("dataset", "system", "domain", "custodian")
# A section whose table rows link other pages (at least this share of them, with less
# prose than LISTED_PROSE characters around) lists pages rather than saying anything.
LISTED_ROWS = 0.8
LISTED_PROSE = 300
# Decisions ranked within this share of the best one are mentioned alongside it.
CLOSE_DECISIONS = 0.7
MAX_CITATIONS = 3
# A person named in "what does X look after" is taken when the name matches this well
# (rapidfuzz score out of 100).
SURE_NAME = 90
# Where the build puts the "What changed" page: ``core.render.changes.CHANGES``
# ("changes.md") as served (tests/test_answer_general.py holds the two together).
CHANGE_LOG = "changes/"
# Pages that summarise others (home, index tables, tags, reports) repeat every name;
# answers cite the page that holds the content.
CONTENT_KINDS = ("doc", "product", "decision", "system", "dataset", "domain", "custodian")
# Where a dataset is described: its own page, or (older portals) its system's page.
DATASET_KINDS = ("dataset", "system")
OWNED_KINDS = ("system", "dataset", "product", "domain", "custodian")
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

# A number, a number word, a frequency or a day: what a passage answering "how many /
# how long / when" must hold (a bare unit is not enough: "office hours" says no time).
_QUANTITY = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|once|twice|daily|weekly|monthly|hourly|nightly|yearly|quarterly|"
    r"real[- ]time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\ban? (second|minute|hour|day|week|month|quarter|year)\b",
    re.IGNORECASE,
)
# Problems with the data itself (reported as a data quality issue), not an outage.
_DATA_PROBLEMS = frozenset({"wrong", "bad data", "stale", "missing", "error"})
# Words of a definition question that are not the word to define.
_DEFINING = frozenset(
    {"mean", "means", "meaning", "counts", "count", "stand", "stands", "same", "vs", "versus"}
    | {"def", "defn", "definition", "glossary", "exactly"}
    | {"speak", "lingo", "jargon", "parlance", "terminology"}
)
# A question asking which things are so ("which datasets lack ...", "are any products
# without ..."): what a report's section lists.
_ASKS_WHICH = re.compile(r"^\s*(which|list|show( me)?|are there|is there|are any|is any|any)\b")
# Where a question's second part begins: "..., what sections does it need", "... and who
# may query it".
_PARTS = re.compile(
    r"(?:,|\?|;|\band)\s+(?=(?:what|what's|whats|who|which|where|when|how|why|is|are|can|does|do)\b)"
)
# A question asking for the whole list: "what alternatives were considered", "which
# options did we weigh", "what were the choices".
_WHOLE_LIST = re.compile(
    r"\b(what|which|whats|what's|list)\s+(were\s+|are\s+|was\s+)?(the\s+|all\s+(the\s+)?)?"
    r"(other\s+)?(alternatives|options|choices|candidates)\b"
    r"|\b(alternatives|options|choices|candidates)\s+(were\s+|did\s+we\s+|we\s+)?"
    r"(considered|weighed|evaluated|looked at|compared|on the table)\b"
)
_FULL_TEXT_INTENTS = frozenset({str(Intent.SEARCH), str(Intent.HOWTO)})
# A quote leaving out at least this share of the question's weight is completed from
# another cited section whose best passage holds at least LEFT_OUT_HELD of what is left
# out (measured on every development set, seventeenth round).
LEFT_OUT_SHARE = 0.25
LEFT_OUT_HELD = 0.5
# Structured answers about one item whose page may hold the rest of the question.
_ITEM_INTENTS = frozenset({"status", "product-facts", "lineage"})
_PRODUCT_PAGE = re.compile(r"products/[^/#]+/")
# A definition question comparing several terms: each is defined.
# A lakehouse layer by the prefix of its tables' names ("cur_", "prd_"), as people
# compare the layers: "what's the difference between raw, cur and prd".
_LAYER_NAMES = {"cur": "curated", "prd": "product", "stg": "staging", "brz": "bronze"}
_COMPARES = re.compile(r"\b(differen\w* (between|among)|vs\.?|versus|compared? (to|with))\b")
# What a passage answering "what does it cost", "what's the budget" must hold: a figure
# ("a few hours" or "weekly" is no amount of money).
# A time of day ("07:00"), a date ("2024-02-20") or a number inside a name ("WID-0007",
# "P3Y") is no amount.
_AMOUNT = re.compile(
    r"(?<![\w:.,-])\d+([.,]\d+)*(?![\w:]|[.,-]\d)"
    r"|[€$£]|\b(eur|euros?|usd|dollars?|nok|sek|dkk|kroner|krona|pounds?|cents?)\b",
    re.IGNORECASE,
)
# What a passage answering "what time is X refreshed" must hold: a time of day.
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} ?(am|pm)\b", re.IGNORECASE)
# What a passage answering "what were the sales in march" must hold: a figure in digits.
_FIGURE = re.compile(r"\d")
# ... "what's Mikkel's mobile number": digits in a sentence naming the person and the fact.
_PERSONAL_FIGURE = re.compile(r"\d{3}")
# What a passage answering "when will X happen" must hold: a date, a month, a quarter or a
# year ("daily" or "every week" says how often, not when).
_DATE = re.compile(
    r"\b(19|20)\d\d\b|\bq[1-4]\b|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b(january|february|march|april|june|july|august|september|october|november|"
    r"december|next (week|month|quarter|year)|end of|spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)
# ... "when was the last outage": a date or a time of day.
_DATE_OR_TIME = re.compile(f"{_DATE.pattern}|{_CLOCK.pattern}", re.IGNORECASE)
# What a passage answering "which version" must hold: 3.2, v1, version 4.
_VERSION_NUMBER = re.compile(r"\b\d+\.\d+(\.\d+)?\b|\bv\d+\b|\bversion \d", re.IGNORECASE)
# "Which tool do we use", "what format are they in": the kind of thing asked for.
_CATEGORY = re.compile(
    r"\b(what|which) ((kind|type|sort)s? of )?(?P<noun>[a-z]+) "
    r"(is|are|was|were|do|does|did|should|can|will)\b"
)
# A page's tags or keywords, as a facts row: words to find the page by, not a statement
# (still in the index, so they retrieve the page; never the passage that answers).
_KEYWORD_ROW = re.compile(r"^Field: (Tags|Keywords|Labels);", re.IGNORECASE)
_DATASET_ID = re.compile(r"[\w-]+\.[\w-]+")
# "SAP's", "the crm's": a word owning what follows it.
_POSSESSIVE = re.compile(r"\b([a-z0-9][\w-]*)'s\b")
# A table named as written: "cur_production_runs", "webshop.orders".
_TABLE_NAME = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z][\w-]*\.[a-z][\w-]*\b", re.IGNORECASE)
# "What is X for", "what does X do", "what's the point of X": what a product is for.
_WHAT_FOR = re.compile(
    r"\bwhat('?s| is| are| does| do)\b.{0,60}\b(for|do|about)\b|\b(purpose|point|goal|aim)\b"
    # "What problem does X solve", "which problem is X trying to fix".
    r"|\bproblems?\b.{0,40}\b(solve[sd]?|solving|fix(es|ed|ing)?|address(es|ed|ing)?)\b"
)
# "Who consumes X", "what does X output / deliver", "how is X surfaced": where what a
# product makes goes (its WID's egress and surfaced-as).
_OUTPUTS = re.compile(
    r"\bwho (consumes|uses|reads|receives|gets)\b"
    r"|\bwhat (does|do|will) .{0,60}\b(output|deliver|produce|provide|give)s?\b"
    r"|\boutputs?\b|\bsurfaced\b"
)
# "Which sources does X pull from", "what data does X use", "which systems feed X":
# where a product's data comes from (its WID's ingress points).
_INPUTS = re.compile(
    r"\b(which|what) (sources?|systems?|data|source data|inputs?)\b.{0,60}"
    r"\b(use[sd]?|using|pulls?|draws?|reads?|takes?|built|based|fed|comes?|feeds?)\b"
    r"|\bwhere (does|do) .{0,60}\b(data|inputs?) come from\b"
    r"|\b(which|what) (sources?|systems?) feeds?\b"
)
# How long something is kept, asked in so many words (a bare "keep" may be "who keeps").
_HOW_LONG_KEPT = re.compile(r"\b(retention|retain(ed)?|how long)\b", re.IGNORECASE)
# "Does X include / use / get its data from Y": a yes-or-no question whether Y feeds X.
_FEEDS = re.compile(
    r"^(does|do|is|are) .{2,80}?\b(include|includes|use|uses|read|reads|pull in|pulls in|"
    r"get (its |their )?data from|gets (its |their )?data from|take (its |their )?data from|"
    r"come from|comes from|built (only |just )?from|fed from|fed by|based on|draw on|combine)\b"
)
# Candidate sources offered one after another ("the SAP orders or only POS + web shop").
_ALTERNATIVES = re.compile(r"\s+(?:or|and|nor|vs\.?|versus)\s+|\s*[,/+&]\s*")
LIVE_FIGURES = (
    "The portal documents the platform: its products, decisions, catalogue and how-tos. "
    "It holds no figures of a given day or period. "
)
# Product statuses in the order a "which products are live" list gives them.
_LISTED_STATUS = {
    ProductStatus.ONBOARDED: "Live (onboarded)",
    ProductStatus.APPROVED: "Approved, being built",
    ProductStatus.SUBMITTED: "Submitted for review",
    ProductStatus.DRAFT: "Draft",
    ProductStatus.RETIRED: "Retired",
}
_LISTED_DECISIONS = {
    DecisionStatus.ACCEPTED: "Accepted (in force)",
    DecisionStatus.PROPOSED: "Proposed, not decided yet",
    DecisionStatus.SUPERSEDED: "Superseded (history)",
    DecisionStatus.DEPRECATED: "Deprecated (no longer in force)",
    DecisionStatus.REJECTED: "Rejected",
}
DECLINED = (
    "I could not find an answer to that in the portal's docs, products, decisions or "
    "custodian catalogue. Ask a human: the platform team will pick the question up."
)


class Engine:
    """Answers questions about one platform. Build once, ask many times (thread-safe)."""

    def __init__(
        self,
        platform: Platform,
        pages: Sequence[Page],
        *,
        min_coverage: float = MIN_COVERAGE,
        min_passage: float = MIN_PASSAGE,
        synonyms: Sequence[Sequence[str]] = (),
        change_log: str | None = CHANGE_LOG,
    ) -> None:
        self.platform = platform
        # The portal's "What changed" page (written from git history at build time, so
        # not in this index), or None when the portal is built without it.
        self.change_log = change_log
        self.sections: list[IndexSection] = build_index(platform, pages)
        self._by_url = {section.url: section for section in self.sections}
        self._pages: dict[str, list[IndexSection]] | None = None
        self.search = SectionSearch(self.sections)
        self.resolver = Resolver(platform)
        self.facts = Facts.build(platform, self.sections)
        self.mentions = Mentions(platform)
        self.min_coverage = min_coverage
        self.min_passage = min_passage
        self.vocabulary = Vocabulary.of(
            (f"{s.title} {s.page_title} {s.text}" for s in self.sections),
            stemmed=lambda word: self.search.frequency(word) > 0,
            stem=stem,
        )
        self.synonyms = Synonyms.build(built_in(), synonyms)
        # Words kept as asked by the typo corrector: the intent words and the synonyms'.
        self.keep = INTENT_WORDS | self.synonyms.words()
        english()  # read the word list now (0.2 s), not on the first question
        general.load()  # and English word frequencies (0.2 s)
        self._bodies = {page.src_uri: page.markdown for page in pages}
        self._bodies.update({doc.path: doc.body for doc in platform.docs.values()})
        self._passages: dict[str, list[Passage]] = {}
        self._split: dict[str, dict[str, str]] = {}
        self._listing: dict[str, bool] = {}
        self.lineage = Lineage(platform)
        self.definitions = self._definitions()
        self.catalogue = catalogue.Catalogue(platform, self.lineage)
        # Title word → the one product whose title holds it (words of several titles
        # name none).
        titled: dict[str, set[str]] = {}
        for item in platform.products.values():
            for word in words(item.title):
                titled.setdefault(stem(word), set()).add(item.id)
        self._title_words = {w: tuple(ids) for w, ids in titled.items() if len(ids) == 1}
        # Names of people, so a passage naming one answers "who".
        self._people = frozenset(c.name.lower() for c in platform.custodians.values())

    @classmethod
    def from_root(cls, root: Path) -> Engine:
        """Load, model and render the repository at ``root`` (git dates are not needed
        for answers, so the history is not read)."""
        from paved.generator.core.api import check
        from paved.generator.core.gitfacts import GitFacts
        from paved.generator.core.load.synonyms import load_synonyms
        from paved.generator.core.render.site import render_site

        platform = check(root).platform
        # The team's synonyms.yml: validation reports its problems; the bot uses the
        # groups that are well formed.
        team, _ = load_synonyms(root)
        synonyms = team.groups if team is not None else ()
        # PAVED_CHANGES_COUNT=0 builds the portal without its "What changed" page.
        built = os.environ.get("PAVED_CHANGES_COUNT", "").strip() != "0"
        return cls(
            platform,
            render_site(platform, GitFacts.empty()),
            synonyms=synonyms,
            change_log=CHANGE_LOG if built else None,
        )

    def close(self) -> None:
        self.search.close()

    def ask(self, question: str) -> Answer:
        text = expand_shorthand(" ".join(str(question).split())[:MAX_QUESTION])
        # The whole message first: asked first, its questions alone did worse on
        # held-out messages, as the situation around them often names the subject. A
        # message declined as a whole, or holding two questions: each question on its
        # own, held to the same bar (a question answers or is declined).
        answer = self._answer(text)
        asked = clauses.questions(text)
        if answer.answered:
            # Questions a section the answer cites already holds need no answer of their
            # own (and cost none: a question asked again is a second search).
            asked = [] if len(asked) < 2 else [q for q in asked if not self._held(answer, q)]
            if not asked:
                return answer
        found: list[Answer] = []
        whole = content_words(text)
        of = level_subject(text)
        for one in asked:
            for reading in one.readings:
                if content_words(reading) == whole:
                    continue  # the message less its greeting: asked already
                if of and "level" in types_of(reading) and not level_subject(reading):
                    # "What's the SLA if the dealer portal goes down": the level asked
                    # alone ("what's the SLA") is no longer of the dealer portal.
                    continue
                part = self._answer(reading)
                if part.answered:
                    found.append(part)
                    break
        if answer.answered:
            # Two questions, the whole answered: a question whose own answer rests on
            # none of the sections the whole's answer cites is answered beside it.
            cited = set(answer.citations)
            extra = [a for a in found if a.citations and not cited & set(a.citations)]
            return _merged([answer, *extra]) if extra else answer
        return _merged(found) if found else answer

    def _held(self, answer: Answer, question: clauses.Question) -> bool:
        """Whether a section ``answer`` cites holds the section threshold of
        ``question``'s own words (read alone)."""
        asked = terms(content_words(question.text), question.text, self.synonyms)
        if not asked:
            return True
        for citation in answer.citations:
            section = self._by_url.get(citation.url)
            if section is not None and self.evidence(section, asked).coverage >= (
                self.min_coverage
            ):
                return True
        return False

    def _answer(self, text: str) -> Answer:
        reading = read(self.vocabulary.corrected(text, keep=self.keep))
        if not reading.terms and not reading.ids:
            return Answer(text="Ask me a question about the data platform, in words.")
        # A report section headed by the whole question ("which datasets lack a description":
        # "Datasets without a description") is its answer, before a catalogue search for
        # datasets holding its words.
        listing = bool(reading.terms) and bool(
            _ASKS_WHICH.match(clauses.without_lead(reading.text))
        )
        answer = self._from_reports(reading, heads=REPORT_WHOLE) if listing else None
        if answer is None:
            answer = self._structured(reading)
            if answer is not None and "retention" in reading.asks:
                answer = self._with_retention(answer)
        if answer is None:
            answer = self._full_text(reading)
        if not answer.answered and not reading.live:
            if reading.value:
                return self._live(reading)  # the data itself: where it lives, or a human
            answer = self._from_reports(reading) or self._generic(reading) or answer
        return self._left_out(reading, self._second_part(reading, answer))

    def _with_retention(self, answer: Answer) -> Answer:
        """A dataset's summary given to "how long do we keep X", "X's retention": with
        the retention its page states (the WIDs reading it), after the first sentence."""
        if answer.intent != "dataset":
            return answer
        dataset_id = answer.text.partition(" ")[0].rstrip(":")
        if dataset_id not in self.platform.datasets:
            return answer
        kept = structured.dataset_retention(
            self.facts, dataset_id, self.lineage.used_by(dataset_id)
        )
        head, dot, tail = answer.text.partition(". ")
        text = f"{head}. {kept} {tail}" if dot else f"{answer.text} {kept}"
        return dataclasses.replace(answer, text=text)

    def _kept_too(self, reading: Reading, answer: Answer | None) -> Answer | None:
        """ "How long do we keep X, and who is its custodian": the custodian of one
        dataset, with the retention its page states when the question also asks how long
        it is kept (by "how long" or "retention", not a bare "keep": "who keeps X")."""
        if answer is None or not answer.answered or not _HOW_LONG_KEPT.search(reading.text):
            return answer
        if "retention" not in reading.asks:
            return answer
        subjects = {
            c.url.removeprefix("catalogue/datasets/").partition("/")[0]
            for c in answer.citations
            if c.kind == "dataset"
        }
        if len(subjects) != 1:
            return answer
        (subject,) = subjects
        if subject not in self.platform.datasets:
            return answer
        kept = structured.dataset_retention(self.facts, subject, self.lineage.used_by(subject))
        return dataclasses.replace(answer, text=f"{answer.text} {kept}")

    def _generic(self, reading: Reading) -> Answer | None:
        """A how-to declined with the catalogue things it applies to ("naming a table
        for dealer returns", "backfilling POS data into raw"), asked of the written
        rules without them: the docs state the rule for any table or system. Held to
        the same bar over what is left, which must still be a question (two words)."""
        if reading.intent not in (Intent.HOWTO, Intent.SEARCH) or reading.value:
            return None
        if reading.offered:
            return None  # "the CRM or the web shop?": the things named are the choice asked
        if self._possessive_system(reading):
            return None  # "SAP's response time" is SAP's, not the platform's written rule
        named = {w for n in self.catalogue.named(reading.text) for w in n.alias.split()}
        for system in self.catalogue.systems_named(reading.text) or (
            self.catalogue.systems_loosely_named(reading.text)
        ):
            item = self.platform.systems[system]
            named.update(normalise(f"{item.id} {item.name}").split())
        if not named:
            return None
        kept = tuple(t for t in reading.terms if t not in named)
        if len(kept) < 2 or len(kept) == len(reading.terms):
            return None
        found = self._full_text(dataclasses.replace(reading, terms=kept), kinds=("doc", "decision"))
        return found if found.answered else None

    def _second_part(self, reading: Reading, answer: Answer) -> Answer:
        """A question of two parts ("how do I record a decision, what sections does it
        need"): the answer cites the sections for the whole, and its quote is the best
        passage for the whole, which may say nothing of one part. For each part, the
        best passage among the cited sections is added when the text lacks it and it
        holds the section threshold of that part."""
        if not answer.answered or answer.intent not in _FULL_TEXT_INTENTS:
            return answer
        parts = _PARTS.split(reading.text, maxsplit=1)
        if len(parts) != 2:
            return answer
        text = answer.text
        for part in parts:
            asked = terms(content_words(part), part, self.synonyms)
            if not asked:
                continue
            # Each part's own kind ("... and who receives them": a person) picks its
            # passage, as the whole question's kind picks the first.
            types = types_of(part)
            best: tuple[float, IndexSection, Evidence] | None = None
            for citation in answer.citations:
                section = self._by_url.get(citation.url)
                if section is None:
                    continue
                evidence = self.evidence(section, asked, types)
                held = evidence.quote and evidence.coverage >= self.min_coverage
                if held and (best is None or evidence.coverage > best[0]):
                    best = (evidence.coverage, section, evidence)
            if best is None:
                continue
            _, section, evidence = best
            added = [q for q in evidence.quote if q.strip() not in text]
            if not added:
                continue
            where = section.page_title
            if section.title != section.page_title:
                where += f" › {section.title}"
            text = f"{text}\n{render(added)} (from “{where}”)"
        return dataclasses.replace(answer, text=text)

    def _left_out(self, reading: Reading, answer: Answer) -> Answer:
        """The question's words the answer leaves out, answered from a section beside it.

        A full-text answer quotes the best section's best passages; the sections cited
        after it were ranked for the same question, and one of them often holds what
        the quote does not ("where are checks defined, and what happens when one
        fails": the first section's passage says where, the second's what happens). A
        structured answer about one product (its status card, its facts, its lineage)
        says what the catalogue records of it, and the rest of the question ("what
        problem does it solve", "do dealers see it") is answered by the product's own
        page. When words of the question (weighed as in the search) are in neither the
        answer's text nor its headings, the candidate section whose best passage holds
        most of their weight adds that passage (once, within the quote's length
        budget): for a full-text answer the cited sections after the first, each holding
        the section threshold of the whole question (and the kind of answer it asks for,
        a person for "who"); for a product's answer the other
        sections of the product's page."""
        if not answer.answered or not answer.citations:
            return answer
        if answer.intent in _FULL_TEXT_INTENTS:
            candidates = [self._by_url.get(c.url) for c in answer.citations[1:]]
            whole_held = True
        elif answer.intent in _ITEM_INTENTS and _PRODUCT_PAGE.fullmatch(answer.citations[0].url):
            page = answer.citations[0].url
            candidates = [s for s in self._page_sections(page) if s.url != page]
            whole_held = False
        else:
            return answer
        asked = terms(reading.terms, reading.text, self.synonyms)
        said = frozenset(stem(w) for w in words(answer.text))
        missing = [t for t in asked if not any(f <= said for f in term_forms(t))]
        if not missing:
            return answer
        weight = {id(t): self._term_weight(t) for t in asked}
        left = sum(weight[id(t)] for t in missing)
        if left < LEFT_OUT_SHARE * sum(weight.values()):
            return answer
        types = types_of(reading.text)
        best: tuple[float, IndexSection, Evidence] | None = None
        for section in candidates:
            if section is None:
                continue
            if whole_held and (
                self.evidence(section, asked, types, required=True).coverage < self.min_coverage
            ):
                continue  # on the whole question's terms, as the ranking holds its sections
            found = self.evidence(section, missing)
            if not found.quote or found.alone < LEFT_OUT_HELD:
                continue
            if best is None or found.alone > best[0]:
                best = (found.alone, section, found)
        if best is None:
            return answer
        _, section, found = best
        added: list[str] = []
        used = 0
        for passage in found.quote:
            passage = passage.strip()
            if passage in answer.text or used + len(passage) > MAX_QUOTE_CHARS:
                continue
            added.append(passage)
            used += len(passage)
        if not added:
            return answer
        where = section.page_title
        if section.title != section.page_title:
            where += f" › {section.title}"
        text = f"{answer.text}\n{render(added)} (from “{where}”)"
        cited = answer.citations
        if all(c.url != section.url for c in cited) and len(cited) < MAX_CITATIONS:
            cited = (*cited, Citation(where, section.url, section.kind, section.status))
        return dataclasses.replace(answer, text=text, citations=cited)

    def _page_sections(self, page: str) -> list[IndexSection]:
        """The sections of the portal page at ``page`` (its URL without an anchor)."""
        if self._pages is None:
            pages: dict[str, list[IndexSection]] = {}
            for section in self.sections:
                pages.setdefault(section.url.split("#", 1)[0], []).append(section)
            self._pages = pages
        return self._pages.get(page, [])

    # -- structured answers -------------------------------------------------------------

    def _structured(self, reading: Reading) -> Answer | None:
        if reading.live:
            return self._live(reading)
        if reading.recent and self.change_log is not None:
            return self._recent_changes(self.change_log)
        if reading.intent in (Intent.PRODUCT_ID, Intent.DECISION_ID):
            return self._by_id(reading.ids[0], reading.asks, reading.text, reading.who)
        if reading.lists == "domain-datasets":
            listed = self._domain_datasets(reading)
            if listed is not None:
                return listed
        elif reading.lists == "domain-products":
            listed = self._domain_products(reading)
            if listed is not None:
                return listed
        elif reading.lists is not None:
            listed = self._list(reading.lists, reading.text)
            if listed is not None:
                return listed
        if reading.defines:
            defined = self._define(reading)
            if defined is not None:
                return defined
        if reading.domain_of:
            placed = self._domain_of(reading)
            if placed is not None:
                return placed
        if reading.system_of:
            named = self._datasets_named(reading)
            if named:
                return structured.system_of(self.facts, named[0])
        about = self._about_catalogue(reading)
        if about is not None:
            return about
        if reading.reports and reading.intent not in (Intent.DECISION, Intent.FIND_DATASET):
            # "Who do I tell": the support and operations docs say, not an expert list.
            # What is broken rarely appears in the page that says where to report it:
            # the docs are searched for reporting that kind of problem.
            kind = "data quality issue" if reading.problem in _DATA_PROBLEMS else "incident"
            told = self._full_text(reading, kinds=("doc",), wanted=("report", kind))
            if told.answered:
                return told
        # An amount of money ("the GDPR fine if X leaked") is no recorded fact of X.
        if reading.asks and reading.intent in FACT_INTENTS and not reading.money:
            about = self._facts_of(reading)
            if about is not None and not (reading.clock and not _CLOCK.search(about.text)):
                # "What time is X refreshed": "refreshed daily" is no time of day; the
                # page giving the time is searched for instead.
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
            return self._kept_too(reading, self._owner(reading))
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
        if named and not reading.clock:
            return structured.dataset(self.facts, named[0])
        return None

    def _recent_changes(self, url: str) -> Answer:
        """ "What's new on the portal lately": the change log page, which the build writes
        from the repository's history (this index is built without it)."""
        return Answer(
            text=(
                "The “What changed” page lists the latest merges to the portal's repository, "
                "newest first, with what each changed in products, decisions and the "
                "catalogue; the home page's “Recently changed” table shows the newest pages."
            ),
            citations=(Citation("What changed", url, "report"),),
            confidence=1.0,
            answered=True,
            intent="changes",
        )

    def _live(self, reading: Reading) -> Answer:
        """Declined, pointing at where such a figure lives when a dataset or product is
        named: the asker can query it or ask its owner. A report answering it (the
        portal's own state today) is quoted instead."""
        reported = self._from_reports(reading)
        if reported is not None:
            return reported
        where: list[Citation | None] = []
        for named in self.catalogue.named(reading.text)[:2]:
            where.append(self.facts.cite_dataset(named.dataset))
        for mention in self.mentions.find(reading.text)[:2]:
            if mention.kind is Kind.PRODUCT:
                where.append(self.facts.cite_product(self.platform.products[mention.id]))
            else:
                where.append(self.facts.cite_dataset(mention.id))
        cited = tuple(dict.fromkeys(c for c in where if c is not None))[:MAX_CITATIONS]
        text = LIVE_FIGURES
        if cited:
            text += "Where the data lives: " + ", ".join(c.title for c in cited) + ". "
        return Answer(text=text + DECLINED, citations=cited, intent="live")

    def _from_reports(self, reading: Reading, *, heads: float = REPORT_HEADS) -> Answer | None:
        """The report section whose own heading asks what the question asks, quoted; None
        when no report heading holds ``heads`` of the question. Words placing the
        question in time ("at the moment") are left out: a report is today's state."""
        now = set(content_words(timeless(reading.text)))
        kept = [w for w in reading.terms if w in now]
        asked, _ = self._slot(terms(kept, timeless(reading.text), self.synonyms), reading)
        groups = [t.alternatives for t in asked]
        found: list[tuple[float, float, Hit, Evidence]] = []
        for hit in self.search.search_terms(groups, kinds=REPORT_KINDS, limit=WEIGHED):
            if hit.coverage < self.min_coverage:
                continue
            evidence = self.evidence(hit.section, asked)
            titled = evidence.heading
            if hit.section.title == hit.section.page_title:
                # A report's introduction says what the report is and how it is made:
                # it answers a question naming the report by its whole title ("the
                # lockers report - what is it") and holding ``heads`` of it there.
                if not _names_page(hit.section, asked):
                    continue
                titled = weigh([], "", asked, self._term_weight, heading=hit.section.title).heading
            if titled >= heads:
                found.append((titled, hit.coverage, hit, evidence))
        if not found:
            return None
        _, _, hit, evidence = max(found, key=lambda item: item[:2])
        return self._quote([hit], asked, intent=str(reading.intent), evidence=evidence)

    def _about_catalogue(self, reading: Reading) -> Answer | None:
        """Questions about a named dataset's lineage or columns, a product's sources, and
        who builds or whether a named product is live."""
        named = self._datasets_named(reading)
        product = self._product_named(reading)
        if reading.duties:
            people = [
                m
                for m in self.resolver.resolve(reading.duties, kind=Kind.CUSTODIAN)
                if m.kind is Kind.CUSTODIAN and m.score >= SURE_NAME
            ]
            if people:
                return catalogue.person_duties(self.facts, people[0].id)
            # "Tomas is moving teams": a first name only one custodian has.
            first = [
                c.id
                for c in self.platform.custodians.values()
                if c.name.lower().split()[:1] == reading.duties.split()[:1]
            ]
            if len(first) == 1 and len(reading.duties.split()) == 1:
                return catalogue.person_duties(self.facts, first[0])
        if (
            reading.lineage == "up"
            and not named
            and product is None
            and (reading.intent is Intent.FIND_DATASET or reading.kind is Kind.DATASET)
        ):
            # "Which datasets come from the dealer portal": the system's own list.
            systems = self.catalogue.systems_named(reading.text)
            if len(systems) == 1:
                return catalogue.system_datasets(self.facts, self.lineage, systems[0])
        fed = self._whether_fed(reading)
        if fed is not None:
            return fed
        if reading.lineage is not None:
            # "Where does the stock availability product get its numbers": the product,
            # though a dataset shares its name.
            if named and product is not None and reading.kind is Kind.PRODUCT:
                named = []
            if named:
                return catalogue.dataset_lineage(
                    self.facts, self.lineage, named[0], up=reading.lineage == "up"
                )
            if product is not None and reading.lineage == "up":
                return catalogue.product_lineage(self.facts, self.lineage, product)
            if reading.lineage == "down" and product is None:
                # "If the CRM is down, which products end up stale": the products reading
                # the one system named, directly or through data built from it.
                systems = self.catalogue.systems_named(reading.text)
                if len(systems) == 1:
                    return structured.usage(
                        self.facts,
                        Match(Kind.SYSTEM, systems[0], 100.0),
                        confidence=1.0,
                        lineage=self.lineage,
                    )
        asks_product = product is not None or reading.kind is Kind.PRODUCT
        # "The GDPR fine if X leaked" asks an amount, which a dataset's page never states.
        if named and "personal-data" in reading.asks and not asks_product and not reading.money:
            return self._personal(reading, structured.dataset(self.facts, named[0]), named[0])
        if named and reading.columns and reading.intent not in (Intent.OWNER, Intent.EXPERT):
            drop = self._name_words(named) | self._alias_words(reading)
            wanted = [w for w in reading.terms if w not in drop]
            found = catalogue.columns(self.facts, named, wanted)
            if found is not None:
                return found
        if product is not None and (reading.who or reading.progress) and not reading.asks:
            item = self.platform.products[product]
            purpose = bool(_WHAT_FOR.search(reading.text.lower()))
            outputs = bool(_OUTPUTS.search(reading.text.lower()))
            return structured.product(
                self.facts,
                item,
                confidence=1.0,
                purpose=purpose,
                outputs=outputs,
                inputs=bool(_INPUTS.search(reading.text.lower())),
            )
        return None

    def _whether_fed(self, reading: Reading) -> Answer | None:
        """ "Does X include / use / get data from Y (or only Z)": X named before the verb
        (a dataset or a product), Y after it (datasets, else systems); answered from the
        lineage. None unless both are named."""
        found = _FEEDS.search(clauses.without_lead(reading.text))
        if found is None:
            return None
        text = clauses.without_lead(reading.text)
        before, after = text[: found.start(2)], text[found.end() :]
        subject: tuple[str, str] | None = None
        datasets = [n.dataset for n in self.catalogue.named(before)]
        if len(datasets) == 1:
            subject = ("dataset", datasets[0])
        elif not datasets:
            products = [
                m for m in self.mentions.find(before) if m.kind is Kind.PRODUCT and m.share >= 1.0
            ]
            if len(products) == 1:
                subject = ("product", products[0].id)
        if subject is None:
            return None
        sources: list[tuple[str, str]] = []
        for part in _ALTERNATIVES.split(after):
            named = [n.dataset for n in self.catalogue.named(part) if n.dataset != subject[1]]
            systems = self.catalogue.systems_named(part) or self.catalogue.systems_loosely_named(
                part
            )
            # "The SAP sales orders": a table of the system named, or the system itself
            # (a table of another system named by one shared word is not it).
            if systems:
                named = [d for d in named if self.lineage.system_of(d) in systems]
            if named:
                sources.extend(("dataset", d) for d in named[:MAX_NAMED])
            else:
                sources.extend(("system", s) for s in systems[:MAX_NAMED])
        sources = list(dict.fromkeys(sources))[: 2 * MAX_NAMED]
        if not sources:
            return None
        return catalogue.whether_fed(self.facts, self.lineage, subject, sources)

    def _domain_of(self, reading: Reading) -> Answer | None:
        """ "Which domain is X in": the dataset, system or product the question names,
        in that order (a table is named with its system's name)."""
        named = self._datasets_named(reading)
        if named:
            return structured.domain_of(self.facts, Kind.DATASET, named[0])
        systems = self.catalogue.systems_named(reading.naming)
        if systems:
            return structured.domain_of(self.facts, Kind.SYSTEM, systems[0])
        product = self._product_named(reading)
        if product is not None:
            return structured.domain_of(self.facts, Kind.PRODUCT, product)
        loose = self.catalogue.systems_loosely_named(reading.naming)
        if len(loose) == 1:
            return structured.domain_of(self.facts, Kind.SYSTEM, loose[0])
        return None

    def _define(self, reading: Reading) -> Answer | None:
        """ "What does X mean", "is X the same as Y": the row of a docs table whose first
        cell is X (a glossary's term, a role, a purpose), X's synonyms included."""
        words_ = list(reading.terms)
        compares = bool(_COMPARES.search(reading.text))
        if compares:
            # As written, repeats kept: "lead time and cycle time" holds two terms.
            content = set(words_)
            words_ = [w for w in words(reading.text) if w in content]
            # "raw, cur and prd": the layers by their table prefixes, read in full.
            words_ = [_LAYER_NAMES.get(w, w) for w in words_]
        # (the words as asked, a term to look up: those words or one of their synonyms)
        wanted: list[tuple[str, str]] = []
        for size in (3, 2, 1):
            for i in range(len(words_) - size + 1):
                phrase = " ".join(words_[i : i + size])
                wanted.append((phrase, phrase))
                wanted.extend((phrase, other) for other in self.synonyms.of(phrase))
        asked = list(dict.fromkeys(w for w in words_ if w not in _DEFINING))
        # "The difference between X, Y and Z": each one's row, not the first found.
        wanted_rows = MAX_CITATIONS if compares else 1
        rows: list[tuple[IndexSection, str]] = []
        used: set[str] = set()
        for origin, phrase in wanted:
            key = phrase if phrase in self.definitions else phrase.rstrip("s")
            found = self.definitions.get(key)
            if found is None or set(origin.split()) <= used:
                continue
            # The defined word must be what is asked about, not one word of a longer
            # name ("a pass in the first pass yield product" is not about "product").
            said = [w for w in asked if w in origin.split() or w.rstrip("s") in key.split()]
            if len(said) < 0.3 * len(asked) / wanted_rows:
                continue
            if found[1] not in {row for _, row in rows}:
                rows.append(found)
            used.update(origin.split())
            if len(rows) >= wanted_rows:
                break
        if not rows:
            return None
        texts: list[str] = []
        cited: list[Citation] = []
        for section, row in rows:
            where = section.page_title
            if section.title != section.page_title:
                where += f" › {section.title}"
            texts.append(f"{row} (from “{where}”)")
            citation = Citation(where, section.url, section.kind, section.status)
            if citation not in cited:
                cited.append(citation)
        return Answer(
            text="\n".join(texts),
            citations=tuple(cited),
            confidence=1.0,
            answered=True,
            owner=self.facts.owner_of(rows[0][0]),
            intent="definition",
        )

    def _definitions(self) -> dict[str, tuple[IndexSection, str]]:
        """First cell of every docs table row (two columns or more) → the row."""
        found: dict[str, tuple[IndexSection, str]] = {}
        for section in self.sections:
            if section.kind != "doc":
                continue
            for passage in self.passages_of(section):
                first, _, rest = passage.text.partition("; ")
                _, colon, value = first.partition(": ")
                term = " ".join(words(value))
                row = f"{value}: {rest.partition(': ')[2] or rest}"
                # A term in several tables: the longest row is the one that defines it
                # (a glossary's sentence, not a roles table's "Named in the catalogue").
                definable = colon and rest and 0 < len(term.split()) <= 4
                if definable and (term not in found or len(row) > len(found[term][1])):
                    found[term] = (section, row)
        return found

    def _list(self, kind: str, text: str = "") -> Answer | None:
        """ "What domains / source systems do we have", "which datasets hold personal
        data": listed from the model, citing the catalogue's index."""
        p = self.platform
        if kind == "domains":
            items = [
                f"{d.name} ({d.id}, lead {p.custodians[d.lead].name})"
                if d.lead in p.custodians
                else f"{d.name} ({d.id})"
                for d in p.domains.values()
            ]
            text = f"The catalogue has {len(items)} domains: {'; '.join(items)}."
            anchor = "domains"
        elif kind == "products":
            # "Which products are live vs in build": every product under its status.
            items = []
            for status, label in _LISTED_STATUS.items():
                ids = sorted(
                    f"{x.id} · {x.title}" for x in p.products.values() if x.status is status
                )
                if ids:
                    items.append(f"{label}: {', '.join(ids)}")
            # How many, as every other listing says (and the catalogue's page heads it).
            text = f"{len(p.products)} products, by status. {'. '.join(items)}."
            cited = tuple(
                Citation(s.title, s.url, s.kind)
                for url in ("products/", "reports/onboarding/#products-by-status")
                if (s := self._by_url.get(url)) is not None
            )
            if not items:
                return None
            return Answer(text=text, citations=cited, confidence=1.0, answered=True, intent="list")
        elif kind == "decisions":
            return self._list_decisions(text)
        elif kind == "systems":
            items = [f"{s.id} ({s.name}, {s.kind})" for s in p.systems.values()]
            text = f"The catalogue lists {len(items)} systems: {'; '.join(items[:20])}."
            anchor = "systems"
        elif kind == "classified-datasets":
            level = next((c for c in Classification if c.value in text.lower()), None)
            if level is None:
                return None
            items = [d.id for d in p.datasets.values() if d.classification is level]
            more = f" and {len(items) - 25} more" if len(items) > 25 else ""
            text = (
                f"{len(items)} datasets are classified {level.value}: "
                f"{', '.join(items[:25])}{more}."
            )
            anchor = "datasets"
        else:
            items = [d.id for d in p.datasets.values() if d.has_personal_data]
            more = f" and {len(items) - 15} more" if len(items) > 15 else ""
            text = (
                f"{len(items)} datasets have columns flagged as personal data: "
                f"{', '.join(items[:15])}{more}."
            )
            anchor = "datasets"
        cited = self.facts.catalogue_index(anchor)
        if not items:
            return None
        return Answer(
            text=text,
            citations=cited,
            confidence=1.0,
            answered=True,
            intent="list",
        )

    def _list_decisions(self, text: str) -> Answer | None:
        """ "Which ADRs are superseded", "list of ADRs and their statuses": the decision
        log's records of the status the question names, else every record under its
        status; a superseded record with the record that replaced it."""
        lowered = text.lower()
        named = [s for s in _LISTED_DECISIONS if s.value in lowered]
        by_status: dict[DecisionStatus, list[str]] = {}
        for item in sorted(self.platform.decisions.values(), key=lambda d: d.number):
            if named and item.status not in named:
                continue
            label = f"{item.id} · {item.title}"
            if item.superseded_by:
                label += f" (replaced by {item.superseded_by})"
            by_status.setdefault(item.status, []).append(label)
        if not by_status:
            return None
        parts = [
            f"{_LISTED_DECISIONS[status]}: {', '.join(by_status[status])}"
            for status in _LISTED_DECISIONS
            if status in by_status
        ]
        cited = tuple(
            Citation(s.title, s.url, s.kind)
            for url in ("decisions/", "decisions/#supersede-graph")
            if (s := self._by_url.get(url)) is not None
        )
        total = len(self.platform.decisions)
        listed = sum(len(labels) for labels in by_status.values())
        # How many, as every other listing says: of the whole log when a status is named.
        head = (
            f"{listed} of the {total} decisions in the decision log"
            if named
            else f"{total} decisions in the decision log"
        )
        return Answer(
            text=f"{head}, by status. {'. '.join(parts)}.",
            citations=cited,
            confidence=1.0,
            answered=True,
            intent="list",
        )

    def _named_domain(self, reading: Reading) -> Domain | None:
        """The one domain the question names by its id or its whole name; None when it
        names none or several."""
        text = f" {normalise(reading.text)} "
        named = [
            d
            for d in self.platform.domains.values()
            if f" {normalise(d.id)} " in text or f" {normalise(d.name)} " in text
        ]
        return named[0] if len(named) == 1 else None

    def _domain_products(self, reading: Reading) -> Answer | None:
        """ "Which products are owned by the manufacturing domain": the products of the
        one domain the question names, each with its status, citing the domain's
        products section."""
        domain = self._named_domain(reading)
        if domain is None:
            return None
        held = sorted(
            (x for x in self.platform.products.values() if x.domain == domain.id),
            key=lambda x: x.id,
        )
        if not held:
            text = f"The {domain.name} domain ({domain.id}) owns no data product."
        else:
            items = ", ".join(f"{x.id} · {x.title} ({x.status})" for x in held)
            text = f"The {domain.name} domain ({domain.id}) owns {len(held)} products: {items}."
        page = self.facts.cite("domain", domain.id)
        section = self._by_url.get(f"{page.url}#products") if page is not None else None
        cited: tuple[Citation, ...] = (
            (Citation(section.page_title, section.url, "domain"),)
            if section is not None
            else tuple(c for c in (page,) if c is not None)
        )
        return Answer(text=text, citations=cited, confidence=1.0, answered=True, intent="list")

    def _domain_datasets(self, reading: Reading) -> Answer | None:
        """ "List finance datasets": the datasets of the one domain the question names by
        its id or its whole name; None when it names none or several."""
        domain = self._named_domain(reading)
        if domain is None:
            return None
        held = sorted(d.id for d in self.platform.datasets.values() if d.domain == domain.id)
        if not held:
            return None
        more = f" and {len(held) - 25} more" if len(held) > 25 else ""
        text = (
            f"The {domain.name} domain ({domain.id}) has {len(held)} datasets: "
            f"{', '.join(held[:25])}{more}."
        )
        cited = tuple(c for c in (self.facts.cite("domain", domain.id),) if c is not None)
        return Answer(text=text, citations=cited, confidence=1.0, answered=True, intent="list")

    def _datasets_named(self, reading: Reading) -> list[str]:
        """Datasets the question names: by alias, else a named system's dataset that
        best matches the question's other words."""
        found = self.catalogue.named(reading.naming)
        named = [n.dataset for n in found]
        systems = self.catalogue.systems_named(reading.naming)
        # One generic word ("customers") names a table only when no system named in
        # the question says otherwise ("the crm customers").
        loose = bool(found) and len(found[0].alias.split()) == 1
        if loose and len(systems) == 1:
            named = [d for d in named if self.platform.datasets[d].system == systems[0]]
        if named or self._product_named(reading) is not None:
            return named
        # "the crm customers dataset", "what breaks if the crm customers schema changes":
        # a system and other words name one of its tables only when the question is
        # about a table (not "how do we handle PII in the lakehouse").
        about_table = reading.kind is Kind.DATASET or reading.lineage is not None
        if len(systems) != 1 or not about_table:
            return []
        system = self.platform.systems[systems[0]]
        drop = {w for name in (system.id, system.name) for w in name.lower().split()}
        wanted = [t for t in reading.terms if t not in drop and t not in _FINDING]
        if not wanted:
            return []
        own = self.catalogue.datasets_of(system.id)
        if len(own) <= SMALL_SYSTEM:
            # A few tables: each read from the model (description, column names and
            # descriptions), best match first.
            asked_words = name_words(" ".join(wanted))
            scored = []
            for dataset_id in own:
                item = self.platform.datasets[dataset_id]
                text = " ".join([item.table, item.description, *(c.name for c in item.columns)])
                shared = len(asked_words & name_words(text))
                if shared:
                    scored.append((shared, -own.index(dataset_id), dataset_id))
            return [max(scored)[2]] if scored else []
        asked = terms(wanted, " ".join(wanted), self.synonyms)
        hits = self.search.search_terms(
            [t.alternatives for t in asked], kinds=DATASET_KINDS, limit=20, candidates=60
        )
        for hit in hits:
            dataset = dataset_of(hit.section, self.platform)
            if dataset and self.platform.datasets[dataset].system == system.id and hit.matched:
                return [dataset]
        return []

    def _terms(self, wanted: Sequence[str], reading: Reading) -> list[Term]:
        return terms(wanted, reading.text, self.synonyms)

    def _alias_words(self, reading: Reading) -> set[str]:
        """The words the question used to name its datasets and systems ("web shop
        orders"): they say which table, not which column."""
        found = {w for n in self.catalogue.named(reading.text) for w in n.alias.split()}
        for system in self.catalogue.systems_named(reading.text):
            item = self.platform.systems[system]
            found.update(words(f"{item.id} {item.name}"))
        return found

    def _name_words(self, datasets: Sequence[str]) -> set[str]:
        return {w for d in datasets for w in words(d.replace("_", " "))}

    def _product_named(self, reading: Reading) -> str | None:
        """The product the question names by most of its title's words, if it is the
        best-named thing (a dataset named as well counts against it)."""
        mentions = self.mentions.find(reading.naming)
        if not mentions:
            return self._product_by_word(reading)
        if mentions[0].kind is not Kind.PRODUCT:
            best = next((m for m in mentions if m.kind is Kind.PRODUCT), None)
            # "The platform cost allocation product": a question saying "product" names
            # the product though a dataset's name holds the same words, unless it names
            # a table as written ("is cur_production_runs shared by both products").
            said = reading.kind is Kind.PRODUCT and not _TABLE_NAME.search(reading.text)
            if (
                best is None
                or best.matched < mentions[0].matched
                or (best.share < 1.0 and not said)
            ):
                return None
            return best.id if self._names_distinctly(best.id, reading) else None
        return mentions[0].id if self._names_distinctly(mentions[0].id, reading) else None

    def _product_by_word(self, reading: Reading) -> str | None:
        """The product named by one word of its title that no other product's title
        holds and few sections use ("where does the OEE data come from")."""
        limit = DISTINCT_SHARE * len(self.sections)
        found = {
            product
            for word in content_words(reading.naming)
            if len(word) > 2 and self.search.frequency(word) <= limit
            for product in self._title_words.get(stem(word), ())
        }
        return found.pop() if len(found) == 1 else None

    def _names_distinctly(self, product: str, reading: Reading) -> bool:
        """Whether the question names the product: its whole title, or title words of
        which one is not common ("data platform" is in every other section; "scorecard"
        and "360" are not)."""
        # Title words in most sections ("data" of "Data platform cost allocation") name
        # nothing: the rest of the title is the whole of it.
        common = COMMON_SHARE * len(self.sections)
        title = {
            stem(w)
            for w in words(self.platform.products[product].title)
            if self.search.frequency(w) <= common
        }
        shared = [w for w in reading.terms if stem(w) in title]
        if title and title <= {stem(w) for w in shared}:
            return True  # the whole title
        limit = DISTINCT_SHARE * len(self.sections)
        return any(self.search.frequency(w) <= limit for w in shared)

    def _titles_only(self, product: str, reading: Reading) -> bool:
        """Whether the question holds a word of the product's title that no other
        product's title holds ("the dealer portal product" names the Dealer scorecard,
        the one product about dealers)."""
        return any(
            self._title_words.get(stem(w)) == (product,) for w in reading.terms if len(w) > 2
        )

    def _by_id(
        self, wanted: str, asks: frozenset[str] = frozenset(), text: str = "", who: bool = False
    ) -> Answer:
        product = self.platform.products.get(wanted)
        if product is not None and asks - DATASET_FACTS:
            return structured.product_facts(self.facts, product, asks, confidence=1.0, people=who)
        if product is not None:
            # Named by its id as by its title: "what is WID-7 for", "what problem does
            # WID-0007 solve" is answered with what it is for, "who consumes WID-3" with
            # where its data goes.
            lowered = text.lower()
            return structured.product(
                self.facts,
                product,
                purpose=bool(_WHAT_FOR.search(lowered)),
                outputs=bool(_OUTPUTS.search(lowered)),
                inputs=bool(_INPUTS.search(lowered)),
            )
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
        layered = self.catalogue.layered(reading.text)
        if layered is not None:
            # "How long do we keep raw pos receipts": the layer's table, not the source's.
            found = structured.dataset(self.facts, layered.dataset, confidence=1.0)
            return self._personal(reading, found, layered.dataset)
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
                self.facts,
                item,
                reading.asks,
                confidence=round(chosen.share, 3),
                people=reading.who,
            )
        found = structured.dataset(self.facts, chosen.id, confidence=round(chosen.share, 3))
        return self._personal(reading, found, chosen.id)

    def _personal(self, reading: Reading, answer: Answer, dataset: str) -> Answer:
        """A dataset's answer to "is column X personal data", opened by the yes or no
        for the columns the question names."""
        if "personal-data" not in reading.asks or not answer.answered:
            return answer
        drop = self._name_words([dataset]) | self._alias_words(reading)
        lead = catalogue.personal_columns(
            self.facts, dataset, [w for w in reading.terms if w not in drop]
        )
        return dataclasses.replace(answer, text=f"{lead} {answer.text}") if lead else answer

    def _find_dataset(self, reading: Reading) -> Answer | None:
        """ "Which table has X": datasets ranked by their catalogue section (description,
        column names and descriptions), declined below the usual coverage."""
        wanted = [t for t in reading.terms if t not in _FINDING]
        # "Which table has X and who maintains it": the table is found by X; its answer
        # names the custodian anyway, and "maintains" is in no table's description.
        head = set(words(_PARTS.split(reading.text.lower(), maxsplit=1)[0]))
        wanted = [t for t in wanted if set(words(t)) <= head] or wanted
        if not wanted:
            return None
        asked = terms(wanted, " ".join(wanted), self.synonyms)
        hits = self.search.search_terms(
            [t.alternatives for t in asked], kinds=DATASET_KINDS, limit=30, candidates=60
        )
        # A dataset is described by its description and its columns, which may be two
        # sections (a dataset page) or one (its section on a system page): the terms
        # either holds count together.
        matched: dict[str, set[str]] = {}
        score: dict[str, float] = {}
        for hit in hits:
            dataset = dataset_of(hit.section, self.platform)
            if dataset and _describes(hit.section, dataset):
                matched.setdefault(dataset, set()).update(hit.matched)
                score[dataset] = max(score.get(dataset, 0.0), hit.score)
        weights = {t.asked: self._term_weight(t) for t in asked}
        total = sum(weights.values()) or 1.0
        coverage = {d: sum(weights.get(t, 0.0) for t in m) / total for d, m in matched.items()}
        ranked = sorted(
            (d for d in matched if coverage[d] >= self.min_coverage),
            key=lambda d: score[d] * (0.25 + coverage[d]),
            reverse=True,
        )
        if not ranked:
            return None
        return structured.dataset(
            self.facts, ranked[0], confidence=round(coverage[ranked[0]], 3), also=ranked[1:3]
        )

    def _owner(self, reading: Reading) -> Answer | None:
        named = self._datasets_named(reading)
        emails = reading.email
        if named:  # "who looks after the crm customers dataset"
            found = [Match(Kind.DATASET, d, 100.0) for d in named[:MAX_NAMED]]
            return structured.owner(self.facts, found, confidence=1.0, emails=emails)
        matches = self.resolver.resolve(reading.subject, kind=reading.kind)
        if matches:
            return structured.owner(
                self.facts, matches, confidence=matches[0].score / 100, emails=emails
            )
        hits = self._confident(self._terms(reading.words, reading), kinds=OWNED_KINDS)
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
        return structured.owner(
            self.facts, [match], confidence=hits[0].coverage, lead=lead, emails=emails
        )

    def _status(self, reading: Reading) -> Answer | None:
        matches = [
            m
            for m in self.resolver.resolve(reading.subject, kind=Kind.PRODUCT)
            if m.kind is Kind.PRODUCT
        ]
        if matches:
            named = self.platform.products[matches[0].id]
            return structured.product(self.facts, named, confidence=matches[0].score / 100)
        hits = self._confident(self._terms(reading.words, reading), kinds=("product",))
        found = self.platform.products.get(hits[0].section.subject_id or "") if hits else None
        if found is None or not (
            self._names_distinctly(found.id, reading) or self._titles_only(found.id, reading)
        ):
            # A product page sharing loose words ("what happens in the catalogue") is not
            # the product asked about: the status of one not named is not an answer.
            return None
        return structured.product(self.facts, found, confidence=hits[0].coverage)

    def _decisions(self, reading: Reading) -> Answer | None:
        asked = terms(reading.words or reading.terms, reading.text, self.synonyms)
        asked, _ = self._slot(self._without_guesses(asked, reading), reading)
        hits = self._confident(asked, kinds=("decision",), limit=8)
        if not hits:
            return None
        best = hits[0].score
        close = [h for h in hits if h.score >= CLOSE_DECISIONS * best]
        found = structured.decisions(
            self.facts, close, confidence=hits[0].coverage, past=reading.history
        )
        if found is None:
            return None
        # "Why did we choose X": the passage of the best section that answers, not only
        # the outcome's first sentence.
        # A "why" is answered by the decision's section giving a reason (its outcome's
        # "because", its drivers), not by the one merely sharing most words.
        types = types_of(reading.text)
        section, evidence = hits[0].section, self.evidence(hits[0].section, asked, types)
        if required(types) and not evidence.typed:
            same = [h for h in hits[:WEIGHED] if h.section.subject_id == section.subject_id]
            for hit in same[1:]:
                other = self.evidence(hit.section, asked, types)
                if other.typed and other.coverage >= self.min_passage:
                    section, evidence = hit.section, other
                    break
        if "why" in types and not (evidence.typed and evidence.coverage >= self.min_passage):
            # The decision is found; its reason is the answer, wherever the record gives
            # it (drivers, outcome, consequences), though it shares few of the words.
            reason = self._reason_of(found, asked, types)
            if reason is not None:
                section, evidence = reason
        if evidence.quote and (evidence.coverage >= self.min_passage or evidence.typed):
            quoted = render(evidence.quote)
            if quoted not in found.text:
                where = f"{section.page_title} › {section.title}"
                text = f"{found.text} {quoted} (from “{where}”)"
                return dataclasses.replace(found, text=text)
        return found

    def _reason_of(
        self, found: Answer, asked: Sequence[Term], types: frozenset[str]
    ) -> tuple[IndexSection, Evidence] | None:
        """The passage of the leading decision's record that gives a reason and holds
        most of the question ("because", "so that", a driver), or None."""
        lead = self._by_url.get(found.citations[0].url) if found.citations else None
        if lead is None or lead.subject_id is None:
            return None
        best: tuple[IndexSection, Evidence] | None = None
        for section in self.sections:
            if section.kind != "decision" or section.subject_id != lead.subject_id:
                continue
            evidence = self.evidence(section, asked, types, required=True)
            if (
                evidence.typed
                and evidence.coverage > 0
                and (best is None or evidence.coverage > best[1].coverage)
            ):
                best = (section, evidence)
        return best

    def _usage(self, reading: Reading) -> Answer | None:
        matches = [
            m
            for m in self.resolver.resolve(reading.subject, kind=reading.kind or Kind.SYSTEM)
            if m.kind in (Kind.SYSTEM, Kind.DATASET)
        ]
        if not matches:
            return None
        return structured.usage(
            self.facts, matches[0], confidence=matches[0].score / 100, lineage=self.lineage
        )

    def _subject_of(self, section: IndexSection) -> Match | None:
        """What an owner question found by full text is about: the dataset of a dataset
        section, else the page's subject."""
        dataset = dataset_of(section, self.platform)
        if dataset is not None:
            return Match(Kind.DATASET, dataset, 0.0)
        kinds = {"system": Kind.SYSTEM, "product": Kind.PRODUCT, "domain": Kind.DOMAIN}
        kinds["custodian"] = Kind.CUSTODIAN
        kind = kinds.get(section.kind)
        if kind is None or section.subject_id is None:
            return None
        return Match(kind, section.subject_id, 0.0)

    def _without_guesses(self, asked: list[Term], reading: Reading) -> list[Term]:
        """The terms less the names no section holds among the answers the asker offers
        ("a proper tool like datahub or collibra"): guesses the content need not name,
        unlike an unknown word in what is asked ("the salary band")."""
        offered = set(reading.offered)
        kept = [
            t
            for t in asked
            if t.asked not in offered or any(self.search.frequency(a) for a in t.alternatives)
        ]
        return kept or asked

    def _confident(
        self, asked: Sequence[Term], *, kinds: Sequence[str], limit: int = 5
    ) -> list[Hit]:
        """Hits of ``kinds`` covering enough of the ``asked`` terms, best first."""
        if not asked:
            return []
        hits = self.search.search_terms([t.alternatives for t in asked], kinds=kinds, limit=limit)
        return [h for h in hits if h.coverage >= self.min_coverage]

    # -- full text ----------------------------------------------------------------------

    def _full_text(
        self,
        reading: Reading,
        *,
        kinds: Sequence[str] = CONTENT_KINDS,
        wanted: Sequence[str] | None = None,
    ) -> Answer:
        asked = terms(
            reading.terms if wanted is None else wanted,
            reading.text if wanted is None else " ".join(wanted),
            self.synonyms,
        )
        subject = None
        if wanted is None:
            asked, subject = self._slot(self._without_guesses(asked, reading), reading)
        groups = [t.alternatives for t in asked]
        weights = [t.weight for t in asked]
        hits = self.search.search_terms(groups, kinds=kinds, limit=8, weights=weights)
        if reading.focus:
            focused = self._focused(reading, hits)
            if focused:
                return self._quote(focused, asked, intent=str(reading.intent))
        if reading.intent is Intent.HOWTO:
            docs = self.search.search_terms(groups, kinds=("doc",), limit=WEIGHED, weights=weights)
            hits = _merge(docs, hits)
        product = self._product_named(reading)
        if product is not None:
            # A question naming a product by its title is about that product's page
            # first: "what metrics go into the dealer scorecard".
            own = self.search.search_terms(groups, kinds=("product",), limit=20, weights=weights)
            hits = _merge([h for h in own if h.section.subject_id == product][:3], hits)
        wants = (
            _VERSION_NUMBER
            if reading.version
            else _CLOCK
            if reading.clock
            else _AMOUNT
            if reading.money
            else _DATE
            if reading.future
            else _DATE_OR_TIME
            if reading.past_event
            else _PERSONAL_FIGURE
            if reading.personal
            else _FIGURE
            if reading.value
            else _QUANTITY
            if reading.quantity
            else None
        )
        # "The egress price per GB": a price of egress, not of storage. A price asked
        # with "how much" ("how much does our cloud storage cost") counts money: what it
        # is of is the thing priced ("storage"), not the first word after "how much".
        priced = next((t for t in asked if reading.priced and t.asked == reading.priced), None)
        counted = priced or next(
            (t for t in asked if reading.counted and t.asked == reading.counted), None
        )
        which = next((t for t in asked if reading.which and t.asked == reading.which), None)
        noun = reading.attribute.rpartition(" ")[2]
        attribute = next((t for t in asked if noun and t.asked == noun), None)
        # A table the question names is where its attributes are answered, named or not
        # (its columns show the key without the word "key").
        tables = (
            frozenset(n.dataset for n in self.catalogue.named(reading.text))
            if noun
            else frozenset()
        )
        return self._best(
            hits,
            asked,
            intent=str(reading.intent),
            wants=wants,
            types=types_of(reading.text),
            counted=counted,
            which=which,
            attribute=(reading.attribute, attribute) if attribute is not None else None,
            tables=tables,
            owner=self._possessor(reading, asked),
            periods=reading.periods if reading.value else (),
            heads=reading.counted in HEADS,
            measure=reading.measure,
            subject=subject,
            core=self._core(asked, reading),
            thing=self._thing(asked, reading),
            whole=bool(_WHOLE_LIST.search(reading.text.lower())),
            level_of=(reading.text, level_subject(reading.text)),
        )

    def _slot(self, asked: list[Term], reading: Reading) -> tuple[list[Term], list[Term] | None]:
        """The terms with the answers the asker offers ("..., YAML or JSON schema?") read
        as one slot any of them fills, and the terms of what is asked about (None when
        nothing is offered): an answer names one option, not all, and must still hold
        what is asked about them ("the system of record"), not just the options. The
        kind of thing the options are ("what format", "which tool") is the question's
        frame: an answer names it by example, and "tools" elsewhere fill nothing."""
        offered = set(reading.offered)
        if not offered:
            return asked, None
        category = _CATEGORY.search(reading.naming.lower())
        kind = category.group("noun") if category is not None else ""
        slot = [t for t in asked if set(words(t.asked)) <= offered]
        subject = [t for t in asked if t not in slot and t.asked != kind]
        if not slot or not subject:
            return asked, None
        # The slot weighs what its options weighed apart: naming one option credits
        # them all, but the question does not become easier to cover.
        merged = Term(
            tuple(dict.fromkeys(a for t in slot for a in t.alternatives)),
            weight=sum(self._term_weight(t) for t in slot),
        )
        return [*subject, merged], subject

    def _best(
        self,
        hits: Sequence[Hit],
        asked: Sequence[Term],
        *,
        intent: str,
        wants: re.Pattern[str] | None = None,
        types: frozenset[str] = frozenset(),
        counted: Term | None = None,
        which: Term | None = None,
        attribute: tuple[str, Term] | None = None,
        tables: frozenset[str] = frozenset(),
        owner: Term | None = None,
        periods: Sequence[str] = (),
        heads: bool = False,
        measure: str = "",
        subject: Sequence[Term] | None = None,
        core: Sequence[Term] = (),
        thing: Sequence[Term] = (),
        whole: bool = False,
        level_of: tuple[str, str] = ("", ""),
    ) -> Answer:
        """The hit whose best passage answers most, among the first ``WEIGHED``; declined
        when no section covers enough of the question or no passage of it does. A
        heading asking the kind of question asked (``types``) weighs in; a system the
        question names as the owner of what it asks (``owner``) must be named."""
        weighed: list[tuple[float, Hit, Evidence]] = []
        hits = [h for h in hits if not self._lists_pages(h.section)]
        # The first WEIGHED hits; when none of them answers, the next ones (a how-to
        # question weighs docs first, and the decision that answers may come after).
        for batch in (hits[:WEIGHED], hits[WEIGHED : 2 * WEIGHED]):
            if weighed:
                break
            for hit in batch:
                agrees = bool(types) and self._heading_agrees(hit.section, types)
                if (agrees and core and _heading_holds(hit.section, core)) or (
                    thing and _heading_holds(hit.section, thing)
                ):
                    # The heading asks the question less its situation ("Who is on call" for
                    # "who gets paged when the load breaks"): judged on the question itself.
                    evidence = self.evidence(hit.section, asked, types)
                    share = (1.0 + hit.coverage) / 2
                    rank = hit.score * (0.25 + share) * (0.25 + share) * (0.5 + share)
                    weighed.append((rank * AGREEING_HEADING, hit, evidence))
                    continue
                if core and hit.coverage < self.min_coverage:
                    judged = self.evidence(hit.section, core, types)
                    if required(types) and not judged.typed:
                        # "Who", "when": the passage holding that kind of fact.
                        judged = self.evidence(hit.section, core, types, required=True)
                    if (
                        judged.coverage >= 1.0
                        and self._share(core, asked) >= CORE_SHARE
                        and (owner is None or _names(hit.section, judged, owner))
                    ):
                        # The section's passage holds the whole question less its
                        # situation ("subscribe to alerts" of "... when a table I read
                        # fails its load"): judged on the question itself.
                        rank = (
                            hit.score
                            * (0.25 + hit.coverage)
                            * (0.25 + judged.coverage)
                            * (0.5 + judged.heading)
                        )
                        weighed.append((rank * CORE_RANK, hit, judged))
                        continue
                if hit.coverage < (AGREEING_COVERAGE if agrees else self.min_coverage):
                    continue
                evidence = self.evidence(hit.section, asked, types)
                if (
                    agrees
                    and hit.coverage < self.min_coverage
                    and evidence.heading < AGREEING_HEADS
                ):
                    continue  # the heading asks the right kind of question, about something else
                if evidence.coverage < self.min_passage:
                    continue
                if agrees and "happens" in types and not self._same_event(hit.section, asked):
                    continue  # "what happens when a grant expires" for a retired dataset
                if subject is not None and self.evidence(hit.section, subject).coverage < (
                    self.min_coverage
                ):
                    # Offered answers ("..., the CRM or the web shop?") are what an answer
                    # would choose between; the passage must also hold what is asked about
                    # them ("the system of record"), not just name the options.
                    continue
                if wants is not None and not any(wants.search(q) for q in evidence.quote):
                    # "How long do we keep raw data": the section's sentence giving a
                    # duration, if it holds enough of the question, not the one sharing most.
                    evidence = self.evidence(hit.section, asked, types, required=True)
                    if evidence.coverage < self.min_passage or not any(
                        wants.search(q) for q in evidence.quote
                    ):
                        continue  # "what version", "how many": the passage must hold one
                if required(types) and not evidence.typed:
                    # "Who", "when", "how long": the section's passage holding that kind
                    # of fact (a person or role, a day, a duration), if one holds enough of
                    # the question; a section holding none does not answer it, however
                    # many of its words it shares.
                    evidence = self.evidence(hit.section, asked, types, required=True)
                    if evidence.coverage < TYPED_PASSAGE * self.min_passage:
                        continue
                if wants is not None and not self._names_rarest(
                    hit.section, evidence, asked, wants, counted=counted
                ):
                    # The version, the figure, the duration of what was asked about, not
                    # of something else the section also mentions.
                    continue
                if counted is not None and not _names(hit.section, evidence, counted):
                    continue  # "how many partitions": a number of partitions, not of anything
                if which is not None and not _names(hit.section, evidence, which):
                    continue  # "which cloud region": a passage naming a region
                if owner is not None and not _names(hit.section, evidence, owner):
                    continue  # "SAP's response time": SAP's, not the platform team's
                if measure and not states_figure_of(" ".join(evidence.quote), measure):
                    continue  # "the sales of store 12": a figure of sales, not of load times
                if heads and not counts_heads(" ".join(evidence.quote)):
                    continue  # "how many people": a number of people, not of meetings
                if periods and not _names_all(hit.section, evidence, periods):
                    continue  # "the sales in march": a figure of march, not of any month
                # A heading that asks the question (FAQ-style docs) is the strongest sign.
                rank = (
                    hit.score
                    * (0.25 + hit.coverage)
                    * (0.25 + evidence.coverage)
                    * (0.5 + evidence.heading)
                )
                if agrees:
                    rank *= AGREEING_HEADING
                if evidence.typed and not recognisable(types):
                    # Near-tied sections: the one whose passage holds the kind of answer
                    # asked (a step for "how do I", a place for "where") beats one that
                    # only shares the question's words. (A kind that must be held, a
                    # person for "who", is held by every section weighed here.)
                    rank *= KIND_RANK
                if wants in (_QUANTITY, _AMOUNT) and recognisable(types):
                    # "How long does the exercise take": the amount stated beside the thing
                    # asked about, not one beside the page's title only.
                    rank *= 0.5 + evidence.alone
                weighed.append((rank, hit, evidence))
        if "level" in types:
            # "The SLA of X", on every path above (a heading asking the question, the
            # question less its situation): a figure stated for X, not another's table.
            weighed = [w for w in weighed if self._levels_of(w[1].section, w[2], level_of)]
        if attribute is not None:
            # "The budget for the project", on every path above: a passage naming a
            # budget, not the project's other facts.
            weighed = [
                w
                for w in weighed
                if w[1].section.subject_id in tables
                or _names_attribute(w[1].section, w[2], *attribute)
            ]
        if not weighed:
            return Answer(text=DECLINED, intent=intent)
        weighed.sort(key=lambda item: item[0], reverse=True)
        chosen = [hit for _, hit, _ in weighed]
        ordered = chosen + [h for h in hits if h not in chosen]
        evidence = weighed[0][2]
        if whole:
            evidence = self._whole_list(chosen[0].section, evidence)
        return self._quote(ordered, asked, intent=intent, evidence=evidence, types=types)

    def _whole_list(self, section: IndexSection, evidence: Evidence) -> Evidence:
        """The evidence with every item of the list (or rows of the table) its quote was
        taken from, in order and within the length budget: "what alternatives were
        considered" asks for all of them, not the one sharing most words."""
        found = self.passages_of(section)
        texts = [p.text.strip() for p in found]
        blocks = {found[texts.index(q)].block for q in evidence.quote if q in texts}
        if len(blocks) != 1:
            return evidence
        (block,) = blocks
        items = [t for p, t in zip(found, texts, strict=True) if p.block == block]
        if len(items) <= len(evidence.quote):
            return evidence
        quote: list[str] = []
        used = 0
        for text in items:
            if used and used + len(text) > MAX_QUOTE_CHARS:
                break
            quote.append(text)
            used += len(text)
        if not set(evidence.quote) <= set(quote):
            return evidence
        return dataclasses.replace(evidence, quote=tuple(quote))

    def _core(self, asked: Sequence[Term], reading: Reading) -> list[Term]:
        """The terms of the question less its situation ("who gets paged" of "... when
        the nightly load breaks"), when the situation is one the portal knows of: at
        least half its words are in some section. A printer jam is not the platform's."""
        # Times and numbers ("at 3am", "on floor 3") are details of the situation.
        core = [
            t
            for t in asked
            if set(words(t.asked)) <= set(reading.core) and not any(c.isdigit() for c in t.asked)
        ]
        situation = [t for t in asked if t not in core and not any(c.isdigit() for c in t.asked)]
        known = [t for t in situation if any(self.search.frequency(a) for a in t.alternatives)]
        return core if 2 * len(known) >= len(situation) else []

    def _share(self, part: Sequence[Term], asked: Sequence[Term]) -> float:
        """The IDF-weighted share of ``asked`` that ``part`` holds."""
        total = sum(self._term_weight(t) for t in asked) or 1.0
        return sum(self._term_weight(t) for t in part) / total

    def _thing(self, asked: Sequence[Term], reading: Reading) -> list[Term]:
        """The terms of what "is there an X where ..." asks to exist, when one of them is
        specific (in at most DISTINCT_SHARE of the sections): a section headed by it
        answers whether it exists and how it works."""
        named = {stem(w) for w in words(reading.exists)}
        found = [t for t in asked if named and {stem(w) for w in words(t.asked)} <= named]
        limit = DISTINCT_SHARE * len(self.sections)
        specific = any(0 < self.search.frequency(w) <= limit for t in found for w in words(t.asked))
        return found if specific else []

    def _lists_pages(self, section: IndexSection) -> bool:
        """Whether the section is a list of other pages (a dataset's decisions, the
        products using it): each row links a page by its title, so it holds the words
        of many questions and answers none; the page it links does."""
        if section.kind not in CATALOGUE_KINDS:
            return False  # written pages: a table of links there is what the author says
        found = self._listing.get(section.url)
        if found is None:
            markdown = self._sections_of(section.src_uri).get(section.anchor) or ""
            lines = markdown.splitlines()
            # Body rows: HTML rows of cells, Markdown rows but the header (the line
            # above a |---| rule) and the rule.
            rows = [
                line
                for line, below in zip(lines, [*lines[1:], ""], strict=False)
                if line.startswith("<tr><td")
                or (line.startswith("|") and "---" not in line and "---" not in below)
            ]
            linked = sum(1 for row in rows if "<a href=" in row or "](" in row)
            prose = sum(
                len(line) for line in markdown.splitlines() if not line.startswith(("<", "|"))
            )
            found = len(rows) >= 2 and linked >= LISTED_ROWS * len(rows) and prose < LISTED_PROSE
            if len(self._listing) < 50_000:
                self._listing[section.url] = found
        return found

    def _same_event(self, section: IndexSection, asked: Sequence[Term]) -> bool:
        """Whether a heading asking "what happens when Y" shares a word of the question
        besides "happens": its answer is about Y, and Y must be what was asked about."""
        event = [t for t in asked if t.asked not in HAPPENS]
        return bool(event) and self.evidence(section, event).heading > 0

    def _heading_agrees(self, section: IndexSection, types: frozenset[str]) -> bool:
        """Whether the section's own heading (not its page's title) asks the kind of
        question ``types`` says was asked."""
        if section.title == section.page_title:
            return False
        return agree(types, types_of(section.title))

    def _possessor(self, reading: Reading, asked: Sequence[Term]) -> Term | None:
        """The asked term for a system the question names as the owner of what it asks
        ("SAP's support response time", "the crm's load window"), or None."""
        word = self._possessive_system(reading)
        return next((t for t in asked if t.asked == word), None) if word else None

    def _possessive_system(self, reading: Reading) -> str:
        """The word before "'s" that names a system ("sap" of "SAP's support"), or ""."""
        for word in _POSSESSIVE.findall(reading.text.lower()):
            if self.catalogue.systems_loosely_named(word) or self.catalogue.systems_named(word):
                return str(word)
        return ""

    def _names_rarest(
        self,
        section: IndexSection,
        evidence: Evidence,
        asked: Sequence[Term],
        wants: re.Pattern[str] = _VERSION_NUMBER,
        *,
        counted: Term | None = None,
    ) -> bool:
        """Whether a quoted sentence holding what ``wants`` asks for (a version, a
        figure, a duration) also names (with its heading) the rarest known thing asked
        about: "which version of Dagster" is not answered by "publish a new version
        (_v2)" of a table, nor "what does an engineer earn" by "writing an ADR takes an
        hour"."""
        known = [
            t
            for t in asked
            if not t.asked.startswith("version")
            and any(self.search.frequency(a) for a in t.alternatives)
        ]
        # "How many TB is the lakehouse": the unit counted names no thing; the figure
        # must be of something else asked about ("1 TB" of a query limit is not).
        if counted is not None and len(known) > 1:
            known = [t for t in known if t.asked != counted.asked]
        rarest = max(known, key=self._term_weight, default=None)
        if rarest is None:
            return True
        # A version must be of the rarest thing named ("Dagster", not "table"); a figure
        # or a duration, of anything asked about (its sentence may name the thing by
        # another of the question's words: "raw data is kept 90 days").
        wanted = [rarest] if wants is _VERSION_NUMBER else known
        context = f"{section.title} {section.page_title}"
        forms = [{stem(w) for w in words(a)} for t in wanted for a in t.alternatives]
        for quote in evidence.quote:
            if wants.search(quote):
                held = {stem(w) for w in words(f"{quote} {context}")}
                if wants is _DATE:
                    # When something will happen: a date in a sentence about that
                    # change, not any date of the section ("in 2024" of its cost).
                    named = sum(
                        any({stem(w) for w in words(a)} <= held for a in t.alternatives)
                        for t in known
                    )
                    if named * 2 > len(known):
                        return True
                elif wants is _PERSONAL_FIGURE:
                    # Someone's phone number: a sentence naming them and what is asked.
                    if all(
                        any({stem(w) for w in words(a)} <= held for a in t.alternatives)
                        for t in known
                    ):
                        return True
                elif any(form <= held for form in forms):
                    return True
        return False

    def _levels_of(
        self,
        section: IndexSection,
        evidence: Evidence,
        level: tuple[str, str],
    ) -> bool:
        """Whether the quote states the level asked (``level``: the question and what it
        asks the level of; a percentage for an uptime, a duration for a latency) and
        names, with the section's heading and page title, each thing the level is asked
        of: "what's the SLA for the dealer portal" is not answered by the support desk's
        response times, though a row of theirs mentions dealers."""
        question, subject = level
        # Each word of what the level is asked of that the portal knows at all (a typo
        # names nothing), whether or not the search kept it among the asked terms; of
        # three or more, one may be missing ("the web shop stock API": its SLA row says
        # "the endpoint").
        known = {stem(w) for w in content_words(subject) if self.search.frequency(w)}
        missing = 1 if len(known) >= LEVEL_WORDS_NAMED else 0
        context = f"{section.title} {section.page_title}"
        for quote in evidence.quote:
            if not states_level(question, quote):
                continue
            # The sentence or row stating the figure, with its heading and page title: a
            # table's other rows may name the thing for another reason.
            if len(known - {stem(w) for w in words(f"{quote} {context}")}) <= missing:
                return True
        return False

    def evidence(
        self,
        section: IndexSection,
        asked: Sequence[Term],
        types: frozenset[str] = frozenset(),
        *,
        required: bool = False,
    ) -> Evidence:
        """How well the section's best passages answer; with the question's ``types``, a
        passage holding that kind of answer (a time, a role) is preferred."""
        context = f"{section.title} {section.page_title}"
        heading = section.title if section.title != section.page_title else ""

        def answers(text: str) -> bool:
            return holds_answer(types, text, self._people)

        return weigh(
            [p for p in self.passages_of(section) if not _KEYWORD_ROW.match(p.text)],
            context,
            asked,
            self._term_weight,
            heading=heading,
            answers=answers if preferable(types) else None,
            required=required and recognisable(types),
        )

    def _term_weight(self, term: Term) -> float:
        if term.weight is not None:
            return term.weight
        return min(self.search.weight(alternative) for alternative in term.alternatives)

    def passages_of(self, section: IndexSection) -> list[Passage]:
        """The section's passages, cut from its page's Markdown on first use (the first
        ``MAX_PASSAGES``: an index table of 10,000 rows is not read row by row)."""
        found = self._passages.get(section.url)
        if found is None:
            markdown = self._sections_of(section.src_uri).get(section.anchor)
            found = passages(markdown)[:MAX_PASSAGES] if markdown is not None else []
            if len(self._passages) < 20_000:
                self._passages[section.url] = found
        return found

    def _sections_of(self, src_uri: str) -> dict[str, str]:
        """A page's sections' Markdown by anchor, split once per page (and cut to
        ``MAX_SECTION_CHARS`` each)."""
        found = self._split.get(src_uri)
        if found is None:
            body = self._bodies.get(src_uri, "")
            found = {raw.anchor: raw.markdown[:MAX_SECTION_CHARS] for raw in split_sections(body)}
            if len(self._split) > 2_000:
                self._split.clear()
            self._split[src_uri] = found
        return found

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

    def _quote(
        self,
        hits: Sequence[Hit],
        asked: Sequence[Term],
        *,
        intent: str,
        evidence: Evidence | None = None,
        types: frozenset[str] = frozenset(),
    ) -> Answer:
        top = hits[0]
        section = top.section
        if evidence is None:
            evidence = self.evidence(section, asked)
        where = section.page_title
        if section.title != section.page_title:
            where += f" › {section.title}"
        if evidence.quote:
            body = render(self._typed(section, evidence.quote, asked, types))
        elif section.text:
            body = snippet(section.summary or section.text)
        else:
            body = section.title
        sentences = [f"{body} (from “{where}”)"]
        cited: list[Citation] = []
        note, extra = self._status_note(section)
        if note:
            sentences.insert(0, note)
        if extra is not None:
            cited.append(extra)
        seen = {c.url for c in cited}
        for hit in hits:
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

    def _typed(
        self,
        section: IndexSection,
        quote: tuple[str, ...],
        asked: Sequence[Term],
        types: frozenset[str],
    ) -> tuple[str, ...]:
        """The quote, with the section's passage that holds the kind of answer asked
        (a role or a person for "who", a time for "when" and "how long") added when the
        best-matching passages hold none: "who approves an ADR" is answered by the
        sentence naming the architect, which need not repeat "approve" or "ADR"."""
        if not types or any(holds_answer(types, q, self._people) for q in quote):
            return quote
        candidates = [
            p.text.strip()
            for p in self.passages_of(section)
            if p.text.strip() not in quote and holds_answer(types, p.text, self._people)
        ]
        if not candidates:
            return quote
        held = [{stem(w) for w in words(c)} for c in candidates]
        wanted = {stem(w) for t in asked for a in t.alternatives for w in words(a)}
        best = max(range(len(candidates)), key=lambda i: (len(held[i] & wanted), -i))
        added = candidates[best]
        if sum(len(q) for q in quote) + len(added) > MAX_QUOTE_CHARS:
            return quote
        order = [p.text.strip() for p in self.passages_of(section)]
        return tuple(sorted((*quote, added), key=lambda q: order.index(q) if q in order else 0))

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


def _names(section: IndexSection, evidence: Evidence, term: Term) -> bool:
    """Whether the quoted passages (with the section's heading) hold ``term``."""
    held = {stem(w) for w in words(" ".join((section.title, *evidence.quote)))}
    return any({stem(w) for w in words(a)} <= held for a in term.alternatives)


def _names_attribute(section: IndexSection, evidence: Evidence, attribute: str, term: Term) -> bool:
    """Whether the quoted passages (with the section's heading) name the attribute asked
    ("what's the <attribute> of X"): the noun or one of its synonyms, after the modifier
    when the attribute has one ("account manager": those words in a row, in the
    passages, the heading or the page's title; not an "account" in one clause and a
    "manager" in the next)."""
    *modifier, _ = attribute.split()
    if not modifier:
        return _names(section, evidence, term)
    # The page's title too: "Naming conventions for tables" names the attribute of each
    # of its sections.
    held = [stem(w) for w in words(" ".join((section.page_title, section.title, *evidence.quote)))]
    for alternative in term.alternatives:
        wanted = [stem(w) for w in words(f"{modifier[0]} {alternative}")]
        width = len(wanted)
        if any(held[i : i + width] == wanted for i in range(len(held) - width + 1)):
            return True
    return False


def _names_all(section: IndexSection, evidence: Evidence, names: Sequence[str]) -> bool:
    """Whether the quoted passages (with the section's heading) hold each of ``names``."""
    held = " ".join((section.title, *evidence.quote)).lower()
    return all(re.search(rf"\b{re.escape(name)}\b", held) for name in names)


def _names_page(section: IndexSection, asked: Sequence[Term]) -> bool:
    """Whether the ``asked`` terms hold every word of the section's page title (as
    stems): the question names the page."""
    held = {stem(w) for t in asked for a in t.alternatives for w in words(a)}
    title = {stem(w) for w in content_words(section.page_title)}
    return bool(title) and title <= held


def _heading_holds(section: IndexSection, asked: Sequence[Term]) -> bool:
    """Whether the section's own heading holds every one of the ``asked`` terms."""
    held = {stem(w) for w in words(section.title)}
    return all(any({stem(w) for w in words(a)} <= held for a in t.alternatives) for t in asked)


def _merged(answers: Sequence[Answer]) -> Answer:
    """The answers to a message's questions as one: their texts in order, their first
    citations first (each question's best source is among the first cited)."""
    if len(answers) == 1:
        return answers[0]
    cited: list[Citation] = []
    for rank in range(max(len(a.citations) for a in answers)):
        for answer in answers:
            if rank < len(answer.citations) and answer.citations[rank] not in cited:
                cited.append(answer.citations[rank])
    first = answers[0]
    return dataclasses.replace(
        first,
        text="\n\n".join(a.text for a in answers),
        citations=tuple(cited[:MAX_CITATIONS]),
        confidence=min(a.confidence for a in answers),
    )


def _merge(first: Sequence[Hit], then: Sequence[Hit]) -> list[Hit]:
    """``first`` then the hits of ``then`` not already in it."""
    seen = {h.section.url for h in first}
    return [*first, *(h for h in then if h.section.url not in seen)]


def _describes(section: IndexSection, dataset: str) -> bool:
    """Whether ``section`` describes ``dataset`` itself (its description and columns),
    not its neighbours: a dataset page's lineage and used-by sections name other
    datasets and products, and must not make it "the table that has X"."""
    return section.kind == "system" or section.title == dataset or section.anchor == "columns"
