"""A reason asked with a noun ("what was the reasoning for X", "what's the rationale
behind X", "... and what was the reasoning") is a "why": the decision's reason is
quoted, not its list of options (benchmarks/README.md, answering engine, fourteenth
round); so is a list of options asked whole ("what alternatives were considered").

Every question and page here is made up (a bike club lending its tools), worded unlike
the benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import engine_of, small_platform

from paved.bot.answer.asktypes import types_of
from paved.bot.answer.engine import Engine
from paved.generator.core.load.markdown import find_sections
from paved.generator.core.model import Decision, DecisionStatus

LENDING = """# Lend workshop tools by membership tier

## Context and Problem Statement

The club lends its workshop tools to members for home repairs.

## Considered Options

* Lending by membership tier
* A cash deposit per tool
* Free lending to anyone who asks

## Decision Outcome

Chosen option: "Lending by membership tier", because every borrower is then a known
member and tools come back within the week.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    lending = Decision(
        id="ADR-0005",
        number=5,
        title="Lend workshop tools by membership tier",
        status=DecisionStatus.ACCEPTED,
        date="2025-05-01",
        decision_makers=("Ada Berg",),
        consulted=(),
        informed=(),
        supersedes=(),
        superseded_by=None,
        affected_wids=(),
        affected_systems=(),
        tags=("workshop",),
        path="adrs/0005-lending.md",
        body=LENDING,
        sections=tuple(find_sections(LENDING, 1)),
    )
    platform = dataclasses.replace(platform, decisions={**platform.decisions, lending.id: lending})
    with engine_of(platform) as built:
        yield built


@pytest.mark.parametrize(
    "question",
    [
        "what was the reasoning for lending workshop tools by membership tier?",
        "whats the rationale behind lending tools by membership tier instead of a deposit",
    ],
)
def test_the_reasoning_for_a_decision_quotes_its_reason(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert "tools come back" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what was the reasoning for the tool deposit",
        "what's the rationale behind it",
        "when did the club decide on tool lending and what was the reasoning",
        "which options were weighed and why was the deposit dropped",
    ],
)
def test_a_reason_asked_with_a_noun_is_a_why(question: str) -> None:
    assert "why" in types_of(question)


def test_what_a_term_means_is_no_why() -> None:
    assert "why" not in types_of("what is the reason code column in till.receipts")
    assert "why" not in types_of("what does a membership tier include")


@pytest.mark.parametrize(
    "question",
    [
        "what alternatives were considered for lending tools by membership tier",
        "what alternatives to lending by membership tier were there",
    ],
)
def test_the_options_asked_for_are_quoted_whole(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    for option in ("membership tier", "cash deposit", "Free lending"):
        assert option in answer.text
