"""Work shared with forked children at the start of ``paved build`` (``speed.split``).

What matters: the result is exactly ``work(items)`` (``work()``), in order, whichever
process computed which part, and a child that fails costs time, never a page.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from paved.generator.core import api
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.render.site import render_site
from paved.generator.mkdocs_plugin.speed import Speed, split
from paved.generator.mkdocs_plugin.speed.parallel import can_fork

ROOT = Path(__file__).resolve().parent.parent

needs_fork = pytest.mark.skipif(not can_fork(), reason="the split needs os.fork (Linux)")


def with_pid(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in items]


@needs_fork
def test_the_second_half_is_computed_by_a_child_and_the_order_kept() -> None:
    items = list(range(split.MIN_ITEMS + 1))
    result = split.halves(with_pid, items)
    assert [item for item, _ in result] == items
    middle = len(items) // 2
    assert {pid for _, pid in result[:middle]} == {os.getpid()}
    children = {pid for _, pid in result[middle:]}
    assert len(children) == 1
    assert os.getpid() not in children


def test_few_items_are_computed_here() -> None:
    items = list(range(split.MIN_ITEMS - 1))
    assert split.halves(with_pid, items) == [(item, os.getpid()) for item in items]


@needs_fork
def test_a_child_that_fails_costs_time_not_results() -> None:
    parent = os.getpid()

    def fails_in_the_child(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the child's half fails")
        return [item * 2 for item in items]

    items = list(range(split.MIN_ITEMS * 2))
    assert split.halves(fails_in_the_child, items) == [item * 2 for item in items]


@needs_fork
def test_an_error_here_is_raised_and_leaves_no_child_behind() -> None:
    parent = os.getpid()
    children: list[int] = []

    def fails_here(items: Sequence[int]) -> list[int]:
        if os.getpid() == parent:
            raise ValueError("the first half fails")
        return list(items)

    with pytest.raises(ValueError, match="the first half fails"):
        split.halves(fails_here, list(range(split.MIN_ITEMS * 2)))
    # Reaped: this process has no child left to wait for.
    with pytest.raises(ChildProcessError):
        children.append(os.waitpid(-1, os.WNOHANG)[0])
    assert children == []


@needs_fork
def test_the_dataset_pages_rendered_in_halves_are_the_pages_of_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    platform = api.check(ROOT).platform
    assert len(platform.datasets) > 10
    monkeypatch.setattr(split, "MIN_ITEMS", 2)  # the example has 86 datasets
    alone = render_site(platform, GitFacts.empty(), today=date(2026, 5, 1))
    shared = render_site(platform, GitFacts.empty(), today=date(2026, 5, 1), share=split.halves)
    assert shared == alone


def test_only_a_build_allowed_more_than_one_process_splits() -> None:
    assert Speed.render_share(1) is None
    expected = split.halves if split.can_split(0) else None
    assert Speed.render_share(0) is expected


@needs_fork
def test_meanwhile_computes_in_a_child_and_gives_its_value() -> None:
    later = split.Meanwhile(os.getpid)
    assert later.result() not in {os.getpid(), None}
    # ``None`` is a value like any other, not a failed child.
    assert split.Meanwhile(lambda: None).result() is None


def test_meanwhile_without_a_child_computes_when_asked() -> None:
    calls: list[int] = []

    def work() -> int:
        calls.append(os.getpid())
        return 7

    later = split.Meanwhile(work, fork=False)
    assert calls == []
    assert later.result() == 7
    assert calls == [os.getpid()]


@needs_fork
def test_meanwhile_a_child_that_fails_costs_time_not_the_value() -> None:
    parent = os.getpid()

    def fails_in_the_child() -> str:
        if os.getpid() != parent:
            os._exit(3)  # dies without a word, as a killed child would
        return "here"

    assert split.Meanwhile(fails_in_the_child).result() == "here"


@needs_fork
def test_meanwhile_not_asked_for_leaves_no_child_behind() -> None:
    started = time.monotonic()
    with pytest.raises(ValueError, match="meanwhile"), split.Meanwhile(lambda: time.sleep(30)):
        raise ValueError("an error meanwhile")
    assert time.monotonic() - started < 10  # stopped, not waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_only_a_build_allowed_more_than_one_process_forks_meanwhile() -> None:
    here = Speed.meanwhile(1, os.getpid)
    assert here.result() == os.getpid()
    there = Speed.meanwhile(0, os.getpid)
    assert (there.result() != os.getpid()) == split.can_split(0)
