"""Ranking by answer type: a section whose heading asks the kind of question asked (who,
when, how long...) is quoted before one that only shares the question's words."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from sample_answers import small_platform

from paved.bot.answer.engine import Engine
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.load.markdown import find_sections
from paved.generator.core.model import DocPage
from paved.generator.core.render.site import render_site

OPERATIONS_DOC = """# Operations

The platform runs nightly loads for every source system.

## What does the platform monitor

Every nightly load is monitored: when a nightly load fails or a load is late, an alert
goes to the operations channel and the alert opens an incident.

## Who is on call

The platform engineer of the week is on call for failed nightly loads and their alerts.

## How long are logs kept

Load logs are kept for 90 days.

## How is a schema change released

A schema change is released in the weekly review, and merged once it is approved there.
The platform architect chairs the review.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    base = small_platform()
    page = DocPage(
        path="operations/index.md",
        title="Operations",
        owner="platform@example.org",
        review_by=None,
        sections=tuple(find_sections(OPERATIONS_DOC, 1)),
        body=OPERATIONS_DOC,
    )
    platform = dataclasses.replace(base, docs={**base.docs, page.path: page})
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


def test_a_who_question_is_answered_under_a_who_heading(engine: Engine) -> None:
    """Both sections hold every word asked, and the monitoring section repeats them (bm25
    ranks it first); only the on-call section's heading asks "who"."""
    result = engine.ask("who gets an alert when a nightly load fails?")
    assert result.answered
    assert result.citations[0].url == "operations/#who-is-on-call"
    assert "engineer of the week" in result.text


def test_a_heading_asking_the_question_lowers_the_bar_to_answer(engine: Engine) -> None:
    """The section holds half of the question (not the incident, nor its opening), under
    the usual bar, but its heading asks "how long" about logs, and it says how long."""
    result = engine.ask("how long are logs kept after an incident is opened?")
    assert result.answered
    assert result.citations[0].url == "operations/#how-long-are-logs-kept"
    assert "90 days" in result.text


def test_a_heading_of_the_right_kind_about_something_else_does_not(engine: Engine) -> None:
    """ "How long are logs kept" asks how long, but holds a third of this question."""
    result = engine.ask("how long do we keep stores open?")
    assert not result.answered


def test_a_who_question_quotes_the_passage_naming_someone(engine: Engine) -> None:
    """The sentence holding the question's words says when and how, not who: the one
    naming a role is quoted with it."""
    result = engine.ask("who approves a schema change before it is merged?")
    assert result.citations[0].url == "operations/#how-is-a-schema-change-released"
    assert "merged once it is approved" in result.text
    assert "The platform architect chairs the review." in result.text


def test_how_many_of_something_is_answered_only_by_a_passage_naming_it(engine: Engine) -> None:
    """The logs section holds a number and most of the question, but no partitions: a
    count of something else is not the answer."""
    assert not engine.ask("how many partitions do the load logs have?").answered
