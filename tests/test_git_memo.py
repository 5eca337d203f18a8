"""The git facts and "What changed" merges ``paved serve`` keeps between rebuilds: the
same answer while ``HEAD`` is the same commit, a new one after a commit, and nothing
kept outside a checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from diff_helpers import Repo, default_platform, git, wid

from paved.generator.core.diff.history import recent_merges
from paved.generator.core.git_memo import GitMemo
from paved.generator.mkdocs_plugin.pages import what_changed

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _counting(memo: GitMemo, root: Path, calls: list[int]) -> tuple[object, ...]:
    def compute() -> tuple[object, ...]:
        calls.append(1)
        return recent_merges(root, 10)

    return memo.get("merges", compute)


def test_kept_while_head_is_the_same_commit_and_recomputed_after_a_commit(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    platform = default_platform()
    repo.commit(platform, "base")
    memo, calls = GitMemo(), []
    memo.begin(repo.root)
    first = _counting(memo, repo.root, calls)
    # A saved edit in the working tree does not move HEAD: the merges are the commit's.
    (repo.root / "wids" / "WID-0001-daily.md").write_text("edited, not committed\n")
    memo.begin(repo.root)
    assert _counting(memo, repo.root, calls) is first
    assert len(calls) == 1

    edited = platform.copy()
    edited.wids["WID-0001-daily.md"] = wid(1, status="onboarded")
    repo.commit(edited, "WID-0001 onboarded")
    memo.begin(repo.root)
    second = _counting(memo, repo.root, calls)
    assert len(calls) == 2
    assert len(second) == len(first) + 1
    assert second == recent_merges(repo.root, 10)  # what a build without the memo lists


def test_nothing_is_kept_outside_a_checkout(tmp_path: Path) -> None:
    memo, calls = GitMemo(), []
    memo.begin(tmp_path)
    memo.get("facts", lambda: calls.append(1))
    memo.get("facts", lambda: calls.append(1))
    assert len(calls) == 2


def test_another_root_is_another_key(tmp_path: Path) -> None:
    one, two = Repo(tmp_path / "one"), Repo(tmp_path / "two")
    one.commit(default_platform(), "base")
    two.commit(default_platform(), "base")
    git(two.root, "commit", "-q", "--allow-empty", "-m", "another commit")
    memo = GitMemo()
    memo.begin(one.root)
    assert memo.get("x", lambda: "one") == "one"
    memo.begin(two.root)
    assert memo.get("x", lambda: "two") == "two"


def test_the_what_changed_page_is_the_same_with_the_memo(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit(default_platform(), "base")
    memo = GitMemo()
    memo.begin(repo.root)
    kept = what_changed(repo.root, None, memo)
    again = what_changed(repo.root, None, memo)
    plain = what_changed(repo.root)
    assert [p.markdown for p in kept] == [p.markdown for p in again] == [p.markdown for p in plain]
    assert "base" in plain[0].markdown  # the commit's subject: the merge is listed
