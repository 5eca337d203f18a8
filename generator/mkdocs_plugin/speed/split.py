"""Work shared with forked children while ``paved build`` starts.

Everything before MkDocs' page loop runs in one process (validation, the model,
``render_site``), so on two cores it counts in full in the build's time. ``Meanwhile``
gives one piece of that work to a forked child while this process goes on with the
rest, and reads the child's value back through a pipe when it needs it: the same value
(the work is a pure function of what the fork copies), so the same site. ``halves``
splits a list's work with such a child: on a large portal the 10,000 dataset pages were
the biggest part of the start (a third of the plugin's ``on_config``, profiled:
``benchmarks/README.md``, round 7).

If the child cannot be forked, fails or dies, this process does the work itself when
it needs the value: an error is then raised here, with its traceback, as without the
child.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Generic, TypeVar

from paved.generator.mkdocs_plugin.speed.parallel import (
    can_fork,
    die_with_parent,
    receive,
    usable_cpus,
)

Item = TypeVar("Item")
Result = TypeVar("Result")
Value = TypeVar("Value")

#: Fewer items than this are rendered here: a fork costs a few milliseconds and the
#: pages come back through a pipe; 500 dataset pages render in about a quarter second.
MIN_ITEMS = 500


def can_split(jobs: int) -> bool:
    """Whether a build asking for ``jobs`` processes (0: one per CPU) may fork a child
    for the start's work: more than one allowed, and more than one CPU to run on."""
    return jobs != 1 and usable_cpus() > 1 and can_fork()


@dataclass(frozen=True)
class _Done(Generic[Value]):
    """What a child sends when its work returned (``None`` is a value too)."""

    value: Value


class Meanwhile(Generic[Value]):
    """``work()``, computed by a forked child from now on (``fork``, where fork is
    possible) while this process does something else; ``result()`` gives its value.
    Without a child the work is done by ``result()``, here. Used as a context manager,
    a child whose value was not asked for (an error meanwhile) is stopped on the way out.
    """

    def __init__(self, work: Callable[[], Value], *, fork: bool = True) -> None:
        self._work = work
        self._pid = 0
        self._incoming: Connection | None = None
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        incoming, outgoing = multiprocessing.get_context("fork").Pipe(duplex=False)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: work, send, leave without any teardown
            code = 1
            try:
                die_with_parent()
                incoming.close()
                # The heap it inherits is never freed here: the collector need not walk
                # it (nor touch, and so copy, the memory that holds it).
                gc.freeze()
                outgoing.send(_Done(self._work()))
                outgoing.close()
                code = 0
            finally:
                os._exit(code)
        outgoing.close()
        self._pid, self._incoming = pid, incoming

    def result(self) -> Value:
        """The child's value (waiting for it), or ``work()`` computed here if there was
        no child or it failed."""
        pid, incoming = self._pid, self._incoming
        self._pid, self._incoming = 0, None
        if incoming is None:
            return self._work()
        try:
            message = receive(pid, incoming)
        finally:
            incoming.close()
            with contextlib.suppress(ChildProcessError):  # ``receive`` may have reaped it
                os.waitpid(pid, 0)
        return message.value if isinstance(message, _Done) else self._work()

    def cancel(self) -> None:
        """The value is not wanted: the child (if any) is stopped and reaped."""
        pid, incoming = self._pid, self._incoming
        self._pid, self._incoming = 0, None
        if incoming is None:
            return
        incoming.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)

    def __enter__(self) -> Meanwhile[Value]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.cancel()


def halves(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]) -> list[Result]:
    """``work(items)``, the second half computed by a forked child meanwhile."""
    if len(items) < MIN_ITEMS:
        return work(items)
    middle = len(items) // 2
    with Meanwhile(lambda: work(items[middle:])) as second:
        first = work(items[:middle])
        return [*first, *second.result()]
