"""Build the same site again and again, keeping the pages that did not change
(``paved serve``): MkDocs' build with the plugin's ``PageMemo`` (``.memo``).

``paved serve`` builds in place (``in_place``, ``.inplace``): the previous site stays,
only the pages a change affects go through MkDocs' per-page steps, and the files of
pages that are gone are removed.

``paved build --incremental`` (a site restored from a CI cache, whose content this
process did not write) starts from an empty site folder, as a full build does: the
previous site is moved aside, MkDocs writes every page whose inputs changed (and every
site-wide file: search index, sitemap, theme assets), and the kept pages' files are
moved back from the previous site. So nothing stale survives (a deleted page's file is
simply not moved).

Either way the folder ends up byte for byte what a full build writes.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import posixpath
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Protocol, cast

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from paved.generator.mkdocs_plugin.pages import PageAdditions
from paved.generator.mkdocs_plugin.speed.inplace import build_in_place
from paved.generator.mkdocs_plugin.speed.memo import PageMemo, RebuildAll
from paved.generator.mkdocs_plugin.speed.models import ModelMemos
from paved.generator.mkdocs_plugin.speed.unchanged import InputState, input_state

log = logging.getLogger("mkdocs.plugins.paved")

#: A threshold the oldest generation's count never reaches (it counts collections of
#: the middle one).
_NEVER = 2**30


class _WithMemo(Protocol):
    """The Paved plugin, as far as the builder needs it."""

    memo: PageMemo | None
    models: ModelMemos | None
    pages: PageAdditions

    def repository_root(self, config: MkDocsConfig) -> Path: ...

    def reads_elsewhere(self) -> bool: ...


class IncrementalBuilder:
    """One per ``paved serve`` process: ``build`` is its builder."""

    def __init__(
        self,
        memo: PageMemo | None = None,
        *,
        background: bool = True,
        in_place: bool = False,
        collect_every: int = 0,
        collect_when_idle: float = 0.0,
        keep_unchanged: bool = True,
    ) -> None:
        self.memo = memo or PageMemo()
        # Build over the previous site (only this process writes it: ``paved serve``).
        self.in_place = in_place
        self.models = ModelMemos()
        # Delete the previous site in a thread (serve); a command that exits right
        # after the build (``paved build --incremental``) deletes it before returning.
        self.background = background
        self.last_kept = 0
        self.last_built = 0
        self._builds = 0
        #: Builds between two full garbage collections (``_settle_heap``); 0: the
        #: collector as Python sets it (a process that builds once or twice).
        self.collect_every = collect_every
        self._frozen_builds = 0
        #: This builder has frozen the heap (``_settle_heap``): known without asking
        #: ``gc.get_freeze_count``, which walks every frozen object (millions in a
        #: large portal's serve process: 0.1 s of every rebuild, measured).
        self._frozen = False
        #: Seconds without a build after which a due full collection runs, in a thread
        #: (``paved serve``); 0: at the end of the build that makes it due.
        self.collect_when_idle = collect_when_idle
        self.collections = 0
        self._building = threading.Lock()
        self._idle_timer: threading.Timer | None = None
        #: An in-place rebuild none of whose inputs changed ends at once (``.unchanged``;
        #: False: every rebuild is made, as before, for the benchmarks' comparisons).
        self.keep_unchanged = keep_unchanged
        #: What the last successful in-place build read (``.unchanged``).
        self._inputs: InputState | None = None
        self._config_file: str | None = None
        #: Rebuilds ended at once since nothing they read had changed.
        self.unchanged = 0

    def build(self, load: Callable[[], MkDocsConfig], *, serve_url: str | None = None) -> None:
        """Build the site of the configuration ``load`` returns (loaded afresh for each
        build, as ``mkdocs serve`` does: ``mkdocs.yml`` may have changed)."""
        with self._building, self._no_automatic_full_collections():
            self._build(load, serve_url=serve_url)

    @contextmanager
    def _no_automatic_full_collections(self) -> Iterator[None]:
        """With the heap frozen between builds (``collect_every``), Python's automatic
        full collections come back during every build: the young heap they compare
        with is small once the rest is frozen, so the collector thinks a full scan is
        due again and again (six per one-file rebuild of the large benchmark, 0.6-0.66 s
        of its 3.4-3.8 s of CPU, measured with ``gc.callbacks``). What they would free
        (cycles among the build's own objects) is collected once, at the build's end,
        in one scan of what is not frozen (``_settle_heap``); the young generations
        are collected as usual. The first build (nothing
        frozen yet) is left to the collector."""
        if self.collect_every <= 0 or not self._frozen:
            yield  # the first build: its heap is not frozen yet
            return
        young, middle, full = gc.get_threshold()
        gc.set_threshold(young, middle, _NEVER)
        try:
            yield
        finally:
            gc.set_threshold(young, middle, full)

    def _build(self, load: Callable[[], MkDocsConfig], *, serve_url: str | None) -> None:
        started = time.monotonic()
        # ``mkdocs.yml`` as it was before ``load`` read it (known from the last build):
        # one saved while it was read is not the state this build records.
        config_file = self._config_file
        config_before = _status(config_file) if config_file else None
        config = load()
        self._config_file = config.config_file_path
        plugin = config.plugins.get("paved")
        if plugin is None or not hasattr(plugin, "memo"):
            build(config, serve_url=serve_url)
            return
        paved = cast(_WithMemo, plugin)
        state = None
        if self.in_place and self.keep_unchanged and not paved.reads_elsewhere():
            state = input_state(config, paved.repository_root(config))
            if config_before is None or _status(config.config_file_path) != config_before:
                state = replace(state, usable=False)
            if (
                self._inputs is not None
                and self.memo.pages
                and self._inputs.unchanged_in(state)
                and self._site_is_whole(config)
            ):
                self.unchanged += 1
                self.last_built, self.last_kept = 0, len(self.memo.pages)
                log.info("paved: nothing the portal reads changed; site kept")
                return  # a due collection's idle timer still runs
        if self._idle_timer is not None:
            self._idle_timer.cancel()  # the end of this build asks again
            self._idle_timer = None
        self._inputs = None  # until this build has succeeded
        paved.memo = self.memo
        paved.models = self.models
        if self.in_place:
            self._build_in_place(config, paved, load, serve_url)
        else:
            self._build_moving(config, paved, load, serve_url)
        self._inputs = state
        self.last_kept = len(self.memo.kept)
        self.last_built = len(self.memo.pages) - self.last_kept
        self._settle_heap()
        log.info(
            "paved: %d pages built, %d kept from the previous build, in %.2f s",
            self.last_built,
            self.last_kept,
            time.monotonic() - started,
        )
        if self.collect_when_idle > 0:
            self._idle_timer = threading.Timer(self.collect_when_idle, self.when_idle)
            self._idle_timer.daemon = True
            self._idle_timer.start()

    def _site_is_whole(self, config: MkDocsConfig) -> bool:
        """Every page and asset the last in-place build wrote is still there (one
        removed by hand is written again by a rebuild)."""
        site = Path(config.site_dir)
        return all((site / uri).is_file() for uri in self.memo.outputs)

    def _settle_heap(self) -> None:
        """What survives a build (the memos, the model, the theme: most of a 1.6 GB heap
        on the large benchmark) is moved out of the collector's sight (``gc.freeze``), so
        the next build's automatic collections scan only what that build makes; a full
        collection over everything ran during every rebuild (0.9-1.6 s of one, profiled).
        Garbage cycles among frozen objects (the previous build's MkDocs pages and files)
        wait for the next full collection.

        With ``collect_when_idle`` that collection (1.25-1.45 s of CPU on the large
        benchmark) is made after every build, once no build ran for that many seconds
        (``when_idle``), not while the edit waits for its page; only when
        ``collect_every`` builds in a row left no such moment is it made in the build
        (the frozen heap grows by about 75 MB a rebuild of the large benchmark until it
        is made). Without it, every ``collect_every`` builds, in the build."""
        if self.collect_every <= 0:
            return
        self._frozen_builds += 1
        if self._frozen_builds > self.collect_every or (
            self.collect_when_idle <= 0 and self._frozen_builds >= self.collect_every
        ):
            self._collect()
        elif self.collect_when_idle <= 0 or self._frozen_builds > 1:
            # The build's own garbage cycles (the automatic full collections are off
            # during a rebuild: about 75 MB a rebuild of the large benchmark), in one
            # scan of what is not frozen, before it is frozen with the rest.
            gc.collect()
        # When the last build's idle collection ran (``_frozen_builds`` is 1), they are
        # frozen with the rest and freed by the next one (``when_idle``), which scans
        # them anyway: the scan here (0.16 s profiled of a 5 s rebuild of the large
        # benchmark) was made while the edit waited for its page. Builds back to back
        # (no idle second between them) still collect their own, as before.
        gc.freeze()
        self._frozen = True

    def _collect(self) -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._frozen_builds = 0
        self.collections += 1

    def when_idle(self) -> None:
        """No build ran for ``collect_when_idle`` seconds after the last one (its idle
        timer; it is cancelled when a build starts, and does nothing if one has just
        started): make what only the next rebuilds need, off the path from a change to
        its page. The load memo's short cut for the catalogue, if the build read the
        catalogue (``LoadMemo.prepare``: the cross-document rules three times more,
        6.5 s profiled of a catalogue cell's rebuild of the large benchmark); then the
        full collection of the previous build's garbage, and the freed heap given back
        to the system (``_give_back``). A build that starts meanwhile waits for it (the
        next load would otherwise prepare the short cut itself)."""
        if not self._building.acquire(blocking=False):
            return
        try:
            if self.models.loads.prepare():
                log.info("paved: the catalogue's short cut for the next rebuilds is ready")
            if self.collect_every > 0 and self._frozen_builds > 0:
                self._collect()
                _give_back()
        finally:
            self._building.release()

    def _build_in_place(
        self,
        config: MkDocsConfig,
        paved: _WithMemo,
        load: Callable[[], MkDocsConfig],
        serve_url: str | None,
    ) -> None:
        try:
            try:
                build_in_place(config, self.memo, lambda: paved.pages.inputs, serve_url=serve_url)
            except RebuildAll:
                log.info("paved: a page title in the navigation changed: building every page")
                self.memo.clear()
                config = load()
                paved = cast(_WithMemo, config.plugins["paved"])
                paved.memo, paved.models = self.memo, self.models
                build_in_place(config, self.memo, lambda: paved.pages.inputs, serve_url=serve_url)
        except BaseException:
            self.memo.clear()
            self.models = ModelMemos()  # nothing half-made is kept
            raise
        finally:
            paved.memo = None  # a plain build in this process stays plain
            paved.models = None

    def _build_moving(
        self,
        config: MkDocsConfig,
        paved: _WithMemo,
        load: Callable[[], MkDocsConfig],
        serve_url: str | None,
    ) -> None:
        site = Path(config.site_dir)
        self._builds += 1
        previous = site.with_name(f"{site.name}.previous-{self._builds}")
        shutil.rmtree(previous, ignore_errors=True)  # left by a process that was stopped
        self.memo.previous_site = None
        if self.memo.pages and site.is_dir():
            site.rename(previous)
            self.memo.previous_site = previous
        try:
            try:
                build(config, serve_url=serve_url)
            except RebuildAll:
                log.info("paved: a page title in the navigation changed: building every page")
                self.memo.clear()
                self.memo.previous_site = None
                config = load()  # the same plugin instance (MkDocs keeps it for serve)
                build(config, serve_url=serve_url)
            self._move_kept(previous, site)
        except BaseException:
            self.memo.clear()
            self.models = ModelMemos()  # nothing half-made is kept
            raise
        finally:
            if self.background:
                _remove_later(previous)
            else:
                shutil.rmtree(previous, ignore_errors=True)
            paved.memo = None  # a plain build in this process stays plain
            paved.models = None

    def _move_kept(self, previous: Path, site: Path) -> None:
        """The kept pages' files back from the previous site, each folder made once
        (a ``mkdir`` per page was most of 3.4 s of a one-WID rebuild of the large
        benchmark, profiled)."""
        made: set[str] = set()
        for dest_uri in self.memo.kept.values():
            target = site / dest_uri
            folder = posixpath.dirname(dest_uri)
            if folder not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(folder)
            (previous / dest_uri).replace(target)


def _status(file: str | None) -> tuple[int, int, int, int] | None:
    try:
        status = Path(file).stat() if file else None
    except OSError:
        return None
    if status is None:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _remove_later(folder: Path) -> None:
    """Delete the previous site in the background: removing a few thousand emptied
    folders took two seconds of a rebuild on a busy machine, and nothing waits for it."""
    if folder.exists():
        threading.Thread(target=shutil.rmtree, args=(folder, True), daemon=True).start()


def _give_back() -> None:
    """Return the C heap's free pages to the system after a full collection (glibc's
    ``malloc_trim``): freed objects too large for Python's small-object allocator (page
    HTML, big lists and dicts) leave free holes in the middle of the heap, which the
    allocator otherwise keeps resident. Nothing elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        return  # not glibc (musl): nothing to do
