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
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _serve_side_by_side import side_by_side

#: The kinds whose rebuild listed every dataset's decisions again before.
LISTED_BEFORE = ("ADR text", "catalogue cell")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a generated repository")
    parser.add_argument("--runs", type=int, default=3, help="rounds of the four edits")
    parser.add_argument("--git", action="store_true", help="serve a git checkout of it")
    args = parser.parse_args(argv)

    from paved.generator.core.render.lookups import LookupsMemo

    def switch(which: str, kind: str, builder: Any) -> None:
        assert builder.models is not None
        if which == "old":
            builder.models.lookups = LookupsMemo()
            if kind in LISTED_BEFORE:  # what they were listed from: unknown
                builder.models.datasets._listing = ()  # noqa: SLF001

    def note(builder: Any) -> str:
        listed = builder.models.datasets.decisions_listed
        made = builder.models.lookups.lineages
        return f"decisions listed for {listed} datasets, lineages made {made}"

    return side_by_side(args.out, git=args.git, runs=args.runs, switch=switch, note=note)


if __name__ == "__main__":
    sys.exit(main())
