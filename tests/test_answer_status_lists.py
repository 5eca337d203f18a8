"""Records listed by their status, and a replacement replaced in turn (benchmarks/
README.md, answering engine, seventeenth round).

"Which ADRs are superseded", "list of adrs and their statuses" are answered from the
decision log's records (those of the status named, else every record under its
status), as "which products are live" already was from the product catalogue; "in
progress", "done" and "ongoing" ask for products by status too. A decision replaced by
one that was itself replaced names both: the record that replaced it, then the
current one.

Every question and record here is made up (a bike club's decision log), worded unlike
the benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import decision, engine_of, small_platform

from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import read
from paved.generator.core.model import DecisionStatus


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    decisions = {
        **platform.decisions,
        "ADR-0002": dataclasses.replace(
            platform.decisions["ADR-0002"],
            status=DecisionStatus.SUPERSEDED,
            superseded_by="ADR-0005",
        ),
        "ADR-0005": decision(
            5,
            "Stream every till event through the club's event hub",
            DecisionStatus.ACCEPTED,
            outcome="Chosen option: the event hub for every till event.",
            supersedes=("ADR-0002",),
        ),
    }
    with engine_of(dataclasses.replace(platform, decisions=decisions)) as built:
        yield built


@pytest.mark.parametrize(
    "question", ["which decisions are superseded rn", "any adrs that got superseded?"]
)
def test_the_records_of_the_status_named_are_listed(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.intent == "list"
    assert "ADR-0001 · Load sources nightly (replaced by ADR-0002)" in answer.text, answer.text
    assert "ADR-0002" in answer.text
    assert "ADR-0004" not in answer.text  # proposed, not superseded
    assert answer.citations[0].url == "decisions/"
    assert answer.text.startswith("2 of the 5 decisions in the decision log"), answer.text


def test_every_record_is_listed_under_its_status(engine: Engine) -> None:
    answer = engine.ask("list of adrs and their statuses pls")
    assert answer.intent == "list"
    for number in range(1, 6):
        assert f"ADR-000{number}" in answer.text
    assert "Proposed, not decided yet: ADR-0004" in answer.text, answer.text
    assert "Rejected: ADR-0003" in answer.text
    assert answer.text.startswith("5 decisions in the decision log, by status."), answer.text


@pytest.mark.parametrize(
    "question",
    ["which products are still in progress and which are done", "what wids are ongoing"],
)
def test_products_in_progress_are_listed_by_status(engine: Engine, question: str) -> None:
    assert read(question).lists == "products"
    answer = engine.ask(question)
    # How many products there are heads the listing, as every other listing's count.
    assert answer.text.startswith("3 products, by status."), answer.text
    assert "WID-0001" in answer.text
    assert "WID-0002" in answer.text


def test_a_question_about_one_decision_is_no_listing() -> None:
    assert read("which decision replaced the nightly loads").lists is None
    assert read("what's the status of adr 4").lists is None


def test_a_replacement_replaced_in_turn_is_named_with_the_current_record(
    engine: Engine,
) -> None:
    answer = engine.ask("is ADR-0001 superseded?")
    assert "replaced by ADR-0002" in answer.text, answer.text
    assert "in turn replaced by ADR-0005" in answer.text
