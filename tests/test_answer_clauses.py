"""A message is answered by its question, not by every word around it (issue 11).

Three general mechanisms, each tested with made-up sentences about a made-up platform:
the questions of a chat message (``clauses.questions``), the subject a structured
lookup needs before it answers (a product's status only for a product the question
names), and the kind of fact a question asks for (a person, an amount, a duration),
without which a passage sharing the question's words does not answer it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from sample_answers import product, small_platform

from paved.bot.answer.clauses import asks, questions
from paved.bot.answer.engine import Engine, _merged
from paved.bot.answer.types import Answer, Citation
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.load.markdown import find_sections
from paved.generator.core.model import DocPage, ProductStatus
from paved.generator.core.render.site import render_site

STORAGE_DOC = """# Storage

The platform keeps its tables as files in object storage.

## How long are load logs kept

Load logs are kept for 90 days, then deleted.

## Who approves a new storage bucket

The storage steward approves every new bucket request in the weekly review.

## How is storage billed

Storage is billed to the domains by usage, from tagged buckets. The bill shows each
domain its own buckets.

## What does a restore cost

A restore from cold storage costs 40 euros per terabyte, billed to the domain.

## Roles

The steward is a volunteer from the domains. Reviews take 30 minutes.

## Storage tiers

Cold storage holds archived tables, moved there after a year without queries.

## Where do I request a bucket

Request a bucket with the bucket form in the service portal, naming the domain that pays.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    base = small_platform()
    page = DocPage(
        path="storage/index.md",
        title="Storage",
        owner="platform@example.org",
        review_by=None,
        sections=tuple(find_sections(STORAGE_DOC, 1)),
        body=STORAGE_DOC,
    )
    fleet = product(
        "WID-0009",
        "Bike fleet telematics",
        ProductStatus.ONBOARDED,
        body="# Bike fleet telematics\n\n## Value proposition\n\nThe depot team sees the "
        "position of every rental bike, refreshed each minute.\n",
    )
    platform = dataclasses.replace(
        base, docs={**base.docs, page.path: page}, products={**base.products, fleet.id: fleet}
    )
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


# -- the questions of a message ---------------------------------------------------------


def test_a_situation_before_the_question_is_set_aside() -> None:
    found = questions("our choir is moving to a bigger hall in spring, who tunes the piano?")
    assert [q.readings for q in found] == [("who tunes the piano?",)]


def test_two_questions_in_one_message_are_both_found() -> None:
    found = questions("how do I book the hall? and how long in advance must I book it")
    assert [q.text for q in found] == [
        "how do i book the hall?",
        "how long in advance must i book it",
    ]
    # "it" points back: the second question is read with the first, which names the hall.
    assert found[1].readings == ("how do i book the hall, how long in advance must i book it",)
    # ... but not the "it" of "how long does it take", which names nothing.
    found = questions("we moved in may. how long does it take to get a locker?")
    assert [q.readings for q in found] == [("how long does it take to get a locker?",)]


def test_a_question_pointing_back_is_read_with_the_clause_before() -> None:
    found = questions("the rehearsal schedule - is that kept by the conductor or the board?")
    assert found[0].readings[0] == (
        "the rehearsal schedule, is that kept by the conductor or the board?"
    )


def test_a_pronoun_after_a_noun_of_the_first_question_refers_to_that_noun() -> None:
    found = questions("we tour in may. how long is the stage kept before it is cleared?")
    assert [q.readings for q in found] == [("how long is the stage kept before it is cleared?",)]
    # In a later question, a pronoun means the earlier question's subject.
    found = questions("where is the old stage stored? do we sell it or keep it somewhere")
    assert found[1].readings == (
        "where is the old stage stored, do we sell it or keep it somewhere",
    )


def test_options_after_a_comma_stay_in_their_question() -> None:
    found = questions("is the fee paid per concert, per season, or both? asking for my aunt")
    assert [q.readings for q in found] == [("is the fee paid per concert, per season, or both?",)]
    found = questions("can I bring a guest to the rehearsal, or is that not allowed")
    assert found == []  # one question: the message itself


def test_a_single_question_or_none_gives_nothing_to_ask_again() -> None:
    assert questions("who tunes the piano?") == []
    assert questions("piano tuning schedule") == []
    assert [q.text for q in questions("hey, who tunes the piano")] == ["who tunes the piano"]
    found = questions("we tour in may: roughly how many chairs does the hall seat")
    assert [q.text for q in found] == ["how many chairs does the hall seat"]


def test_a_sentence_asking_only_by_its_mark_is_an_aside_beside_a_question() -> None:
    found = questions("is the conductor away next week? need him to sign my form?")
    assert [q.text for q in found] == ["is the conductor away next week?"]
    assert questions("the conductor's phone number?") == []  # alone, it is the question


def test_an_interrogative_start_asks_after_a_chat_lead_in() -> None:
    assert asks("quick question: where is the hall")
    assert asks("so can we park there")
    assert not asks("we are moving in spring")


def test_the_engine_answers_the_question_of_a_long_message(engine: Engine) -> None:
    """The situation (a move, a deadline) is in no section; alone, the question is."""
    message = (
        "hey, my team is moving to the new office in march and everything is chaos. "
        "how long are load logs kept?"
    )
    result = engine.ask(message)
    assert result.answered
    assert result.citations[0].url == "storage/#how-long-are-load-logs-kept"
    assert "90 days" in result.text


def test_the_engine_answers_both_questions_of_a_message(engine: Engine) -> None:
    result = engine.ask(
        "who approves a new storage bucket? and where do I request a bucket, is it a form"
    )
    assert result.answered
    urls = [c.url for c in result.citations]
    assert "storage/#who-approves-a-new-storage-bucket" in urls
    assert "storage/#where-do-i-request-a-bucket" in urls


def test_answers_to_two_questions_are_merged_each_with_its_best_source() -> None:
    first = Answer(
        "Logs are kept 90 days.",
        (Citation("Logs", "storage/#logs", "doc"), Citation("Tiers", "storage/#tiers", "doc")),
        confidence=0.9,
        answered=True,
    )
    second = Answer(
        "Use the bucket form.",
        (Citation("Buckets", "storage/#buckets", "doc"), Citation("Logs", "storage/#logs", "doc")),
        confidence=0.6,
        answered=True,
    )
    merged = _merged([first, second])
    assert merged.text == "Logs are kept 90 days.\n\nUse the bucket form."
    # Each question's first source before either's second; a source cited twice, once.
    assert [c.url for c in merged.citations] == [
        "storage/#logs",
        "storage/#buckets",
        "storage/#tiers",
    ]
    assert merged.confidence == 0.6
    assert _merged([second]) is second


def test_a_yes_no_follow_up_is_read_with_the_question_before_it() -> None:
    found = questions("what happens when a bucket is full? is the load stopped")
    assert found[1].readings == (
        "what happens when a bucket is full, is the load stopped",
        "is the load stopped",
    )


def test_a_question_clause_is_held_to_the_same_bar(engine: Engine) -> None:
    """Split off the situation, the question still asks what no section holds."""
    result = engine.ask("we moved floors last week, what is the guest wifi password?")
    assert not result.answered


# -- structured lookups require their subject -------------------------------------------


def test_a_status_question_not_naming_a_product_gets_no_product_status(engine: Engine) -> None:
    """No product is called anything like "weather radar"; the status of the nearest
    product page would be a wrong answer stated with confidence."""
    result = engine.ask("is the weather radar project live yet?")
    assert not any(c.url.startswith("products/") for c in result.citations)


def test_a_status_question_sharing_a_product_page_s_words_is_not_about_it(
    engine: Engine,
) -> None:
    """The telematics product's page holds "depot" and "position", but its title holds
    neither: "the depot position project" is not named, so its status is not the answer."""
    result = engine.ask("is the depot position project live yet?")
    assert not result.text.startswith("WID-0009")
    assert "live on the platform" not in result.text


def test_a_status_question_naming_a_product_by_its_own_title_word(engine: Engine) -> None:
    """ "Loyalty" is in one product's title only: the question names that product."""
    result = engine.ask("is the loyalty thing live yet?")
    assert result.answered
    assert result.citations[0].url.startswith("products/wid-0002")


def test_owner_questions_worded_with_everyday_verbs(engine: Engine) -> None:
    """ "Keeps ... up to date", "manages", "updates": who looks after the data."""
    for question in (
        "who keeps the till receipts up to date?",
        "who manages the till receipts table",
        "who updates till.receipts",
    ):
        assert "custodian of till.receipts is Ada Berg" in engine.ask(question).text, question


# -- the kind of fact asked for ---------------------------------------------------------


def test_a_who_question_needs_a_person_or_role_in_the_passage(engine: Engine) -> None:
    assert engine.ask("who approves a new storage bucket?").answered
    # The billing section holds the words, but names nobody who signs anything.
    result = engine.ask("who signs off the storage bill for the domains?")
    assert not result.answered or result.citations[0].url != "storage/#how-is-storage-billed"
    assert "billed to the domains by usage" not in result.text


def test_a_passage_without_the_kind_of_fact_asked_does_not_answer(engine: Engine) -> None:
    """The tiers section holds every word of these questions, but no person moving the
    tables and no reason for moving them: sharing words is not answering."""
    assert not engine.ask("who moves archived tables to cold storage?").answered
    assert not engine.ask("why are archived tables moved to cold storage?").answered
    assert engine.ask("what does cold storage hold?").answered


def test_a_money_question_needs_a_figure_not_just_a_frequency(engine: Engine) -> None:
    """The approval section holds every word but the price, and "weekly": a frequency
    answers "how often", not "what is the price"."""
    assert not engine.ask("what is the price of a new storage bucket request?").answered
    result = engine.ask("how much does a restore from cold storage cost?")
    assert result.answered
    assert "40 euros" in result.text


def test_a_figure_must_be_about_what_was_asked(engine: Engine) -> None:
    """The roles section names the steward as a volunteer; its only duration is of the
    reviews, a sentence naming nothing the question asks about."""
    assert not engine.ask("how long has the steward been a volunteer?").answered
    assert engine.ask("how long do reviews take?").answered


def test_an_amount_question_needs_an_amount_in_the_passage(engine: Engine) -> None:
    """The billing section says how storage is billed, not how much it costs."""
    result = engine.ask("how much is the bill for tagged buckets?")
    assert not result.answered
    assert engine.ask("how long are load logs kept?").answered


def test_a_second_question_joined_by_and_is_a_question_of_its_own() -> None:
    found = questions("is there a sign-up sheet for the choir and who keeps it")
    assert [q.text for q in found] == ["is there a sign-up sheet for the choir", "who keeps it"]
    # "it" of the second means the first's subject: read with it.
    assert found[1].readings == ("is there a sign-up sheet for the choir, who keeps it",)
    found = questions("where is the tuning fork and do we have to return it")
    assert [q.text for q in found] == ["where is the tuning fork", "do we have to return it"]
    # "and" between nouns joins no questions.
    assert questions("who tunes the piano and the organ") == []


def test_it_ending_a_later_question_means_the_earlier_subject() -> None:
    found = questions("where is the rehearsal room and how long does it take")
    assert found[1].readings == ("where is the rehearsal room, how long does it take",)
    # Naming what takes time, the question stands alone even after another.
    found = questions("where is the hall? how long does it take to get a locker")
    assert found[1].readings == ("how long does it take to get a locker",)
