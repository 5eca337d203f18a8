"""Load a repository and validate it: the work behind ``paved validate`` and ``api.check``.

Kept apart from ``paved.generator.core.api`` so the command line imports only what validation
needs (not the model or the renderer).

The Markdown (WIDs, ADRs, docs pages and their schema checks) and the custodian
catalogue share no file, so they are read at the same time:

* with a workbook, the Markdown is read here while calamine parses the sheets in a
  helper thread (calamine releases the GIL; ``load_workbook(meanwhile=...)``). This
  costs no extra CPU, so it is always on (``PAVED_PARALLEL=0`` turns it off);
* with a catalogue of CSV files (parsed holding the GIL), the Markdown goes to a
  forked worker, but only for a large repository and when a core is idle: with no
  idle core the worker only takes turns with this process and adds its start and the
  copying back. ``PAVED_PARALLEL=1`` forces the worker (benchmarks and tests).

The result is exactly the plain one-thread result: the same diagnostics in the same
order (tests compare all three ways). The cross-document rules then run here on
everything.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from paved.generator.core.diagnostics import Diagnostic, sort_key
from paved.generator.core.load.repository import Documents, load_catalogue, load_documents
from paved.generator.core.load.types import LoadedRepository
from paved.generator.mkdocs_plugin.speed.forking import can_fork

#: A worker is forked when the catalogue files total at least this many bytes and ...
PARALLEL_MIN_CATALOGUE_BYTES = 256 * 1024
#: ... there are at least this many Markdown files: below either, one process is faster.
PARALLEL_MIN_MARKDOWN_FILES = 100


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading and validating.

    A large catalogue allocates millions of small containers (cells, row dicts) and
    none of them form reference cycles, yet every allocation burst triggers the
    collector, which then walks the whole growing heap again: about 0.4 s of the
    2.9 s CPU on the large benchmark. Reference counting still frees everything; the
    collector is switched back on (if it was on) afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class CheckedDocuments:
    """The Markdown half, loaded and schema-checked (what the worker sends back)."""

    documents: Documents
    schema_found: list[Diagnostic]


def check_documents(root: Path) -> CheckedDocuments:
    """Load the Markdown documents and check their front matter against the schemas."""
    from paved.generator.core.validate import document_schema_diagnostics

    documents = load_documents(root)
    return CheckedDocuments(documents, document_schema_diagnostics(documents.wids, documents.adrs))


def load_and_validate(
    root: Path,
    *,
    parallel: bool | None = None,
    progress: Callable[[], AbstractContextManager[object]] | None = None,
) -> tuple[LoadedRepository, list[Diagnostic]]:
    """Every loader and validation finding for ``root``, sorted by location.

    ``parallel``: read the Markdown in a forked worker (None: when it pays off).
    ``progress``: a context (a spinner) entered only after the worker is forked, since
    a fork must not happen while another thread (the spinner's) may hold a lock."""
    with gc_paused():
        if parallel is None:
            parallel = worth_a_worker(root)
        pending = _fork(root) if parallel and can_fork() else None
        with progress() if progress is not None else nullcontext():
            return _finish(root, pending)


def _finish(
    root: Path, pending: Future[CheckedDocuments] | None
) -> tuple[LoadedRepository, list[Diagnostic]]:
    """The catalogue here, the documents from the worker (or here), then the rules."""
    read = _read(root, pending)
    return read.loaded, read.validate()


@dataclass(frozen=True, slots=True)
class Read:
    """Everything loaded, with the loaders' and the document schemas' findings; the
    sheet schemas and the rules still to run (``validate``)."""

    loaded: LoadedRepository
    checked: CheckedDocuments
    catalogue_found: list[Diagnostic]

    def validate(self) -> list[Diagnostic]:
        """Every finding, sorted by location."""
        from paved.generator.core.validate import rule_diagnostics, sheet_schema_diagnostics

        sheet_found = sheet_schema_diagnostics(self.loaded.sheets)
        validated = sorted(
            [*self.checked.schema_found, *sheet_found, *rule_diagnostics(self.loaded)],
            key=sort_key,
        )
        return sorted(
            [*self.checked.documents.found, *self.catalogue_found, *validated], key=sort_key
        )


def _read(root: Path, pending: Future[CheckedDocuments] | None) -> Read:
    if pending is None and os.environ.get("PAVED_PARALLEL", "").strip() != "0":
        # One process: read the Markdown while calamine parses the workbook.
        done: list[CheckedDocuments] = []
        sheets, catalogue_found = load_catalogue(
            root, meanwhile=lambda: done.append(check_documents(root))
        )
        checked = done[0]
    else:
        sheets, catalogue_found = load_catalogue(root)
        checked = _collect(pending, root)
    return Read(checked.documents.repository(root, sheets), checked, catalogue_found)


def read(root: Path) -> Read:
    """Load ``root`` for a caller that runs the rules itself, maybe in another process
    (``paved.generator.core.api.check_while``)."""
    with gc_paused():
        pending = _fork(root) if worth_a_worker(root) and can_fork() else None
        return _read(root, pending)


def worth_a_worker(root: Path) -> bool:
    """Whether to fork: only for a catalogue of CSV files (a workbook is overlapped
    with the Markdown by a thread, for free), big enough on both sides for a second
    process to pay for its start and for sending the documents back, and only when a
    core is idle."""
    forced = os.environ.get("PAVED_PARALLEL", "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    catalogue = root / "custodians"
    try:
        entries = [entry for entry in os.scandir(catalogue) if entry.is_file()]
        if any(entry.name.lower().endswith(".xlsx") for entry in entries):
            return False
        size = sum(entry.stat().st_size for entry in entries if entry.name.lower().endswith(".csv"))
        if size < PARALLEL_MIN_CATALOGUE_BYTES:
            return False
        files = 0
        for folder in ("wids", "adrs"):
            if (root / folder).is_dir():
                files += sum(1 for name in os.listdir(root / folder) if name.endswith(".md"))
    except OSError:
        return False  # the loaders report unreadable folders
    return files >= PARALLEL_MIN_MARKDOWN_FILES and idle_core()


def idle_core(samples: int = 3, interval: float = 0.005) -> bool:
    """Whether a core is free right now for the worker. On a machine busy with other
    work, the worker would only take turns with this process on the same core and
    add its start and the copying back (measured: 2.7-3.0 s against 2.5 s in one
    process on the large benchmark, with one other job at full speed on 2 cores).
    The fourth field of ``/proc/loadavg`` counts runnable threads, this one included;
    the least of a few readings 5 ms apart, so a short-lived process passing by
    does not count as a busy core."""
    try:
        cores = len(os.sched_getaffinity(0))
        least = cores
        for sample in range(samples):
            if sample:
                time.sleep(interval)
            with open("/proc/loadavg", encoding="ascii") as handle:
                least = min(least, int(handle.read().split()[3].split("/")[0]))
    except (OSError, ValueError, IndexError, AttributeError):
        return False
    return least < cores


def _fork(root: Path) -> Future[CheckedDocuments] | None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        pending = executor.submit(check_documents, root)
    except OSError:  # cannot fork (process limit, memory): read it here instead
        return None
    executor.shutdown(wait=False)  # the worker exits once its one job is done
    return pending


def _collect(pending: Future[CheckedDocuments] | None, root: Path) -> CheckedDocuments:
    if pending is not None:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return pending.result()
        except BrokenProcessPool:  # the worker died (killed, out of memory): redo here
            pass
    return check_documents(root)
