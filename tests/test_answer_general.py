"""Mechanisms that make the answering engine general (benchmarks/README.md, answering
engine, sixth round): an everyday English word the docs rarely use weighs less than a
rare one, so it does not sink a question the docs answer, while an off-topic noun still
does.

Every question here is worded by this file, not taken from the benchmark's sets."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath

import pytest
from sample_answers import doc_page, doc_section, small_platform

from paved.bot.answer import general
from paved.bot.answer.engine import CHANGE_LOG, Engine
from paved.bot.answer.intents import read
from paved.bot.answer.passages import weigh
from paved.bot.answer.query import Term, Vocabulary
from paved.bot.answer.ranking import SectionSearch, stem
from paved.bot.answer.synonyms import Synonyms, built_in
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.index import Passage
from paved.generator.core.model import DocPage
from paved.generator.core.render.changes import CHANGES
from paved.generator.core.render.site import render_site

MEETUP_DOC = """# Guild meetups

The guilds meet in person and online.

## When is the modelling meetup

The modelling meetup is on the first Wednesday of every month at 16:00 in room Fjord.

## Lightning talks

Anyone may give a five-minute lightning talk at a meetup; sign up in the guild channel.
"""

ONBOARDING_DOC = """# Onboarding

Everything a person joining the analytics guild needs.

## What should I do in my first week

Install the SQL client, request the reader role and book a pairing hour with your buddy.

## Who approves the reader role

The guild lead approves it within a day.
"""

TERMS_DOC = """# Terms

## Delivery terms

| Term | Meaning |
|---|---|
| Lead time | From the first commit of a request to its release. |
| Cycle time | From the start of work on a change to its release. |
| Toil | Manual, repetitive work that a script could do. |
"""


def _doc(path: str, title: str, body: str) -> DocPage:
    return doc_page(path, title, body, owner="platform@example.org")


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    page = _doc("community/meetups.md", "Guild meetups", MEETUP_DOC)
    onboarding = _doc("onboarding.md", "Onboarding", ONBOARDING_DOC)
    glossary = _doc("terms.md", "Terms", TERMS_DOC)
    docs = {page.path: page, onboarding.path: onboarding, glossary.path: glossary}
    platform = dataclasses.replace(platform, docs={**platform.docs, **docs})
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


# -- everyday words -------------------------------------------------------------------


def test_english_frequencies_rank_everyday_words_above_topic_words() -> None:
    assert general.zipf("the") > general.zipf("usually") > general.zipf("salary") > 0
    assert general.zipf("qwzxv") == 0.0


@pytest.mark.parametrize("word", ["usually", "place", "instead", "right"])
def test_an_everyday_word_is_capped(word: str) -> None:
    assert general.capped(word, 6.0, top=6.0) < 6.0


@pytest.mark.parametrize("word", ["salary", "parking", "canteen", "kafka", "churn"])
def test_a_topic_word_keeps_its_weight(word: str) -> None:
    assert general.capped(word, 6.0, top=6.0) == 6.0


def test_the_commonest_words_weigh_least() -> None:
    assert general.capped("new", 6.0, top=6.0) == pytest.approx(6.0 * general.EVERYDAY_SHARE)
    assert general.capped("take place", 6.0, top=6.0) == 6.0  # phrases are kept


def test_an_everyday_verb_the_docs_lack_does_not_decline(engine: Engine) -> None:
    answer = engine.ask("when is the modelling meetup held nowadays?")
    assert answer.answered, answer.text
    assert answer.citations[0].url.endswith("#when-is-the-modelling-meetup")
    assert "Wednesday" in answer.text


def test_an_off_topic_noun_the_docs_lack_still_declines(engine: Engine) -> None:
    answer = engine.ask("how big is the catering budget for the modelling meetup?")
    assert not answer.answered, answer.text


def test_coverage_weighs_an_unknown_everyday_word_below_an_unknown_topic_word() -> None:
    search = SectionSearch(
        [
            doc_section("meetup", "The modelling meetup is on the first Wednesday at 16:00."),
            doc_section("talks", "Lightning talks last five minutes each."),
            doc_section("channels", "Ask in the guild channel."),
            *(
                doc_section(f"page{n}", f"Unrelated page number {n} about tables.")
                for n in range(8)
            ),
        ]
    )
    try:
        everyday = search.search_terms([("modelling",), ("meetup",), ("held",)])[0]
        topical = search.search_terms([("modelling",), ("meetup",), ("salary",)])[0]
        assert search.weight("held") < search.weight("salary")
        assert everyday.coverage > topical.coverage
        assert everyday.coverage >= 0.8 > topical.coverage
    finally:
        search.close()


# -- slips in inflected words ---------------------------------------------------------


def _vocabulary(*texts: str) -> Vocabulary:
    search = SectionSearch([doc_section(f"s{n}", text) for n, text in enumerate(texts)])
    return Vocabulary.of(texts, stemmed=lambda word: search.frequency(word) > 0, stem=stem)


def test_a_slip_in_an_inflected_word_is_corrected_by_its_stem() -> None:
    vocabulary = _vocabulary(
        "Wide tables are denormalised before loading.", "Tables are partitioned by day."
    )
    # Three edits from "denormalised", one from its stem.
    assert vocabulary.correct("denormalsing") == "denormalised"


def test_a_word_without_a_close_stem_is_kept() -> None:
    vocabulary = _vocabulary("Wide tables are denormalised before loading.")
    assert vocabulary.correct("aggregating") is None  # an English word: not a slip
    assert vocabulary.correct("anotherthing") is None


@pytest.mark.parametrize("word", ["brought", "seems", "feels", "locked"])
def test_a_common_word_missing_from_the_word_list_is_not_a_slip(word: str) -> None:
    """GCIDE's list holds few inflected forms: a word this common in English (wordfreq)
    is what the asker wrote, not a slip for the index word one letter away."""
    vocabulary = _vocabulary(
        "The vendor bought the licence; everyone sees the feeds.", "Nobody looked twice."
    )
    assert vocabulary.correct(word) is None
    assert vocabulary.correct("bougth") == "bought"  # a slip is still corrected


# -- generic words of working life ------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "means"),
    [
        ("newcomer", "first week"),
        ("new starter", "new joiner"),
        ("workbook", "spreadsheet"),
        # Whom to escalate to out of hours is whoever is on call.
        ("escalate", "on call"),
        ("escalation", "paged"),
        # What is in scope is what something covers.
        ("scope", "covers"),
        ("in scope", "coverage"),
    ],
)
def test_generic_words_have_their_synonyms(word: str, means: str) -> None:
    assert means in Synonyms.build(built_in()).of(word)


def test_a_newcomer_asking_what_to_do_first_is_answered(engine: Engine) -> None:
    answer = engine.ask("newcomer to the analytics guild here, what comes first?")
    assert answer.answered, answer.text
    assert answer.citations[0].url.startswith("onboarding/")


# -- lineage worded as a verb ---------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "which sources populate the returns_weekly table?",
        "what tables feed cur_invoices",
        # "Where does X <get> from", whatever the verb of getting.
        "where does the invoices dashboard pull from",
        "where does cur_invoices take its rows from?",
        "where does the returns report draw its figures from",
    ],
)
def test_what_fills_a_table_asks_upstream(question: str) -> None:
    assert read(question).lineage == "up"


@pytest.mark.parametrize(
    "question",
    ["which dashboards read from cur_invoices?", "is anything reading from the returns table"],
)
def test_what_reads_a_table_asks_downstream(question: str) -> None:
    assert read(question).lineage == "down"


def test_reading_a_table_is_not_lineage() -> None:
    assert read("how do i read the returns table in a notebook").lineage is None


# -- reports: the portal's state today ------------------------------------------------


def test_a_report_heading_answers_a_question_about_the_current_state(engine: Engine) -> None:
    answer = engine.ask("are there any products lacking a business owner at the moment?")
    assert answer.answered, answer.text
    assert answer.citations[0].url == "reports/ownership/#products-without-an-owner"


def test_a_figure_of_a_period_is_still_declined(engine: Engine) -> None:
    assert not engine.ask("how many products were onboarded last quarter?").answered
    assert not engine.ask("how many tills are offline right now").answered


# -- quoting: small tables whole, comparisons term by term -----------------------------


def _term(word: str) -> Term:
    return Term((word,))


def test_a_small_table_answering_under_its_heading_is_quoted_whole() -> None:
    """The heading asks the question; the rows, which repeat none of its words, are the
    answer together."""
    found = [
        Passage("Day: Monday; Time: 09:00; Room: Fjord", 0),
        Passage("Day: Friday; Time: 13:00; Room: Tind", 0),
        Passage("Bring a laptop.", 1),
    ]
    evidence = weigh(
        found,
        "Pairing sessions",
        [_term("pairing"), _term("sessions")],
        lambda _: 1.0,
        heading="When are pairing sessions",
    )
    assert any("Monday" in q for q in evidence.quote)
    assert any("Friday" in q for q in evidence.quote)
    assert "Bring a laptop." not in evidence.quote


def test_a_long_table_is_not_quoted_whole() -> None:
    rows = [Passage(f"Day: day {n}; Room: room {n}", 0) for n in range(8)]
    evidence = weigh(rows, "Rooms", [_term("room"), _term("3")], lambda _: 1.0)
    assert len(evidence.quote) < len(rows)


def test_a_comparison_is_not_asked_of_the_word_difference() -> None:
    reading = read("what's the difference between a draft and a submitted wid?")
    assert "difference" not in reading.terms
    assert {"draft", "submitted"} <= set(reading.terms)


def test_a_comparison_defines_each_term(engine: Engine) -> None:
    answer = engine.ask("what's the difference between lead time and cycle time?")
    assert answer.intent == "definition", answer.text
    assert "From the first commit" in answer.text
    assert "From the start of work" in answer.text


def test_a_definition_question_still_defines_one_term(engine: Engine) -> None:
    answer = engine.ask("what does cycle time mean?")
    assert answer.intent == "definition", answer.text
    assert "From the start of work" in answer.text
    assert "From the first commit" not in answer.text


# -- catalogue: products using data built from a source -------------------------------


@pytest.fixture(scope="module")
def halden() -> Iterator[Engine]:
    built = Engine.from_root(Path(__file__).resolve().parent.parent)
    yield built
    built.close()


def test_products_reading_data_built_from_a_system_are_listed(halden: Engine) -> None:
    answer = halden.ask("what products depend on the crm system?")
    assert answer.intent == "usage", answer.text
    direct = {p.id for p in halden.platform.products.values() if "crm" in p.upstream_systems}
    further = [pid for pid in halden.lineage.system_used_by("crm") if pid not in direct]
    assert further, "the example has a product reading a curated copy of CRM data"
    _, _, indirect = answer.text.partition("Reading data built from it:")
    assert all(pid in indirect for pid in further)
    assert not any(pid in indirect for pid in direct)


# -- catalogue: a person's duties, a system's datasets --------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what does Ada Berg look after?",
        "what is ada berg the custodian of",
        "what does ada berg own",
    ],
)
def test_what_a_person_looks_after_lists_their_systems_and_datasets(
    engine: Engine, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.intent == "duties", answer.text
    assert "till" in answer.text
    assert "till.receipts" in answer.text
    assert answer.citations[0].url == "catalogue/custodians/ada-berg/"


def test_duties_of_someone_the_catalogue_does_not_know_are_not_made_up(engine: Engine) -> None:
    answer = engine.ask("what does Zygmunt Quist look after?")
    assert answer.intent != "duties"


def test_which_tables_come_from_a_system_cites_its_page(engine: Engine) -> None:
    answer = engine.ask("which tables come from the till system?")
    assert answer.intent == "system-datasets", answer.text
    assert "till.receipts" in answer.text
    assert "till.stores" in answer.text
    assert answer.citations[0].url.startswith("catalogue/systems/till/")


def test_a_comparison_in_the_plural_or_misspelt_is_a_definition_question() -> None:
    assert read("whats the differences between bronze and gold tables").defines
    assert read("any difference between a grant and a role?").defines


def test_a_report_heading_asking_the_whole_question_answers_first(engine: Engine) -> None:
    answer = engine.ask("which datasets have no description?")
    assert answer.answered, answer.text
    assert answer.citations[0].url == "reports/ownership/#datasets-without-a-description"


def test_the_time_of_a_question_about_the_current_state_is_not_a_term(engine: Engine) -> None:
    answer = engine.ask("are there products without an owner this quarter?")
    assert answer.citations[0].url == "reports/ownership/#products-without-an-owner"


def test_a_question_about_owners_that_lists_nothing_is_not_answered_by_a_report(
    engine: Engine,
) -> None:
    answer = engine.ask("what do product owners do?")
    assert not any(c.url.startswith("reports/") for c in answer.citations), answer.text


# -- questions of two parts -----------------------------------------------------------


def test_the_second_part_of_a_question_is_quoted_too(engine: Engine) -> None:
    answer = engine.ask("which reader role do newcomers request, and who approves the reader role?")
    assert answer.answered, answer.text
    assert "Install the SQL client" in answer.text or "request the reader role" in answer.text
    assert "guild lead approves it" in answer.text


def test_a_question_of_one_part_is_quoted_once(engine: Engine) -> None:
    answer = engine.ask("who approves the reader role for the analytics guild?")
    assert answer.text.count("(from") == 1, answer.text


# -- what changed lately: the change log page ------------------------------------------


@pytest.mark.parametrize(
    ("question", "recent"),
    [
        ("what's new on the site lately?", True),
        ("anything changed? what has been added to the docs this week", True),
        ("what changed on the portal", True),
        # A change to one thing named, or a past decision: not the change log.
        ("what changed in the tandem lending rules", False),
        ("what replaced the old booking form", False),
    ],
)
def test_what_changed_lately_is_read_as_a_change_log_question(question: str, recent: bool) -> None:
    assert read(question).recent is recent


def test_what_changed_lately_cites_the_change_log(engine: Engine) -> None:
    """The "What changed" page is written from git history at build time, so the bot's
    index never holds it; the question is answered with a link to it."""
    answer = engine.ask("hi! what's new on the portal lately?")
    assert answer.answered
    assert [c.url for c in answer.citations] == ["changes/"]
    assert "What changed" in answer.text


def test_the_change_log_is_where_the_build_writes_it() -> None:
    assert PurePosixPath(CHANGES).stem + "/" == CHANGE_LOG


def test_without_a_change_log_the_question_is_not_pointed_at_one() -> None:
    platform = small_platform()
    built = Engine(platform, render_site(platform, GitFacts.empty()), change_log=None)
    try:
        answer = built.ask("what's new on the portal lately?")
        assert all(c.url != "changes/" for c in answer.citations)
    finally:
        built.close()
