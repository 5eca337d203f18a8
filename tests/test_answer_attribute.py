""" "What's the X of Y" asks one attribute (X) of something named (Y): a passage that
never names X states another fact of Y and is no answer, however many of Y's words it
shares (benchmarks/README.md, answering engine, sixteenth round). A modifier before the
noun says which X ("the mower manager"): its words in a row, not a "mower" in one
sentence and a "manager" in the next.

Every question and page here is made up (a community garden: its plots, its tool shed
and its seed fund), worded unlike the benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import doc_page, engine_of, small_platform

from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import read

GARDEN_DOC = """# The community garden

How the garden's members share its plots, its tools and its money.

## Plots

Each plot is rented for one growing season. The allotment committee assigns the plots
at the spring meeting, and the plot rent for a full plot is 40 EUR a season.

## The tool shed

The tool shed holds the shared mowers, the wheelbarrows and the hose reels of the garden.
The site manager keeps the shed key and opens the tool shed on Saturday mornings.
Members sign the tool book when they borrow a mower from the tool shed.

## The seed fund

The seed fund buys seeds and seedlings in bulk for every member. Its budget is set by
the treasurer at the spring meeting.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    page = doc_page("garden.md", "The community garden", GARDEN_DOC, owner="garden@example.org")
    platform = dataclasses.replace(platform, docs={**platform.docs, page.path: page})
    with engine_of(platform) as built:
        yield built


# -- the attribute a question asks --------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "attribute"),
    [
        ("what's the budget for the tool shed", "budget"),
        ("whats the budget of the seed fund?", "budget"),
        ("who's our mower manager at the tool shed", "mower manager"),
        # Nothing named after it: the words before the noun are what it is of.
        ("what is the shed capacity, how many mowers", "capacity"),
        ("whats the seed fund budget", "budget"),
        ("ok so what's the plot rent for a half plot", "plot rent"),
    ],
)
def test_what_s_the_x_of_y_asks_x(question: str, attribute: str) -> None:
    assert read(question).attribute == attribute


@pytest.mark.parametrize(
    "question",
    [
        # A generic noun names no attribute: what is asked is elsewhere in the question.
        "what's the process for renting a plot",
        "who's the person for the tool shed",
        "what's the difference between a full plot and a half plot",
        "what's the best way to borrow a mower",
        # Another form of question.
        "how do i borrow a mower",
        "when does the tool shed open",
    ],
)
def test_other_questions_ask_no_attribute(question: str) -> None:
    assert read(question).attribute == ""


# -- a passage must name it ---------------------------------------------------------------


def test_an_attribute_no_passage_names_is_declined(engine: Engine) -> None:
    # The tool shed's section shares "tool shed", and the seed fund's names a budget, but
    # no passage states a budget of the tool shed.
    answer = engine.ask("what's the budget for the tool shed")
    assert not answer.answered, answer.text


def test_a_modifier_and_noun_apart_do_not_name_the_attribute(engine: Engine) -> None:
    # "mowers" and "site manager" are in the tool shed's section, not a "mower manager".
    answer = engine.ask("who's our mower manager at the tool shed")
    assert not answer.answered, answer.text


def test_an_attribute_a_passage_names_is_answered(engine: Engine) -> None:
    answer = engine.ask("who's the site manager at the tool shed")
    assert answer.answered
    assert answer.citations[0].url.endswith("#the-tool-shed")
    assert "site manager" in answer.text


def test_an_attribute_named_with_the_thing_is_quoted(engine: Engine) -> None:
    answer = engine.ask("what's the seed fund budget")
    assert answer.answered
    assert answer.citations[0].url.endswith("#the-seed-fund")
    assert "budget is set by the treasurer" in answer.text


def test_a_table_named_by_its_id_answers_its_attributes(engine: Engine) -> None:
    # A table's page shows its key in its columns without the word "key".
    answer = engine.ask("what's the key on till.receipts, is it the receipt id?")
    assert answer.answered
    assert "till.receipts" in answer.citations[0].url
