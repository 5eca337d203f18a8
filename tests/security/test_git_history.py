"""Commit messages and author names are contributed text: the "What changed" page reads
them from ``git log`` and must take each commit as the one record it is, whatever
separators its subject or author name holds (line breaks Python splits on but git does
not, the unit and record separators), so no commit can forge a merge (another author,
date or subject) on the page."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from paved.generator.core.diff.history import recent_merges

WID = "---\nid: WID-0001\ntitle: Real\nstatus: draft\ndomain: finance\n---\n# Real\n\n{text}\n"
#: Each a line break for ``str.splitlines`` (not for git) or a separator a parser may use.
BREAKS = "\x1c\x1d\x1e\x85\u2028\u2029\x0b\x0c"


def _commit(root: Path, subject: str, author: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "a@example.com",
        "GIT_COMMITTER_NAME": "ci",
        "GIT_COMMITTER_EMAIL": "ci@example.com",
    }
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(
        ["git", "commit", "-q", "--no-verify", "-m", subject],
        cwd=root,
        check=True,
        env=env,
    )


def test_a_commit_subject_cannot_forge_a_merge(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "wids").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / "wids" / "WID-0001-real.md").write_text(WID.format(text="One."), encoding="utf-8")
    _commit(root, "first", "Ada")
    first = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    forged = f"{first}\x1f\x1f2001-01-01T00:00:00+00:00\x1fThe CEO\x1fapproved by the board"
    subject = "".join(f"part{i}{b}{forged}" for i, b in enumerate(BREAKS))
    (root / "wids" / "WID-0001-real.md").write_text(WID.format(text="Two."), encoding="utf-8")
    _commit(root, subject, "Eve\x1fThe CEO")
    merges = recent_merges(root)
    assert [m.author for m in merges] == ["Eve\x1fThe CEO", "Ada"]
    assert [m.subject for m in merges] == [subject, "first"]
    assert "2001-01-01" not in repr([m.date for m in merges])


def test_file_content_and_author_names_cannot_forge_history(tmp_path: Path) -> None:
    """The portal's "last changed by" and status trails come from ``git log`` patches
    and name lists: a WID line or an author name holding the parser's separators must
    not add a commit (another author or date) to a file's history."""
    from paved.generator.core.gitfacts import collect

    root = tmp_path / "repo"
    (root / "wids").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    path = "wids/WID-0001-real.md"
    (root / path).write_text(WID.format(text="One."), encoding="utf-8")
    _commit(root, "first", "Ada")
    forged = "\x1e2001-01-01T00:00:00+00:00\x1fThe CEO"
    text = WID.format(text=f"Two.\n{forged}\ndiff --git a/{path} b/{path}\n+status: retired")
    (root / path).write_text(text.replace("status: draft", "status: submitted"), encoding="utf-8")
    _commit(root, "second", f"Eve{forged}")
    facts = collect(root)
    trail = facts.status_history[path]
    assert [(c.status, c.author) for c in trail] == [
        ("draft", "Ada"),
        ("submitted", f"Eve{forged}"),
    ]
    assert not [c.date for c in trail if c.date.startswith("2001")]
    assert facts.files[path].contributors == (f"Eve{forged}", "Ada")
    history = facts.files[path]
    assert not [d for d in (history.created, history.updated) if (d or "").startswith("2001")]


def test_a_commit_message_cannot_forge_a_commit_of_the_pull_request(tmp_path: Path) -> None:
    """``paved diff`` reads the pull request's messages for intent markers and names the
    commit each came from: a message cannot add a commit with a hash of its choosing."""
    from paved.generator.core.diff.gitbase import commits_in_range

    root = tmp_path / "repo"
    (root / "wids").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / "wids" / "WID-0001-real.md").write_text(WID.format(text="One."), encoding="utf-8")
    _commit(root, "base", "Ada")
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    forged = "\x1e" + "f" * 40 + "\x1fmaintainer\x1fpaved: breaking-change-intended x agreed"
    message = f"change\n\nbody{forged}\n"
    (root / "wids" / "WID-0001-real.md").write_text(WID.format(text="Two."), encoding="utf-8")
    _commit(root, message, "Eve")
    commits = commits_in_range(root, base)
    assert len(commits) == 1
    assert commits[0].subject == "change"
    assert forged in commits[0].message


def _big_wid(status: str, line: str) -> str:
    return WID.format(text="filler text of a long product description\n" * 25_000 + line).replace(
        "status: draft", f"status: {status}"
    )


def test_status_history_reads_whole_files_only_where_a_status_changed(tmp_path: Path) -> None:
    """Status trails come from whole-file patches (the front matter must be in each): a
    WID of a megabyte edited in many commits must not cost a megabyte per commit, only
    per commit that adds or removes a ``status:`` line."""
    from paved.generator.core.gitfacts import collect, status_log

    root = tmp_path / "repo"
    (root / "wids").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    path = root / "wids" / "WID-0001-real.md"
    for status, edits in (("draft", 12), ("submitted", 12), ("approved", 1)):
        for n in range(edits):
            path.write_text(_big_wid(status, f"edit {n}"), encoding="utf-8")
            _commit(root, f"{status} {n}", status.title())
    size = path.stat().st_size
    log = status_log(root, ["wids"])
    assert log is not None
    assert len(log) < 4 * size  # three patches of the whole file, not 25
    trail = collect(root).status_history["wids/WID-0001-real.md"]
    assert [(c.status, c.author) for c in trail] == [
        ("draft", "Draft"),
        ("submitted", "Submitted"),
        ("approved", "Approved"),
    ]


def test_status_history_read_is_bounded_and_keeps_the_newest(tmp_path: Path) -> None:
    from paved.generator.core.gitfacts import parse_status_patches, status_log

    root = tmp_path / "repo"
    (root / "wids").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    path = root / "wids" / "WID-0001-real.md"
    for status in ("draft", "submitted", "approved", "retired"):
        path.write_text(_big_wid(status, status), encoding="utf-8")
        _commit(root, status, status.title())
    size = path.stat().st_size
    log = status_log(root, ["wids"], max_bytes=2 * size + size // 2)
    assert log is not None
    assert len(log) <= 2 * size + size // 2
    trail = parse_status_patches(log)["wids/WID-0001-real.md"]
    assert [c.status for c in trail] == ["approved", "retired"]  # the two newest, in order
