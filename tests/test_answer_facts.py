"""Product and dataset facts for loosely named subjects, and "which table has X", on the
bundled Halden example (the questions a reader of the example found answered wrongly)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_answers import product, small_platform

from paved.bot.answer.engine import Engine
from paved.bot.answer.intents import Intent, Kind, read
from paved.bot.answer.mentions import Mentions
from paved.bot.answer.structured import duration
from paved.generator.core.model import ProductStatus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    built = Engine.from_root(ROOT)
    yield built
    built.close()


def test_retention_of_a_loosely_named_product_comes_from_its_wid(engine: Engine) -> None:
    reply = engine.ask("how long do we keep customer data in customer 360?")
    assert reply.answered
    assert reply.intent == "product-facts"
    assert reply.citations[0].url == "products/wid-0006/"
    assert "3 years (P3Y)" in reply.text
    assert "legitimate interests" in reply.text
    assert "not onboarded" in reply.text  # an approved product is not described as live


def test_a_product_without_personal_data_says_so(engine: Engine) -> None:
    reply = engine.ask("Is there personal data in the store sales performance product?")
    assert reply.citations[0].url == "products/wid-0001/"
    assert "no personal data" in reply.text


def test_refresh_of_a_table_named_loosely_cites_its_catalogue_section(engine: Engine) -> None:
    reply = engine.ask("how often is the store sales daily table refreshed?")
    assert reply.citations[0].url == "catalogue/datasets/lakehouse.prd_store_sales_daily/"
    assert "Refreshed daily" in reply.text


def test_which_table_has_ranks_datasets_by_description(engine: Engine) -> None:
    reply = engine.ask("which table has store revenue per day?")
    assert reply.intent == "dataset"
    assert reply.citations[0].url == "catalogue/datasets/lakehouse.prd_store_sales_daily/"


def test_which_table_declines_when_no_dataset_holds_it(engine: Engine) -> None:
    reply = engine.ask("which table has the weather forecast for our stores?")
    assert not reply.answered


def test_where_can_i_find_without_a_table_word_still_searches_docs(engine: Engine) -> None:
    reply = engine.ask("where can I find the onboarding exercise?")
    assert reply.answered
    assert reply.citations[0].url.startswith("get-started/onboarding-exercise/")


def test_personal_data_columns_of_a_dataset_are_listed(engine: Engine) -> None:
    reply = engine.ask("which columns of crm.contacts hold personal data?")
    assert reply.citations[0].url == "catalogue/datasets/crm.contacts/"
    assert "Personal data columns:" in reply.text


def test_talk_to_reads_as_asking_for_an_expert() -> None:
    reading = read("Who should I talk to about the bill of materials?")
    assert reading.intent is Intent.EXPERT
    assert reading.subject == "bill materials"


def test_mentions_need_two_words_of_a_name(engine: Engine) -> None:
    mentions = Mentions(engine.platform)
    assert mentions.find("how long do we keep CCTV footage from the stores?") == []
    found = mentions.find("does the first pass yield product hold personal data?")
    assert {(m.kind, m.id) for m in found} >= {(Kind.PRODUCT, "WID-0010")}


def test_a_title_written_as_one_word_still_names_the_product() -> None:
    """ "Tea room" written "tearoom": one word of the question holds two of the title's,
    and counts for both; alone it is still one word, which names nothing."""
    platform = small_platform()
    item = product("WID-0042", "Tea room booking tool", ProductStatus.ONBOARDED)
    platform = dataclasses.replace(platform, products={**platform.products, item.id: item})
    mentions = Mentions(platform)
    found = mentions.find("who looks after the tearoom booking tool?")
    assert (found[0].kind, found[0].id, found[0].share) == (Kind.PRODUCT, "WID-0042", 1.0)
    assert all(m.id != "WID-0042" for m in mentions.find("is the tearoom open on fridays"))


def test_lineage_of_a_product_sharing_a_datasets_name_is_the_products(engine: Engine) -> None:
    """The web shop stock availability product and its dataset have the same words; the
    question saying "product" asks for the product's sources."""
    reply = engine.ask("where does the webshop stock availability product pull its figures from?")
    assert reply.intent == "lineage"
    assert reply.citations[0].url == "products/wid-0003/"


def test_duration_reads_iso_periods() -> None:
    assert duration("P3Y") == "3 years (P3Y)"
    assert duration("P1M") == "1 month (P1M)"
    assert duration("until contract end") == "until contract end"


def test_can_i_use_x_for_y_reads_x_as_the_focus() -> None:
    reading = read("Can I use break-glass access to fix a broken dashboard myself?")
    assert reading.focus == ("break", "glass", "access")


def test_can_i_use_x_answers_from_the_rule_about_x(engine: Engine) -> None:
    reply = engine.ask("Can I use break-glass access to fix a broken dashboard myself?")
    assert reply.citations[0].url == "access/#when-can-break-glass-access-be-used"


def test_can_i_use_something_the_portal_does_not_know_is_declined(engine: Engine) -> None:
    assert not engine.ask("Can I use the company car for a trip to Oslo?").answered
