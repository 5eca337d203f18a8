"""Answer types: what kind of answer a question asks for, and which headings promise it."""

from __future__ import annotations

import pytest

from paved.bot.answer.asktypes import agree, holds_answer, types_of
from paved.bot.answer.intents import read
from paved.bot.answer.passages import FACT_ROW, weigh
from paved.bot.answer.query import Term
from paved.generator.core.index import Passage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Who is on call?", {"who"}),
        # A "when" inside the clause is a conjunction, not what is asked.
        ("who gets paged when the nightly load breaks", {"who"}),
        ("When and where are office hours", {"when", "where"}),
        ("how long does approval take", {"duration"}),
        ("how often is it refreshed", {"frequency"}),
        ("how many partitions are there", {"count"}),
        ("How do I publish events on Kafka", {"how"}),
        ("What happens to rows in quarantine", {"happens"}),
        ("whats a data contract", {"define"}),
        ("Which channel should I use", {"which"}),
        # Each clause of a chat message is read from its start.
        ("just joined the team, where do i even start?", {"where"}),
        ("so, why did we pick dagster", {"why"}),
        ("Request access to a dataset", set()),
    ],
)
def test_types_are_read_from_the_start_of_each_clause(text: str, expected: set[str]) -> None:
    assert types_of(text) == frozenset(expected)


def test_a_heading_agrees_when_it_asks_the_same_kind_of_question() -> None:
    assert agree(types_of("who gets paged at night"), types_of("Who is on call"))
    assert agree(types_of("when and where are office hours"), types_of("When and where"))
    assert not agree(types_of("who approves access"), types_of("How long does approval take"))


def test_a_bare_how_agrees_only_with_a_bare_how() -> None:
    """How-to docs head most sections "How do I ...": sharing only that says little when
    the question asks something more specific as well."""
    assert agree(types_of("how do I add a column"), types_of("How do I change the schema"))
    asked = types_of("how do i get access? who approves it")
    assert asked == frozenset({"how", "who"})
    assert not agree(asked, types_of("How do I request access"))
    assert agree(asked, types_of("Who approves access"))


def test_a_passage_holds_the_answer_a_question_type_asks_for() -> None:
    who, when = types_of("who signs it off?"), types_of("when is it run?")
    assert holds_answer(who, "The platform architect and the decision makers agree.")
    assert holds_answer(who, "Ask Ingrid Solberg.", frozenset({"ingrid solberg"}))
    assert not holds_answer(who, "Set the status and merge.")
    assert holds_answer(when, "On the first Wednesday of the month.")
    assert not holds_answer(when, "The guild decides.")
    long = types_of("how long does it take")
    assert holds_answer(long, "It takes about two hours.")
    assert holds_answer(long, "Reviews are answered within 3 working days.")
    # A number is not a duration; "once" the review is read is not a frequency.
    assert not holds_answer(long, "Add one SQL model.")
    assert not holds_answer(types_of("how often"), "Delete it once the review is read.")
    assert holds_answer(types_of("how often"), "Refreshed once a day.")
    # A question asking nothing recognisable is held by any passage.
    assert holds_answer(types_of("how do I request access"), "Open the form.")


def test_how_long_and_how_many_are_not_words_of_the_subject() -> None:
    """ "long" in "how long does a WID review take" says an amount is asked; counted as a
    word it outweighed "WID" and found "how long does approval take"."""
    reading = read("how long does a WID review take")
    assert "long" not in reading.terms
    assert "review" in reading.terms
    assert read("how many partitions does the sales topic have").counted == "partitions"
    assert read("how much did the vendor quote").counted == "vendor"
    assert read("how do I get access").counted == ""


def _same(term: Term) -> float:
    return 1.0


def test_the_window_holding_the_kind_of_answer_asked_is_quoted() -> None:
    """Four sentences hold the question's words equally and three are quoted; the one
    with a duration, last, answers "how long" and is among them only when asked so."""
    found = [
        Passage("The exercise uses the sales tables.", 0),
        Passage("The exercise ends with a WID draft.", 1),
        Passage("The exercise is run in a sandbox.", 2),
        Passage("The exercise takes about two hours.", 3),
    ]
    asked = [Term(("exercise",))]
    long = types_of("how long")
    plain = weigh(found, "Onboarding", asked, _same)
    typed = weigh(found, "Onboarding", asked, _same, answers=lambda text: holds_answer(long, text))
    assert "The exercise takes about two hours." not in plain.quote
    assert "The exercise takes about two hours." in typed.quote
    assert typed.typed
    assert not plain.typed
    assert typed.coverage == plain.coverage


def test_two_facts_rows_weigh_as_little_as_one() -> None:
    """Generated "Field: ...; Value: ..." rows name things; a window of two of them is
    discounted like a single one, so prose holding as much of the question wins."""
    rows = [
        Passage("Field: Tags; Value: naming, conventions.", 0),
        Passage("Field: Affected systems; Value: kafka.", 0),
    ]
    asked = [Term(("naming",)), Term(("kafka",))]
    facts = weigh(rows, "ADR-0004", asked, _same)
    prose = weigh([Passage("Kafka topics follow the naming rule.", 0)], "ADR-0004", asked, _same)
    assert FACT_ROW < 1.0
    assert facts.coverage == pytest.approx(FACT_ROW)
    assert prose.coverage == pytest.approx(1.0)


def test_asking_for_the_process_asks_how() -> None:
    assert types_of("whats the process for adding a column") == frozenset({"how"})
    assert types_of("what are the steps to publish") == frozenset({"how"})


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("choir practice when?", "when"),
        ("rota sign-off who?", "who"),
        ("locker keys - where?", "where"),
    ],
)
def test_a_terse_question_asks_with_its_last_word(text: str, asked: str) -> None:
    assert asked in types_of(text)


def test_a_last_word_that_does_not_ask_adds_nothing() -> None:
    assert types_of("the choir practice schedule") == frozenset()
    assert read("choir practice when?").quantity
