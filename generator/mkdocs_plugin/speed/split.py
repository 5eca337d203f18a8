"""Rendering shared with one forked child while the build starts (``paved build``).

Everything before MkDocs' page loop runs in one process (validation, the model,
``render_site``), so on two cores it counts in full in the build's time. On a large
portal the 10,000 dataset pages were the biggest part of it (a third of the plugin's
``on_config``, profiled: ``benchmarks/README.md``, round 7). ``halves`` gives a forked
child the second half of the items while this process renders the first, then reads
the child's pages back through a pipe: the same pages, in the same order, as one
process renders (the work is a pure function of the model, which the fork copies).

If the child fails or dies, this process renders its half itself: an error is then
raised here, with its traceback, as without the split.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from paved.generator.mkdocs_plugin.speed.parallel import (
    can_fork,
    die_with_parent,
    receive,
    usable_cpus,
)

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Fewer items than this are rendered here: a fork costs a few milliseconds and the
#: pages come back through a pipe; 500 dataset pages render in about a quarter second.
MIN_ITEMS = 500


def can_split(jobs: int) -> bool:
    """Whether a build asking for ``jobs`` processes (0: one per CPU) may fork a child
    for the start's rendering: more than one allowed, and more than one CPU to run on."""
    return jobs != 1 and usable_cpus() > 1 and can_fork()


def halves(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]) -> list[Result]:
    """``work(items)``, the second half computed by a forked child meanwhile."""
    if len(items) < MIN_ITEMS or not can_fork():
        return work(items)
    middle = len(items) // 2
    context = multiprocessing.get_context("fork")
    incoming, outgoing = context.Pipe(duplex=False)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: render, send, leave without any teardown
        code = 1
        try:
            die_with_parent()
            incoming.close()
            # The heap it inherits is never freed here: the collector need not walk it
            # (nor touch, and so copy, the memory that holds it).
            gc.freeze()
            outgoing.send(work(items[middle:]))
            outgoing.close()
            code = 0
        finally:
            os._exit(code)
    outgoing.close()
    try:
        first = work(items[:middle])
        second = receive(pid, incoming)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        raise
    finally:
        incoming.close()
        with contextlib.suppress(ChildProcessError):  # ``receive`` may have reaped it
            os.waitpid(pid, 0)
    if not isinstance(second, list):  # the child failed: its half, here
        second = work(items[middle:])
    return [*first, *second]
