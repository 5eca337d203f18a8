"""The engine cache: one build per repository, a rebuild only when content changed."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from paved.bot.answer.cache import EngineCache, fingerprint


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def repo(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not content", encoding="utf-8")
    return tmp_path


def test_fingerprint_moves_with_content_only(tmp_path: Path) -> None:
    root = repo(tmp_path)
    before = fingerprint(root)
    assert before[0] == 1
    (root / "notes.txt").write_text("still not content, longer", encoding="utf-8")
    assert fingerprint(root) == before
    (root / "docs" / "b.md").write_text("# B\n", encoding="utf-8")
    assert fingerprint(root)[0] == 2


def test_built_once_then_rebuilt_only_after_a_change_and_the_refresh_delay(
    tmp_path: Path,
) -> None:
    root = repo(tmp_path)
    clock = Clock()
    builds: list[Path] = []

    def build(path: Path) -> int:
        builds.append(path)
        return len(builds)

    cache = EngineCache(build, refresh_seconds=60, clock=clock)
    assert cache.get(root) == 1
    clock.now = 120
    assert cache.get(root) == 1  # checked, unchanged
    page = root / "docs" / "a.md"
    page.write_text("# A, edited at length\n", encoding="utf-8")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    clock.now = 150
    assert cache.get(root) == 1  # changed, but checked 30 s ago
    clock.now = 181
    assert cache.get(root) == 2
    assert builds == [root, root]


def test_concurrent_first_questions_build_one_engine(tmp_path: Path) -> None:
    root = repo(tmp_path)
    builds: list[Path] = []

    def build(path: Path) -> int:
        builds.append(path)
        return len(builds)

    cache = EngineCache(build)
    threads = [threading.Thread(target=cache.get, args=(root,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == [root]
