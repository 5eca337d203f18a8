"""A step skipped between two quoted steps is quoted too (benchmarks/README.md,
answering engine, eighteenth round).

A section's best passage and the next-best ones are quoted in document order; in a
numbered procedure whose steps one and two and four share the question's words, the
third step was left out, and with it often the fact asked ("describe it in a form",
"ask the lead to review"). A passage skipped between two quoted passages of the same
block (a list, a paragraph) is now quoted with them; one further apart is not.

Every question and page here is made up (a cycling club's winter league), worded
unlike the benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import doc_page, engine_of, small_platform

from paved.bot.answer.engine import Engine

LEAGUE_DOC = """# Winter league

How teams of the club ride the winter league.

## How does a team enter the winter league

1. Register the team on the league sheet with a captain's name.
2. Register every rider of the team on the league sheet before the first race.
3. Send the medical form to the club secretary.
4. Register the team's spare rider on the league sheet as well.
5. Collect the race numbers at the clubhouse.

## Where are the races held

The races are held on the velodrome on Sunday mornings, from November to March.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    page = doc_page("league.md", "Winter league", LEAGUE_DOC, owner="club@example.org")
    platform = dataclasses.replace(platform, docs={**platform.docs, page.path: page})
    with engine_of(platform) as built:
        yield built


def test_a_step_between_two_quoted_steps_is_quoted(engine: Engine) -> None:
    answer = engine.ask("how do we register a team and its riders on the winter league sheet")
    assert answer.answered
    assert answer.citations[0].url.endswith("#how-does-a-team-enter-the-winter-league")
    assert "captain's name" in answer.text, answer.text
    assert "spare rider" in answer.text, answer.text
    # Step three sits between quoted steps: it is quoted, in its place.
    assert "medical form" in answer.text, answer.text
    text = answer.text
    assert text.index("before the first race") < text.index("medical form")
    assert text.index("medical form") < text.index("spare rider")


def test_a_step_after_the_quoted_ones_is_not_added(engine: Engine) -> None:
    answer = engine.ask("how do we register a team and its riders on the winter league sheet")
    assert "race numbers" not in answer.text, answer.text
