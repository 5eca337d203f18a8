"""``paved serve``'s rebuild with and without the kept sitemap (``speed/sitemap.py``),
alternating in one process, on the same repository and the same builder.

    .venv/bin/python benchmarks/bench_serve_sitemap.py --out /tmp/paved-large --runs 4

One first build as ``paved serve`` makes it (``bench_serve_incremental.py
--in-process``), then ``--runs`` rounds of the four kinds of edit; each edit is built
once *old* (the sitemap rendered and written every build, as before) and the next one
*new*, the order swapped every round. Each rebuild is timed with CPU
(``time.process_time``) and wall; the edit must show on its page.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _serve_side_by_side import side_by_side


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a generated repository")
    parser.add_argument("--runs", type=int, default=4, help="rounds of the four edits")
    parser.add_argument("--git", action="store_true", help="serve a git checkout of it")
    args = parser.parse_args(argv)

    from paved.generator.mkdocs_plugin.speed import inplace

    kept = inplace.sitemap_kept

    def switch(which: str, _kind: str, _builder: Any) -> None:
        inplace.sitemap_kept = kept if which == "new" else lambda *_: False  # type: ignore[assignment]

    try:
        return side_by_side(args.out, git=args.git, runs=args.runs, switch=switch)
    finally:
        inplace.sitemap_kept = kept


if __name__ == "__main__":
    sys.exit(main())
