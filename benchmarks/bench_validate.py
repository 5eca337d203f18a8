"""Time ``paved validate`` on a synthetic repository.

    .venv/bin/python benchmarks/bench_validate.py                  # large, 5 runs
    .venv/bin/python benchmarks/bench_validate.py --size medium --runs 3
    .venv/bin/python benchmarks/bench_validate.py --profile        # cProfile, top 25
    .venv/bin/python benchmarks/bench_validate.py --format csv     # catalogue as CSV files
    .venv/bin/python benchmarks/bench_validate.py --warm --runs 9  # warm, after one-file edits

Targets: large (1,000 WIDs, 1,000 ADRs, 10,000 datasets, 200,000 columns) cold
(``--no-cache``) in ≤ 3 s wall clock, median of 5; warm, after editing one WID, ADR or
docs page, in ≤ 0.5 s (``--warm``: the repository is copied to ``<size>-warm/`` so the
shared one is never edited; each run appends a line to the next file in turn).

The repository is generated once into ``benchmarks/out/<size>/`` (gitignored) and reused
while the generator's code and the options stay the same.
``paved validate`` runs as a subprocess, exactly as a user or a pre-commit hook runs it:
interpreter start-up and imports count. One untimed warm-up run fills the OS file cache.

``paved validate`` runs in one thread of one process (``generator/core/validate/pipeline.py``),
so ``--profile`` sees all of its work.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import _timing
import generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def paved_command() -> list[str]:
    """The installed console script when there is one, else the same entry point."""
    script = ROOT / ".venv" / "bin" / "paved"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from paved.generator.cli import main; main()"]


def ensure_repository(size: str, seed: int, fmt: str, regenerate: bool) -> Path:
    """Reuse ``benchmarks/out/<size>`` when it was written by this very generator code
    with the same options; otherwise (re)write it and say how long that took."""
    out = OUT / (size if fmt == "xlsx" else f"{size}-{fmt}")
    sizes = generate.PRESETS[size]
    marker = generate.read_marker(out)
    wanted = {
        "sizes": asdict(sizes),
        "seed": seed,
        "format": fmt,
        "digest": generate.generator_digest(),
    }
    if not regenerate and marker and all(marker.get(k) == v for k, v in wanted.items()):
        print(f"reusing {out.relative_to(ROOT)}")
        return out
    summary = generate.generate(out, sizes, seed=seed, fmt=fmt)
    counts = ", ".join(f"{v:,} {k}" for k, v in summary.counts.items())
    print(f"generated {out.relative_to(ROOT)} in {summary.seconds:.1f} s: {counts}")
    return out


def describe(size: str) -> str:
    s = generate.PRESETS[size]
    return (
        f"{size}: {s.wids:,} WIDs, {s.adrs:,} ADRs, {s.datasets:,} datasets, {s.columns:,} columns"
    )


def bench(repo: Path, size: str, runs: int, fmt: str = "xlsx") -> int:
    command = [*paved_command(), "validate", "--no-cache", str(repo)]
    load_before = _timing.load_average()
    warm = _timing.run_once(command, cwd=ROOT)
    last_line = warm.output.strip().splitlines()[-1:] or ["(no output)"]
    print(f"warm-up: exit {warm.returncode} in {warm.seconds:.2f} s: {last_line[0]}")
    if warm.returncode != 0:
        print("paved validate reported problems on generated content (first lines):")
        print("\n".join(warm.output.splitlines()[:20]))
    timing = _timing.time_runs(command, runs, cwd=ROOT)
    rss = _timing.peak_child_rss_mb()
    load = f"load {load_before} → {_timing.load_average()}"
    machine = _timing.machine()
    what = f"validate --no-cache, {describe(size)}, {fmt} catalogue"
    flags = f"--size {size} --runs {runs}" + (f" --format {fmt}" if fmt != "xlsx" else "")
    print(f"paved {what}")
    print(f"  {timing.summary()}, peak RSS {rss:.0f} MB")
    print(f"  runs: {', '.join(f'{s:.2f}' for s in timing.seconds)} s wall")
    print(f"  machine: {machine}; {load}; date {_timing.today()}")
    print("\nrow for benchmarks/README.md:")
    print(
        _timing.table_row(
            [
                what,
                f"`python benchmarks/bench_validate.py {flags}`",
                machine,
                _timing.today(),
                f"**{timing.median:.2f} s**",
                f"min {timing.minimum:.2f}, max {timing.maximum:.2f}, "
                f"CPU {timing.cpu_median:.2f} s, peak RSS {rss:.0f} MB, {load}",
            ]
        )
    )
    return int(warm.returncode)


def bench_warm(repo: Path, size: str, runs: int, fmt: str = "xlsx") -> int:
    """Warm runs: one run fills ``.paved/``; then each run follows a one-line edit of a
    WID, an ADR and a docs page in turn (what a pre-commit hook or an editor sees)."""
    copy = repo.with_name(f"{repo.name}-warm")
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".paved"))
    command = [*paved_command(), "validate", str(copy)]
    first = _timing.run_once(command, cwd=ROOT)
    print(f"first run (fills the cache): exit {first.returncode} in {first.seconds:.2f} s")
    unchanged = _timing.run_once(command, cwd=ROOT)
    print(f"nothing changed: {unchanged.seconds:.2f} s")
    targets = [
        min((copy / "wids").glob("*.md")),
        min((copy / "adrs").glob("*.md")),
        min((copy / "docs").rglob("*.md")),
    ]
    load_before = _timing.load_average()
    results = []
    for i in range(runs):
        target = targets[i % len(targets)]
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nEdited line {i}.\n")
        results.append(_timing.run_once(command, cwd=ROOT))
        if results[-1].returncode != first.returncode:
            print(results[-1].output[-2000:])
    timing = _timing.Timing(tuple(r.seconds for r in results), tuple(r.cpu for r in results))
    machine = _timing.machine()
    load = f"load {load_before} → {_timing.load_average()}"
    what = f"validate warm after a one-file edit, {describe(size)}, {fmt} catalogue"
    print(f"paved {what}")
    print(f"  {timing.summary()}")
    print(f"  runs: {', '.join(f'{s:.2f}' for s in timing.seconds)} s wall")
    print(f"  machine: {machine}; {load}; date {_timing.today()}")
    print("\nrow for benchmarks/README.md:")
    flags = f"--warm --size {size} --runs {runs}" + (f" --format {fmt}" if fmt != "xlsx" else "")
    print(
        _timing.table_row(
            [
                what,
                f"`python benchmarks/bench_validate.py {flags}`",
                machine,
                _timing.today(),
                f"**{timing.median:.2f} s**",
                f"min {timing.minimum:.2f}, max {timing.maximum:.2f}, "
                f"CPU {timing.cpu_median:.2f} s; first run {first.seconds:.2f} s, "
                f"unchanged {unchanged.seconds:.2f} s; {load}",
            ]
        )
    )
    return 0


def profile(repo: Path, top: int = 25) -> int:
    """One in-process run under cProfile: the cumulative top, the self-time top, and
    self time summed per module, built-ins one by one (which file to optimise first)."""
    sys.path.insert(0, str(ROOT))
    from paved.generator.cli import main

    profiler = cProfile.Profile()
    code = 0
    profiler.enable()
    try:
        main(["validate", "--no-cache", str(repo)], standalone_mode=False)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(15)
    print(stream.getvalue())
    print("self time per module:")
    for name, seconds in per_module(stats)[:15]:
        print(f"  {seconds:7.3f} s  {name}")
    return code


def per_module(stats: pstats.Stats) -> list[tuple[str, float]]:
    totals: dict[str, float] = defaultdict(float)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]]
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, _, function), (_, _, tottime, _, _) in raw.items():
        totals[f"(built-in) {function}" if filename == "~" else short_path(filename)] += tottime
    return sorted(totals.items(), key=lambda item: -item[1])


def short_path(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time `paved validate` on a synthetic repository (median of N runs).",
        epilog="example: .venv/bin/python benchmarks/bench_validate.py --size large --runs 5",
    )
    parser.add_argument("--size", choices=sorted(generate.PRESETS), default="large")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--profile", action="store_true", help="one cProfile run instead")
    parser.add_argument("--warm", action="store_true", help="warm runs after one-file edits")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx", help="catalogue")
    parser.add_argument("--regenerate", action="store_true", help="ignore the cached repo")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    repo = ensure_repository(args.size, args.seed, args.format, args.regenerate)
    if args.profile:
        return profile(repo)
    if args.warm:
        return bench_warm(repo, args.size, args.runs, args.format)
    return bench(repo, args.size, args.runs, args.format)


if __name__ == "__main__":
    sys.exit(main())
