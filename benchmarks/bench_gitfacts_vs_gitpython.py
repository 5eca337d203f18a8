"""Why Paved reads git with one ``git log`` subprocess and not GitPython.

The product's design named GitPython for git access. Side by side on the repository of
``bench_gitfacts.py`` (2,000 files, 300 commits): Paved's one pass collects every file's
dates and contributors *and* the WID status history; GitPython's ``iter_commits`` with
``commit.stats`` runs one ``git diff`` per commit and still lacks the status history.
GitPython is not a dependency: ``pip install gitpython`` first.

Run: ``.venv/bin/python benchmarks/bench_gitfacts_vs_gitpython.py``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gitfacts import make_repo

from paved.generator.core.gitfacts import collect

RUNS = 5


def with_gitpython(root: Path) -> dict[str, list[tuple[int, str]]]:
    """Dates and authors per file, the way GitPython offers them."""
    import git  # type: ignore[import-not-found]

    files: dict[str, list[tuple[int, str]]] = {}
    for commit in git.Repo(root).iter_commits("HEAD"):
        for path in commit.stats.files:
            files.setdefault(str(path), []).append((commit.committed_date, commit.author.name))
    return files


def _median(fn: Callable[[Path], Any], root: Path) -> tuple[float, float, float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(root)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    try:
        import git  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        sys.exit("GitPython is not installed: pip install gitpython")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_repo(root)
        paved = _median(collect, root)
        gitpython = _median(with_gitpython, root)
    for name, (median, low, high) in (("paved one pass", paved), ("GitPython", gitpython)):
        print(f"{name:>15}: median {median:.3f} s (min {low:.3f}, max {high:.3f})")
    print(f"GitPython / paved: x{gitpython[0] / paved[0]:.2f}")


if __name__ == "__main__":
    main()
