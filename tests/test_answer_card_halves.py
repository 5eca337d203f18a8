"""Both halves of a question asked of one product's card (benchmarks/README.md,
answering engine, eighteenth round).

"Who is behind X and which sources does it use" asks two fields of the card: its
contacts and where its data comes from (the WID's ingress points). The card gave the
contacts only; it now adds the ingress points when the question asks for the product's
sources, data or systems it reads. "Who asked for X and how often is it refreshed" is
answered from the product's facts (its cadence); its contacts are now added when the
question also asks who. "How long do we keep X, and who is its custodian" gave the
dataset's custodian only; the retention its page states (the WIDs reading it) follows
now.

Every question and product here is made up (a town's seed library), worded unlike the
benchmark's questions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sample_answers import engine_of, product, small_platform

from paved.bot.answer.engine import Engine
from paved.generator.core.model import Contact, IntegrationPoint, PersonalData, ProductStatus

SEEDS_WID = """# Seed swap ledger

## Value proposition

Gardeners see which seed packets are on the library shelves before they cycle over.

## Integration points

The shelf scanner and the donation form feed the ledger.
"""


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    ledger = dataclasses.replace(
        product("WID-0007", "Seed swap ledger", ProductStatus.ONBOARDED, body=SEEDS_WID),
        business_owner=Contact("Wenche Holt", "wenche.holt@example.org", "@wenche.holt"),
        ingress=(
            IntegrationPoint("shelfscan", "batch", "nightly", "Packets counted on each shelf"),
            IntegrationPoint("donations", "file", "weekly", "Packets handed in by members"),
        ),
        egress=(IntegrationPoint("noticeboard", "api", "hourly", "The shelf list shown"),),
        upstream_datasets=("till.receipts",),
        personal_data=PersonalData(present=True, categories=("loyalty card",), retention="P2Y"),
    )
    platform = dataclasses.replace(platform, products={**platform.products, ledger.id: ledger})
    with engine_of(platform) as built:
        yield built


def test_who_and_which_sources_gets_both_fields_of_the_card(engine: Engine) -> None:
    answer = engine.ask("seed swap ledger: who is behind it and which sources does it pull from")
    assert answer.answered
    assert answer.citations[0].url == "products/wid-0007/"
    assert "Wenche Holt" in answer.text
    assert "shelfscan (batch, nightly): Packets counted on each shelf" in answer.text, answer.text
    assert "donations (file, weekly)" in answer.text


def test_by_id_what_data_it_uses_names_the_systems_it_reads(engine: Engine) -> None:
    answer = engine.ask("WID-0007 - what is it about, and what data does it use?")
    assert answer.answered
    assert "shelfscan" in answer.text, answer.text
    assert "donations" in answer.text
    assert "for the shops" in answer.text  # what it is about (its value proposition)


def test_who_alone_gets_the_contacts_without_the_sources(engine: Engine) -> None:
    answer = engine.ask("who is behind the seed swap ledger")
    assert "Wenche Holt" in answer.text
    assert "shelfscan" not in answer.text
    assert "donations" not in answer.text


def test_who_and_how_often_gets_the_cadence_and_the_contacts(engine: Engine) -> None:
    answer = engine.ask("who asked for the seed swap ledger and how often is it refreshed")
    assert answer.answered
    assert "shelfscan nightly" in answer.text, answer.text
    assert "Wenche Holt" in answer.text, answer.text


def test_how_often_alone_gets_no_contacts(engine: Engine) -> None:
    answer = engine.ask("how often is the seed swap ledger refreshed")
    assert "shelfscan nightly" in answer.text, answer.text
    assert "Wenche Holt" not in answer.text


def test_how_long_kept_and_whose_gets_the_custodian_and_the_retention(engine: Engine) -> None:
    answer = engine.ask("how long are till receipts retained, and who is their custodian?")
    assert answer.answered
    assert "Ada Berg" in answer.text, answer.text
    assert "2 years (P2Y)" in answer.text, answer.text


def test_who_keeps_a_dataset_is_not_asked_how_long(engine: Engine) -> None:
    answer = engine.ask("who keeps the till receipts dataset, who is the custodian")
    assert "Ada Berg" in answer.text, answer.text
    assert "P2Y" not in answer.text
