"""Time the rebuild ``paved serve`` is asked for while nothing it reads changed: a
workbook save's temporary file beside ``custodians/catalogue.xlsx``, an editor's swap
file in ``docs/`` (``speed/unchanged.py``).

    .venv/bin/python benchmarks/generate.py /tmp/paved-medium --size medium --seed 7
    .venv/bin/python benchmarks/bench_serve_noop.py /tmp/paved-medium --runs 5

The repository is copied; the builder is the one ``paved serve`` makes
(``IncrementalBuilder(in_place=True)`` with serve's collection settings), built once,
then, ``--runs`` times and alternating, the same rebuild with the check off (before:
every rebuild is made) and on (after), each after a temporary file is written beside
the workbook and a swap file beside a docs page. CPU (``time.process_time``) and wall
per rebuild; medians printed with the 1-minute load.
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path, help="a repository made by generate.py")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    from paved.generator.cli import old_names
    from paved.generator.cli.serve import COLLECT_EVERY, COLLECT_WHEN_IDLE
    from paved.generator.core.validate.incremental import RACY_NS
    from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder

    work = Path(tempfile.mkdtemp(prefix="paved_noop_"))
    copy = work / "repo"
    shutil.copytree(args.repo, copy)
    old_names.install()
    site_dir = str(work / "site")
    serve_url = "http://127.0.0.1:8000/"

    def load() -> MkDocsConfig:
        config = load_config(config_file=str(copy / "mkdocs.yml"), site_dir=site_dir)
        config.site_url = serve_url
        return config

    first = load()
    first.plugins.on_startup(command="serve", dirty=False)
    builder = IncrementalBuilder(
        in_place=True, collect_every=COLLECT_EVERY, collect_when_idle=COLLECT_WHEN_IDLE
    )
    time.sleep(RACY_NS / 1e9 + 0.2)  # a repository at rest: no recent file hashed
    builder.build(load, serve_url=serve_url)
    book = copy / "custodians" / "catalogue.xlsx"
    page = next((copy / "docs").rglob("*.md"))
    figures: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    try:
        for run in range(args.runs):
            for keep in (False, True):
                builder.keep_unchanged = keep
                if keep:
                    builder.build(load, serve_url=serve_url)  # records what it read
                staged = book.with_name(f"catalogue.xlsx.{run}.tmp")
                staged.write_bytes(book.read_bytes())
                swap = page.with_name(f".{page.name}.swp")
                swap.write_bytes(b"b0VIM 9.0")
                cpu, wall = time.process_time(), time.perf_counter()
                builder.build(load, serve_url=serve_url)
                figures[keep].append((time.process_time() - cpu, time.perf_counter() - wall))
                staged.unlink()
                swap.unlink()
                time.sleep(1.5)  # as between an author's saves (the idle collection)
    finally:
        first.plugins.on_shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.repo}: {args.runs} rebuilds each, alternating; load {os.getloadavg()[0]:.1f}")
    for keep, name in ((False, "before (rebuilt)"), (True, "after (site kept)")):
        cpu = statistics.median(c for c, _ in figures[keep])
        wall = statistics.median(w for _, w in figures[keep])
        print(f"  {name:18} CPU {cpu:6.2f} s  wall {wall:6.2f} s (median)")
    print(f"  kept without rebuilding: {builder.unchanged} of {args.runs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
