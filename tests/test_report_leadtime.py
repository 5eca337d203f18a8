"""Onboarding lead time from a real git history: a copy of the example whose WID moves
from submitted to onboarded in two dated commits, read by the one git pass
(core.gitfacts) and rendered by the report."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

from example_site import copy_example

from paved.generator.core import api, gitfacts
from paved.generator.core.render.site import render_site

WID = "wids/WID-0008-dealer-scorecard.md"


def _commit(root: Path, when: str, *, init: bool = False) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ada Lind",
        "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada Lind",
        "GIT_COMMITTER_EMAIL": "ada@example.com",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    steps = [["init", "-q", "-b", "main"]] if init else []
    for args in (*steps, ["add", "-A"], ["commit", "-q", "-m", f"status at {when}"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _set_status(root: Path, status: str) -> None:
    path = root / WID
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines[index] = f"status: {status}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_lead_time_from_status_commits(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "repo")
    _set_status(root, "submitted")
    _commit(root, "2026-01-05T10:00:00+00:00", init=True)
    _set_status(root, "approved")
    _commit(root, "2026-01-20T10:00:00+00:00")
    _set_status(root, "onboarded")
    _commit(root, "2026-02-14T10:00:00+00:00")

    result = api.check(root)
    git = gitfacts.collect(root)
    pages = render_site(result.platform, git, today=date(2026, 3, 1))
    report = next(p for p in pages if p.src_uri == "reports/onboarding.md").markdown

    assert "Median lead time: **40 days** over 1 onboarded products." in report
    assert "<td>2026-01-05</td><td>2026-02-14</td><td>40</td>" in report
    # the other WIDs were first committed as they are: said, not silently dropped
    assert "first committed as *onboarded* on 2026-01-05" in report
    assert (
        "<td>not committed (first seen 2026-01-05 as <em>approved</em>)</td><td>at least 55</td>"
        in report
    )
