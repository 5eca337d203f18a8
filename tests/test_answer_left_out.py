"""The question's words an answer leaves out, answered from a section beside it
(benchmarks/README.md, answering engine, seventeenth round).

A full-text answer quotes its best section; when words of the question are in neither
the quote nor its headings, the best passage of another cited section that holds them
(and holds the section threshold of the whole question) is added. A structured answer
about one product (its status card) is completed the same way from the other sections
of the product's page.

Every question and page here is made up (a community bicycle repair workshop), worded
unlike the benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import doc_page, engine_of, product, small_platform

from paved.bot.answer.engine import Engine
from paved.generator.core.model import ProductStatus

WORKSHOP_DOC = """# The repair workshop

How members use the club's bicycle repair workshop.

## How do I book a repair bench

Benches are booked on the workshop calendar, up to two weeks ahead, for two hours at a
time. Bring your own inner tubes; the workshop lends the tools.

## What happens to a bench nobody turns up for

A booked bench left empty for fifteen minutes is released to the waiting list, and the
member who booked it is reminded of the rule by e-mail.

## Who keeps the tools in order

The tool steward checks the torque wrenches every month.
"""

TRAILER_WID = """# Cargo trailer loans

## Value proposition

Members borrow a cargo trailer for a weekend instead of renting a van.

## How the data is surfaced

Loan counts appear on the clubhouse noticeboard screen every Monday, per trailer and
per member household.

## Integration points

Loans are read from the booking sheet each night.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    page = doc_page("workshop.md", "The repair workshop", WORKSHOP_DOC, owner="club@example.org")
    trailer = product("WID-0004", "Cargo trailer loans", ProductStatus.ONBOARDED, body=TRAILER_WID)
    platform = dataclasses.replace(
        platform,
        docs={**platform.docs, page.path: page},
        products={**platform.products, trailer.id: trailer},
    )
    with engine_of(platform) as built:
        yield built


def test_a_word_the_quote_leaves_out_is_answered_from_the_next_cited_section(
    engine: Engine,
) -> None:
    answer = engine.ask("book a repair bench: calendar or waiting list?")
    assert answer.answered
    urls = [c.url for c in answer.citations]
    assert urls[0].endswith("#how-do-i-book-a-repair-bench"), urls
    # The first section's quote says how to book; the second's says what the waiting
    # list is for, and is added with where it comes from.
    assert "calendar" in answer.text
    assert "released to the waiting list" in answer.text, answer.text
    assert "What happens to a bench nobody turns up for" in answer.text


def test_a_quote_holding_every_word_is_left_as_it_is(engine: Engine) -> None:
    answer = engine.ask("how far ahead can I book a repair bench on the calendar")
    assert answer.answered
    assert "two weeks ahead" in answer.text
    assert "waiting list" not in answer.text
    assert "torque" not in answer.text


def test_a_product_card_is_completed_from_the_products_own_page(engine: Engine) -> None:
    answer = engine.ask(
        "WID-0004: who owns it, and do the loan counts show on the noticeboard screen?"
    )
    assert answer.answered
    assert "Ada Berg" in answer.text  # the card: its contacts
    assert "clubhouse noticeboard screen every Monday" in answer.text, answer.text
    urls = [c.url for c in answer.citations]
    assert urls[0] == "products/wid-0004/"
    assert "products/wid-0004/#how-the-data-is-surfaced" in urls, urls


def test_a_product_card_is_not_completed_with_a_section_that_misses_the_words(
    engine: Engine,
) -> None:
    answer = engine.ask("WID-0004: who owns it and is it insured against theft?")
    assert "Ada Berg" in answer.text
    assert "noticeboard" not in answer.text
    assert "booking sheet" not in answer.text
