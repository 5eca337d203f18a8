"""Benchmark ``paved.generator.core.gitfacts.collect``: 2,000 files over a few hundred commits.

Target: ≤ 1 s (median of 5). Run: ``.venv/bin/python benchmarks/bench_gitfacts.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from paved.generator.core.gitfacts import collect

FILES = 2_000
COMMITS = 300
WIDS = 200
RUNS = 5


def _git(repo: Path, *args: str, date: str, author: str = "Bench") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "a@example.com",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "b@example.com",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def make_repo(root: Path) -> None:
    """FILES files (WIDS of them WIDs) spread over COMMITS commits; WIDs change status."""
    statuses = ["draft", "submitted", "approved", "onboarded"]
    _git(root, "init", "-q", "-b", "main", date="2026-01-01T00:00:00+00:00")
    per_commit = FILES // COMMITS + 1
    for commit in range(COMMITS):
        date = f"@{1_767_225_600 + commit * 3_600} +0000"
        first = commit * per_commit
        for index in range(first, min(first + per_commit, FILES)):
            if index < WIDS:
                path = root / "wids" / f"WID-{index + 1:04d}-product.md"
            else:
                path = root / "docs" / f"section-{index % 20}" / f"page-{index}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# Page {index}\n\nWritten in commit {commit}.\n", encoding="utf-8")
        # Every commit also moves a few WIDs through their lifecycle.
        for step in range(3):
            wid = (commit * 3 + step) % WIDS
            path = root / "wids" / f"WID-{wid + 1:04d}-product.md"
            status = statuses[min(commit // 75, 3)]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f"---\nid: WID-{wid + 1:04d}\nstatus: {status}\n---\n\n# Product {wid}\n"
                + "Body line.\n" * 40,
                encoding="utf-8",
            )
        _git(root, "add", "-A", date=date)
        _git(
            root,
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            f"commit {commit}",
            date=date,
            author=f"Author {commit % 7}",
        )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="paved-bench-git-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        make_repo(root)
        print(f"made {FILES} files over {COMMITS} commits in {time.perf_counter() - started:.1f} s")
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            facts = collect(root)
            timings.append(time.perf_counter() - started)
        median = statistics.median(timings)
        print(
            f"collect: {len(facts.files)} files, {len(facts.status_history)} WID histories, "
            f"median of {RUNS}: {median:.3f} s (min {min(timings):.3f} s)"
        )
        if median > 1.0:
            print("over the 1 s target")
            raise SystemExit(1)


if __name__ == "__main__":
    main()
