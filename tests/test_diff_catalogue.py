"""paved diff on the catalogue: every change kind, renames, blast radius. Real git
repositories (base on main, head on a branch), real loaders, no mocks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from diff_helpers import _col, _ds, default_platform, diff_of, kinds, only

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_no_change_reports_nothing(tmp_path: Path) -> None:
    before = default_platform()
    result = diff_of(tmp_path, before, before.copy())
    assert result.changes == ()
    assert result.worst() is None


def test_removed_column_is_breaking_with_blast_radius_across_hops(tmp_path: Path) -> None:
    before = default_platform()
    after = before.copy()
    after.rows("columns").remove(after.row("columns", dataset="pos.sales_lines", name="amount"))
    result = diff_of(tmp_path, before, after)
    change = only(result, "column.removed")
    assert change.level.value == "breaking"
    assert change.subject == "pos.sales_lines.amount"
    assert change.impact is not None
    assert [(d.id, d.hops) for d in change.impact.datasets] == [
        ("lake.cur_sales", 1),
        ("lake.prd_daily", 2),
    ]
    # WID-0002 reads the dataset itself; WID-0001 reads lake.prd_daily, two hops further.
    assert [(p.id, p.hops) for p in change.impact.products] == [("WID-0002", 1), ("WID-0001", 3)]
    notify = {p.name: p.slack for p in change.impact.notify}
    assert notify["Per Moe"] == "@per.moe"  # owner of WID-0002
    assert notify["Eva Holm"] == "@eva.holm"  # owner of WID-0001
    assert notify["Kim Lund"] == "@kim.lund"  # custodian of the downstream datasets
    assert [p.github for p in change.reviewers] == ["@ada-berg"]  # the dataset's custodian
    assert change.location is not None
    assert change.location.path == "custodians/datasets.csv"


def test_renamed_column_is_one_change_not_removal_plus_addition(tmp_path: Path) -> None:
    before = default_platform()
    after = before.copy()
    after.row("columns", dataset="pos.sales_lines", name="customer_email")["name"] = "member_email"
    result = diff_of(tmp_path, before, after)
    assert kinds(result) == [("column.renamed", "breaking", "pos.sales_lines.customer_email")]
    change = result.changes[0]
    assert (change.before, change.after) == ("customer_email", "member_email")
    assert change.location is not None
    assert change.location.row == 4  # the renamed row at head


def test_unrelated_removal_and_addition_are_not_a_rename(tmp_path: Path) -> None:
    before = default_platform()
    after = before.copy()
    after.rows("columns").remove(after.row("columns", dataset="pos.stores", name="store_name"))
    after.rows("columns").append(_col("pos.stores", "opened_on", "date", "Opening day."))
    result = diff_of(tmp_path, before, after)
    assert kinds(result) == [
        ("column.added", "info", "pos.stores.opened_on"),
        ("column.removed", "breaking", "pos.stores.store_name"),
    ]


def test_type_description_and_personal_data_flags(tmp_path: Path) -> None:
    before = default_platform()
    after = before.copy()
    after.row("columns", dataset="pos.sales_lines", name="amount")["type"] = "integer"
    after.row("columns", dataset="pos.sales_lines", name="receipt_id")["description"] = "Till no."
    after.row("columns", dataset="pos.sales_lines", name="customer_email")["personal_data"] = "no"
    after.row("columns", dataset="pos.stores", name="store_name")["personal_data"] = "yes"
    result = diff_of(tmp_path, before, after)
    assert kinds(result) == [
        ("column.description", "info", "pos.sales_lines.receipt_id"),
        ("column.personal_data", "breaking", "pos.sales_lines.customer_email"),
        ("column.personal_data", "review", "pos.stores.store_name"),
        ("column.type", "breaking", "pos.sales_lines.amount"),
    ]
    unflagged = next(c for c in result.changes if c.subject.endswith("customer_email"))
    # The data protection officer approves a removed personal-data flag.
    assert "Ola Dahl" in [p.name for p in unflagged.reviewers]
    assert unflagged.location is not None
    assert unflagged.location.column == 5
    retyped = next(c for c in result.changes if c.kind == "column.type")
    assert (retyped.before, retyped.after) == ("decimal", "integer")


def test_dataset_removed_renamed_added(tmp_path: Path) -> None:
    before = default_platform()
    after = before.copy()
    # rename lake.cur_sales → lake.cur_sales_lines (same columns), fix the lineage
    after.row("datasets", id="lake.cur_sales")["id"] = "lake.cur_sales_lines"
    for col in after.rows("columns"):
        if col["dataset"] == "lake.cur_sales":
            col["dataset"] = "lake.cur_sales_lines"
    for edge in after.rows("lineage"):
        for end in ("upstream", "downstream"):
            if edge[end] == "lake.cur_sales":
                edge[end] = "lake.cur_sales_lines"
    # remove pos.stores, add pos.receipts
    after.rows("datasets").remove(after.row("datasets", id="pos.stores"))
    after.catalogue["columns"] = [c for c in after.rows("columns") if c["dataset"] != "pos.stores"]
    after.rows("datasets").append(_ds("pos.receipts", "pos", "ada-berg", "Receipts.", "internal"))
    after.rows("columns").append(_col("pos.receipts", "receipt_no", "string", "Number."))
    result = diff_of(tmp_path, before, after)
    found = kinds(result)
    assert ("dataset.renamed", "breaking", "lake.cur_sales") in found
    assert ("dataset.removed", "breaking", "pos.stores") in found
    assert ("dataset.added", "info", "pos.receipts") in found
    assert not any(k == "column.removed" for k, _, _ in found)
    renamed = only(result, "dataset.renamed")
    assert renamed.after == "lake.cur_sales_lines"
    assert renamed.impact is not None
    assert [p.id for p in renamed.impact.products] == ["WID-0001"]
    lineage = {k for k, _, _ in found if k.startswith("lineage.")}
    assert lineage == {"lineage.added", "lineage.removed"}


def test_classification_custodian_and_lineage(tmp_path: Path) -> None:
    before = default_platform()
    after = before.copy()
    after.row("datasets", id="pos.sales_lines")["classification"] = "internal"
    after.row("datasets", id="pos.stores")["classification"] = "confidential"
    after.row("datasets", id="lake.prd_daily")["custodian"] = "ada-berg"
    after.rows("lineage").append(
        {
            "upstream": "pos.stores",
            "downstream": "lake.prd_daily",
            "stage": "serve",
            "description": "Store names.",
        }
    )
    after.rows("lineage").remove(after.row("lineage", upstream="lake.cur_sales"))
    result = diff_of(tmp_path, before, after)
    assert kinds(result) == [
        ("dataset.classification", "breaking", "pos.sales_lines"),
        ("dataset.classification", "review", "pos.stores"),
        ("dataset.custodian", "review", "lake.prd_daily"),
        ("lineage.added", "info", "pos.stores → lake.prd_daily"),
        ("lineage.removed", "review", "lake.cur_sales → lake.prd_daily"),
    ]
    custodian = only(result, "dataset.custodian")
    # the new custodian and the previous one
    assert {p.name for p in custodian.reviewers} == {"Ada Berg", "Kim Lund"}
    lowered = next(c for c in result.changes if c.level.value == "breaking")
    assert lowered.impact is not None
    assert [p.id for p in lowered.impact.products] == [
        "WID-0002",
        "WID-0001",
    ]


def test_custodians_sheet_changes(tmp_path: Path) -> None:
    before = default_platform()
    after = before.copy()
    after.row("custodians", id="kim-lund")["domains"] = ""
    after.row("custodians", id="ada-berg")["slack"] = "@ada"
    after.rows("custodians").append(
        {"id": "liv-aas", "name": "Liv Aas", "email": "liv@example.com", "domains": "sales"}
    )
    result = diff_of(tmp_path, before, after)
    assert kinds(result) == [
        ("custodian.added", "info", "liv-aas"),
        ("custodian.changed", "info", "ada-berg"),
        ("custodian.changed", "review", "kim-lund"),
    ]


def test_base_without_catalogue_reports_everything_new(tmp_path: Path) -> None:
    after = default_platform()
    before = after.copy()
    before.catalogue = None
    result = diff_of(tmp_path, before, after)
    assert result.notes
    assert "did not exist at the base" in result.notes[0]
    added = [c for c in result.changes if c.kind == "dataset.added"]
    assert len(added) == 4
    assert result.worst() is not None
    assert result.worst().value == "info"
