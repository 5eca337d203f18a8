"""One ``paved serve`` rebuild loop for the side-by-side benchmarks of a serve change
(``bench_serve_sitemap.py``, ``bench_serve_lookups.py``): a first build as ``paved serve``
makes it (``bench_serve_incremental.py --in-process``), then ``runs`` rounds of the four
kinds of edit, each built once *old* and once *new* on the same builder, the order
swapped every round, each rebuild timed with CPU and wall, the edit checked on its page,
and the medians and ratios printed. A benchmark says only how *old* differs: ``switch``
makes the builder old or new before each edit, ``note`` adds to each rebuild's line."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _timing
import bench_serve_incremental as serve

#: ``switch(which, kind, builder)``: ``which`` is "old" or "new".
Switch = Callable[[str, str, Any], None]


def side_by_side(
    out: Path,
    *,
    git: bool,
    runs: int,
    switch: Switch,
    note: Callable[[Any], str] | None = None,
    pause: float = 1.5,
) -> int:
    """0 when every edit showed on its page; 1 (and the page named) when one did not.
    ``pause``: seconds between a rebuild and the next edit (serve's idle work starts one
    second after a rebuild; what it has not finished by the next edit is counted in it)."""
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    from paved.generator.cli import old_names
    from paved.generator.cli.serve import COLLECT_EVERY, COLLECT_WHEN_IDLE
    from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder

    copy = serve._copy(out, git=git, suffix=f"-{os.getpid()}")  # noqa: SLF001 - its copy
    old_names.install()
    site_dir = tempfile.mkdtemp(prefix="paved_bench_")
    config_file = str(copy / "mkdocs.yml")
    serve_url = "http://127.0.0.1:8000/"

    def load() -> MkDocsConfig:
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr="127.0.0.1:8000")
        config.site_url = serve_url
        return config

    load().plugins.on_startup(command="serve", dirty=False)
    builder = IncrementalBuilder(
        in_place=True, collect_every=COLLECT_EVERY, collect_when_idle=COLLECT_WHEN_IDLE
    )
    times: dict[str, dict[str, list[tuple[float, float]]]] = {"old": {}, "new": {}}
    try:
        builder.build(load, serve_url=serve_url)
        load_before = _timing.load_average()
        step = 0
        for round_ in range(runs):
            for kind, make in serve.EDITS.items():
                order = ("old", "new") if (round_ + step) % 2 == 0 else ("new", "old")
                for which in order:
                    switch(which, kind, builder)
                    time.sleep(pause)  # as an author types: the idle collection runs
                    url, marker = make(copy, step)
                    step += 1
                    cpu, wall = time.process_time(), time.perf_counter()
                    builder.build(load, serve_url=serve_url)
                    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                    page = Path(site_dir) / url
                    page = page / "index.html" if page.suffix != ".html" else page
                    if marker not in page.read_bytes():
                        print(f"{kind}: the edit is not in {page}")
                        return 1
                    times[which].setdefault(kind, []).append((cpu, wall))
                    extra = f"; {note(builder)}" if note is not None else ""
                    print(
                        f"  {which} {kind}: {cpu:.2f} s CPU, {wall:.2f} s wall{extra}", flush=True
                    )
        print(f"\n{_timing.machine()}; load {load_before} → {_timing.load_average()}")
        for kind in serve.EDITS:
            old, new = times["old"][kind], times["new"][kind]
            old_cpu = statistics.median(c for c, _ in old)
            new_cpu = statistics.median(c for c, _ in new)
            old_wall = statistics.median(w for _, w in old)
            new_wall = statistics.median(w for _, w in new)
            print(
                f"  {kind}: CPU {old_cpu:.2f} → {new_cpu:.2f} s ({new_cpu / old_cpu:.2f}), "
                f"wall {old_wall:.2f} → {new_wall:.2f} s ({new_wall / old_wall:.2f}); "
                f"CPU runs old {', '.join(f'{c:.2f}' for c, _ in old)}, "
                f"new {', '.join(f'{c:.2f}' for c, _ in new)}"
            )
        return 0
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.rmtree(copy, ignore_errors=True)
