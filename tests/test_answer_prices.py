"""A price per unit is a tariff the docs state (benchmarks/README.md, answering engine,
sixteenth round): "what does X cost per TB per month" is not a figure of the business
for a period, "how much does our X cost" prices X (not the first word after "how
much"), and a unit of data size asked matches a passage giving the price in another
unit of the same kind (TB asked, GB written).

Every question and page here is made up (a photo club's shared picture archive),
worded unlike the benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import doc_page, engine_of, small_platform

from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import read
from paved.bot.answer.synonyms import Synonyms, built_in

ARCHIVE_DOC = """# The picture archive

Where the photo club keeps its members' pictures, and what that costs them.

## What do members pay

The archive is paid from the club's yearly membership fee, and what each member uses is
charged back to them every season.

| Item | Member price |
|---|---|
| Archive space | 2 EUR per GB per month |
| Printed proofs | 0.50 EUR per proof |

## How do I upload pictures

Drag the pictures onto the archive's upload page; each one is checked for its size
before it is kept.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    page = doc_page("archive.md", "The picture archive", ARCHIVE_DOC, owner="club@example.org")
    platform = dataclasses.replace(platform, docs={**platform.docs, page.path: page})
    with engine_of(platform) as built:
        yield built


@pytest.mark.parametrize(
    "question",
    [
        "what does archive space cost per gb per month",
        "how much do we pay per terabyte a year for archive space",
        "what's the fee per proof each month",
    ],
)
def test_a_price_per_unit_is_no_figure_of_a_period(question: str) -> None:
    assert not read(question).value


@pytest.mark.parametrize(
    "question",
    [
        # No unit: what the club spent in a period is the data itself.
        "how much does the archive cost per month",
        "what were the archive costs in march",
    ],
)
def test_a_spend_in_a_period_is_still_a_figure(question: str) -> None:
    assert read(question).value


def test_units_of_data_size_are_one_group() -> None:
    synonyms = Synonyms.build(built_in())
    assert {"gb", "gigabyte", "pb"} <= set(synonyms.of("tb"))


def test_a_price_asked_per_month_in_another_unit_is_answered(engine: Engine) -> None:
    answer = engine.ask("how much does our archive space cost per TB per month")
    assert answer.answered, answer.text
    assert answer.citations[0].url.endswith("#what-do-members-pay")
    assert "2 EUR per GB per month" in answer.text


def test_a_price_per_unit_of_another_size_is_answered(engine: Engine) -> None:
    answer = engine.ask("what do we pay per TB kept in archive space")
    assert answer.answered, answer.text
    assert answer.citations[0].url.endswith("#what-do-members-pay")


def test_how_much_a_thing_costs_prices_the_thing(engine: Engine) -> None:
    # "shared" is the first word after "how much ... our"; what is priced is the space.
    answer = engine.ask("how much does our shared archive space cost per gb")
    assert answer.answered, answer.text
    assert "2 EUR per GB" in answer.text
