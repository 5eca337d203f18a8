"""Cross-document rules, one behaviour per test: code, location and message."""

from __future__ import annotations

import pytest
from test_validation_fixtures import (
    adr,
    codes,
    md,
    mini,
    mini_adr_text,
    mini_wid_text,
    sheet,
    where,
    wid,
    with_docs,
    with_sheet,
)

from paved.generator.core.diagnostics import Diagnostic, Severity
from paved.generator.core.load.adr_settings import AdrSettings
from paved.generator.core.load.types import LoadedRepository
from paved.generator.core.validate import validate

WID_PATH = "wids/WID-0001-store-sales.md"


def run_wid(text: str, path: str = WID_PATH) -> list[Diagnostic]:
    return validate(with_docs(mini(), wids=(wid(text, path),)))


def run_adrs(first: str, second: str) -> list[Diagnostic]:
    loaded = mini()
    docs = (adr(first, "adrs/0001-nightly-batch.md"), adr(second, "adrs/0002-hourly-batch.md"))
    return validate(with_docs(loaded, adrs=docs))


def only(found: list[Diagnostic], code: str) -> Diagnostic:
    matches = [d for d in found if d.code == code]
    assert len(matches) == 1, found
    return matches[0]


# ----------------------------------------------------------------- identity


def test_duplicate_wid_ids_point_at_the_second_file() -> None:
    loaded = mini()
    copy = wid(mini_wid_text(), "wids/WID-0001-copy.md")
    found = validate(with_docs(loaded, wids=(*loaded.wids, copy)))
    d = only(found, "WID102")
    assert where(d) == "wids/WID-0001-copy.md:2:5"
    assert d.message == "WID id WID-0001 is already used by wids/WID-0001-store-sales.md"


def test_file_name_must_carry_the_front_matter_id() -> None:
    found = run_wid(mini_wid_text(), "wids/WID-0002-store-sales.md")
    d = only(found, "WID103")
    assert d.severity is Severity.ERROR
    assert where(d) == "wids/WID-0002-store-sales.md:2:5"
    assert d.message == "id WID-0001 does not match the file name, which has 'WID-0002'"


def test_duplicate_adr_ids() -> None:
    found = run_adrs(mini_adr_text(1), mini_adr_text(2).replace("---\n", "---\nid: ADR-0001\n", 1))
    assert "ADR202" in codes(found)
    assert "ADR203" in codes(found)


def test_duplicate_catalogue_keys_including_composite_column_keys() -> None:
    columns = sheet(
        "columns",
        ["dataset", "name", "type", "personal_data"],
        ["pos.stores", "store_id", "string", "no"],
        ["pos.stores", "store_id", "integer", "no"],
        ["pos.sales_lines", "store_id", "string", "no"],
    )
    found = validate(with_sheet(mini(), columns))
    d = only(found, "CAT302")
    assert where(d) == "custodians/catalogue.xlsx[columns]!B3"
    assert d.message == "columns: dataset 'pos.stores' + name 'store_id' is already used in row 2"


# ----------------------------------------------------------------- references


def test_unknown_domain_with_did_you_mean() -> None:
    d = only(run_wid(mini_wid_text().replace("domain: sales", "domain: sale")), "WID104")
    assert where(d) == f"{WID_PATH}:5:9"
    assert d.message == "domain 'sale' does not exist"
    assert d.hint.startswith("did you mean 'sales'?")


def test_every_wid_reference_is_checked() -> None:
    text = (
        mini_wid_text()
        .replace("custodian: ingrid-solberg", "custodian: ingrid-solbreg")
        .replace("systems: [pos]", "systems: [till]")
        .replace("datasets: [pos.sales_lines, pos.stores]", "datasets: [pos.sale_lines]")
        .replace("    - system: pos", "    - system: erp")
        .replace("related_adrs: [ADR-0002]", "related_adrs: [ADR-0009]")
    )
    found = run_wid(text)
    assert {"WID105", "WID106", "WID107", "WID108", "WID109"} <= set(codes(found))
    assert only(found, "WID107").hint.startswith("did you mean 'pos.sales_lines'?")
    assert where(only(found, "WID108")) == f"{WID_PATH}:21:15"
    assert only(found, "WID109").message == "related ADR 'ADR-0009' does not exist"


def test_adr_references_in_any_form_and_no_suggestion_for_another_number() -> None:
    found = run_wid(mini_wid_text().replace("[ADR-0002]", "[ADR-0001, adr-2]"))
    assert "WID109" not in codes(found)  # issue 10: 'adr-2' is ADR-0002 as typed
    d = only(run_wid(mini_wid_text().replace("[ADR-0002]", "[ADR-0003]")), "WID109")
    assert "did you mean" not in d.hint


def test_contact_email_near_a_custodian_email_is_a_warning() -> None:
    text = mini_wid_text().replace(
        "email: ingrid.solberg@haldencycles.example", "email: ingrid.solbreg@haldencycles.example"
    )
    d = only(run_wid(text), "WID114")
    assert d.severity is Severity.WARNING
    assert where(d) == f"{WID_PATH}:8:10"
    assert d.hint == "did you mean 'ingrid.solberg@haldencycles.example'?"


def test_adr_affects_must_resolve() -> None:
    second = mini_adr_text(2).replace("wids: [WID-0001]", "wids: [WID-0007]")
    second = second.replace("  systems: [pos]", "  systems: [tills]")
    found = run_adrs(mini_adr_text(1), second)
    assert where(only(found, "ADR204")) == "adrs/0002-hourly-batch.md:7:10"
    assert only(found, "ADR205").message == "system 'tills' does not exist"


def test_catalogue_foreign_keys_come_from_the_schema_annotations() -> None:
    datasets = sheet(
        "datasets",
        ["id", "system", "domain", "custodian", "description", "classification"],
        ["pos.stores", "pos", "sales", "ingrid-solberg", "Stores.", "internal"],
        ["pos.sales_lines", "pos", "sales", "ingrid-solberg", "Lines.", "internal"],
        ["shop.orders", "shopp", "ecommerce", "jonas-lie", "Orders.", "internal"],
    )
    custodians = sheet(
        "custodians",
        ["id", "name", "email", "slack", "domains"],
        ["ingrid-solberg", "Ingrid", "ingrid.solberg@haldencycles.example", "@i", "sales"],
        ["jonas-lie", "Jonas", "jonas.lie@haldencycles.example", "@j", "ecommerce; retail"],
    )
    found = validate(with_sheet(with_sheet(mini(), datasets), custodians))
    refs = {where(d): d for d in found if d.code == "CAT303"}
    assert set(refs) == {
        "custodians/catalogue.xlsx[datasets]!B4",
        "custodians/catalogue.xlsx[custodians]!E3",
    }
    system = refs["custodians/catalogue.xlsx[datasets]!B4"]
    assert system.message == "datasets: system 'shopp' is not in sheet 'systems' (column id)"
    assert system.hint.startswith("did you mean 'shop'?")
    assert "domains 'retail'" in refs["custodians/catalogue.xlsx[custodians]!E3"].message


def test_lineage_cycle_names_the_path() -> None:
    lineage = sheet(
        "lineage",
        ["upstream", "downstream", "stage"],
        ["pos.stores", "pos.sales_lines", "refine"],
        ["pos.sales_lines", "shop.orders", "serve"],
        ["shop.orders", "pos.stores", "serve"],
    )
    d = only(validate(with_sheet(mini(), lineage)), "CAT304")
    assert d.message == (
        "lineage: cycle pos.sales_lines → shop.orders → pos.stores → pos.sales_lines (rows 3, 4, 2)"
    )
    assert where(d) == "custodians/catalogue.xlsx[lineage]!B2"
    assert len(d.related) == 2


def test_lineage_self_loop_is_a_cycle() -> None:
    lineage = sheet(
        "lineage", ["upstream", "downstream", "stage"], ["pos.stores", "pos.stores", "refine"]
    )
    d = only(validate(with_sheet(mini(), lineage)), "CAT304")
    assert "pos.stores → pos.stores" in d.message


# ----------------------------------------------------------------- decisions


def test_one_side_of_a_supersede_link_is_enough() -> None:
    """Issue 10: the other side is inferred; an old ADR still 'accepted' is a warning."""
    first = mini_adr_text(1).replace(
        "status: superseded\nsuperseded-by: ADR-0002\n", "status: accepted\n"
    )
    found = run_adrs(first, mini_adr_text(2))
    assert not [d for d in found if d.is_error], found
    d = only(found, "ADR210")
    assert d.severity is Severity.WARNING
    assert where(d) == "adrs/0001-nightly-batch.md:2:9"
    second = mini_adr_text(2).replace("supersedes: [ADR-0001]\n", "")
    assert not [d for d in run_adrs(mini_adr_text(1), second) if d.is_error]


def test_an_adr_superseding_itself_is_an_error() -> None:
    first = mini_adr_text(1).replace("superseded-by: ADR-0002", "superseded-by: ADR-0001")
    found = run_adrs(first, mini_adr_text(2))
    assert where(only(found, "ADR207")) == "adrs/0001-nightly-batch.md:3:16"


def test_successor_that_is_only_proposed_is_a_warning() -> None:
    second = mini_adr_text(2).replace("status: accepted", "status: proposed")
    d = only(run_adrs(mini_adr_text(1), second), "ADR209")
    assert d.severity is Severity.WARNING
    assert d.message == "ADR-0001 is superseded by ADR-0002, whose status is proposed"


def test_unknown_successor_and_wrong_status() -> None:
    first = mini_adr_text(1).replace("status: superseded", "status: accepted")
    first = first.replace("superseded-by: ADR-0002", "superseded-by: ADR-0003")
    found = run_adrs(first, mini_adr_text(2).replace("supersedes: [ADR-0001]\n", ""))
    assert where(only(found, "ADR208")) == "adrs/0001-nightly-batch.md:3:16"


# ----------------------------------------------------------------- personal data


def test_personal_data_needs_legal_basis_and_retention() -> None:
    found = run_wid(mini_wid_text().replace("present: false", "present: true"))
    assert where(only(found, "WID110")) == f"{WID_PATH}:29:12"
    assert only(found, "WID111").message == "personal_data.present is true but retention is missing"


def test_public_dataset_with_personal_columns() -> None:
    loaded = mini()
    datasets = sheet(
        "datasets",
        ["id", "system", "domain", "custodian", "description", "classification"],
        ["pos.stores", "pos", "sales", "ingrid-solberg", "Stores.", "internal"],
        ["pos.sales_lines", "pos", "sales", "ingrid-solberg", "Lines.", "internal"],
        ["shop.orders", "shop", "ecommerce", "jonas-lie", "Orders.", "public"],
    )
    d = only(validate(with_sheet(loaded, datasets)), "CAT305")
    assert where(d) == "custodians/catalogue.xlsx[datasets]!F4"
    assert d.message == (
        "datasets: shop.orders is classified public but has personal-data column customer_email"
    )


# ----------------------------------------------------------------- catalogue warnings


def test_dataset_without_custodian_or_description_warns() -> None:
    datasets = sheet(
        "datasets",
        ["id", "system", "domain", "custodian", "description", "classification"],
        ["pos.stores", "pos", "sales", "", "", "internal"],
        ["pos.sales_lines", "pos", "sales", "ingrid-solberg", "Lines.", "internal"],
        ["shop.orders", "shop", "ecommerce", "jonas-lie", "Orders.", "internal"],
    )
    found = validate(with_sheet(mini(), datasets))
    assert where(only(found, "CAT306")) == "custodians/catalogue.xlsx[datasets]!D2"
    assert only(found, "CAT307").severity is Severity.WARNING


def test_custodian_used_by_a_wid_without_slack_warns() -> None:
    custodians = sheet(
        "custodians",
        ["id", "name", "email", "domains"],
        ["ingrid-solberg", "Ingrid", "ingrid.solberg@haldencycles.example", "sales"],
        ["jonas-lie", "Jonas", "jonas.lie@haldencycles.example", "ecommerce"],
    )
    d = only(validate(with_sheet(mini(), custodians)), "CAT308")
    assert (
        d.message == "custodians: ingrid-solberg is custodian of WID-0001 but has no Slack handle"
    )


# ----------------------------------------------------------------- sections


def test_missing_wid_section_is_an_error_at_the_title() -> None:
    text = mini_wid_text().replace("## Architecture\n", "## Design\n")
    d = only(run_wid(text), "WID112")
    assert where(d) == f"{WID_PATH}:35:1"
    assert d.message == "required section 'Architecture' is missing"


def test_wid_section_headings_match_case_insensitively() -> None:
    text = mini_wid_text().replace("## How the data is surfaced", "## How The Data Is Surfaced")
    assert run_wid(text) == []


def test_template_text_is_reported_per_section() -> None:
    text = mini_wid_text().replace(
        "Hourly batch from the store tills.",
        "_Template: for each system data comes in from or goes out to, say how it moves "
        "(batch, stream, API, file) and how often._",
    )
    d = only(run_wid(text), "WID113")
    assert where(d) == f"{WID_PATH}:45:1"
    assert d.message == "section 'Integration points' still holds the template text"


def test_madr4_missing_sections_are_errors_from_strict_from_on() -> None:
    second = mini_adr_text(2).replace("## Considered Options", "## Options")
    assert only(run_adrs(mini_adr_text(1), second), "ADR211").severity is Severity.WARNING
    loaded = mini()
    docs = (adr(mini_adr_text(1), "adrs/0001-nightly-batch.md"), adr(second, "adrs/0002-x.md"))
    strict = AdrSettings(strict_from="ADR-0002")
    d = only(validate(with_docs(loaded, adrs=docs, adr_settings=strict)), "ADR211")
    assert d.severity is Severity.ERROR
    assert d.message == "required section 'Considered options' is missing"
    nygard = (
        "# 3. Use tills\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n"
    )
    loaded = mini()
    found = validate(with_docs(loaded, adrs=(*loaded.adrs, adr(nygard, "adrs/0003-use-tills.md"))))
    d = only(found, "ADR211")
    assert d.severity is Severity.WARNING
    assert d.message == "required section 'Consequences' is missing"


# ----------------------------------------------------------------- unsafe HTML and docs


def _scan(body: str) -> list[Diagnostic]:
    loaded: LoadedRepository = mini()
    return validate(with_docs(loaded, docs=(md(body, "docs/page.md"),)))


def test_unsafe_html_is_located_exactly() -> None:
    body = (
        "# Page\n\n"
        "Text <script>alert(1)</script>\n"
        '<img src="x.png" onerror="steal()">\n'
        "[click](javascript:alert(1))\n"
        '<iframe src="https://example.com"></iframe>\n'
    )
    found = [d for d in _scan(body) if d.code.startswith("SEC")]
    assert [(d.code, where(d)) for d in found] == [
        ("SEC501", "docs/page.md:3:6"),
        ("SEC502", "docs/page.md:4:18"),
        ("SEC503", "docs/page.md:5:9"),
        ("SEC501", "docs/page.md:6:1"),
    ]


def test_code_blocks_and_inline_code_are_not_flagged() -> None:
    body = (
        "# Page\n\nUse `<script>` tags never.\n\n"
        "```html\n<script>x()</script>\n```\n\n~~~\n<iframe>\n~~~\n"
    )
    assert [d for d in _scan(body) if d.code.startswith("SEC")] == []


def test_unsafe_html_in_wid_counts_front_matter_lines() -> None:
    text = mini_wid_text().replace(
        "A table in the warehouse", 'A table <a href="#" onclick="x()">here</a> in the warehouse'
    )
    d = only(run_wid(text), "SEC502")
    assert where(d) == f"{WID_PATH}:51:21"


def test_docs_review_date_and_title() -> None:
    found = _scan("---\nreview_by: next year\n---\n\nNo heading here.\n")
    assert where(only(found, "DOC401")) == "docs/page.md:2:12"
    assert only(found, "DOC402").severity is Severity.WARNING


def test_duplicate_keys_are_found_in_big_sheets_too() -> None:
    rows = [["pos.stores", f"c{i}", "string", "no"] for i in range(6000)]
    rows.append(["pos.stores", "c17", "string", "no"])
    columns = sheet("columns", ["dataset", "name", "type", "personal_data"], *rows)
    d = only(validate(with_sheet(mini(), columns)), "CAT302")
    assert where(d) == "custodians/catalogue.xlsx[columns]!B6002"
    assert d.message.endswith("is already used in row 19")


@pytest.mark.parametrize("review_by", ["2026-02-30", "2026-1-5", "20260105", "2026-01-05T10:00"])
def test_review_by_uses_the_schemas_date_rule(review_by: str) -> None:
    found = _scan(f"---\nreview_by: '{review_by}'\n---\n\n# Page\n")
    assert only(found, "DOC401").message == f"review_by '{review_by}' is not a date"
    assert _scan("---\nreview_by: 2026-01-05\n---\n\n# Page\n") == []
