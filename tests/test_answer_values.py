"""Questions asking for the data itself, not about the data, are declined unless stated.

A governance portal describes the business's data (where it lives, who owns it, how often
it loads, what it means) but holds none of its values: the sales of a store in March, the
OEE of a line last week, this month's bill, a person's phone number, a head count, a date
still to be set. Such a question shares many words with the page about the data, and used
to be answered with that page's text. It is now answered only by a sentence stating that
figure (of that measure, for that period, of those people); otherwise declined. Made-up
sentences about a bike-rental club, never the example's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from sample_answers import small_platform

from paved.bot.answer.asktypes import counts_heads, states_figure_of
from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import read
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.load.markdown import find_sections
from paved.generator.core.model import DocPage
from paved.generator.core.render.site import render_site

CLUB_DOC = """# The rental club

Members rent bikes from the depot; the club keeps the rental records in the till.

## What does the depot cost

The depot's running cost was 310,000 NOK in 2024, paid from the club's budget. Rentals
are billed to the members every month, from the till's rental table.

## Who is in the club

The club has 45 members, who meet on the first Monday of every month.

## Rental billing

Rentals move from weekly to daily billing once the new till is ready.

## Loading the till

The till receipts table is refreshed at 05:30 every morning, before the depot opens.

## Contacts in the till

The till's phone column holds each member's mobile number. Ada Berg answers questions
about the till's rental table.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    base = small_platform()
    page = DocPage(
        path="club/index.md",
        title="The rental club",
        owner="club@example.org",
        review_by=None,
        sections=tuple(find_sections(CLUB_DOC, 1)),
        body=CLUB_DOC,
    )
    platform = dataclasses.replace(base, docs={**base.docs, page.path: page})
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


# -- reading the question ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "what were the rentals of the depot in march",
        "what was the OEE on line 3",
        "how many orders did the shop get",
        "what's our monthly cloud bill",
        "how many visitors does the depot get per day",
        # A count of what happened in a period, whatever is counted.
        "how many scooters did the harbour depot rent out in march",
        "how much did the depot sell in 2025",
    ],
)
def test_a_value_of_the_business_is_the_data_itself(text: str) -> None:
    assert read(text).value


@pytest.mark.parametrize(
    "text",
    [
        "which table holds the rentals of each depot",
        "how often is the rentals table refreshed",
        "who owns the sales data",
        "what did we decide in 2024 about the till",
        "how many reviewers were needed for a change to the club rules",
    ],
)
def test_a_question_about_the_data_is_not_a_value(text: str) -> None:
    assert not read(text).value


def test_a_future_date_a_personal_fact_and_an_event_are_read() -> None:
    assert read("when is the club going to move to daily billing").future
    assert not read("when does the club meet").future
    assert read("Ada's mobile number?").personal
    assert not read("which column has the mobile").personal
    # Whether something happened today is no documentation's; how to report it is.
    assert read("did someone already report the broken till this morning?").live
    assert not read("the till broke this morning, who do I tell?").live
    assert read("how many people are in the club").counted == "people"


def test_a_figure_must_be_of_the_measure_asked() -> None:
    assert states_figure_of("Rentals were 4,200 in March.", "rentals")
    assert states_figure_of("The OEE was 81 % on line 3.", "oee")
    assert not states_figure_of("Rentals load at 05:00 every night, 3 files.", "rentals")
    assert counts_heads("The club has 45 members.")
    assert not counts_heads("It meets every month and has 2 guilds.")
    assert not counts_heads("Once a quarter we ask a sample of users.")


# -- answering --------------------------------------------------------------------------


def test_a_stated_figure_for_the_period_asked_is_quoted(engine: Engine) -> None:
    answer = engine.ask("what was the running cost of the depot in 2024")
    assert answer.answered
    assert "310,000 NOK" in answer.text


def test_a_value_for_a_period_no_sentence_states_is_declined(engine: Engine) -> None:
    answer = engine.ask("what were the rentals billed to the members in march")
    assert not answer.answered
    assert "holds no figures" in answer.text


def test_a_head_count_is_answered_only_by_a_number_of_people(engine: Engine) -> None:
    answer = engine.ask("how many people are in the rental club")
    assert answer.answered
    assert "45 members" in answer.text


def test_a_future_date_is_not_answered_by_a_frequency(engine: Engine) -> None:
    assert not engine.ask("when is rental billing going to move to daily").answered


def test_a_persons_phone_number_is_not_a_tables_phone_column(engine: Engine) -> None:
    assert not engine.ask("Ada Berg's mobile number?").answered


@pytest.mark.parametrize(
    ("text", "live"),
    [
        ("we open a new depot next month, who keeps the depot list up to date", False),
        ("is the rental meetup cancelled next week because of the holidays?", False),
        ("which products are live today vs still in build?", False),
        ("how many bikes are rented right now", True),
        ("is Ada on holiday next week?", True),
        ("what's the club's budget for next year", True),
        ("which member came out top last month", True),
        # A weekday or night just past places a figure in time like "last week" does.
        ("what was the OEE on the paint line last tuesday", True),
        ("the load broke last night, who do I tell?", False),
    ],
)
def test_a_time_is_the_askers_situation_unless_a_figure_or_whereabouts_is_asked(
    text: str, live: bool
) -> None:
    assert read(text).live is live


def test_what_time_is_answered_with_a_time_of_day(engine: Engine) -> None:
    """ "What time in the morning is till receipts refreshed": the catalogue's "refreshed
    hourly" is no time of day; the page stating one is quoted."""
    assert read("what time in the morning is till receipts refreshed").clock
    answer = engine.ask("what time is the till.receipts table refreshed")
    assert answer.answered
    assert "05:30" in answer.text
