"""Pages done out of the total while a long build runs, on an interactive terminal.

A first build of a large portal takes tens of seconds with nothing on screen after
"Building documentation"; a bar that counts pages says it is working and how far it has
got. Shown only when stderr is a terminal and not in CI (``CI`` set), never in a forked
worker (the parent counts every page: the ones it skips are the workers'), and only for
builds of at least ``MIN_PAGES`` pages, where it is worth a line.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any

#: Smaller builds finish before a bar would be read.
MIN_PAGES = 200


def wanted(stream: IO[str] | None = None) -> bool:
    """Whether to show progress on ``stream`` (stderr by default)."""
    stream = stream or sys.stderr
    return stream.isatty() and not os.environ.get("CI")


class PageProgress:
    """A rich progress bar over the pages of one build: ``start``, ``advance`` per page
    written (or skipped), ``stop`` at the end or on failure. Does nothing when not
    started, so the hooks can call it unconditionally."""

    def __init__(self, console: Any | None = None) -> None:
        self._console = console
        self._progress: Any = None
        self._task: Any = None
        self.done = 0
        self.total = 0

    def start(self, total: int, *, label: str = "Building pages") -> None:
        self.stop()
        self.done, self.total = 0, total
        if total < MIN_PAGES:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = self._console or Console(stderr=True)
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pages"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task(label, total=total)
        self._progress.start()

    def advance(self) -> None:
        self.done += 1
        if self._progress is not None:
            self._progress.update(self._task, completed=self.done)
            if self.done >= self.total:
                self.stop()

    def stop(self) -> None:
        progress, self._progress = self._progress, None
        if progress is not None:
            progress.stop()
