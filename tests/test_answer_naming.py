"""What a question is about, as named: answers the asker offers ("..., A or B?") are not
the subject, and a product may be named by one word of its title that is its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sample_answers import small_platform

from paved.bot.answer.catalogue import Catalogue
from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import read
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.lineage import Lineage
from paved.generator.core.render.site import render_site


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


@pytest.mark.parametrize(
    ("question", "naming"),
    [
        (
            "where does the OEE data come from, the MES or the machines?",
            "where does the OEE data come from",
        ),
        ("which domain is it in, sales or something else", "which domain is it in"),
        # No offered answers: the whole question names its subject.
        ("can I email an extract to a dealer or is that not allowed", None),
        ("do checks run before or after promotion?", None),
    ],
)
def test_offered_answers_are_not_the_subject(question: str, naming: str | None) -> None:
    assert read(question).naming == (naming or question)


def test_a_product_is_named_by_a_title_word_no_other_title_has(engine: Engine) -> None:
    result = engine.ask("where do the audiences come from, the tills or the receipts?")
    assert result.intent == "lineage"
    assert result.citations[0].url == "products/wid-0002/"
    assert result.text.startswith("WID-0002 · Loyalty campaign audiences (draft) reads")


def test_a_table_offered_as_an_answer_is_not_what_is_asked_about(engine: Engine) -> None:
    """till.receipts is named, but as a guess at the answer: the lineage asked for is the
    product's, not the table's."""
    result = engine.ask("where do the audiences come from, till.receipts or till.stores?")
    assert result.intent == "lineage"
    assert result.citations[0].url == "products/wid-0002/"
    assert "Nothing feeds till.receipts" not in result.text


def test_names_the_content_lacks_among_offered_answers_are_guesses(engine: Engine) -> None:
    """The docs name no ticket tool: offered as guesses, the names do not make the
    question unanswerable; asked about, they do."""
    guessed = engine.ask("how do I request a grant, with jira or servicenow or zendesk?")
    assert guessed.answered
    assert guessed.citations[0].url == "access/#request-a-grant"
    asked = engine.ask("how do I request a grant with jira and servicenow and zendesk?")
    assert not asked.answered


def test_offered_answers_are_read_after_a_comma_or_like() -> None:
    assert read("why not a proper tool like datahub or collibra").offered == (
        "datahub",
        "collibra",
    )
    assert read("where does it come from, the mes or the machines").offered == ("mes", "machines")
    assert read("what is the salary band").offered == ()


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("is the kettle capacity 1l or 2l", ("1l", "2l")),
        ("do we brew the coffee in a press or only a filter?", ("press", "filter")),
        # A second clause, an open end, a choice of time: no options offered.
        ("can I take the kettle home or is that not allowed", ()),
        ("is the coffee club weekly or not", ()),
        ("is the coffee club weekly or something else", ()),
        ("do we descale before or after the holidays", ()),
        ("what is the kettle's wattage", ()),
    ],
)
def test_options_at_the_end_of_a_yes_no_question_are_offered(
    question: str, offered: tuple[str, ...]
) -> None:
    assert read(question).offered == offered


def test_the_process_asked_for_is_the_frame_not_the_subject(engine: Engine) -> None:
    """ "What's the process to X" asks how to X; no docs page says "process", and
    counting it as a word of the question declined what the access page answers."""
    reading = read("what's the process to request a grant for emergency access?")
    assert "process" not in reading.terms
    assert read("is the process written down anywhere?").terms[0] == "process"
    result = engine.ask("what's the process to request a grant for emergency access?")
    assert result.answered
    assert result.citations[0].url == "access/#request-a-grant"


def test_a_dataset_named_before_punctuation_is_named() -> None:
    """ "if the tills rename a column in till receipts, what breaks?": the comma after
    the name used to hide it (the name was matched with its punctuation)."""
    platform = small_platform()
    found = Catalogue(platform, Lineage(platform)).named
    assert [
        n.dataset for n in found("if the tills rename a column in till receipts, what breaks?")
    ] == ["till.receipts"]
    assert [n.dataset for n in found("who owns till receipts?")] == ["till.receipts"]


def test_which_products_end_up_stale_when_a_system_is_down_lists_its_readers(
    engine: Engine,
) -> None:
    """ "If the store tills are down for a day, which products end up stale?" asks what is
    downstream of the one system named: the products reading it."""
    assert read("if the store tills are down for a day, which products end up stale?").lineage == (
        "down"
    )
    assert read("which products would be hit if the tills fail").lineage == "down"
    answer = engine.ask("if the store tills are down for a whole day, which products end up stale?")
    assert answer.intent == "usage"
    assert "WID-0001 · Store sales dashboard" in answer.text


def test_someone_leaving_and_which_datasets_asks_for_their_duties(engine: Engine) -> None:
    """ "Ada is moving teams - which datasets would lose their custodian?" asks what Ada
    looks after; a first name only one custodian has names her."""
    assert read("ada is moving teams - which datasets would lose their custodian?").duties == "ada"
    answer = engine.ask("ada is moving teams - which datasets would end up without a custodian?")
    assert answer.intent == "duties"
    assert "Ada Berg" in answer.text
    assert "till.receipts" in answer.text


def test_built_only_from_asks_what_feeds_a_dataset(engine: Engine) -> None:
    """ "Is till.receipts built only from the tills or does it also pull in X?" asks
    what feeds it, as "built from" does."""
    assert read("is the receipts table built only from the tills?").lineage == "up"
    assert read("does it also pull in web orders").lineage == "up"
    assert read("how often does the receipts table get pulled in").lineage is None


def test_list_a_domains_datasets(engine: Engine) -> None:
    """ "list retail datasets" asks for the datasets of the domain it names, not for the
    domain's description; "which tables have X" is still a search."""
    assert read("list retail datasets").lists == "domain-datasets"
    assert read("which tables are in the retail domain").lists == "domain-datasets"
    assert read("which tables have loyalty cards").lists is None
    answer = engine.ask("list retail datasets")
    assert answer.intent == "list"
    assert "till.receipts, till.stores" in answer.text
