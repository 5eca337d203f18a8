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
