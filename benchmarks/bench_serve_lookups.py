"""``paved serve``'s rebuild with and without the two reuses of round 12b, alternating
in one process, on the same repository and the same builder:

- the catalogue's lookups and the lineage kept while their inputs are the same objects
  and values (``render.lookups.LookupsMemo``);
- each dataset's decisions listed again only when what they are listed from changed
  (``render.dataset_memo``), not for every edit of a decision or a dataset's value.

    .venv/bin/python benchmarks/bench_serve_lookups.py --out /tmp/paved-large --runs 3

One first build as ``paved serve`` makes it (``bench_serve_incremental.py
--in-process``), then ``--runs`` rounds of the four kinds of edit; each edit is built
once *old* and the next one *new*, the order swapped every round. *Old* is this code
made to do what the previous code did: a fresh ``LookupsMemo`` before each build (the
indexes and the lineage made again), and the datasets' decisions listed again for all
datasets after an ADR or a catalogue edit (the previous code listed them again whenever
a decision or a dataset's value changed; a WID or a docs page changes neither). Each
rebuild is timed with CPU (``time.process_time``) and wall; the edit must show on its
page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import _timing
import bench_serve_incremental as serve

#: The kinds whose rebuild listed every dataset's decisions again before.
LISTED_BEFORE = ("ADR text", "catalogue cell")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a generated repository")
    parser.add_argument("--runs", type=int, default=3, help="rounds of the four edits")
    parser.add_argument("--git", action="store_true", help="serve a git checkout of it")
    args = parser.parse_args(argv)

    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    from paved.generator.cli import old_names
    from paved.generator.cli.serve import COLLECT_EVERY, COLLECT_WHEN_IDLE
    from paved.generator.core.render.lookups import LookupsMemo
    from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder

    copy = serve._copy(args.out, git=args.git, suffix=f"-{os.getpid()}")  # noqa: SLF001 - its copy
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
    assert builder.models is not None
    times: dict[str, dict[str, list[tuple[float, float]]]] = {"old": {}, "new": {}}
    try:
        builder.build(load, serve_url=serve_url)
        load_before = _timing.load_average()
        step = 0
        for round_ in range(args.runs):
            for kind, make in serve.EDITS.items():
                order = ("old", "new") if (round_ + step) % 2 == 0 else ("new", "old")
                for which in order:
                    if which == "old":
                        builder.models.lookups = LookupsMemo()
                        if kind in LISTED_BEFORE:  # what they were listed from: unknown
                            builder.models.datasets._listing = ()  # noqa: SLF001
                    time.sleep(1.5)  # as an author types: the idle collection runs
                    url, marker = make(copy, step)
                    step += 1
                    cpu, wall = time.process_time(), time.perf_counter()
                    builder.build(load, serve_url=serve_url)
                    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                    listed = builder.models.datasets.decisions_listed
                    made = builder.models.lookups.lineages
                    page = Path(site_dir) / url
                    page = page / "index.html" if page.suffix != ".html" else page
                    if marker not in page.read_bytes():
                        print(f"{kind}: the edit is not in {page}")
                        return 1
                    times[which].setdefault(kind, []).append((cpu, wall))
                    print(
                        f"  {which} {kind}: {cpu:.2f} s CPU, {wall:.2f} s wall; "
                        f"decisions listed for {listed} datasets, lineages made {made}",
                        flush=True,
                    )
        print(f"\n{_timing.machine()}; load {load_before} → {_timing.load_average()}")
        for kind in serve.EDITS:
            old = times["old"][kind]
            new = times["new"][kind]
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


if __name__ == "__main__":
    sys.exit(main())
