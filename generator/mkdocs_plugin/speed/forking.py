"""Forked helper processes: when it is safe to fork, and one task run beside this process.

Loading, validating and building a large portal is pure Python, so a second core only
helps through a second process. On Linux a fork starts that process with everything
this one has already computed (the loaded repository, the model, the rendered pages) at
no copying cost, which is what every helper here relies on: the task is a closure over
that state, and only its result travels back, pickled, through a pipe.
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
from typing import Generic, TypeVar

T = TypeVar("T")

# How often a parent waiting for a helper checks that it is still alive.
POLL_SECONDS = 0.5


class AsideFailed(Exception):
    """The helper raised or died; the message says which and why."""


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


@dataclass(frozen=True)
class _Failure:
    message: str


@dataclass
class Aside(Generic[T]):
    """A task running in a forked child; ``result()`` waits for what it returned."""

    pid: int
    connection: Connection
    what: str

    def result(self) -> T:
        message = receive(self.pid, self.connection)
        self._close()
        if isinstance(message, _Failure):
            raise AsideFailed(f"{self.what} failed: {message.message}")
        if not isinstance(message, tuple) or len(message) != 1:
            raise AsideFailed(f"{self.what} stopped before it finished")
        value: T = message[0]
        return value

    def stop(self) -> None:
        """Do not leave the task running (the caller failed elsewhere)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        self._close()

    def _close(self) -> None:
        self.connection.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def run_aside(task: Callable[[], T], what: str) -> Aside[T] | None:
    """Start ``task`` in a forked child (None: cannot fork here; run it yourself).

    The child never returns into the caller's code: it sends the task's result (or
    its error) and leaves with ``os._exit``, so no ``finally`` or ``atexit`` of the
    parent's runs twice. Ctrl-C and the parent's death end it too."""
    if not can_fork():
        return None
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:  # process limit, memory: the caller does it itself
        reader.close()
        writer.close()
        return None
    if pid != 0:
        writer.close()
        return Aside(pid, reader, what)
    reader.close()
    die_with_parent()
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    gc.disable()  # short-lived: reference counting frees what it needs to
    code = 0
    message: object
    try:
        message = (task(),)
    except BaseException as error:  # reported to the parent, which decides
        code, message = 1, _Failure(str(error) or repr(error))
    try:
        writer.send(message)
        writer.close()
    finally:
        os._exit(code)
