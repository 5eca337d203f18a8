"""One engine per repository, rebuilt when the repository's content changes.

The bot runs for weeks while pull requests are merged into the repository it answers
from. Rebuilding on every question would cost seconds; never rebuilding would answer
from a stale portal. So the content folders are fingerprinted (file count, newest
modification time, total size) at most once per ``refresh_seconds``, and the engine is
rebuilt only when the fingerprint moved.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

CONTENT = ("wids", "adrs", "docs", "custodians", "mkdocs.yml", "synonyms.yml")
REFRESH_SECONDS = 60.0

T = TypeVar("T")
Fingerprint = tuple[int, int, int]


def fingerprint(root: Path) -> Fingerprint:
    """(files, newest mtime in ns, total bytes) under the content folders of ``root``."""
    count = newest = size = 0
    stack = [root / name for name in CONTENT]
    while stack:
        path = stack.pop()
        try:
            if path.is_dir():
                with os.scandir(path) as entries:
                    stack.extend(Path(entry.path) for entry in entries)
                continue
            stat = path.stat()
        except OSError:  # vanished while walking: the next check sees the new state
            continue
        count += 1
        newest = max(newest, stat.st_mtime_ns)
        size += stat.st_size
    return count, newest, size


@dataclass
class _Entry(Generic[T]):
    value: T
    fingerprint: Fingerprint
    checked: float


class EngineCache(Generic[T]):
    """Thread-safe: concurrent first questions build one engine, not one each."""

    def __init__(
        self,
        build: Callable[[Path], T],
        *,
        refresh_seconds: float = REFRESH_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._build = build
        self._refresh = refresh_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[Path, _Entry[T]] = {}

    def get(self, root: Path) -> T:
        with self._lock:
            now = self._clock()
            entry = self._entries.get(root)
            if entry is not None and now - entry.checked < self._refresh:
                return entry.value
            current = fingerprint(root)
            if entry is None or current != entry.fingerprint:
                # The previous engine is not closed: a question may still be using it;
                # its in-memory database goes when the last reference does.
                entry = _Entry(self._build(root), current, now)
                self._entries[root] = entry
            entry.checked = now
            return entry.value
