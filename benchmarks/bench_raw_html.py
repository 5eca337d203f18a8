"""Time Python-Markdown's raw-HTML reading on a line of start tags that never close,
with its own start-tag check (old) and Paved's linear one (new), side by side.

    .venv/bin/python benchmarks/bench_raw_html.py [--repeat 1000] [--rounds 3]

Each round times, for 1x, 2x and 4x the repetitions, the old and the new check one
after the other (alternating), for the two readers a build runs on every page:
Python-Markdown's conversion (``markdown.markdown``, its raw-HTML extractor) and MkDocs'
anchor collector (``mkdocs.structure.pages._HTMLHandler``). Prints the median CPU
(user+sys) and wall seconds of each, and the 1-minute load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

import markdown
from mkdocs.structure.pages import _HTMLHandler

from paved.generator.mkdocs_plugin import start_tags

UNIT = '<div class="x" '


def convert(text: str) -> None:
    markdown.markdown(text)


def collect_anchors(text: str) -> None:
    handler = _HTMLHandler()
    handler.feed(text)
    handler.close()


def timed(read: Callable[[str], None], text: str) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    read(text)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1000, help="repetitions at 1x")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    readers = {"markdown": convert, "mkdocs-anchors": collect_anchors}
    results: dict[tuple[str, int, str], list[tuple[float, float]]] = {}
    for _ in range(args.rounds):
        for name, read in readers.items():
            for times in (1, 2, 4):
                text = UNIT * (args.repeat * times)
                for check in ("old", "new"):
                    if check == "old":
                        start_tags.uninstall()
                    else:
                        assert start_tags.install(), "not the parser start_tags was derived from"
                    results.setdefault((name, times, check), []).append(timed(read, text))
    start_tags.install()
    print(f"load (1 min): {os.getloadavg()[0]:.2f}; {args.rounds} rounds, medians")
    print(f"{'reader':15} {'size':>5} {'chars':>8} {'old cpu':>8} {'old wall':>8} "
          f"{'new cpu':>8} {'new wall':>8} {'ratio':>7}")  # fmt: skip
    for name in readers:
        for times in (1, 2, 4):
            old = results[(name, times, "old")]
            new = results[(name, times, "new")]
            old_cpu, old_wall = (statistics.median(x) for x in zip(*old, strict=True))
            new_cpu, new_wall = (statistics.median(x) for x in zip(*new, strict=True))
            chars = len(UNIT) * args.repeat * times
            print(
                f"{name:15} {times:>4}x {chars:>8} {old_cpu:8.3f} {old_wall:8.3f} "
                f"{new_cpu:8.3f} {new_wall:8.3f} {old_cpu / max(new_cpu, 1e-6):6.0f}x"
            )


if __name__ == "__main__":
    main()
