"""Declined when the passage holds the question's words but not the kind of thing asked
(benchmarks/README.md, answering engine, fourteenth round): a version asked as "which X
version" or "what's the X version" needs a version number; a price needs an amount, and
a time of day or a date is none; "when was X" needs a date or a time ("the last service"
says neither).

Every question and page here is made up (a bike club's workshop), worded unlike the
benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import doc_page, engine_of, small_platform

from paved.bot.answer.engine import Engine

WORKSHOP_DOC = """# The club workshop

What stands in the workshop and when members may use it.

## Which machines are in the workshop

The lathe runs the club's own firmware, kept up to date by the tool warden; its
release notes hang next to the lathe. The last service of the lathe is written in the
log book on its stand.

## How is the drill press kept running

The drill press runs firmware 2.4 from its maker; the tool warden oils it monthly.

## When is the workshop open

The workshop opens at 18:00 on Tuesdays and closes at 21:30; the key is kept at the
clubhouse bar since 2024-03-01.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    shop = doc_page("workshop.md", "The club workshop", WORKSHOP_DOC, owner="club@example.org")
    platform = dataclasses.replace(platform, docs={**platform.docs, shop.path: shop})
    with engine_of(platform) as built:
        yield built


def test_a_version_stated_answers_which_version(engine: Engine) -> None:
    answer = engine.ask("which firmware version does the drill press run?")
    assert answer.answered
    assert "2.4" in answer.text


@pytest.mark.parametrize(
    "question",
    ["what's the lathe firmware version", "lathe firmware version?"],
)
def test_a_version_nobody_states_is_declined(engine: Engine, question: str) -> None:
    assert not engine.ask(question).answered


def test_a_time_or_a_date_is_no_price(engine: Engine) -> None:
    # The key's passage has a time of day and a date; no price.
    assert engine.ask("when does the workshop open on tuesdays").answered
    for question in (
        "how much does the workshop key cost",
        "what does a workshop key cost?",
        "what's the price of the workshop key",
    ):
        assert not engine.ask(question).answered, question


def test_when_something_happened_needs_a_date_or_a_time(engine: Engine) -> None:
    moved = engine.ask("when was the workshop key moved to the clubhouse bar?")
    assert moved.answered
    assert "2024-03-01" in moved.text
    # The lathe's passage says where its last service is written, not when it was.
    assert not engine.ask("when was the last service of the lathe?").answered
