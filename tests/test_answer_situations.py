"""Questions as people type them (benchmarks/README.md, answering engine, eleventh round):
chat shorthand, a report asked about by its name, a situation around the question.

Every question and page here is made up (a bike club's portal), worded unlike the
benchmark's questions: the mechanisms must hold beyond the questions that showed the
need for them."""

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

CLUB_DOC = """# The bike club

Members ride together and look after the club's workshop.

## When and where are workshop evenings

Workshop evenings are every Monday from 18:00 in the shed behind the velodrome.

## What should I bring to a workshop evening

Bring your bike, a spare inner tube and a question.
"""


def _doc(path: str, title: str, body: str) -> DocPage:
    return DocPage(
        path=path,
        title=title,
        owner="club@example.org",
        review_by=None,
        sections=tuple(find_sections(body, 1)),
        body=body,
    )


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    club = _doc("club.md", "The bike club", CLUB_DOC)
    platform = dataclasses.replace(platform, docs={**platform.docs, club.path: club})
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


# -- chat shorthand -------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["workshop hrs - when n where?", "workshop hrs?", "workshop evenings - hrs n place"],
)
def test_a_question_in_chat_shorthand_is_answered(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url.endswith("#when-and-where-are-workshop-evenings")
    assert "Monday" in answer.text


# -- a report named by its title ---------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "url", "said"),
    [
        (
            "the ownership report, what is it and is it kept current?",
            "reports/ownership/",
            "recomputed on every build",
        ),
        ("what is in the onboarding lead time report", "reports/onboarding/", "submitted"),
    ],
)
def test_a_report_named_by_its_title_is_answered_by_its_introduction(
    engine: Engine, question: str, url: str, said: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url == url
    assert said in answer.text


def test_a_report_named_by_part_of_its_title_is_not_its_introduction(engine: Engine) -> None:
    """ "The lead time report" is not "Onboarding lead time" named: the page's other
    words may be what the question is not about."""
    answer = engine.ask("what does the lead time report measure")
    assert "reports/onboarding/" not in [c.url for c in answer.citations]
