"""Questions as people type them (benchmarks/README.md, answering engine, twelfth round):
a domain's products, listings asked as "where can I see" or "what are the X ones", a
layer word before a table's name, lineage asked as "trace it back", a slip in a
possessive.

Every question and page here is made up (a bike club's catalogue: a repairs domain, a
lake of till tables), worded unlike the benchmark's questions: the mechanisms must hold
beyond the questions that showed the need for them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import doc_page, engine_of, product, small_platform

from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import Kind, read
from paved.bot.answer.query import Vocabulary
from paved.bot.answer.text import expand_shorthand
from paved.generator.core.model import (
    Classification,
    Dataset,
    Domain,
    LineageEdge,
    ProductStatus,
    System,
)

SPARES_DOC = """# Spare parts

Where the club keeps its spare parts.

## How do I order a spare for my bike

Write the part number in the spares book; the quartermaster orders on Fridays.

## Who keeps the workshop keys

The quartermaster keeps the workshop keys; the chair holds a spare set.
"""


def _dataset(did: str, system: str, domain: str, description: str) -> Dataset:
    return Dataset(
        did, system, domain, "ada-berg", description, Classification.INTERNAL, "daily", ()
    )


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    """The sample platform with a second domain (Bike repairs) owning two products, a
    lake whose raw table of till receipts has a longer name than the till's own table,
    and a curated table built from it."""
    platform = small_platform()
    repairs = Domain("repairs", "Bike repairs", "The workshop.", "ola-dahl")
    truing = dataclasses.replace(
        product("WID-0004", "Wheel truing performance", ProductStatus.APPROVED), domain="repairs"
    )
    spokes = dataclasses.replace(
        product("WID-0005", "Spoke stock alerts", ProductStatus.SUBMITTED), domain="repairs"
    )
    lake = System("lake", "Club lake", "retail", "ada-berg", "lakehouse", "The lake.")
    raw = _dataset(
        "lake.raw_till_receipts_feed",
        "lake",
        "retail",
        "Raw copy of till.receipts, kept 45 days for replay.",
    )
    cur = _dataset(
        "lake.cur_till_receipts", "lake", "retail", "Cleaned till receipts, kept 3 years."
    )
    summary = _dataset("lake.prd_shop_summary", "lake", "retail", "One row per shop per day.")
    spares = doc_page("spares.md", "Spare parts", SPARES_DOC, owner="club@example.org")
    platform = dataclasses.replace(
        platform,
        domains={**platform.domains, repairs.id: repairs},
        products={**platform.products, truing.id: truing, spokes.id: spokes},
        systems={**platform.systems, lake.id: lake},
        datasets={
            **platform.datasets,
            raw.id: raw,
            cur.id: cur,
            summary.id: summary,
        },
        lineage=(
            LineageEdge("till.receipts", raw.id, "ingest"),
            LineageEdge(raw.id, cur.id, "curate"),
            LineageEdge(cur.id, summary.id, "aggregate"),
        ),
        docs={**platform.docs, spares.path: spares},
    )
    with engine_of(platform) as built:
        yield built


# -- a domain's products --------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "which products belong to the bike repairs domain?",
        "what data products does the repairs domain own",
        "list the wids in the repairs domain",
    ],
)
def test_the_products_of_a_named_domain_are_listed(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.intent == "list"
    assert answer.citations[0].url == "catalogue/domains/repairs/#products"
    assert "WID-0004" in answer.text
    assert "WID-0005" in answer.text
    assert "WID-0001" not in answer.text  # a retail product
    # Products of a domain that read something is a lineage question, not a listing.
    assert read("which products in the repairs domain read till data").lists is None


# -- listings asked another way ---------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "which wids are pending or waiting for approval?",
        "is there an overview of all the data products",
        "list all products",
    ],
)
def test_every_product_is_listed_by_status(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.intent == "list"
    assert "Submitted for review: WID-0005" in answer.text
    assert "Draft: WID-0002" in answer.text


def test_where_can_i_find_the_datasets_of_a_domain(engine: Engine) -> None:
    answer = engine.ask("where do we find the tables in the retail domain")
    assert answer.answered
    assert answer.intent == "list"
    assert "lake.cur_till_receipts" in answer.text


def test_what_are_the_confidential_tables(engine: Engine) -> None:
    answer = engine.ask("what are the confidential tables, the locked ones?")
    assert answer.answered
    assert answer.intent == "list"
    assert "till.receipts" in answer.text
    assert "lake.cur_till_receipts" not in answer.text  # internal


# -- a layer word before a table's name -------------------------------------------------


@pytest.mark.parametrize(
    ("question", "dataset"),
    [
        ("who looks after the raw till receipts?", "lake.raw_till_receipts_feed"),
        ("how long are raw till receipts kept", "lake.raw_till_receipts_feed"),
        ("who is custodian of curated till receipts", "lake.cur_till_receipts"),
    ],
)
def test_a_layer_word_names_the_lake_table_of_that_layer(
    engine: Engine, question: str, dataset: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url == f"catalogue/datasets/{dataset}/"
    # Without the layer word the question does not pick that layer's table.
    plain = engine.ask(question.replace("raw ", "").replace("curated ", ""))
    assert plain.citations[0].url != f"catalogue/datasets/{dataset}/"


# -- lineage asked as "trace it back" ---------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "can you trace prd_shop_summary all the way back",
        "trace the shop summary back to its sources",
        "what raw tables end up in prd_shop_summary?",
    ],
)
def test_tracing_a_table_back_asks_its_upstream(engine: Engine, question: str) -> None:
    assert read(question).lineage == "up"
    answer = engine.ask(question)
    assert answer.answered
    assert "lake.raw_till_receipts_feed" in answer.text
    assert "till.receipts" in answer.text


def test_what_a_table_flows_into_asks_its_downstream(engine: Engine) -> None:
    assert read("what does cur_till_receipts flow into?").lineage == "down"
    answer = engine.ask("what does cur_till_receipts flow into?")
    assert answer.answered
    assert "lake.prd_shop_summary" in answer.text


# -- a slip in a possessive -------------------------------------------------------------


def test_a_slip_before_an_apostrophe_s_is_corrected() -> None:
    vocabulary = Vocabulary.of(["the quartermaster orders spares"])
    assert vocabulary.corrected("the quartermastr's hours") == "the quartermaster's hours"
    assert vocabulary.corrected("don't ask") == "don't ask"


def test_a_question_with_a_slip_in_a_possessive_is_answered(engine: Engine) -> None:
    answer = engine.ask("which day does the quartermastr's order go out")
    assert answer.answered
    assert answer.citations[0].url.endswith("#how-do-i-order-a-spare-for-my-bike")


# -- the system a table is kept in ------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["which system does cur_till_receipts live in?", "in which system is cur_till_receipts kept"],
)
def test_the_system_a_table_is_kept_in(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.intent == "system"
    assert answer.citations[0].url == "catalogue/datasets/lake.cur_till_receipts/"
    assert "Club lake (lake" in answer.text


def test_which_system_a_table_comes_from_is_still_its_lineage() -> None:
    reading = read("which system does cur_till_receipts come from?")
    assert not reading.system_of
    assert read("which system does cur_till_receipts sit in?").system_of


# -- a product named loosely ------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "who is the business sponsor for the spoke stock thing",
        "the spoke stock project - who is the business owner?",
    ],
)
def test_the_x_thing_or_project_names_a_product(question: str) -> None:
    assert read(question).kind is Kind.PRODUCT
    # Not "the thing is": no product is named there.
    assert read("the thing is, who looks after till receipts?").kind is not Kind.PRODUCT


def test_clipped_office_words_are_read_in_full(engine: Engine) -> None:
    assert expand_shorthand("the perf figures for our dept") == (
        "the performance figures for our department"
    )
    answer = engine.ask("status of the wheel truing perf product?")
    assert answer.answered
    assert answer.citations[0].url == "products/wid-0004/"


# -- what "how many" counts -------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("how many kafka partitions does the receipts topic have", "partitions"),
        ("how many daily riders are there per ride", "riders"),
        ("how many spare wheel sets do we keep", "sets"),
    ],
)
def test_how_many_counts_the_last_word_of_its_phrase(question: str, counted: str) -> None:
    assert read(question).counted == counted


def test_a_count_of_something_no_page_counts_is_declined(engine: Engine) -> None:
    # The decision about streaming till receipts names Kafka, never a partition count.
    answer = engine.ask("how many kafka partitions does the till receipts stream use?")
    assert not answer.answered


# -- a fine or a penalty is an amount ---------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what's the penalty we'd pay if the till receipts leaked?",
        "what is the gdpr fine if card numbers in till receipts got out",
    ],
)
def test_a_fine_for_a_dataset_is_no_fact_of_its_page(engine: Engine, question: str) -> None:
    assert read(question).money
    assert not engine.ask(question).answered
    # "Is it fine to" asks no amount.
    assert not read("is it fine to keep till receipts for a year?").money


# -- a system's own figure --------------------------------------------------------------


def test_a_figure_owned_by_a_named_system_is_not_the_clubs_rule(engine: Engine) -> None:
    # The club's rule answers for a grant on any system ...
    ruled = engine.ask("how long does a grant request on the tills take to get approved?")
    assert ruled.answered
    assert ruled.citations[0].url == "access/#request-a-grant"
    # ... but the tills' own approval time, as the tills' vendor keeps it, is not written.
    owned = engine.ask("how long does the till's own grant request take to get approved?")
    assert not owned.answered
