"""Answers that state the fact asked (benchmarks/README.md, answering engine, thirteenth
round): a dataset's retention when asked how long it is kept, the lake's layers compared
by their table prefixes; declined: a price of something no page prices, a "which X"
that no passage naming an X answers.

Every question and page here is made up (a bike club: tills, a loyalty scheme, a lake
with three layers), worded unlike the benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import doc_page, engine_of, product, small_platform

from paved.bot.answer.engine import Engine
from paved.generator.core.model import PersonalData, ProductStatus

LAKE_DOC = """# The club lake

How the club's lake is laid out.

## What are the layers of the lake

| Layer | What it holds | Who may read it |
|---|---|---|
| raw | Till files exactly as the tills wrote them | The treasurer only |
| curated | Receipts checked, typed and with duplicates removed | Committee members |
| product | Tables one club product publishes | Any member with a reason |

## How do I name a lake table

Start the name with the layer's prefix: raw_, cur_ or prd_.
"""


CLUBHOUSE_DOC = """# The clubhouse

Where members meet and what the rooms cost.

## Where is the clubhouse

The clubhouse is on Mill Road, in the old saw mill by the river.

## What does a room cost

| Room | Price |
|---|---|
| Workshop bench | 40 NOK per evening |
| Meeting room | 150 NOK per evening, free for committees |
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    """The sample platform: the loyalty audiences product reads till receipts (which
    hold card numbers) and keeps personal data two years; the tills' store list holds
    no personal data; a lake page compares the layers in a table."""
    platform = small_platform()
    audiences = dataclasses.replace(
        product("WID-0002", "Loyalty campaign audiences", ProductStatus.ONBOARDED),
        upstream_datasets=("till.receipts",),
        personal_data=PersonalData(present=True, categories=("card number",), retention="P2Y"),
    )
    lake = doc_page("lake.md", "The club lake", LAKE_DOC, owner="club@example.org")
    house = doc_page("clubhouse.md", "The clubhouse", CLUBHOUSE_DOC, owner="club@example.org")
    platform = dataclasses.replace(
        platform,
        products={**platform.products, audiences.id: audiences},
        docs={**platform.docs, lake.path: lake, house.path: house},
    )
    with engine_of(platform) as built:
        yield built


# -- how long a dataset is kept ---------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["how long is till.receipts kept after it lands?", "what is the retention on till.receipts"],
)
def test_a_datasets_retention_is_stated_from_the_wids_reading_it(
    engine: Engine, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].url.startswith("catalogue/datasets/till.receipts/")
    assert "2 years (P2Y)" in answer.text
    assert "WID-0002" in answer.text


def test_a_retention_no_wid_states_is_said_to_be_unstated(engine: Engine) -> None:
    # The store list holds no personal data: nothing is kept for a reason to state.
    answer = engine.ask("how long do we keep till.stores")
    assert answer.answered
    assert "none recorded" in answer.text
    assert "no personal data" in answer.text


def test_a_summary_not_asked_for_a_retention_gives_none(engine: Engine) -> None:
    assert "Retention" not in engine.ask("what is till.receipts").text


# -- the layers compared by their table prefixes ---------------------------------------


def test_layers_compared_by_prefix_give_each_layers_row(engine: Engine) -> None:
    answer = engine.ask("cur vs prd vs raw in the club lake - what's the difference?")
    assert answer.answered
    for fact in ("exactly as the tills wrote", "duplicates removed", "one club product"):
        assert fact in answer.text


# -- a price of something else, a "which X" no passage names ---------------------------


def test_a_price_of_something_no_page_prices_is_declined(engine: Engine) -> None:
    # The rooms are priced; the sauna is not, though "price per evening" is written.
    assert engine.ask("what does a workshop bench cost per evening?").answered
    assert not engine.ask("what's the sauna price per evening at the clubhouse?").answered


def test_which_x_is_answered_by_a_passage_naming_an_x(engine: Engine) -> None:
    road = engine.ask("which road is the clubhouse on?")
    assert road.answered
    assert "Mill Road" in road.text
    # The lake page names prefixes and a treasurer; no passage about the clubhouse
    # does: its address is no answer.
    assert not engine.ask("which prefix is the clubhouse saw mill known by?").answered
    assert not engine.ask("which treasurer is the clubhouse on Mill Road run by?").answered
