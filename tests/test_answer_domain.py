"""'Which domain is X in': the domain a named dataset, system or product belongs to, from
the catalogue, with the domain's lead."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sample_answers import small_platform

from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import read
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.render.site import render_site


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("which domain is the till system in?", "catalogue/systems/till/"),
        ("what domain does till.receipts belong to", "catalogue/datasets/till.receipts/"),
        # One word of the system's name that no other system has: "the tills data".
        ("what domain do the tills belong to, retail or else?", "catalogue/systems/till/"),
    ],
)
def test_the_domain_of_a_named_thing(engine: Engine, question: str, cited: str) -> None:
    result = engine.ask(question)
    assert result.intent == "domain"
    assert "belongs to the Retail domain (retail), led by Ada Berg" in result.text
    assert [c.url for c in result.citations] == [cited, "catalogue/domains/retail/"]
    assert result.owner == "@ada.berg"


def test_nothing_named_is_not_placed_in_a_domain(engine: Engine) -> None:
    assert engine.ask("which domain does the weather data belong to?").intent != "domain"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("which domain is the crm in", True),
        ("what's the domain of pos.sales_lines", True),
        ("which domains are there", False),
        ("which domain lead looks after the crm", False),
    ],
)
def test_domain_questions_are_recognised(question: str, asks: bool) -> None:
    assert read(question).domain_of is asks
