"""paved diff against git: the base ref, shallow clones, the merge base, intents, and
the work tree left untouched."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from diff_helpers import GIT_ENV, Repo, default_platform, git, wid

from paved.generator.cli import main
from paved.generator.core.diff.gitbase import BaseRefError, default_base_ref
from paved.generator.core.diff.run import diff_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _drop_amount(repo: Repo, message: str = "drop amount") -> None:
    after = default_platform()
    after.rows("columns").remove(after.row("columns", dataset="pos.sales_lines", name="amount"))
    repo.commit(after, message)


_CLONE = ("git", "clone", "-q", "--depth", "1")


def _shallow_clone(repo: Repo, clone: Path, *options: str) -> Path:
    """A depth-1 clone of the ``change`` branch, as CI checks a pull request out."""
    subprocess.run(
        [*_CLONE, *options, "--branch", "change", f"file://{repo.root}", str(clone)],
        check=True,
        capture_output=True,
        env={**GIT_ENV, "PATH": "/usr/bin:/bin"},
    )
    return clone


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    made = Repo(tmp_path / "repo")
    made.commit(default_platform(), "base")
    made.branch()
    return made


def test_base_that_does_not_exist(repo: Repo) -> None:
    result = CliRunner().invoke(main, ["diff", str(repo.root), "--base", "origin/nope"])
    assert result.exit_code == 2
    assert "the base 'origin/nope' does not exist in this repository" in result.output
    assert "hint: Name an existing branch" in result.output
    assert "Traceback" not in result.output


def test_not_a_checkout(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    for base in (["--base", "main"], []):  # without --base: not "no default branch"
        result = CliRunner().invoke(main, ["diff", str(folder), *base])
        assert result.exit_code == 2
        assert "is not inside a git checkout" in result.output
        assert "default branch" not in result.output


def test_shallow_clone_without_the_base_says_fetch_the_history(repo: Repo, tmp_path: Path) -> None:
    _drop_amount(repo)
    _drop_amount(repo, "second")  # two commits on the branch: depth 1 loses the base
    clone = _shallow_clone(repo, tmp_path / "clone")
    result = CliRunner().invoke(main, ["diff", str(clone), "--base", "main"])
    assert result.exit_code == 2
    assert "not in this shallow clone" in result.output
    assert "fetch-depth: 0" in result.output
    assert "git fetch --unshallow" in result.output
    # With the base fetched but still shallow, the merge base is what is missing.
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:main")
    again = CliRunner().invoke(main, ["diff", str(clone), "--base", "main"])
    assert again.exit_code == 2
    assert "merge base" in again.output
    assert "fetch-depth: 0" in again.output


def test_merge_base_ignores_what_main_did_since(repo: Repo) -> None:
    _drop_amount(repo)
    git(repo.root, "checkout", "-q", "main")
    moved = default_platform()
    moved.wids["WID-0009-main.md"] = wid(9)
    repo.commit(moved, "main moves on")
    git(repo.root, "checkout", "-q", "change")
    result = diff_repository(repo.root, "main")
    assert [c.kind for c in result.changes] == ["column.removed"]
    against_tip = diff_repository(repo.root, "main", merge_base=False)
    assert "product.removed" in [c.kind for c in against_tip.changes]


def test_work_tree_and_index_are_untouched(repo: Repo) -> None:
    _drop_amount(repo)
    (repo.root / "wids/WID-0001-daily.md").write_text(wid(1, status="onboarded"))
    status_before = git(repo.root, "status", "--porcelain")
    head_before = git(repo.root, "rev-parse", "HEAD")
    result = diff_repository(repo.root, "main")
    # The uncommitted edit is part of the head (the work tree is what is compared).
    assert "product.status" in [c.kind for c in result.changes]
    assert git(repo.root, "status", "--porcelain") == status_before
    assert git(repo.root, "rev-parse", "HEAD") == head_before
    assert git(repo.root, "stash", "list") == ""


def test_intent_in_a_commit_trailer(repo: Repo) -> None:
    _drop_amount(
        repo,
        "drop amount\n\npaved: breaking-change-intended pos.sales_lines "
        "amount moves to lake.cur_sales\n",
    )
    result = diff_repository(repo.root, "main")
    change = result.changes[0]
    assert change.intent is not None
    assert change.intent.reason == "amount moves to lake.cur_sales"
    assert change.intent.source.startswith("commit ")
    assert change.level.value == "breaking"
    assert change.effective_level.value == "review"
    fail = CliRunner().invoke(main, ["diff", str(repo.root), "--base", "main"])
    assert fail.exit_code == 0, fail.output
    assert "intended column.removed" in fail.output
    strict = CliRunner().invoke(
        main, ["diff", str(repo.root), "--base", "main", "--fail-on", "review"]
    )
    assert strict.exit_code == 1


def test_intent_in_a_changed_wid(repo: Repo) -> None:
    after = default_platform()
    after.rows("columns").remove(after.row("columns", dataset="pos.sales_lines", name="amount"))
    after.wids["WID-0002-lines.md"] = wid(
        2,
        datasets=("pos.sales_lines",),
        body_extra="\n<!-- paved: breaking-change-intended pos.sales_lines.amount moved -->\n",
    )
    repo.commit(after, "drop amount")
    change = diff_repository(repo.root, "main").changes[0]
    assert change.intent is not None
    assert change.intent.reason == "moved"
    path, line = change.intent.source.rsplit(":", 1)
    assert path == "wids/WID-0002-lines.md"
    text = (repo.root / path).read_text().splitlines()
    assert "breaking-change-intended" in text[int(line) - 1]


def test_intent_for_another_subject_does_not_apply(repo: Repo) -> None:
    _drop_amount(repo, "x\n\npaved: breaking-change-intended pos.stores not this one\n")
    change = diff_repository(repo.root, "main").changes[0]
    assert change.intent is None


def test_default_base(repo: Repo) -> None:
    assert default_base_ref(repo.root, {"GITHUB_BASE_REF": "release"}) == "origin/release"
    assert default_base_ref(repo.root, {}) == "main"
    git(repo.root, "branch", "-m", "main", "trunk")
    with pytest.raises(BaseRefError, match="no default branch"):
        default_base_ref(repo.root, {})


def test_default_base_in_a_shallow_clone_says_fetch_the_history(repo: Repo, tmp_path: Path) -> None:
    _drop_amount(repo)
    clone = _shallow_clone(repo, tmp_path / "clone", "--single-branch")
    git(clone, "remote", "set-head", "origin", "-d")  # as actions/checkout leaves it
    result = CliRunner().invoke(main, ["diff", str(clone)])
    assert result.exit_code == 2
    assert "no default branch found to compare with in this shallow clone" in result.output
    assert "fetch-depth: 0" in result.output
