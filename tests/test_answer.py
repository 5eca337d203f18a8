"""The answering engine on a small hand-built platform: structured answers, status
labelling of what is not current, full text from docs, declining, and the API contract."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sample_answers import ROOT, small_platform

from paved.bot.answer import Answer, answer, engine_for, repository_root
from paved.bot.answer.engine import Engine
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.model import (
    Platform,
)
from paved.generator.core.render.site import render_site


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    platform = small_platform()
    built = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    yield built
    built.close()


def urls(result: Answer) -> list[str]:
    return [c.url for c in result.citations]


# --- structured answers from the model --------------------------------------------------


def test_custodian_of_a_table_named_loosely(engine: Engine) -> None:
    result = engine.ask("Who is the custodian of the receipts table?")
    assert result.answered
    assert result.intent == "owner"
    assert "The custodian of till.receipts is Ada Berg (@ada.berg" in result.text
    assert urls(result)[0] == "catalogue/datasets/till.receipts/"
    assert "catalogue/custodians/ada-berg/" in urls(result)
    assert result.owner == "@ada.berg"


def test_dataset_without_custodian_says_so(engine: Engine) -> None:
    result = engine.ask("who is the custodian of till.stores?")
    assert "till.stores has no custodian recorded" in result.text
    assert urls(result) == ["catalogue/datasets/till.stores/"]


def test_system_owner_by_name_with_a_typo(engine: Engine) -> None:
    result = engine.ask("who owns the store tils?")
    assert "is owned by Ada Berg" in result.text
    assert urls(result)[0] == "catalogue/systems/till/"


def test_domain_lead(engine: Engine) -> None:
    result = engine.ask("Who is responsible for the retail domain?")
    assert result.text.startswith("The Retail domain is led by Ada Berg")
    assert urls(result)[0] == "catalogue/domains/retail/"


def test_expert_by_listed_expertise(engine: Engine) -> None:
    result = engine.ask("who knows kafka?")
    assert result.intent == "expert"
    assert "Ola Dahl (@ola.dahl, Platform lead)" in result.text
    assert urls(result) == ["catalogue/custodians/ola-dahl/"]
    assert result.owner == "@ola.dahl"


def test_dataset_named_by_id_lists_its_columns(engine: Engine) -> None:
    result = engine.ask("What is in till.receipts?")
    assert result.intent == "dataset"
    assert "Columns: receipt_id, card_no." in result.text
    assert "with personal data" in result.text


def test_product_status_by_id_names_owner_and_contacts(engine: Engine) -> None:
    result = engine.ask("status of wid 1")
    assert result.text.startswith("WID-0001 · Store sales dashboard is onboarded")
    assert "business owner Ada Berg (@ada.berg)" in result.text
    assert "technical contact Tor Lie (@tor.lie)" in result.text
    assert result.citations[0].url == "products/wid-0001/"
    assert result.citations[0].status == "onboarded"
    assert result.owner == "@ada.berg"


def test_unknown_id_is_declined_plainly(engine: Engine) -> None:
    result = engine.ask("What is the status of WID-0042?")
    assert not result.answered
    assert result.text.startswith("There is no WID-0042 in the product catalogue.")


# --- never present what is not current as current ------------------------------------------


def test_draft_product_named_loosely_is_labelled_not_current(engine: Engine) -> None:
    result = engine.ask("what is the status of the loyalty audiences product?")
    assert "WID-0002" in result.text
    assert "only a draft" in result.text
    assert "not a current product" in result.text
    assert result.citations[0].status == "draft"


def test_retired_product_is_labelled_retired(engine: Engine) -> None:
    result = engine.ask("Is the old sales mart feed still live?")
    assert "is retired: no longer in service" in result.text
    assert result.citations[0].status == "retired"


def test_decisions_about_a_topic_put_the_accepted_one_first(engine: Engine) -> None:
    result = engine.ask("What did we decide about loading sources?")
    assert result.text.startswith("We decided: ADR-0002 · Stream till receipts through Kafka")
    assert "Chosen option: Kafka streaming for receipts." in result.text
    assert "ADR-0001 · Load sources nightly is superseded (history only, replaced by ADR-0002)" in (
        result.text
    )
    cited = [(c.url, c.status) for c in result.citations]
    assert cited[0] == ("decisions/adr-0002/#decision-outcome", "accepted")
    assert ("decisions/adr-0001/#decision-outcome", "superseded") in cited
    assert result.owner == "@ada.berg"


def test_superseded_decision_by_id_names_and_cites_its_successor_first(engine: Engine) -> None:
    result = engine.ask("Is ADR-1 still valid?")
    assert result.text.startswith("ADR-0001 · Load sources nightly is superseded")
    assert "not the current decision" in result.text
    assert "replaced by ADR-0002" in result.text
    assert [c.status for c in result.citations] == ["accepted", "superseded"]


def test_rejected_and_proposed_decisions_are_labelled(engine: Engine) -> None:
    rejected = engine.ask("did we decide to block loads that break a contract?")
    assert "ADR-0003 · Block every load that breaks a contract is rejected" in rejected.text
    assert "We decided" not in rejected.text
    assert rejected.citations[0].status == "rejected"
    proposed = engine.ask("what was decided about charging platform costs?")
    assert "is only proposed, not decided yet" in proposed.text
    assert proposed.citations[0].status == "proposed"


def test_full_text_hit_on_a_superseded_decision_carries_a_note(engine: Engine) -> None:
    result = engine.ask("nightly batch loads")
    assert result.text.startswith("Note: ADR-0001 is superseded and is history only")
    assert "ADR-0002" in result.text
    assert result.citations[0].url == "decisions/adr-0002/#decision-outcome"
    assert result.citations[1].status == "superseded"


# --- full text and declining ------------------------------------------------------------------


def test_how_to_question_is_answered_from_the_docs_section(engine: Engine) -> None:
    result = engine.ask("How do I request a grant?")
    assert result.answered
    assert result.intent == "howto"
    assert urls(result)[0] == "access/#request-a-grant"
    assert "Open the request form" in result.text
    assert "(from “Getting data access › Request a grant”)" in result.text
    assert result.owner == "governance@example.org"
    assert 0.6 <= result.confidence <= 1.0


def test_unrelated_question_is_declined_with_an_offer_of_a_human(engine: Engine) -> None:
    result = engine.ask("What is the wifi password in the canteen?")
    assert not result.answered
    assert result.citations == ()
    assert result.owner is None
    assert "Ask a human" in result.text


@pytest.mark.parametrize("question", ["", "   ", "???", "the of and"])
def test_empty_questions_are_declined(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert not result.answered
    assert result.citations == ()


def test_engine_answers_the_api_contract(engine: Engine) -> None:
    from paved.bot.api.ask import to_payload

    payload = to_payload(engine.ask("who knows kafka?"))
    assert payload.answered
    assert payload.citations[0]["url"] == "catalogue/custodians/ola-dahl/"
    assert payload.citations[0]["kind"] == "custodian"


# --- the module-level entry point -------------------------------------------------------------


def test_answer_uses_paved_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAVED_REPO_ROOT", str(ROOT))
    assert repository_root() == ROOT
    result = answer("who owns pos?")
    assert result.answered
    assert result.citations[0].url == "catalogue/systems/pos/"
    assert engine_for(ROOT) is engine_for(ROOT)


def test_repo_root_that_is_not_a_directory_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PAVED_REPO_ROOT", str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="PAVED_REPO_ROOT="):
        repository_root()


def test_expert_found_by_full_text_is_presented_as_the_closest_match(engine: Engine) -> None:
    result = engine.ask("who knows about loyalty cards?")
    assert result.text.startswith(
        "Nobody in the catalogue lists “loyalty cards” as their expertise; the closest match "
        "is till.receipts."
    )
    assert "The custodian of till.receipts is Ada Berg" in result.text
    assert urls(result)[0] == "catalogue/datasets/till.receipts/"


def test_an_empty_platform_declines_everything() -> None:
    empty = Engine(Platform(), [])
    try:
        result = empty.ask("who owns pos?")
    finally:
        empty.close()
    assert not result.answered
    assert result.citations == ()


def test_who_is_a_person_describes_the_custodian(engine: Engine) -> None:
    result = engine.ask("Who is Ola Dahl?")
    assert result.text == (
        "Ola Dahl (@ola.dahl, Platform lead) is a custodian for retail. "
        "Expertise: Kafka, streaming."
    )
    assert urls(result) == ["catalogue/custodians/ola-dahl/"]


def test_products_reading_a_system_are_listed_with_their_status(engine: Engine) -> None:
    result = engine.ask("Which products use the till system?")
    assert result.intent == "usage"
    assert result.text == (
        "3 product(s) read till: WID-0001 · Store sales dashboard (onboarded); "
        "WID-0002 · Loyalty campaign audiences (draft); WID-0003 · Old sales mart feed (retired)."
    )
    assert urls(result)[0] == "catalogue/systems/till/"
    assert result.owner == "@ada.berg"


def test_package_exports_the_engine_lazily() -> None:
    import paved.bot.answer

    assert paved.bot.answer.Engine is Engine
    with pytest.raises(AttributeError):
        _ = paved.bot.answer.Nothing
