"""Schema checks: plain-language messages at the exact line/column or cell."""

from __future__ import annotations

import random

import pytest
from test_validation_fixtures import adr, mini, mini_adr_text, mini_wid_text, sheet, where, wid

from paved.generator.core.validate.schema import (
    check_document,
    check_sheet,
    compile_schema,
    compiled,
    explain,
    field_name,
)

NASTY = [
    "",
    "x",
    "pos.t",
    "Pos.T",
    "yes",
    "a@b.c",
    "a@b",
    "Ana <a@b.no>",
    "2026-02-30",
    "2026-01-01",
    "public",
    "string",
    "@ok",
    "no spaces",
    "café",
    "a" * 130,
    "ADR-0001",
]
DATASET_HEADER = ["id", "system", "domain", "custodian", "description", "classification"]


def test_enum_typo_names_the_options_and_suggests_the_nearest() -> None:
    doc = wid(mini_wid_text().replace("status: approved", "status: aproved"))
    [d] = check_document(doc, "wid", "WID101")
    assert d.code == "WID101"
    assert where(d) == "wids/WID-0001-store-sales.md:4:9"
    assert d.message == (
        "status 'aproved' is not one of draft, submitted, approved, onboarded, retired"
    )
    assert d.hint.startswith("did you mean 'approved'?")


def test_missing_required_field_points_at_the_parent_key() -> None:
    text = mini_wid_text().replace("  email: jonas.lie@haldencycles.example\n", "")
    [d] = check_document(wid(text), "wid", "WID101")
    assert d.message == "technical_contact: required field 'email' is missing"
    assert where(d) == "wids/WID-0001-store-sales.md:10:1"
    assert d.hint.startswith("add 'email': Work email")


def test_unknown_field_points_at_the_key_and_suggests_a_known_one() -> None:
    text = mini_wid_text().replace("lifecycle_stage:", "lifecycle_stag:")
    found = check_document(wid(text), "wid", "WID101")
    unknown = next(d for d in found if "unknown" in d.message)
    assert unknown.message == "unknown field 'lifecycle_stag'"
    assert where(unknown) == "wids/WID-0001-store-sales.md:15:1"
    assert unknown.hint.startswith("did you mean 'lifecycle_stage'?")


def test_bad_email_and_date_formats() -> None:
    text = (
        mini_wid_text()
        .replace("email: jonas.lie@haldencycles.example", "email: jonas.lie")
        .replace("created: 2026-01-15", "created: 2026-02-30")
    )
    found = check_document(wid(text), "wid", "WID101")
    messages = {d.message for d in found}
    assert "technical_contact.email 'jonas.lie' is not a valid email address" in messages
    assert "created '2026-02-30' is not a valid date (YYYY-MM-DD)" in messages


def test_list_items_are_numbered_from_one() -> None:
    text = mini_wid_text().replace("  - dashboard", "  - report")
    [d] = check_document(wid(text), "wid", "WID101")
    assert d.message.startswith("surfaced_as[2] 'report' is not one of table, api")
    assert where(d) == "wids/WID-0001-store-sales.md:18:5"


def test_superseded_adr_may_leave_its_successor_to_the_other_side() -> None:
    """Issue 10: one side of a supersede link is enough (the rules infer the other)."""
    doc = adr(mini_adr_text(1).replace("superseded-by: ADR-0002\n", ""))
    assert check_document(doc, "adr", "ADR201") == []


def test_clean_documents_have_no_findings() -> None:
    assert check_document(wid(mini_wid_text()), "wid", "WID101") == []
    assert check_document(adr(mini_adr_text(2)), "adr", "ADR201") == []


def test_sheet_row_errors_point_at_the_cell() -> None:
    table = sheet(
        "datasets",
        DATASET_HEADER,
        ["pos.a", "pos", "sales", "ingrid", "A.", "internal"],
        ["pos.b", "pos", "sales", "ingrid", "B.", "publik"],
    )
    [d] = check_sheet(table, "catalogue.datasets")
    assert d.code == "CAT301"
    assert where(d) == "custodians/catalogue.xlsx[datasets]!F3"
    assert d.message == (
        "datasets: classification 'publik' is not one of public, internal, confidential, restricted"
    )
    assert d.hint.startswith("did you mean 'public'?")


def test_sheet_missing_required_cell_and_bad_boolean() -> None:
    table = sheet(
        "columns",
        ["dataset", "name", "type", "personal_data"],
        ["pos.a", "id", "string", "maybe"],
        ["pos.a", "", "string", "no"],
    )
    found = check_sheet(table, "catalogue.columns")
    by_cell = {where(d): d.message for d in found}
    assert by_cell["custodians/catalogue.xlsx[columns]!D2"] == (
        "columns: personal_data should be yes or no, not text"
    )
    assert by_cell["custodians/catalogue.xlsx[columns]!B3"] == (
        "columns: required column 'name' is missing"
    )


def test_sheet_findings_are_capped_with_a_summary() -> None:
    rows = [[f"pos.t{i}", "pos", "sales", "x", "d", "nope"] for i in range(130)]
    found = check_sheet(sheet("datasets", DATASET_HEADER, *rows), "catalogue.datasets")
    assert len(found) == 101
    assert found[-1].code == "CAT309"
    assert found[-1].message == "30 more schema findings in sheet 'datasets' not shown"


def test_is_valid_and_errors_agree_on_every_catalogue_sheet() -> None:
    """Valid rows from the mini fixture, one cell in two made nasty: a row is rejected
    exactly when it has something to explain (one validator answers both)."""
    rng = random.Random(7)
    for name, base in mini().sheets.items():
        schema = compiled(f"catalogue.{name}")
        fields = list(schema.schema["properties"])
        rejected = 0
        for _ in range(200):
            values = dict(rng.choice(base.rows).values)
            if rng.random() < 0.5:
                values[rng.choice(fields)] = rng.choice(NASTY)
            valid = schema.is_valid(values)
            assert valid == (schema.errors(values) == []), (name, values)
            rejected += not valid
        assert 0 < rejected < 200, name


def test_dates_are_real_calendar_dates() -> None:
    schema = compiled("wid")
    assert not schema.is_valid({"created": "2026-02-30"})
    assert any(e.kind.name == "format" for e in schema.errors({"created": "2026-02-30"}))


@pytest.mark.parametrize(
    ("email", "valid"),
    [
        ("jonas.lie@haldencycles.example", True),
        ("ana+data@halden.no", True),
        ("jonas.lie", False),
        ("@halden.no", False),
        ("ana@", False),
        ("ana @halden.no", False),
        ("Ana Berg <ana@halden.no>", False),
        ("ana@[10.0.0.1]", False),
        ("ana@localhost", False),
    ],
)
def test_one_email_rule_for_front_matter_and_cells(email: str, valid: bool) -> None:
    text = mini_wid_text().replace("email: jonas.lie@haldencycles.example", f"email: '{email}'")
    found = check_document(wid(text), "wid", "WID101")
    assert (found == []) == valid, found
    table = sheet(
        "custodians", ["id", "name", "email"], ["jonas-lie", "Jonas Lie", email], strict=False
    )
    cells = [d for d in check_sheet(table, "catalogue.custodians") if "email" in d.message]
    assert (cells == []) == valid, cells
    if not valid:
        assert cells[0].message == f"custodians: email '{email}' is not a valid email address"


def test_two_missing_fields_are_both_named() -> None:
    text = mini_wid_text().replace("  email: jonas.lie@haldencycles.example\n", "")
    text = text.replace("technical_contact:\n  name: Jonas Lie\n", "technical_contact: {}\n")
    messages = [d.message for d in check_document(wid(text), "wid", "WID101")]
    assert "technical_contact: required field 'email' is missing" in messages
    assert "technical_contact: required field 'name' is missing" in messages


CHOICE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "owner": {
            "description": "A custodian id, or a contact with a name and an email.",
            "anyOf": [
                {"type": "string", "pattern": "^[a-z][a-z-]*$"},
                {
                    "type": "object",
                    "required": ["name", "email"],
                    "properties": {"email": {"type": "string", "format": "email"}},
                },
            ],
        }
    },
}


def test_any_of_is_explained_by_the_closest_branch() -> None:
    schema = compile_schema("choice", CHOICE)
    [mapping] = schema.errors({"owner": {"name": "Ana", "email": "ana"}})
    [finding] = explain(mapping, CHOICE)
    assert finding.message == "owner.email 'ana' is not a valid email address"
    [text] = schema.errors({"owner": "Ana Berg"})
    assert explain(text, CHOICE)[0].message == "owner 'Ana Berg' is not in the expected form"
    assert schema.errors({"owner": "ana-berg"}) == []


def test_values_no_loader_produces_do_not_raise() -> None:
    schema = compiled("wid")
    odd = {"title": "A product", 1: "x"}
    assert not schema.is_valid(odd)
    messages = [m.message for e in schema.errors(odd) for m in explain(e, schema.schema)]
    assert "unknown field '1'" in messages


def test_field_name_is_dotted_and_one_based() -> None:
    assert field_name(("business_owner", "email")) == "business_owner.email"
    assert field_name(("upstream", "datasets", 0)) == "upstream.datasets[1]"
