"""Git facts: a real temporary repository, real git, known author dates."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from paved.generator.core.gitfacts import (
    GitFacts,
    StatusChange,
    collect,
    parse_name_status,
    parse_status_patches,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, author: str = "Ada Lind", date: str = "") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": f"{author.split()[0].lower()}@example.com",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": f"{author.split()[0].lower()}@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = date
        env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _commit(repo: Path, files: dict[str, str | None], date: str, author: str = "Ada Lind") -> None:
    for rel, text in files.items():
        path = repo / rel
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", f"change at {date}", author=author, date=date)


def _wid(status: str) -> str:
    return f"---\nid: WID-0001\ntitle: Orders\nstatus: {status}\n---\n\n# Orders\n\nstatus: body\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _commit(
        root,
        {"wids/WID-0001-orders.md": _wid("draft"), "docs/index.md": "# Home\n"},
        "2026-01-05T10:00:00+00:00",
    )
    _commit(
        root,
        {"wids/WID-0001-orders.md": _wid("submitted"), "docs/ä ö.md": "# Umlaut\n"},
        "2026-02-01T09:00:00+00:00",
        author="Bo Strand",
    )
    _commit(
        root,
        {"wids/WID-0001-orders.md": _wid("approved"), "docs/old.md": "# Old\n"},
        "2026-03-01T09:00:00+00:00",
    )
    _commit(root, {"docs/old.md": None}, "2026-03-02T09:00:00+00:00")
    return root


def test_collect_reports_created_updated_and_contributors(repo: Path) -> None:
    facts = collect(repo)

    wid = facts.files["wids/WID-0001-orders.md"]
    assert wid.created == "2026-01-05T10:00:00+00:00"
    assert wid.updated == "2026-03-01T09:00:00+00:00"
    assert wid.contributors == ("Ada Lind", "Bo Strand")
    assert facts.files["docs/index.md"].updated == "2026-01-05T10:00:00+00:00"
    assert facts.files["docs/ä ö.md"].contributors == ("Bo Strand",)


def test_deleted_files_are_left_out(repo: Path) -> None:
    assert "docs/old.md" not in collect(repo).files


def test_status_history_records_first_date_of_each_status(repo: Path) -> None:
    history = collect(repo).status_history["wids/WID-0001-orders.md"]

    assert history == (
        StatusChange("2026-01-05T10:00:00+00:00", "draft", "Ada Lind"),
        StatusChange("2026-02-01T09:00:00+00:00", "submitted", "Bo Strand"),
        StatusChange("2026-03-01T09:00:00+00:00", "approved", "Ada Lind"),
    )


def test_paths_are_relative_to_a_subfolder_root(repo: Path) -> None:
    facts = collect(repo / "docs")

    assert set(facts.files) == {"index.md", "ä ö.md"}


def test_outside_a_checkout_facts_are_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    # GIT_CEILING_DIRECTORIES keeps git from finding a repository above tmp_path.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))

    assert collect(lonely) == GitFacts.empty()


def test_missing_git_gives_empty_facts(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")

    assert collect(repo) == GitFacts.empty()


def test_recreated_file_starts_a_new_history() -> None:
    output = (
        "\x00\x002026-03-03T00:00:00+00:00\x00Bo Strand\n\nA\tdocs/a.md\n"
        "\x00\x002026-03-02T00:00:00+00:00\x00Ada Lind\n\nD\tdocs/a.md\n"
        "\x00\x002026-03-01T00:00:00+00:00\x00Ada Lind\n\nA\tdocs/a.md\n"
    )

    history = parse_name_status(output)["docs/a.md"]

    assert history.created == "2026-03-03T00:00:00+00:00"
    assert history.contributors == ("Bo Strand",)


def test_status_lines_in_the_body_or_nested_are_ignored() -> None:
    output = (
        "\x00\x002026-01-01T00:00:00+00:00\x00Ada\n\n"
        "diff --git a/wids/x.md b/wids/x.md\n--- /dev/null\n+++ b/wids/x.md\n"
        "@@ -0,0 +1,7 @@\n+---\n+  status: nested\n+status: 'Draft' # quoted\n+---\n"
        "+status: body\n"
        "diff --git a/wids/y.md b/wids/y.md\n--- a/wids/y.md\n+++ /dev/null\n"
        "@@ -1,3 +0,0 @@\n----\n-status: approved\n----\n"
    )

    assert parse_status_patches(output) == {
        "wids/x.md": (StatusChange("2026-01-01T00:00:00+00:00", "draft", "Ada"),)
    }


def test_decision_status_history_with_who_changed_it(tmp_path: Path) -> None:
    root = tmp_path / "adr-repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    adr = "---\nstatus: {}\ndate: 2026-01-01\n---\n# Use Delta\n"
    _commit(root, {"adrs/0001-delta.md": adr.format("proposed")}, "2026-01-01T09:00:00+00:00")
    _commit(
        root,
        {"adrs/0001-delta.md": adr.format("accepted")},
        "2026-01-09T09:00:00+00:00",
        author="Kari Vik",
    )
    assert collect(root).status_history["adrs/0001-delta.md"] == (
        StatusChange("2026-01-01T09:00:00+00:00", "proposed", "Ada Lind"),
        StatusChange("2026-01-09T09:00:00+00:00", "accepted", "Kari Vik"),
    )
