"""Definitions asked in chat shorthand, and a product named by its id asked what it is
for (benchmarks/README.md, answering engine, seventeenth round).

"glossary def of X", "X in <company> speak", "X = ?", "X = what exactly" ask what X
means as "what does X mean" does: the glossary's row for X answers, and the framing
words are not the term looked up. A product named by its id ("what problem is WID-4
trying to solve", "what's WID-0004 for") is answered with what it is for, as when it
is named by its title.

Every question and page here is made up (a community bicycle repair workshop), worded
unlike the benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import doc_page, engine_of, product, small_platform

from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import read
from paved.generator.core.model import ProductStatus

GLOSSARY_DOC = """# Workshop words

The words the repair workshop uses, and what they mean here.

## Terms

| Term | Meaning at the workshop |
|---|---|
| Truing stand | The clamp that holds a wheel while its spokes are tightened. |
| Bench hour | One hour of a repair bench, the unit members book and pay for. |
| Spoke key | The small wrench that turns a spoke's nipple. |
"""

TRAILER_WID = """# Cargo trailer loans

## Value proposition

Members borrow a cargo trailer for a weekend instead of renting a van.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    page = doc_page("words.md", "Workshop words", GLOSSARY_DOC, owner="club@example.org")
    trailer = product("WID-0004", "Cargo trailer loans", ProductStatus.ONBOARDED, body=TRAILER_WID)
    trailer = dataclasses.replace(
        trailer, value_proposition="Members borrow a cargo trailer instead of renting a van."
    )
    platform = dataclasses.replace(
        platform,
        docs={**platform.docs, page.path: page},
        products={**platform.products, trailer.id: trailer},
    )
    with engine_of(platform) as built:
        yield built


@pytest.mark.parametrize(
    "question",
    [
        'glossary def of "bench hour"?',
        "bench hour in workshop speak",
        "whats a bench hour in club lingo",
        "bench hour = ?",
        "bench hour = what exactly",
    ],
)
def test_a_definition_asked_in_shorthand_is_the_glossary_row(engine: Engine, question: str) -> None:
    assert read(question.lower()).defines
    answer = engine.ask(question)
    assert answer.answered, answer.text
    assert answer.intent == "definition"
    assert answer.text.startswith("Bench hour: One hour of a repair bench"), answer.text
    assert answer.citations[0].url == "words/#terms"


def test_the_framing_words_are_not_the_term_looked_up(engine: Engine) -> None:
    answer = engine.ask("glossary def of spoke key pls")
    assert answer.text.startswith("Spoke key: The small wrench"), answer.text


@pytest.mark.parametrize(
    "question", ["who speaks for the repair workshop", "how do I book a bench hour"]
)
def test_other_questions_are_no_definitions(question: str) -> None:
    assert not read(question.lower()).defines


@pytest.mark.parametrize(
    "question",
    ["what problem is wid-4 trying to solve", "what's WID-0004 for", "WID-0004 - what's it about"],
)
def test_a_product_named_by_id_is_answered_with_what_it_is_for(
    engine: Engine, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url == "products/wid-0004/"
    assert "instead of renting a van" in answer.text, answer.text


def test_a_product_named_by_id_asked_its_status_is_not_given_its_purpose(engine: Engine) -> None:
    answer = engine.ask("is WID-0004 live?")
    assert "onboarded" in answer.text
    assert "renting a van" not in answer.text
