"""Questions as people type them (benchmarks/README.md, answering engine, eleventh round):
chat shorthand, a report asked about by its name, a situation around the question.

Every question and page here is made up (a bike club's portal), worded unlike the
benchmark's questions: the mechanisms must hold beyond the questions that showed the
need for them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from sample_answers import doc_page, small_platform

from paved.bot.answer.asktypes import types_of
from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import Intent, read
from paved.bot.answer.text import content_words
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.model import Classification, Dataset, DocPage, IntegrationPoint
from paved.generator.core.render.site import render_site

CLUB_DOC = """# The bike club

Members ride together and look after the club's workshop.

## When and where are workshop evenings

Workshop evenings are every Monday from 18:00 in the shed behind the velodrome.

## What should I bring to a workshop evening

Bring your bike, a spare inner tube and a question.

## Club rides

Rides leave from the velodrome on Saturdays. A ride is moved to Sunday when it rains,
and the ride leader posts the new day in the members' chat.

Rides longer than 80 km need a support car.

## Calendar

The club calendar lists every ride and workshop evening. Subscribe to the calendar to
get a reminder the day before.

## Ride leaders

A ride leader is our guide on the road and carries the first-aid kit.

## The shed

The shed has a door sensor; its log is kept for a month.
"""


def _doc(path: str, title: str, body: str) -> DocPage:
    return doc_page(path, title, body, owner="club@example.org")


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    club = _doc("club.md", "The bike club", CLUB_DOC)
    # The store sales dashboard goes out to the shop managers' tablets.
    dashboard = dataclasses.replace(
        platform.products["WID-0001"],
        surfaced_as=("dashboard",),
        egress=(
            IntegrationPoint(
                "tablets", "push", "daily", "Morning figures for the shop managers' tablets."
            ),
        ),
    )
    platform = dataclasses.replace(
        platform,
        docs={**platform.docs, club.path: club},
        products={**platform.products, dashboard.id: dashboard},
    )
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


# -- chat shorthand -------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["workshop hrs - when n where?", "workshop hrs?", "workshop evenings - hrs n place"],
)
def test_a_question_in_chat_shorthand_is_answered(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url.endswith("#when-and-where-are-workshop-evenings")
    assert "Monday" in answer.text


# -- a report named by its title ---------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "url", "said"),
    [
        (
            "the ownership report, what is it and is it kept current?",
            "reports/ownership/",
            "recomputed on every build",
        ),
        ("what is in the onboarding lead time report", "reports/onboarding/", "submitted"),
    ],
)
def test_a_report_named_by_its_title_is_answered_by_its_introduction(
    engine: Engine, question: str, url: str, said: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url == url
    assert said in answer.text


def test_a_report_named_by_part_of_its_title_is_not_its_introduction(engine: Engine) -> None:
    """ "The lead time report" is not "Onboarding lead time" named: the page's other
    words may be what the question is not about."""
    answer = engine.ask("what does the lead time report measure")
    assert "reports/onboarding/" not in [c.url for c in answer.citations]


# -- a question with a situation around it ----------------------------------------------


def test_the_question_less_its_situation_is_answered_where_a_passage_holds_it(
    engine: Engine,
) -> None:
    """ "Can I get a reminder" is held by the calendar's passage; the situation ("when the
    shed sensor fails") is another section's, so neither covers enough of the whole
    message to be quoted on it."""
    answer = engine.ask("can I get a reminder when the shed sensor fails")
    assert answer.answered
    assert answer.citations[0].url.endswith("#calendar")
    assert "Subscribe to the calendar" in answer.text


def test_a_question_proper_weighing_little_of_the_message_is_not_enough(
    engine: Engine,
) -> None:
    """One word asked ("a reminder") under a long situation weighs too little of the
    message to be answered on its own: the calendar is not the answer."""
    assert not engine.ask(
        "can I get a reminder when my inner tube and the shed door break"
    ).answered


def test_a_question_proper_no_passage_holds_whole_is_declined(engine: Engine) -> None:
    """ "A reminder and a discount": the calendar holds the reminder only, so it does not
    hold the question proper, and the situation does not make it answerable."""
    assert not engine.ask("can I get a reminder and a discount when the shed sensor fails").answered


# -- datasets listed by classification ---------------------------------------------------


@pytest.mark.parametrize(
    ("question", "listed", "not_listed"),
    [
        ("which datasets are classified confidential", "till.receipts", "till.stores"),
        ("list the internal tables", "till.stores", "till.receipts"),
        ("any tables marked as confidential?", "till.receipts", "till.stores"),
    ],
)
def test_datasets_are_listed_by_their_classification(
    engine: Engine, question: str, listed: str, not_listed: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert listed in answer.text
    assert not_listed not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "which tables hold confidential data about members",  # a search, not a level asked
        "what does confidential mean",
        "which datasets does ada berg look after",
    ],
)
def test_other_questions_about_tables_are_not_a_classification_list(question: str) -> None:
    assert read(question).lists != "classified-datasets"


# -- a lead-in before the interrogative ---------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "roughly how long does it take to fix a bike at a workshop evening",
        "realistically how long does it take to fix a bike at a workshop evening",
    ],
)
def test_a_duration_asked_after_a_lead_in_needs_a_duration(engine: Engine, question: str) -> None:
    """ "Roughly how long" asks for a duration like "how long": the workshop evening's
    start time ("from 18:00") is no duration of a repair, so the question is declined."""
    assert not engine.ask(question).answered


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("roughly how long does a repair take", "duration"),
        ("quick one: who keeps the calendar", "who"),
        ("out of curiosity, when is the next ride", "when"),
    ],
)
def test_the_kind_of_answer_is_read_after_a_chat_lead_in(question: str, kind: str) -> None:
    assert kind in types_of(question)


# -- where someone sits -------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "where does ada berg sit? want to drop by",
        "which floor does ola dahl sit on",
        "is ola's desk near the kitchen",
    ],
)
def test_where_someone_sits_is_a_personal_fact(engine: Engine, question: str) -> None:
    """The catalogue names a custodian's role and duties, not their desk: their page is
    no answer to where they sit."""
    assert read(question).personal
    assert not engine.ask(question).answered


@pytest.mark.parametrize(
    "question",
    [
        "where does the platform team sit",
        "which floor are workshop evenings on",
        "where is the shed located",
    ],
)
def test_where_a_team_or_an_event_is_is_not_personal(question: str) -> None:
    assert not read(question).personal


# -- a unit counted is not the thing measured ---------------------------------------------


def test_a_figure_in_the_unit_asked_must_be_of_the_thing_asked_about(engine: Engine) -> None:
    """ "How many km is the velodrome": "rides longer than 80 km" has the unit, not the
    velodrome's size; the section naming the velodrome elsewhere does not make it one."""
    assert not engine.ask("how big is the velodrome, like how many km").answered


def test_a_figure_in_the_unit_asked_of_the_thing_asked_about_answers(engine: Engine) -> None:
    answer = engine.ask("how many km is a ride")
    assert answer.answered
    assert "80 km" in answer.text


# -- what a product delivers, at its grain --------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what exactly does the store sales dashboard deliver, per store per day?",
        "what will the rentals report show per depot per week",
    ],
)
def test_what_a_product_delivers_at_its_grain_is_no_figure_asked(
    engine: Engine, question: str
) -> None:
    """ "Per store per day" is the grain of what the product gives, not a figure of the
    business asked for: the question is about the product, not declined as live data."""
    assert not read(question).value
    assert engine.ask(question).intent != "live"


@pytest.mark.parametrize(
    "question",
    ["how many rentals per day does the depot have", "what were the sales per day in march"],
)
def test_a_figure_per_day_is_still_the_data_itself(question: str) -> None:
    assert read(question).value


# -- a guess offered with an open end ------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "did we pick kafka for the till receipts for speed reasons or something else?",
        "did we choose kafka for till receipts due to latency worries or something else",
    ],
)
def test_a_guess_with_an_open_end_fills_a_slot(engine: Engine, question: str) -> None:
    """The asker's guess ("speed reasons") may or may not be the record's reason: the
    decision holding what is asked about answers, whether it names the guess or not."""
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url.startswith("decisions/adr-0002/")


@pytest.mark.parametrize(
    ("question", "guess"),
    [
        ("did we pick kafka for cost reasons or something else", ("cost", "reasons")),
        ("is the rota kept by the secretary or someone else", ("secretary",)),
        ("is that allowed or something", ()),  # no guess: nothing named before the open end
        ("can I bring a friend or not", ()),
    ],
)
def test_the_guess_is_what_comes_before_the_open_end(question: str, guess: tuple[str, ...]) -> None:
    assert read(question).offered == guess


# -- "the easiest way to X" asks how to X ----------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what's the easiest way to get a reminder before a ride",
        "whats the recommended approach to get a ride reminder",
    ],
)
def test_the_best_way_to_do_something_asks_how_to_do_it(engine: Engine, question: str) -> None:
    reading = read(question)
    assert reading.intent is Intent.HOWTO
    assert not {"easiest", "recommended", "way", "approach"} & set(reading.terms)
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url.endswith("#calendar")


# -- "the X product" names the product ------------------------------------------------------

TILL_DOC = "# Tills\n\nEvery shop has tills.\n\n" + "\n".join(
    f"## Till question {n}\n\nThe till of counter {n} prints receipts.\n" for n in range(30)
)


@pytest.fixture(scope="module")
def tills_engine() -> Iterator[Engine]:
    """A portal where "till" is in most sections, with a product "Till campaign
    audiences" and a table "till.campaign_audiences": the table's whole name is the
    product's title less its common word."""
    platform = small_platform()
    tills = _doc("tills.md", "Tills", TILL_DOC)
    audiences = Dataset(
        "till.campaign_audiences",
        "till",
        "retail",
        "ada-berg",
        "One row per member chosen for a campaign.",
        Classification.CONFIDENTIAL,
        "daily",
        (),
    )
    products = {
        **platform.products,
        "WID-0002": dataclasses.replace(
            platform.products["WID-0002"], title="Till campaign audiences"
        ),
    }
    platform = dataclasses.replace(
        platform,
        docs={**platform.docs, tills.path: tills},
        datasets={**platform.datasets, audiences.id: audiences},
        products=products,
    )
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    assert built.search.frequency("till") > 0.5 * len(built.sections)
    yield built
    built.close()


@pytest.mark.parametrize(
    "question",
    [
        "who's behind the campaign audiences product",
        "is the campaign audiences product something we can use yet, who runs it",
    ],
)
def test_a_question_saying_product_names_the_product(tills_engine: Engine, question: str) -> None:
    """The table's whole name ("campaign audiences") is the product's title less a word
    of most sections ("till"); "the ... product" says which of the two is meant."""
    answer = tills_engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url.startswith("products/wid-0002/")


def test_a_table_named_as_written_is_still_the_table(tills_engine: Engine) -> None:
    """ "campaign_audiences" as written names the table, though the question says
    "product" too."""
    answer = tills_engine.ask("who is the custodian of campaign_audiences for the product")
    assert answer.answered
    assert "till.campaign_audiences" in answer.citations[0].url


# -- who consumes a product, what it outputs ------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "who consumes the store sales dashboard product",
        "who runs the store sales dashboard and what does it output",
    ],
)
def test_who_consumes_a_product_is_answered_with_where_its_data_goes(
    engine: Engine, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.citations[0].url.startswith("products/wid-0001/")
    assert "shop managers' tablets" in answer.text
    assert "Surfaced as: dashboard" in answer.text


def test_who_owns_a_product_is_not_told_where_its_data_goes(engine: Engine) -> None:
    answer = engine.ask("who owns the store sales dashboard product")
    assert answer.citations[0].url.startswith("products/wid-0001/")
    assert "Goes out to" not in answer.text


# -- "the guide", "the page": what a docs portal is made of ---------------------------------


def test_a_page_or_guide_asked_for_names_no_part_of_the_question(engine: Engine) -> None:
    """ "Guide" is in one section (a ride leader is "our guide on the road"), so it weighed
    as the rarest word asked and sank the section that answers; on a docs portal every
    answer is in a guide or a page."""
    answer = engine.ask("reminder guide?")
    assert answer.answered
    assert answer.citations[0].url.endswith("#calendar")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("is there a doc on bike storage", ["bike", "storage"]),
        ("follow the repair guide", ["follow", "repair"]),
        ("which wiki page or article lists the rides", ["lists", "rides"]),
    ],
)
def test_document_words_are_not_content_words(question: str, expected: list[str]) -> None:
    assert content_words(question) == expected


# -- a person named first, the question after ------------------------------------------------


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("Ada Berg — which datasets is she custodian for", "ada berg"),
        ("ola dahl, what is he responsible for", "ola dahl"),
        ("ada berg is custodian of what exactly", "ada berg"),
    ],
)
def test_a_person_named_before_the_question_is_whose_duties_are_asked(
    engine: Engine, question: str, who: str
) -> None:
    assert read(question.lower()).duties == who
    answer = engine.ask(question)
    assert answer.intent == "duties"


def test_duties_name_what_someone_looks_after(engine: Engine) -> None:
    assert "till.receipts" in engine.ask("ada berg is custodian of what exactly").text


def test_someone_who_looks_after_nothing_is_said_to_have_no_datasets(engine: Engine) -> None:
    """ "Which datasets is she custodian for" of a person with none: said, not silence."""
    text = engine.ask("Ola Dahl - which datasets is he custodian for").text
    assert "no datasets" in text


def test_a_thing_named_first_is_no_person(engine: Engine) -> None:
    assert read("the crm system - which tables does it own").duties == ""
