"""How a question is framed, read the way people ask (issue 11, ninth round).

Each behaviour is a general mechanism, tested on made-up sentences about a made-up club:
a problem is reported only when the asker asks whom or where to tell, not when "where"
asks where something is defined; "how often is <product> updated" is answered from the
product's integration points.
"""

from __future__ import annotations

import dataclasses

import pytest
from sample_answers import product, small_platform

from paved.bot.answer.asktypes import types_of
from paved.bot.answer.engine import Engine
from paved.bot.answer.facts import Facts
from paved.bot.answer.intents import Intent, read
from paved.bot.answer.structured import product_facts
from paved.bot.answer.text import plain_frame
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.load.markdown import find_sections
from paved.generator.core.model import (
    Classification,
    Dataset,
    DocPage,
    IntegrationPoint,
    LineageEdge,
    ProductStatus,
    System,
)
from paved.generator.core.render.site import render_site


@pytest.mark.parametrize(
    ("text", "reports"),
    [
        ("the booking page is broken, where do I report it", True),
        ("the rota export failed, who do I tell?", True),
        ("if the rota export fails who should I tell", True),
        # "Where" of where something lives asks no one to be told.
        ("rota checks - where are they defined, and what happens if one fails?", False),
        ("where is the rota stored when the export fails", False),
        # "Where do I see / find / check" looks something up; "where do I go" asks whom.
        ("where do I see which rota exports failed this week", False),
        ("where can I find out why the rota export failed", False),
        ("the rota export failed, where do I go with it", True),
    ],
)
def test_a_problem_is_reported_only_when_asked_whom_or_where_to_tell(
    text: str, reports: bool
) -> None:
    assert read(text).reports is reports


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("what are the rules for lending a tandem to a guest?", ("lending", "tandem", "guest")),
        ("what's the policy on late returns", ("late", "returns")),
        ("is there a guideline for naming rota files", ("naming", "rota", "files")),
    ],
)
def test_rules_for_x_asks_about_x(text: str, subject: tuple[str, ...]) -> None:
    """ "What are the rules for X" is a how-to about X: "rules", a word few sections
    hold, would outweigh X and tie the question to any section saying "rules"."""
    assert read(text).terms == subject


def test_rules_alone_are_the_subject() -> None:
    assert "rules" in read("where are the club rules").terms


def test_how_often_a_product_is_updated_comes_from_its_integration_points() -> None:
    base = small_platform()
    rota = dataclasses.replace(
        product("WID-0042", "Depot rota planner", ProductStatus.ONBOARDED),
        ingress=(IntegrationPoint("till", "batch", "every 15 minutes"),),
        egress=(IntegrationPoint("staff-app", "api", "real time"), IntegrationPoint("bi", "file")),
    )
    platform = dataclasses.replace(base, products={**base.products, rota.id: rota})
    facts = Facts.build(platform, [])
    asked = product_facts(facts, rota, {"refresh"}, confidence=1.0)
    assert "Fed from till every 15 minutes (batch)" in asked.text
    assert "delivered to staff-app real time (api)" in asked.text
    assert "bi" not in asked.text.split("delivered to", 1)[1]  # no frequency: not stated
    # Not asked, not said: a retention question is not padded with the cadence.
    assert "every 15 minutes" not in product_facts(facts, rota, {"retention"}, confidence=1.0).text


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("my coach mentioned a stretching routine, where is it", ("stretching", "routine")),
        ("a colleague said the rota lives in the shed, is that right", ("rota", "lives", "shed")),
        ("I heard that the club moved its rehearsals", ("club", "moved", "rehearsals")),
    ],
)
def test_who_told_the_asker_is_not_what_is_asked(text: str, subject: tuple[str, ...]) -> None:
    """ "My lead mentioned X": X is asked about; no section says who mentioned it, and
    "mentioned", rare in any documentation, would outweigh X."""
    assert set(subject) <= set(read(text).terms)
    assert not {"coach", "mentioned", "colleague", "said", "heard"} & set(read(text).terms)


def test_a_question_about_what_was_said_keeps_its_words() -> None:
    assert "said" in read("who said the rota was final?").terms


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("which rule covers lending tandems", "covers"),
        ("what page talks about the winter rota", "talks"),
        ("is there a note that explains the locker numbers", "explains"),
    ],
)
def test_which_x_covers_y_asks_for_the_x_about_y(text: str, gone: str) -> None:
    """ "Which rule covers Y" asks for the rule about Y: a record that happens to say
    "covers" is no likelier to be it."""
    assert gone not in read(text).terms


def test_what_a_thing_covers_is_still_asked() -> None:
    assert "cover" in read("what does the rota cover").terms


@pytest.mark.parametrize(
    "text",
    ["email for the custodian of till receipts?", "e-mail address of whoever owns till.receipts"],
)
def test_an_email_asked_of_an_owner_is_given(text: str) -> None:
    """The owner's chat handle answers "who"; asked for an e-mail, the answer gives it."""
    platform = small_platform()
    engine = Engine(platform, render_site(platform, GitFacts.empty()))
    try:
        assert read(text).email
        answer = engine.ask(text)
        assert "ada.berg@" in answer.text, answer.text
        # Asked who, the handle is enough.
        assert "ada.berg@" not in engine.ask("who owns till.receipts").text
    finally:
        engine.close()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("is the loyalty card in till.receipts personal data?", "Yes: card_no in till.receipts"),
        ("does till.receipts treat the receipt number as pii", "No: receipt_id in till.receipts"),
    ],
)
def test_whether_a_named_column_is_personal_data_is_answered_yes_or_no(
    text: str, said: str
) -> None:
    platform = small_platform()
    engine = Engine(platform, render_site(platform, GitFacts.empty()))
    try:
        answer = engine.ask(text)
        assert answer.text.startswith(said), answer.text
    finally:
        engine.close()


def test_a_personal_data_question_naming_no_column_gets_the_dataset_only() -> None:
    platform = small_platform()
    engine = Engine(platform, render_site(platform, GitFacts.empty()))
    try:
        answer = engine.ask("does till.receipts hold personal data?")
        assert answer.answered
        assert not answer.text.startswith(("Yes:", "No:"))
    finally:
        engine.close()


NAMING_DOC = """# Tables

## How do I name tables

Every table name starts with its layer prefix: raw_, cur_ or prd_, then the source
system and the subject in snake_case.

## How do I load history

Load history once into the raw layer with a replay job, never by hand.
"""


def _depot_platform(*, docs: bool = False) -> Engine:
    """Tills feed a receipts table, the receipts a daily summary; a rental app feeds
    its own bookings table, which feeds nothing."""
    base = small_platform()

    def table(dataset_id: str, system: str) -> Dataset:
        return Dataset(
            dataset_id, system, "retail", "ada-berg", "Rows.", Classification.INTERNAL, None, ()
        )

    tables = [table("lake.cur_receipts", "lake"), table("lake.prd_daily_takings", "lake")]
    tables.append(table("rentals.bookings", "rentals"))
    systems = {
        **base.systems,
        "lake": System("lake", "Lake", "retail", "ada-berg", "lakehouse", "The lake."),
        "rentals": System("rentals", "Rental app", "retail", "ada-berg", "app", "Rentals."),
    }
    page = DocPage(
        path="tables/index.md",
        title="Tables",
        owner="platform@example.org",
        review_by=None,
        sections=tuple(find_sections(NAMING_DOC, 1)),
        body=NAMING_DOC,
    )
    platform = dataclasses.replace(
        base,
        docs={**base.docs, page.path: page} if docs else base.docs,
        systems=systems,
        datasets={**base.datasets, **{t.id: t for t in tables}},
        lineage=(
            LineageEdge("till.receipts", "lake.cur_receipts", "refine"),
            LineageEdge("lake.cur_receipts", "lake.prd_daily_takings", "product"),
        ),
    )
    return Engine(platform, render_site(platform, GitFacts.empty()))


@pytest.mark.parametrize(
    ("text", "lead", "cited"),
    [
        ("does prd_daily_takings include the till receipts?", "Yes:", "till.receipts"),
        ("does prd_daily_takings use rental bookings or only tills", "No:", "rentals.bookings"),
        ("does cur_receipts get its data from the rental app?", "No:", "systems/rentals/"),
    ],
)
def test_whether_one_thing_feeds_another_is_answered_from_the_lineage(
    text: str, lead: str, cited: str
) -> None:
    engine = _depot_platform()
    try:
        answer = engine.ask(text)
        assert answer.text.startswith(lead), answer.text
        assert any(cited in c.url for c in answer.citations), answer.citations
    finally:
        engine.close()


def test_a_yes_no_question_naming_no_source_is_not_a_lineage_answer() -> None:
    engine = _depot_platform()
    try:
        answer = engine.ask("does prd_daily_takings include refunds?")
        assert answer.intent != "lineage"
    finally:
        engine.close()


def test_a_how_to_for_a_named_table_is_answered_by_the_general_rule() -> None:
    """ "Naming a table for the rental bookings": the rule for any table answers; the
    bookings are what the asker applies it to, and no rule names them."""
    engine = _depot_platform(docs=True)
    try:
        answer = engine.ask(
            "what prefix do i use naming the rentals bookings and lake daily takings"
        )
        assert answer.answered, answer.text
        assert answer.citations[0].url.endswith("#how-do-i-name-tables")
        answer = engine.ask("need to load 3 years of rental app bookings history into raw, how?")
        assert answer.answered, answer.text
        assert answer.citations[0].url.endswith("#how-do-i-load-history")
        # A choice between the things named is no rule's: declined, not generalised.
        assert not engine.ask(
            "which has the bookings of record, the rental app or the lake?"
        ).answered
    finally:
        engine.close()


def test_what_a_product_is_for_is_its_value_proposition() -> None:
    platform = small_platform()
    engine = Engine(platform, render_site(platform, GitFacts.empty()))
    try:
        answer = engine.ask("what is the store sales dashboard for and who runs it?")
        assert "Store sales dashboard for the shops." in answer.text, answer.text
        # Asked only who, the contacts are the answer.
        plain = engine.ask("who runs the store sales dashboard?")
        assert "for the shops" not in plain.text
    finally:
        engine.close()


@pytest.mark.parametrize(
    "text",
    [
        "what's the full chain from the tills to the daily takings?",
        "the end-to-end chain for the daily takings table, from source to report",
        "rental planner, which source systems does it combine?",
        "what tables does the depot report draw on",
    ],
)
def test_a_chain_from_a_source_asks_for_the_lineage(text: str) -> None:
    assert read(text).lineage == "up"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("what actually counts as a guest?", "what is a guest?"),
        ("who really signs the rota", "who signs the rota"),
        ("how exactly do i book the hall", "how do i book the hall"),
        ("what qualifies as a late return", "what is a late return"),
    ],
)
def test_the_hedges_of_a_question_frame_are_taken_out(text: str, plain: str) -> None:
    assert plain_frame(text) == plain


def test_a_hedged_question_is_read_like_a_plain_one() -> None:
    assert types_of("what actually counts as a guest?") == types_of("what is a guest?")
    assert read("what exactly is a guest").defines
    assert read("what counts as a 'late return' in club terms").defines
    assert "counts" not in read("what actually counts as a guest?").terms


def test_which_datasets_someone_looks_after_says_none_when_none() -> None:
    base = small_platform()
    platform = dataclasses.replace(
        base,
        systems={
            **base.systems,
            "bus": System("bus", "Event bus", "retail", "ola-dahl", "kafka", "Events."),
        },
    )
    engine = Engine(platform, render_site(platform, GitFacts.empty()))
    try:
        assert read("which datasets is Ola Dahl custodian of").duties == "ola dahl"
        answer = engine.ask("which datasets is Ola Dahl custodian of")
        assert "systems: bus" in answer.text, answer.text
        assert "no datasets" in answer.text
        assert "no datasets" not in engine.ask("what does Ada Berg look after").text
    finally:
        engine.close()


@pytest.mark.parametrize(
    "text",
    [
        "github username of whoever owns store tills?",
        "slack handle for the person who looks after store tills",
    ],
)
def test_a_detail_of_whoever_owns_x_is_an_owner_question_about_x(text: str) -> None:
    reading = read(text)
    assert reading.subject == "store tills"
    platform = small_platform()
    engine = Engine(platform, render_site(platform, GitFacts.empty()))
    try:
        answer = engine.ask(text)
        assert "Ada Berg" in answer.text, answer.text
    finally:
        engine.close()


def test_contain_is_the_frame_of_a_question_not_its_subject() -> None:
    """ "Does the rota contain phone numbers": what it holds is asked; "contain", rare
    in documentation that says "holds" or "has", would weigh as much as the rest."""
    assert read("does the rota contain phone numbers").terms == ("rota", "phone", "numbers")


@pytest.mark.parametrize(
    ("text", "finds_table"),
    [
        ("which rota table has the night shifts?", True),
        ("what tables hold the shift swaps", True),
        # "what the table is called" is a clause: the question asks how to look, not which.
        ("how do I look up shifts if I don't know what the table is called", False),
        ("no idea what this dataset is for, who made it", False),
    ],
)
def test_a_table_is_asked_for_only_by_which_or_what_before_it(text: str, finds_table: bool) -> None:
    assert (read(text).intent is Intent.FIND_DATASET) is finds_table
