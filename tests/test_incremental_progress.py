"""Progress of a long build (``mkdocs_plugin/speed/progress.py``): pages done out of the
total on a terminal, nothing in CI or in a pipe, nothing for a small build."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from paved.generator.mkdocs_plugin.speed import Speed
from paved.generator.mkdocs_plugin.speed.progress import MIN_PAGES, PageProgress, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def console(stream: io.StringIO) -> Console:
    return Console(file=stream, force_terminal=True, width=100, color_system=None)


def test_counts_every_page_then_clears_itself() -> None:
    stream = io.StringIO()
    progress = PageProgress(console(stream))
    total = MIN_PAGES + 50
    progress.start(total)
    for _ in range(total):
        progress.advance()
    assert progress.done == total
    shown = stream.getvalue()
    assert f"{total}/{total}" in shown
    assert "pages" in shown
    assert "Building pages" in shown
    progress.advance()  # after the end: counted, never raises
    assert progress.done == total + 1


def test_small_build_shows_nothing() -> None:
    stream = io.StringIO()
    progress = PageProgress(console(stream))
    progress.start(MIN_PAGES - 1)
    for _ in range(MIN_PAGES - 1):
        progress.advance()
    assert stream.getvalue() == ""
    assert progress.done == MIN_PAGES - 1


def test_stop_on_failure_leaves_no_bar_running() -> None:
    stream = io.StringIO()
    progress = PageProgress(console(stream))
    progress.start(MIN_PAGES * 2)
    progress.advance()
    progress.stop()
    before = stream.getvalue()
    progress.advance()
    assert stream.getvalue() == before  # stopped: nothing more is drawn
    assert "1/400" in before


def test_shown_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert wanted(Terminal())
    assert not wanted(io.StringIO())  # a pipe or a file
    monkeypatch.setenv("CI", "true")
    assert not wanted(Terminal())


def test_speed_does_not_start_progress_when_told_not_to() -> None:
    speed = Speed(progress=False)
    speed.abandon(RuntimeError("build failed"))  # stopping what never started is fine
    assert speed.in_worker is False
