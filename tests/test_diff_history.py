"""History in the portal: the "What changed" page lists the last merges in paved diff's
words; product and decision pages show who moved the status and when."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from diff_helpers import Repo, adr, default_platform, git, wid

from paved.generator.core.api import check
from paved.generator.core.diff.changes import Merge
from paved.generator.core.diff.history import recent_merges
from paved.generator.core.diff.run import Loaded, diff_repository
from paved.generator.core.gitfacts import StatusChange
from paved.generator.core.render.changes import render_changes, status_trail
from paved.generator.mkdocs_plugin.pages import what_changed

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _merged_repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "repo")
    base = default_platform()
    repo.commit(base, "base")
    repo.branch("drop")
    dropped = base.copy()
    dropped.rows("columns").remove(dropped.row("columns", dataset="pos.sales_lines", name="amount"))
    repo.commit(dropped, "drop amount")
    git(repo.root, "checkout", "-q", "main")
    git(repo.root, "merge", "-q", "--no-ff", "-m", "Merge pull request #7 from drop", "drop")
    onboarded = dropped.copy()
    onboarded.wids["WID-0001-daily.md"] = wid(1, status="onboarded", datasets=("lake.prd_daily",))
    repo.commit(onboarded, "WID-0001 <b>onboarded</b>")  # a squash merge: one commit
    (repo.root / "README.md").write_text("not the model\n")
    git(repo.root, "add", "README.md")
    git(repo.root, "commit", "-q", "-m", "docs only")
    return repo


def test_recent_merges_compare_each_with_its_first_parent(tmp_path: Path) -> None:
    repo = _merged_repo(tmp_path)
    merges = recent_merges(repo.root, 10)
    # Newest first; the docs-only commit does not touch the model and is not listed;
    # the branch's own commit is behind the merge (first parent only).
    assert [m.subject for m in merges] == [
        "WID-0001 <b>onboarded</b>",
        "Merge pull request #7 from drop",
        "base",
    ]
    assert [c.kind for c in merges[0].result.changes] == ["product.status"]
    assert [c.kind for c in merges[1].result.changes] == ["column.removed"]
    assert merges[1].author == "Ada Berg"
    assert len(recent_merges(repo.root, 1)) == 1


def test_what_changed_page_uses_the_review_words(tmp_path: Path) -> None:
    repo = _merged_repo(tmp_path)
    page = render_changes(recent_merges(repo.root, 2))
    assert page.src_uri == "changes.md"
    text = page.markdown
    assert "## " in text
    assert "· WID-0001 &lt;b&gt;onboarded&lt;/b&gt;" in text  # escaped once
    assert "<b>" not in text
    assert "- **info** WID-0001 moved from approved to onboarded." in text
    assert "- **🔴 breaking** Column pos.sales_lines.amount (decimal) was removed." in text
    assert "Reached: 2 downstream datasets; products WID-0002, WID-0001." in text


def test_what_changed_outside_git_and_switched_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert recent_merges(tmp_path, 5) == ()
    monkeypatch.setenv("PAVED_CHANGES_COUNT", "0")
    assert what_changed(tmp_path) == []
    monkeypatch.setenv("PAVED_CHANGES_COUNT", "3")
    pages = what_changed(tmp_path)
    assert [p.src_uri for p in pages] == ["changes.md"]
    assert "No history is available" in pages[0].markdown


def test_status_trail_names_who_and_when() -> None:
    trail = status_trail(
        (
            StatusChange("2026-01-05T10:00:00+00:00", "draft", "Ada Lind"),
            StatusChange("2026-02-01T09:00:00+00:00", "submitted", "Bo <Strand>"),
        )
    )
    assert trail == "draft 2026-01-05 (Ada Lind) → submitted 2026-02-01 (Bo &lt;Strand&gt;)"
    assert status_trail(()) == ""


def _work_tree(root: Path) -> Loaded:
    result = check(root)
    return Loaded(result.loaded, result.platform)


def _described(merges: tuple[Merge, ...]) -> list[tuple[str, list[str]]]:
    return [(m.subject, [c.summary for c in m.result.changes]) for m in merges]


def test_recent_merges_read_from_the_work_tree_say_the_same(tmp_path: Path) -> None:
    repo = _merged_repo(tmp_path)
    merges = recent_merges(repo.root, 10)
    expected = _described(merges)
    assert merges == recent_merges(repo.root, 10, work_tree=_work_tree(repo.root))
    # A clean work tree: the newest merge's files are the ones the build just read.
    assert _described(recent_merges(repo.root, 10, work_tree=_work_tree(repo.root))) == expected
    # An edit not committed yet, and a new file git does not track: the history still
    # describes the commits, not the work tree.
    wid_file = repo.root / "wids" / "WID-0001-daily.md"
    wid_file.write_text(wid(1, status="retired", datasets=("lake.prd_daily",)), encoding="utf-8")
    assert _described(recent_merges(repo.root, 10, work_tree=_work_tree(repo.root))) == expected
    git(repo.root, "checkout", "-q", "--", "wids")
    (repo.root / "adrs" / "0002-draft.md").write_text(adr(2), encoding="utf-8")
    assert _described(recent_merges(repo.root, 10, work_tree=_work_tree(repo.root))) == expected


def test_status_words_of_the_team_compare_the_same_on_both_sides(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    (repo.root / "mkdocs.yml").write_text(
        "site_name: Log\nplugins:\n  - paved:\n      adr_statuses:\n        ratified: accepted\n",
        encoding="utf-8",
    )
    before = default_platform()
    before.adrs["0001-nightly.md"] = adr(1, status="ratified")
    repo.commit(before, "base")
    after = before.copy()
    after.adrs["0001-nightly.md"] = adr(1, status="ratified", context="Tills export twice.")
    repo.branch()
    repo.commit(after, "context")
    # The base is read from git with the work tree's settings: 'ratified' is accepted
    # on both sides, so only the text changed.
    assert [c.kind for c in diff_repository(repo.root, "main").changes] == ["decision.text_edited"]
    merges = recent_merges(repo.root, 1, work_tree=_work_tree(repo.root))
    assert [c.kind for c in merges[0].result.changes] == ["decision.text_edited"]
