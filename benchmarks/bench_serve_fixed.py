"""``paved serve``'s rebuild with and without round 13's cuts of the fixed per-rebuild
work, alternating in one process, on the same repository and the same builder:

- the documentation pages listed once per inclusion level once a build's files are
  settled (``speed.inplace._PagesListedOnce``), not eight passes over every file;
- the build date asked once for the pages outside the navigation
  (``inplace._build_date_once``), not once per page;
- a kept page's previous output checked with one ``stat`` of a joined string
  (``PageMemo._previous_output``), not through ``pathlib``;
- serve's rebuild makes no collection of its own young heap before it returns: the
  full collection once idle (``IncrementalBuilder.when_idle``) frees it;
- the builder remembers that it froze the heap (``gc.get_freeze_count`` walked every
  frozen object once a rebuild);
- the plugin does not copy every generated page's record to drop its Markdown in serve
  (``PageAdditions.hand_over_markdown``: serve's memos keep that text anyway).

    .venv/bin/python benchmarks/bench_serve_fixed.py --out /tmp/paved-large --runs 3

One first build as ``paved serve`` makes it (``bench_serve_incremental.py
--in-process``), then ``--runs`` rounds of the four kinds of edit; each edit is built
once *old* and the next one *new*, the order swapped every round. *Old* is this code
with the cuts switched off (the previous functions put back in their modules for that
build), which is what the previous code did. Each rebuild is timed with CPU
(``time.process_time``: this process and its threads, so idle work still running when
the edit is saved is counted in it) and wall; the edit must show on its page.
``--pause`` seconds between a rebuild and the next edit (default 3: serve's idle work
starts one second after a rebuild).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from _serve_side_by_side import side_by_side


def _old_previous_output(memo: Any, dest_uri: str) -> bool:
    return memo.previous_site is not None and (memo.previous_site / dest_uri).is_file()


def _old_settle_heap(builder: Any) -> None:
    """``IncrementalBuilder._settle_heap`` before round 13: the young heap collected in
    every rebuild."""
    if builder.collect_every <= 0:
        return
    builder._frozen_builds += 1  # noqa: SLF001 - the previous code's own state
    if builder._frozen_builds > builder.collect_every or (  # noqa: SLF001
        builder.collect_when_idle <= 0 and builder._frozen_builds >= builder.collect_every  # noqa: SLF001
    ):
        builder._collect()  # noqa: SLF001
    else:
        gc.collect()
    gc.freeze()


@contextmanager
def _old_no_automatic_full_collections(builder: Any) -> Iterator[None]:
    """``IncrementalBuilder._no_automatic_full_collections`` before round 13: whether
    the heap is frozen asked of ``gc.get_freeze_count``."""
    if builder.collect_every <= 0 or gc.get_freeze_count() == 0:
        yield
        return
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, 2**30)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a generated repository")
    parser.add_argument("--runs", type=int, default=3, help="rounds of the four edits")
    parser.add_argument("--git", action="store_true", help="serve a git checkout of it")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between edits")
    args = parser.parse_args(argv)

    from paved.generator.mkdocs_plugin.plugin import PavedPlugin
    from paved.generator.mkdocs_plugin.speed import inplace
    from paved.generator.mkdocs_plugin.speed.memo import PageMemo
    from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder

    new = {
        (inplace, "_list_pages_once"): inplace._list_pages_once,  # noqa: SLF001
        (inplace, "_build_date_once"): inplace._build_date_once,  # noqa: SLF001
        (PageMemo, "_previous_output"): PageMemo._previous_output,  # noqa: SLF001
        (IncrementalBuilder, "_settle_heap"): IncrementalBuilder._settle_heap,  # noqa: SLF001
        (IncrementalBuilder, "_no_automatic_full_collections"): (
            IncrementalBuilder._no_automatic_full_collections  # noqa: SLF001
        ),
        (PavedPlugin, "on_files"): PavedPlugin.on_files,
    }
    on_files = PavedPlugin.on_files

    def old_on_files(plugin: Any, files: Any, *, config: Any) -> Any:
        """The previous ``on_files``: the records handed over in serve too (the
        records are copied last, after the assets and the navigation, as before)."""
        made = on_files(plugin, files, config=config)
        plugin.pages.hand_over_markdown()
        return made

    old_on_files.mkdocs_priority = on_files.mkdocs_priority  # type: ignore[attr-defined]

    old = {
        (inplace, "_list_pages_once"): lambda _files: None,
        (inplace, "_build_date_once"): contextlib.nullcontext,
        (PageMemo, "_previous_output"): _old_previous_output,
        (IncrementalBuilder, "_settle_heap"): _old_settle_heap,
        (IncrementalBuilder, "_no_automatic_full_collections"): (
            _old_no_automatic_full_collections
        ),
        (PavedPlugin, "on_files"): old_on_files,
    }

    def switch(which: str, _kind: str, _builder: Any) -> None:
        for (owner, name), value in (old if which == "old" else new).items():
            setattr(owner, name, value)

    return side_by_side(args.out, git=args.git, runs=args.runs, switch=switch, pause=args.pause)


if __name__ == "__main__":
    sys.exit(main())
