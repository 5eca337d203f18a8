"""Share one MkDocs build's page work among forked worker processes.

MkDocs converts and renders pages one after another, and everything it runs per page
(Python-Markdown, Material's search parser, Jinja) is pure Python, so threads would only
take turns on the interpreter lock. Forked processes do not: a fork taken after the
navigation is built starts each worker with the parent's whole state (configuration,
validated model, rendered Markdown, Jinja environment) at no copying cost, and every
process then walks MkDocs' own page loop as usual.

How the work is shared, and why the site is the same as a one-process build:

* Generated pages (products, decisions, systems, custodians, domains, their index
  pages...) are *claimable*: whichever process reaches one first claims it through a
  shared flag and converts, indexes and writes it; the others skip it. A process that
  falls behind finds pages already claimed and catches up, so the load balances itself.
* Every other page (the hand-written docs) stays with the parent, as does the last page
  of the loop: the parent owns the site-wide results (search index, anchor validation,
  sitemap). Every process renders the whole navigation, so between converting and
  building the processes swap the titles of the navigation pages each has converted
  (``Team.exchange_titles``).
* A skipped page gets an empty template, so MkDocs writes nothing for it, and is kept
  out of that process's search index.
* When a worker reaches the last page it sends the parent what MkDocs keeps per page for
  later steps (search entries, anchors present and anchors linked to) with its
  warnings, and exits. The parent puts the search entries back in page order, so the
  index is the one a single process writes, and re-logs the warnings so ``--strict``
  counts them.

Only ``paved build`` asks for workers; ``paved serve`` and a plain ``mkdocs build``
without the ``jobs`` option run in one process. Where fork is unavailable (Windows) or
unsafe (another thread running), the build quietly stays in one process.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("mkdocs.plugins.paved")

# The template a skipped page is rendered with: empty output, so MkDocs writes nothing.
SKIP_TEMPLATE = "paved-skip.html"
# ``static``: claimable page i goes to process i % size instead of whoever is first, so a
# problem seen in a shared build can be reproduced page for page (and tests can know
# which process builds which page).
SCHEDULE_ENV = "PAVED_BUILD_SCHEDULE"


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


@dataclass
class PageReport:
    """What MkDocs keeps of a page after building it, for the site-wide steps."""

    search_entries: list[dict[str, Any]]
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None


@dataclass
class WorkerReport:
    """A worker's last message: its pages, its warnings, or why it stopped."""

    pages: dict[str, PageReport] = field(default_factory=dict)
    records: list[logging.LogRecord] = field(default_factory=list)
    error: str | None = None


class _Capture(logging.Handler):
    """Keeps a worker's warnings for the parent and stops them being printed twice."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Arguments may not pickle; the formatted message is all the parent needs.
        record.msg = record.getMessage()
        record.args = None
        record.exc_info = None
        record.exc_text = None
        self.records.append(record)


def _relog(records: Iterable[logging.LogRecord]) -> None:
    """A worker's warnings, shown and counted (``--strict``) here, in the parent."""
    for record in records:
        logging.getLogger(record.name).handle(record)


def _below_warning(record: logging.LogRecord) -> bool:
    return record.levelno < logging.WARNING


class _QuietSkips(logging.Filter):
    """Hides MkDocs' "Page skipped" notice for the pages another process writes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Page skipped: ")


@dataclass
class Team:
    """One process's view of a build shared by ``size`` processes (index 0: the parent)."""

    size: int
    index: int
    slots: dict[str, int]
    flags: Any  # multiprocessing RawArray of c_bool, one per claimable page
    lock: Any  # multiprocessing Lock guarding the flags
    to_workers: list[Connection]
    from_workers: list[Connection]
    from_parent: Connection | None = None
    to_parent: Connection | None = None
    pids: list[int] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)
    capture: _Capture | None = None
    static: bool = field(
        default_factory=lambda: os.environ.get(SCHEDULE_ENV, "").strip() == "static"
    )

    @property
    def is_parent(self) -> bool:
        return self.index == 0

    def owns(self, src_uri: str) -> bool:
        """Whether this process builds the page; claims it if it is claimable and free."""
        slot = self.slots.get(src_uri)
        if slot is None:
            owned = self.is_parent
        elif self.static:
            owned = slot % self.size == self.index
        else:
            with self.lock:
                owned = not self.flags[slot]
                self.flags[slot] = True
        if not owned:
            self.skipped.add(src_uri)
        return owned

    # --- titles, between conversion and building ------------------------------------

    def exchange_titles(self, converted: dict[str, str]) -> dict[str, str]:
        """Every process's titles of the navigation pages it converted, for all.

        A worker sends its own to the parent and waits for everyone's; the parent waits
        for all workers (stopping the build if one failed) and sends back the union."""
        if not self.is_parent:
            assert self.to_parent is not None
            assert self.from_parent is not None
            self.to_parent.send(converted)
            titles: dict[str, str] = self.from_parent.recv()
            return titles
        union = dict(converted)
        workers = zip(self.pids, self.from_workers, strict=True)
        for number, (pid, connection) in enumerate(workers, start=1):
            message = receive(pid, connection)
            if isinstance(message, dict):
                union.update(message)
                continue
            self._stop(number, message)
        for connection in self.to_workers:
            # A worker that stopped since is reported by collect().
            with contextlib.suppress(BrokenPipeError, OSError):
                connection.send(union)
            connection.close()
        self.to_workers = []
        return union

    def _stop(self, number: int, message: object) -> None:
        """Parent: a worker failed; show its messages, stop the others, fail the build."""
        from mkdocs.exceptions import PluginError

        if isinstance(message, WorkerReport):
            _relog(message.records)
        self.reap(kill=True)
        why = message.error if isinstance(message, WorkerReport) else None
        raise PluginError(
            f"paved: build worker {number} "
            + (f"failed: {why}" if why else "stopped without a report")
            + "; `paved build --jobs 1` builds in one process, with the full traceback"
        )

    # --- the end: workers report, the parent collects ---------------------------------

    def report(self, pages: dict[str, PageReport]) -> None:
        """Worker: send what the parent needs, then leave without running anything else."""
        records = self.capture.records if self.capture else []
        self._send_and_exit(WorkerReport(pages=pages, records=records), code=0)

    def fail(self, error: BaseException) -> None:
        """Worker: tell the parent why this worker stopped, then leave."""
        records = self.capture.records if self.capture else []
        self._send_and_exit(WorkerReport(records=records, error=str(error) or repr(error)), 1)

    def _send_and_exit(self, message: WorkerReport, code: int) -> None:
        try:
            assert self.to_parent is not None
            self.to_parent.send(message)
            self.to_parent.close()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def collect(self) -> list[WorkerReport]:
        """Parent: wait for every worker's report; re-log their warnings here."""
        reports: list[WorkerReport] = []
        workers = zip(self.pids, self.from_workers, strict=True)
        for number, (pid, connection) in enumerate(workers, start=1):
            message = receive(pid, connection)
            if not isinstance(message, WorkerReport) or message.error is not None:
                self._stop(number, message)
            assert isinstance(message, WorkerReport)
            _relog(message.records)
            reports.append(message)
        self.reap()
        return reports

    def reap(self, *, kill: bool = False) -> None:
        """Parent: make sure no worker outlives the build."""
        for pid in self.pids:
            if kill:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.pids = []
        for connection in [*self.from_workers, *self.to_workers]:
            connection.close()
        self.from_workers = []
        self.to_workers = []


def start(claimable: Sequence[str], size: int) -> Team | None:
    """Fork ``size - 1`` workers that share the claimable pages with this process.

    Returns this process's side of the team (the parent's, or in a worker its own), or
    None when the build should stay in one process.
    """
    if size < 2 or len(claimable) < size or not can_fork():
        return None
    context = multiprocessing.get_context("fork")
    flags = context.RawArray(ctypes.c_bool, len(claimable))
    lock = context.Lock()
    slots = {src_uri: slot for slot, src_uri in enumerate(claimable)}
    # Per worker: (parent's receiving end, worker's sending end) and the way back.
    # Pipe(duplex=False) returns (receiving end, sending end).
    ups = [context.Pipe(duplex=False) for _ in range(size - 1)]
    downs = [context.Pipe(duplex=False) for _ in range(size - 1)]
    sys.stdout.flush()
    sys.stderr.flush()
    pids: list[int] = []
    for number in range(1, size):
        pid = os.fork()
        if pid == 0:
            for other in range(1, size):
                ups[other - 1][0].close()
                downs[other - 1][1].close()
                if other != number:
                    ups[other - 1][1].close()
                    downs[other - 1][0].close()
            team = Team(
                size=size,
                index=number,
                slots=slots,
                flags=flags,
                lock=lock,
                to_workers=[],
                from_workers=[],
                from_parent=downs[number - 1][0],
                to_parent=ups[number - 1][1],
            )
            _become_worker(team)
            return team
        pids.append(pid)
    for (_, up_send), (down_receive, _) in zip(ups, downs, strict=True):
        up_send.close()
        down_receive.close()
    parent = Team(
        size=size,
        index=0,
        slots=slots,
        flags=flags,
        lock=lock,
        to_workers=[send for _, send in downs],
        from_workers=[receive for receive, _ in ups],
        pids=pids,
    )
    _quiet_skips(logging.getLogger("mkdocs.commands.build"))
    log.debug("paved: %d pages shared among %d processes", len(claimable), size)
    return parent


def _become_worker(team: Team) -> None:
    """A worker dies with its parent, prints no warning twice and never unwinds the
    parent's stack (Ctrl-C included): it leaves only through ``Team.report``/``fail``."""
    die_with_parent()
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in mkdocs_log.handlers:
        handler.addFilter(_below_warning)
    team.capture = _Capture()
    mkdocs_log.addHandler(team.capture)
    _quiet_skips(logging.getLogger("mkdocs.commands.build"))


def _quiet_skips(logger: logging.Logger) -> None:
    if not any(isinstance(f, _QuietSkips) for f in logger.filters):
        logger.addFilter(_QuietSkips())


def quiet_skips() -> None:
    """Hide MkDocs' "Page skipped" notice (pages another process or build writes)."""
    _quiet_skips(logging.getLogger("mkdocs.commands.build"))


def forget_quiet_skips() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    for quiet in [f for f in logger.filters if isinstance(f, _QuietSkips)]:
        logger.removeFilter(quiet)


def merge_search_entries(
    order: Iterable[str],
    own: dict[str, list[dict[str, Any]]],
    reports: Iterable[WorkerReport],
) -> list[dict[str, Any]]:
    """All processes' search entries, page by page in the build's order."""
    by_page = dict(own)
    for report in reports:
        for src_uri, page in report.pages.items():
            by_page[src_uri] = page.search_entries
    return [entry for src_uri in order for entry in by_page.get(src_uri, [])]


def skip_template_loader(loader: Any) -> Any:
    """The theme's loader, plus the empty template skipped pages are rendered with."""
    import jinja2

    return jinja2.ChoiceLoader([jinja2.DictLoader({SKIP_TEMPLATE: ""}), loader])
