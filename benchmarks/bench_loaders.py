"""Measures the choices behind the loaders: the YAML reader and the xlsx reader.

    python benchmarks/generate.py /tmp/paved-bench --wids 1000 --adrs 1000 \\
        --datasets 10000 --columns 200000 --format xlsx
    python benchmarks/bench_loaders.py /tmp/paved-bench

Prints one line per measurement (best of --repeat runs, wall clock). ruamel.yaml
is not a dependency of Paved; install it in the virtualenv to include it.

``--scan`` measures only the bounded XML scan that runs before calamine
(``sheet_xml.scan_workbook``), in CPU seconds of this process, median of --repeat
runs. Run this file with another checkout's interpreter to time that checkout's scan
(its virtualenv imports its own ``paved``), alternating the two:

    for i in 1 2 3; do old/.venv/bin/python benchmarks/bench_loaders.py ROOT --scan
                       .venv/bin/python benchmarks/bench_loaders.py ROOT --scan; done
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from paved.generator.core.load.markdown import parse_markdown, split_front_matter
from paved.generator.core.load.text import normalise_newlines
from paved.generator.core.load.workbook import load_workbook


def best(repeat: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_yaml(root: Path, repeat: int, sample: int) -> None:
    files = sorted((root / "wids").glob("*.md")) + sorted((root / "adrs").glob("*.md"))
    texts = [normalise_newlines(f.read_text(encoding="utf-8")) for f in files]
    blocks = [split_front_matter(t).front_matter or "" for t in texts]
    n = len(texts)
    print(f"markdown files: {n} (front matter {sum(map(len, blocks)) // n} chars on average)")

    def ours() -> None:
        for text, file in zip(texts, files, strict=True):
            parse_markdown(text, file.name, require_front_matter=False)

    def compose_only() -> None:
        for block in blocks:
            yaml.compose(block, Loader=yaml.CSafeLoader)

    def plain_load() -> None:
        for block in blocks:
            yaml.load(block, Loader=yaml.CSafeLoader)

    print(
        f"  paved parse_markdown (compose + walk + sections), {n} files: {best(repeat, ours):.3f} s"
    )
    print(f"  yaml.compose CSafeLoader only, {n} files: {best(repeat, compose_only):.3f} s")
    print(f"  yaml.load CSafeLoader (no positions), {n} files: {best(repeat, plain_load):.3f} s")
    few = blocks[:sample]
    try:
        from ruamel.yaml import YAML
    except ImportError:
        print("  ruamel.yaml not installed: skipped")
        return

    def ruamel_rt() -> None:
        reader = YAML(typ="rt")
        for block in few:
            reader.load(block)

    def ours_few() -> None:
        for text, file in zip(texts[:sample], files[:sample], strict=True):
            parse_markdown(text, file.name, require_front_matter=False)

    print(f"  ruamel.yaml round-trip, {len(few)} files: {best(repeat, ruamel_rt):.3f} s")
    print(f"  paved parse_markdown, same {len(few)} files: {best(repeat, ours_few):.3f} s")


def bench_xlsx(root: Path, repeat: int) -> None:
    book = root / "custodians" / "catalogue.xlsx"
    if not book.exists():
        print("no custodians/catalogue.xlsx: skipped")
        return
    import openpyxl
    import python_calamine

    def calamine() -> int:
        wb = python_calamine.CalamineWorkbook.from_path(str(book))
        return sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)

    def openpyxl_ro() -> int:
        wb = openpyxl.load_workbook(book, read_only=True, data_only=True)
        count = sum(sum(1 for _ in ws.iter_rows(values_only=True)) for ws in wb.worksheets)
        wb.close()
        return count

    rows = calamine()
    size = book.stat().st_size / 1024 / 1024
    print(f"workbook: {size:.1f} MB, {rows:,} rows in all sheets")
    print(f"  python-calamine to_python, all sheets: {best(repeat, calamine):.2f} s")
    print(f"  openpyxl read_only iter_rows, all sheets: {best(1, openpyxl_ro):.2f} s")
    total = best(repeat, lambda: load_workbook(book, "custodians/catalogue.xlsx"))
    print(f"  paved load_workbook (calamine + formula scan + conversion): {total:.2f} s")


def bench_scan(root: Path, repeat: int) -> None:
    import statistics

    from paved.generator.core.load import sheet_xml
    from paved.generator.core.load.sheets import CATALOGUE_SHEETS

    book = root / "custodians" / "catalogue.xlsx"
    times = []
    for _ in range(repeat):
        start = time.process_time()
        sheet_xml.scan_workbook(book, CATALOGUE_SHEETS)
        times.append(time.process_time() - start)
    print(
        f"workbook scan ({sheet_xml.__file__}): median {statistics.median(times):.2f} s CPU "
        f"(min {min(times):.2f}, max {max(times):.2f}, {repeat} runs)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a repository made by benchmarks/generate.py")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best of)")
    parser.add_argument("--sample", type=int, default=300, help="files for the ruamel comparison")
    parser.add_argument("--scan", action="store_true", help="only the workbook's XML scan")
    args = parser.parse_args(argv)
    if args.scan:
        bench_scan(args.root, args.repeat)
        return 0
    bench_yaml(args.root, args.repeat, args.sample)
    bench_xlsx(args.root, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
