"""paved diff on decisions (ADRs): added, superseded, status moves, edits in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from diff_helpers import OUTCOME, adr, default_platform, diff_of, kinds, only

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_superseding_is_information(tmp_path: Path) -> None:
    base = default_platform()
    head = base.copy()
    head.adrs["0001-nightly.md"] = adr(1, status="superseded", superseded_by="ADR-0002")
    head.adrs["0002-hourly.md"] = adr(2, supersedes="ADR-0001", outcome="Hourly batches.")
    result = diff_of(tmp_path, base, head)
    assert kinds(result) == [
        ("decision.added", "info", "ADR-0002"),
        ("decision.status", "info", "ADR-0001"),
    ]
    assert "by ADR-0002" in only(result, "decision.status").summary
    assert "supersedes ADR-0001" in only(result, "decision.added").summary


def test_typo_edit_of_an_accepted_decision_is_information(tmp_path: Path) -> None:
    base = default_platform()
    head = base.copy()
    head.adrs["0001-nightly.md"] = adr(1, context="Till data must reach the platfrom every day.")
    result = diff_of(tmp_path, base, head)
    change = only(result, "decision.typo_edited")
    assert change.level.value == "info"
    assert "1 words" in change.summary or "(1 word" in change.summary


def test_outcome_rewritten_in_place_is_flagged(tmp_path: Path) -> None:
    base = default_platform()
    head = base.copy()
    head.adrs["0001-nightly.md"] = adr(
        1, outcome="Chosen option: hourly batch, because stores want numbers before lunch."
    )
    result = diff_of(tmp_path, base, head)
    change = only(result, "decision.outcome_edited")
    assert change.level.value == "review"
    assert "paved adr supersede ADR-0001" in change.why
    assert change.location is not None
    text = (tmp_path / "repo/adrs/0001-nightly.md").read_text().splitlines()
    assert text[change.location.line - 1 if change.location.line else 0].startswith("Chosen option")
    assert [p.name for p in change.reviewers] == ["Ada Berg"]
    assert change.reviewers[0].slack == "@ada.berg"  # matched to the register by name


def test_context_rewritten_outside_the_outcome(tmp_path: Path) -> None:
    base = default_platform()
    head = base.copy()
    head.adrs["0001-nightly.md"] = adr(
        1, context="Stores close late and the tills can only export after midnight, so we wait."
    )
    result = diff_of(tmp_path, base, head)
    assert kinds(result) == [("decision.text_edited", "review", "ADR-0001")]


def test_unusual_status_and_deletion(tmp_path: Path) -> None:
    base = default_platform()
    base.adrs["0002-hourly.md"] = adr(2, status="rejected", outcome=OUTCOME + " Rejected.")
    head = base.copy()
    head.adrs["0001-nightly.md"] = adr(1, status="proposed")
    del head.adrs["0002-hourly.md"]
    result = diff_of(tmp_path, base, head)
    assert kinds(result) == [
        ("decision.removed", "review", "ADR-0002"),
        ("decision.status", "review", "ADR-0001"),
    ]
    assert "unusual" in only(result, "decision.status").summary
