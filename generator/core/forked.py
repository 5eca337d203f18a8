"""A piece of work done by a forked child while this process does something else.

Paved's heavy steps are pure Python (Markdown, YAML, the rules), so threads only take
turns on the interpreter lock; a forked child does not, and starts with this process's
whole state at no copying cost. ``Meanwhile`` is the one way Paved does that: ``paved
build`` reads the documents and git facts in children while it reads the catalogue, and
``paved validate --no-cache`` reads the documents in a child likewise. The value comes
back through a pipe; it is the same value (the work is a pure function of what the fork
copies), so the same findings and the same site. Where fork is impossible or unsafe, or
the child fails or dies, the work is done here when its value is asked for.

Only the standard library: the core and every adapter may use it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Generic, TypeVar

Value = TypeVar("Value")

# How often a parent waiting for a worker checks that it is still alive.
POLL_SECONDS = 0.5


def can_fork() -> bool:
    """Linux only: fork is cheap and safe there (macOS and Windows spawn a fresh
    interpreter, which would cost more than it saves). And only with no other thread
    running (a server, MkDocs' live reload, a spinner): a lock one of them holds at
    the fork would stay locked in the child for ever."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def die_with_parent() -> None:
    """Linux: the child gets SIGTERM if its parent is killed outright (kill -9)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def receive(pid: int, connection: Connection) -> object:
    """The child's next message, or None if it died first."""
    while not connection.poll(POLL_SECONDS):
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            if connection.poll(0):
                break
            return None
    try:
        return connection.recv()
    except (EOFError, OSError):
        return None


def usable_cpus() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


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
