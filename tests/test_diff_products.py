"""paved diff on products (WIDs): added, removed, status moves, people, classification."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from diff_helpers import default_platform, diff_of, kinds, only, wid

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

LINES = ("pos.sales_lines",)


@pytest.mark.parametrize(
    ("before", "after", "level"),
    [
        ("submitted", "approved", "info"),  # one step forward
        ("draft", "approved", "review"),  # skipped submitted
        ("onboarded", "approved", "review"),  # backwards
    ],
)
def test_status_transitions(tmp_path: Path, before: str, after: str, level: str) -> None:
    base = default_platform()
    base.wids["WID-0002-lines.md"] = wid(2, status=before, datasets=LINES)
    head = base.copy()
    head.wids["WID-0002-lines.md"] = wid(2, status=after, datasets=LINES)
    result = diff_of(tmp_path, base, head)
    change = only(result, "product.status")
    assert (change.level.value, change.before, change.after) == (level, before, after)
    assert change.location is not None
    assert (change.location.path, change.location.line) == ("wids/WID-0002-lines.md", 4)
    if level == "review":
        assert "draft → submitted → approved → onboarded → retired" in change.why


def test_added_and_removed_products(tmp_path: Path) -> None:
    base = default_platform()
    head = base.copy()
    del head.wids["WID-0001-daily.md"]
    head.wids["WID-0003-new.md"] = wid(3, status="draft", datasets=LINES)
    result = diff_of(tmp_path, base, head)
    assert kinds(result) == [
        ("product.added", "review", "WID-0003"),
        ("product.removed", "review", "WID-0001"),
    ]
    removed = only(result, "product.removed")
    assert "retired" in removed.why
    assert removed.location is not None
    assert removed.location.path == "wids/WID-0001-daily.md"


def test_owner_custodian_classification_personal_data(tmp_path: Path) -> None:
    base = default_platform()
    base.wids["WID-0002-lines.md"] = wid(
        2, datasets=LINES, classification="confidential", personal=True
    )
    head = base.copy()
    head.wids["WID-0002-lines.md"] = wid(
        2,
        datasets=(*LINES, "pos.stores"),
        owner=("Liv Aas", "liv.aas@example.com", "@liv.aas"),
        custodian="kim-lund",
        classification="internal",
        personal=False,
    )
    result = diff_of(tmp_path, base, head)
    assert kinds(result) == [
        ("product.business_owner", "review", "WID-0002"),
        ("product.classification", "breaking", "WID-0002"),
        ("product.custodian", "review", "WID-0002"),
        ("product.personal_data", "breaking", "WID-0002"),
        ("product.upstream", "info", "WID-0002"),
    ]
    owner = only(result, "product.business_owner")
    # the new owner approves, and so does the previous one
    assert {"Liv Aas", "Eva Holm"} <= {p.name for p in owner.reviewers}
    personal = only(result, "product.personal_data")
    assert "Ola Dahl" in [p.name for p in personal.reviewers]  # the DPO
    assert only(result, "product.upstream").summary == "WID-0002 now reads pos.stores."


def test_related_decisions_are_information(tmp_path: Path) -> None:
    base = default_platform()
    head = base.copy()
    head.wids["WID-0002-lines.md"] = wid(2, datasets=LINES, related=("ADR-0001",))
    result = diff_of(tmp_path, base, head)
    change = only(result, "product.related_adrs")
    assert (change.level.value, change.summary) == ("info", "WID-0002 now relates ADR-0001.")
