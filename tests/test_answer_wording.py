"""How a question's wording is read (benchmarks/README.md, answering engine, fifth
round): answers the asker offers fill one slot, a concept the content never names makes
the question unanswerable, adverbs of manner are not subject words, and a question about
a past decision is answered with that decision and what replaced it.

Every question here is worded differently from the benchmark's: the mechanisms must hold
beyond the questions that showed the need for them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from sample_answers import decision, doc_section, small_platform

from paved.bot.answer.asktypes import holds_answer, recognisable, types_of
from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import read
from paved.bot.answer.passages import weigh
from paved.bot.answer.query import Term, manner, terms
from paved.bot.answer.ranking import SectionSearch
from paved.bot.answer.synonyms import Synonyms, built_in
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.index import Passage
from paved.generator.core.load.markdown import find_sections
from paved.generator.core.model import DocPage
from paved.generator.core.render.site import render_site

STORAGE_DOC = """# Where data lives

Every table of the platform is kept in one place.

## How are tables stored

Tables are Parquet files in a bucket of the cloud object store, one folder per table.

## Which editor do analysts use

Analysts write SQL in the browser editor; engineers may use notebooks.

## Who is on call

A platform engineer on the weekly rotation answers every alert, day and night.

## How are customers kept apart

The web shop keeps customer accounts; the till system keeps loyalty cards. Both are
loaded every night.
"""


HELP_DOC = """# Getting help

We answer in the help channel.

## Clinic

Every Thursday at 14:00 the platform team holds a clinic: drop by without a ticket.

## How fast do we answer

First response within 30 minutes for incidents and within one working day for questions.

"""
# A page about one thing, whose sections all hold its name through the page title.
WALKTHROUGH_DOC = """# Walkthrough

New colleagues do the walkthrough in their first week; it takes about an hour.

## Clean up afterwards

Delete your walkthrough branch and your walkthrough notes once the review is read.

Sandbox tables are emptied after 30 days anyway.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    page = DocPage(
        path="data/storage.md",
        title="Where data lives",
        owner="platform@example.org",
        review_by=None,
        sections=tuple(find_sections(STORAGE_DOC, 1)),
        body=STORAGE_DOC,
    )
    help_page = DocPage(
        path="help.md",
        title="Getting help",
        owner="platform@example.org",
        review_by=None,
        sections=tuple(find_sections(HELP_DOC, 1)),
        body=HELP_DOC,
    )
    walkthrough = DocPage(
        path="walkthrough.md",
        title="Walkthrough",
        owner="platform@example.org",
        review_by=None,
        sections=tuple(find_sections(WALKTHROUGH_DOC, 1)),
        body=WALKTHROUGH_DOC,
    )
    # The ingestion decisions affect the till system: its datasets' pages list them.
    decisions = {
        k: dataclasses.replace(d, affected_systems=("till",)) if d.number < 3 else d
        for k, d in platform.decisions.items()
    }
    platform = dataclasses.replace(
        platform,
        docs={
            **platform.docs,
            page.path: page,
            help_page.path: help_page,
            walkthrough.path: walkthrough,
        },
        decisions=decisions,
    )
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


# -- adverbs of manner ----------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["physically", "properly", "directly", "easily", "manually", "fully"]
)
def test_adverbs_of_manner_are_recognised(word: str) -> None:
    assert manner(word)


@pytest.mark.parametrize(
    "word", ["weekly", "nightly", "daily", "early", "only", "family", "badly", "apply"]
)
def test_schedules_and_other_ly_words_are_not_manner(word: str) -> None:
    assert not manner(word)


def test_an_adverb_of_manner_is_not_a_subject_word() -> None:
    asked = terms(("tables", "actually", "physically", "kept"), "", Synonyms.build(built_in()))
    assert [t.asked for t in asked] == ["tables", "kept"]


def test_an_adverb_the_vocabulary_knows_stays_a_subject_word() -> None:
    """ "Locally" has synonyms (laptop, my machine): the vocabulary says it matters."""
    asked = terms(("run", "checks", "locally"), "", Synonyms.build(built_in()))
    assert "locally" in [t.asked for t in asked]


def test_a_question_with_an_adverb_of_manner_is_answered(engine: Engine) -> None:
    result = engine.ask("how are the tables stored physically, in a database or as files?")
    assert result.answered
    assert result.citations[0].url == "data/storage/#how-are-tables-stored"


# -- offered answers fill one slot -----------------------------------------------------


def test_the_kind_of_thing_offered_is_part_of_the_slot(engine: Engine) -> None:
    """ "Which editor do analysts use, the browser or notebooks": naming one option is an
    answer; the word "editor" (the kind of thing the options are) need not be repeated."""
    result = engine.ask("which tool do analysts write sql in, the browser or notebooks?")
    assert result.answered
    assert result.citations[0].url == "data/storage/#which-editor-do-analysts-use"


def test_the_kind_of_thing_offered_fills_nothing_by_itself(engine: Engine) -> None:
    """ "Which editor, the browser or notebooks": a section saying "editor" without either
    option does not fill the slot; the word is the question's frame."""
    asked = terms(("editor", "analysts", "browser", "notebooks"), "", Synonyms.build(built_in()))
    reading = read("which editor do analysts use, the browser or notebooks?")
    slotted, subject = engine._slot(list(asked), reading)
    assert subject is not None
    assert [t.asked for t in subject] == ["analysts"]
    assert [t.alternatives for t in slotted if t not in subject] == [("browser", "notebooks")]


def test_options_alone_do_not_answer_what_is_asked_about_them(engine: Engine) -> None:
    """The section names both options (web shop, tills) and customers, but never says which
    is the master: what is asked about the options is missing, so the bot declines."""
    result = engine.ask("what's the master data source for customers, the web shop or the tills?")
    assert not result.answered
    asked = engine.ask("which system keeps customer accounts, the web shop or the tills?")
    assert asked.answered
    assert asked.citations[0].url == "data/storage/#how-are-customers-kept-apart"


def test_options_without_a_comma_fill_one_slot(engine: Engine) -> None:
    """ "Does the browser editor autosave to notebooks or sql": a yes/no question ending
    in two options is read like "..., notebooks or sql?": naming one option answers, and
    the answer must also hold what is asked about them (the editor autosaving)."""
    reading = read("does the browser editor autosave to notebooks or sql")
    asked = terms(reading.terms, reading.text, Synonyms.build(built_in()))
    slotted, subject = engine._slot(list(asked), reading)
    assert subject is not None
    assert [t.asked for t in subject] == ["browser", "editor", "autosave"]
    assert [t.alternatives for t in slotted if t not in subject] == [("notebooks", "sql")]
    asked_first = engine.ask("do analysts write sql in the browser editor or notebooks")
    assert asked_first.answered
    assert asked_first.citations[0].url == "data/storage/#which-editor-do-analysts-use"


def test_a_phrase_no_section_holds_is_unknown() -> None:
    """A vocabulary phrase made of known words ("system of record") that no section holds
    as a phrase weighs as a word no section holds, not as its rarest word."""
    search = SectionSearch(
        [
            doc_section("a", "The record of every system is kept here."),
            doc_section("b", "Another system."),
        ]
    )
    try:
        assert search.weight("system of record") == search.weight("zzzunknown")
        # As its rarest word's IDF ("every" alone is also capped as an everyday word).
        assert search.weight("every system") == search.idf("every")
    finally:
        search.close()


def test_a_term_weight_can_be_given() -> None:
    search = SectionSearch(
        [
            doc_section(n, t)
            for n, t in (("a", "alpha beta"), ("b", "alpha gamma"), ("c", "delta"), ("d", "pi"))
        ]
    )
    try:
        default = search.search_terms([("alpha",), ("beta",)], limit=2)
        given = search.search_terms([("alpha",), ("beta",)], limit=2, weights=[None, 100.0])
    finally:
        search.close()
    before = {h.section.url: h.coverage for h in default}
    after = {h.section.url: h.coverage for h in given}
    assert after["a/"] == before["a/"] == 1.0
    assert after["b/"] < 0.05 < before["b/"]


# -- what a passage must hold ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("We chose it because the team already knows Spark.", True),
        ("Small files are compacted nightly so that queries stay fast.", True),
        ("The main driver was cost.", True),
        ("Delta Lake on object storage.", False),
    ],
)
def test_a_why_is_answered_by_a_reason(text: str, held: bool) -> None:
    types = types_of("why did we pick delta over iceberg")
    assert types == {"why"}
    assert recognisable(types)
    assert holds_answer(types, text) is held


def test_a_required_answer_type_picks_the_passage_holding_it() -> None:
    found = [
        Passage("The walkthrough shows new colleagues the whole paved road.", 0),
        Passage("Budget two hours for it.", 1),
    ]
    asked = [Term(("walkthrough",)), Term(("colleagues",))]

    def hours(text: str) -> bool:
        return "hours" in text

    context = "Walkthrough"  # the page title: it says what every passage is about
    best = weigh(found, context, asked, lambda _: 1.0, answers=hours)
    typed = weigh(found, context, asked, lambda _: 1.0, answers=hours, required=True)
    assert best.quote == ("The walkthrough shows new colleagues the whole paved road.",)
    assert "Budget two hours for it." in typed.quote
    assert typed.typed
    assert typed.coverage == 0.5  # "walkthrough", from the page title
    assert typed.alone == 0.0 < best.alone
    none = weigh(found, "", asked, lambda _: 1.0, answers=lambda _: False, required=True)
    assert none.coverage == 0.0
    assert none.quote == ()


def test_an_amount_stated_beside_the_thing_asked_about_wins(engine: Engine) -> None:
    """Both sections of the walkthrough page hold a duration; the one stating it of the
    walkthrough answers "how long", not the one about how long sandbox tables last."""
    result = engine.ask("how long does the walkthrough take?")
    assert result.answered
    assert result.citations[0].url == "walkthrough/"
    assert "about an hour" in result.text


def test_a_pages_tags_are_never_the_quoted_answer(engine: Engine) -> None:
    """ADR-0002 is tagged "ingestion": the tags row names the word asked, but says
    nothing; the quote comes from the decision's text."""
    section = next(s for s in engine.sections if s.url == "decisions/adr-0002/")
    passages = [p.text for p in engine.passages_of(section)]
    assert any(p.startswith("Field: Tags;") for p in passages)
    asked = terms(("ingestion",), "", Synonyms.build(built_in()))
    evidence = engine.evidence(section, asked)
    assert not any(q.startswith("Field: Tags;") for q in evidence.quote)


# -- the built-in vocabulary ------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["is there a tutorial for new colleagues", "any hands-on starter project for new people?"],
)
def test_an_exercise_is_found_by_its_other_names(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert result.answered
    assert result.citations[0].url.startswith("walkthrough/")


@pytest.mark.parametrize(
    ("word", "means"),
    [
        ("guaranteed", "first response"),
        ("sla", "response time"),
        ("modify", "change"),
        ("edit", "update"),
        ("ping", "contact"),
        ("starter task", "exercise"),
        ("write up", "create"),
        ("mandatory", "required"),
        ("compulsory", "required"),
    ],
)
def test_the_vocabulary_bridges_chat_words_and_doc_words(word: str, means: str) -> None:
    assert means in Synonyms.build(built_in()).of(word)


# -- lists of pages, situations ------------------------------------------------------


def test_a_section_listing_other_pages_is_not_the_answer(engine: Engine) -> None:
    """A dataset page's "Decisions" table holds every word of the question, as the
    titles of the decisions it links; the answer is a decision page itself."""
    listing = "catalogue/datasets/till.receipts/#decisions"
    assert any(s.url == listing for s in engine.sections)
    result = engine.ask("kafka till receipts nightly load sources")
    assert result.answered
    assert result.citations[0].url.startswith("decisions/")
    assert all(c.url != listing for c in result.citations)


@pytest.mark.parametrize(
    ("question", "core"),
    [
        ("who gets paged when the overnight import crashes", ("paged",)),
        ("how do i get access if my grant has run out", ("access",)),
        ("what happens if a load fails", ()),
        ("who is on call", ()),
    ],
)
def test_the_situation_clause_is_not_the_question(question: str, core: tuple[str, ...]) -> None:
    assert read(question).core == core


def test_a_heading_asking_the_question_less_its_situation_answers(engine: Engine) -> None:
    """The docs never mention crashes, nor 3am: "Who is on call" answers anyway."""
    result = engine.ask("who gets paged when the stored tables crash at 3am?")
    assert result.answered
    assert result.citations[0].url == "data/storage/#who-is-on-call"
    assert "rotation" in result.text


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("is there a clinic where i can ask about kafka stuff?", "clinic"),
        ("are there any office hours for questions", "office hours"),
        ("is there some kind of sandbox that i can use", "sandbox"),
        ("is the clinic open on fridays", ""),
    ],
)
def test_the_thing_asked_to_exist(question: str, thing: str) -> None:
    assert read(question).exists == thing


def test_a_section_headed_by_the_thing_asked_to_exist_answers(engine: Engine) -> None:
    """The clinic section says nothing of Kafka, notebooks or booking: it answers whether
    there is one, and how it works."""
    result = engine.ask(
        "is there a clinic where i can ask about kafka and notebooks or must i book?"
    )
    assert result.answered
    assert result.citations[0].url == "help/#clinic"


def test_a_situation_the_portal_knows_nothing_of_is_not_answered(engine: Engine) -> None:
    """ "Who is on call" answers a question about the platform's situations, not about a
    jammed printer: most words of that situation are in no section."""
    result = engine.ask("who gets paged when the printer on floor 3 jams at 4pm?")
    assert not result.answered
    known = engine.ask("who gets paged at 4pm when the tables are stored late?")
    assert known.answered
    assert known.citations[0].url == "data/storage/#who-is-on-call"


# -- a past decision -------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "why were nightly loads chosen originally?",
        "did someone overturn the nightly load decision?",
        "which adr replaced loading sources nightly",
    ],
)
def test_a_question_about_a_past_decision_leads_with_it(engine: Engine, question: str) -> None:
    assert read(question).history
    result = engine.ask(question)
    assert result.intent == "decision"
    assert result.citations[0].url.startswith("decisions/adr-0001/")
    assert "replaced by ADR-0002" in result.text
    assert "Chosen option: nightly batch loads." in result.text


def test_a_question_about_the_topic_leads_with_the_decision_in_force(engine: Engine) -> None:
    question = "what did we decide about loading sources nightly?"
    assert not read(question).history
    result = engine.ask(question)
    assert result.citations[0].url.startswith("decisions/adr-0002/")


def test_a_terse_question_naming_the_role_last_asks_for_a_person(engine: Engine) -> None:
    """ "till receipts custodian?" is "who is the custodian of till receipts", typed
    tersely: answered with the person, not the table's description."""
    assert read("till receipts custodian?").intent.value == "owner"
    assert read("receipts owner").intent.value == "owner"
    assert read("the owner portal is down, what now").intent.value != "owner"
    answer = engine.ask("till receipts custodian?")
    assert "Ada Berg" in answer.text


def test_why_a_decision_was_taken_is_answered_with_its_reason() -> None:
    """A "why" message found its decision but quoted only the chosen option when no
    passage of the sections it matched held enough of its words ("wouldn't ... be
    simpler"): the record's passage giving a reason is found in any of its sections,
    though it shares few words with the question."""
    from paved.generator.core.model import DecisionStatus

    base = small_platform()
    item = decision(
        5, "Open the bike depot at dawn", DecisionStatus.ACCEPTED, outcome="Chosen: dawn."
    )
    body = item.body + "\n## Consequences\n\n- Good, because commuters arrive early.\n"
    item = dataclasses.replace(item, body=body, sections=tuple(find_sections(body, 1)))
    platform = dataclasses.replace(base, decisions={**base.decisions, item.id: item})
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    try:
        found = built.ask("status of ADR-0005")
        question = "why the depot at dawn? noon would suit staff and mechanics better"
        asked = terms(
            ["depot", "dawn", "noon", "suit", "staff", "mechanics"], question, built.synonyms
        )
        reason = built._reason_of(found, asked, types_of(question))
    finally:
        built.close()
    assert reason is not None
    section, evidence = reason
    assert section.title == "Consequences"
    assert "because commuters arrive early" in " ".join(evidence.quote)


def test_whether_someone_is_responsible_is_answered_with_who_is(engine: Engine) -> None:
    """ "is ola responsible for the tills?" asks who is: the answer names the owner,
    whoever it is, and lets the asker compare."""
    assert read("is ola responsible for the store tills?").intent.value == "owner"
    assert read("is ola dahl the owner of the tills").intent.value == "owner"
    assert read("is the till responsible for receipts").intent.value == "owner"
    assert read("is it ready yet").intent.value != "owner"
    answer = engine.ask("is ola responsible for the store tills?")
    assert answer.answered
    assert "Ada Berg" in answer.text


def test_choosing_and_picking_say_a_decision_is_asked() -> None:
    assert read("did we look at kafka before picking pulsar?").intent.value == "decision"
    assert read("what were we choosing between for storage").intent.value == "decision"
    assert "picking" not in read("did we look at kafka before picking pulsar?").words


def test_which_products_are_live_lists_every_product_under_its_status(engine: Engine) -> None:
    """ "Which products are live vs still in build" asks for the products by status, after
    a chat lead-in too; "vs" there joins two states, it asks for no definition."""
    assert read("quick one: which products are live today vs still in build?").lists == "products"
    answer = engine.ask("quick one: which data products are live today vs still in build?")
    assert answer.answered
    assert answer.intent == "list"
    assert "Live (onboarded): WID-0001 · Store sales dashboard" in answer.text
    assert "Retired: WID-0003 · Old sales mart feed" in answer.text


def test_versus_asks_for_definitions_only_when_nothing_else_is_asked() -> None:
    assert read("custodian vs steward - same thing?").defines
    assert not read(
        "fleet report vs rental report - separate products with different owners?"
    ).defines


def test_words_restating_a_why_are_not_subject_words() -> None:
    """ "why X rather than Y? whats the reasoning": "rather" and "reasoning" say how the
    question is asked (a why), not what about; left in, no section holds them."""
    reading = read("why pseudonymise rather than fully anonymise? whats the reasoning")
    assert "rather" not in reading.terms
    assert "reasoning" not in reading.terms


def test_which_table_and_who_maintains_it_finds_the_table_by_the_first_part(
    engine: Engine,
) -> None:
    """A second question ("and who maintains it") adds words no table's description
    holds; the table is found by what it holds, and its answer names the custodian."""
    answer = engine.ask("which table has loyalty card numbers and who keeps its schema documented")
    assert answer.answered
    assert answer.citations[0].url.startswith("catalogue/datasets/till.receipts")
    assert "Ada Berg" in answer.text


def test_who_keeps_x_up_to_date_asks_who_owns_x(engine: Engine) -> None:
    """ "Who keeps the receipts master data up to date so it shows up in reports": the
    verb's words ("keeps", "up to date"), the purpose ("so it shows up in reports") and
    "master" of "master data" are not what is owned; the receipts are."""
    reading = read("who keeps the store master data up to date so it shows up in reports")
    assert reading.intent.value == "owner"
    assert reading.subject == "store"
    answer = engine.ask("who keeps the receipts master data up to date so it shows in reports")
    assert answer.answered
    assert "Ada Berg" in answer.text


def test_is_that_owned_by_asks_who_owns_it(engine: Engine) -> None:
    """ "the store tills - is that owned by the platform team or by one of the domains?"
    asks who owns the tills."""
    assert read("the store tills - is that owned by the platform team?").intent.value == "owner"
    answer = engine.ask("the store tills - is that owned by the platform team or by a domain?")
    assert answer.answered
    assert "Ada Berg" in answer.text
