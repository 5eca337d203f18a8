"""Benchmark ``paved build`` on a synthetic repository written by ``generate.py``.

Prints the median wall time of N builds, the pages emitted, the size of the site, and
the ratio to the small-nav MkDocs floor (≈ 6.6 ms per page + 0.5 s, measured on this
machine with Material and a small navigation: what MkDocs itself costs per page).
``--scale 4`` also builds a repository four times larger and compares time per page,
which shows whether the build stays linear.

    .venv/bin/python benchmarks/bench_build.py --size large --runs 3
    .venv/bin/python benchmarks/bench_build.py --size medium --runs 1 --scale 4
    .venv/bin/python benchmarks/bench_build.py --size large --stages
    .venv/bin/python benchmarks/bench_build.py --size large --runs 3 --jobs 1
    .venv/bin/python benchmarks/bench_build.py --floor 2380 --runs 3

``--jobs`` is passed to ``paved build`` (default: one process per CPU). ``--floor N``
measures the floor itself on this machine: plain MkDocs + Material (same theme
features, search, no Paved) building N hand-written pages with a ten-entry navigation:
``--floor-pages small`` copies the synthetic docs pages (about 0.5 KB of Markdown each),
``example`` the bundled example's docs pages (about 5 KB, with admonitions, tables and
code). The constant above was measured elsewhere on unknown pages; these two bracket it
on this machine.

``--stages`` runs one build in this process and says where its time goes: the plugin's
``on_config`` (validation, rendering), Markdown conversion and Material's search
indexing per page family, theme rendering and writing, and garbage collection.

The repository's own mkdocs.yml and overrides/ are copied into the synthetic one, so
the build measured is the portal as shipped.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from _timing import (  # noqa: E402
    RunResult,
    Timing,
    load_average,
    machine,
    peak_child_rss_mb,
    run_once,
    time_runs,
    today,
)

FLOOR_PER_PAGE_S = 0.0066
FLOOR_FIXED_S = 0.5


@dataclass(frozen=True)
class BuildFigures:
    label: str
    median_s: float
    runs: tuple[float, ...]
    pages: int
    site_mb: float

    @property
    def floor_s(self) -> float:
        return FLOOR_PER_PAGE_S * self.pages + FLOOR_FIXED_S

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.median_s / max(self.pages, 1)


def prepare(out: Path, size: str, scale: int) -> None:
    """Write (or reuse) the synthetic repository and give it the shipped portal config."""
    argv = [sys.executable, str(HERE / "generate.py"), str(out), "--size", size]
    if scale != 1:
        argv += ["--scale", str(scale)]
    result = time_runs(argv, 1)
    if not (out / "wids").is_dir():
        raise SystemExit(f"generate.py did not write {out} ({result.summary()})")
    shutil.copy2(REPO / "mkdocs.yml", out / "mkdocs.yml")
    shutil.rmtree(out / "overrides", ignore_errors=True)
    shutil.copytree(REPO / "overrides", out / "overrides")
    # The generator writes a docs/index.md; the portal's home page is generated.
    (out / "docs" / "index.md").unlink(missing_ok=True)


def into_empty_folder(argv: list[str], cwd: Path, site: Path, runs: int) -> list[RunResult]:
    """Each run builds into an empty site folder, the previous run's site deleted outside
    the timing: emptying a large site is waiting on the disk (the large benchmark's
    818 MB: 37 s at load 11, round 8 of issue 12), which ``paved build`` does meanwhile
    and plain MkDocs before its first page, so a reused folder would favour Paved."""
    results = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        results.append(run_once(argv, cwd=cwd))
    return results


def measure(out: Path, label: str, runs: int, jobs: int = 0) -> BuildFigures:
    paved = Path(sys.executable).with_name("paved")
    with tempfile.TemporaryDirectory(prefix="paved-bench-site-") as tmp:
        site = Path(tmp) / "site"
        argv = [str(paved), "build", "-q", "-d", str(site), "--jobs", str(jobs)]
        results = into_empty_folder(argv, out, site, runs)
        failed = [r for r in results if r.returncode != 0]
        if failed:
            raise SystemExit(f"paved build failed in {out}:\n{failed[0].output[-3000:]}")
        timing = Timing(tuple(r.seconds for r in results))
        pages = sum(1 for _ in site.rglob("*.html"))
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    return BuildFigures(label, timing.median, timing.seconds, pages, size)


FLOOR_MKDOCS_YML = """\
site_name: Floor
theme:
  name: material
  font: false
  features: [navigation.indexes, navigation.sections, navigation.top, navigation.footer,
             search.suggest, search.highlight, content.code.copy, toc.follow]
plugins: [search]
markdown_extensions: [admonition, attr_list, md_in_html, tables, {{toc: {{permalink: true}}}}]
validation: {{nav: {{omitted_files: ignore}}}}
nav:
{nav}
"""


def floor_sources(kind: str, out: Path = HERE / "out") -> list[Path]:
    """``small``: the synthetic docs pages (~0.5 KB) of the large build kept in ``out``
    (``--out``); ``example``: the bundled example's hand-written pages (~4 KB,
    admonitions, tables, code)."""
    if kind == "example":
        return sorted((REPO / "docs").rglob("*.md"))
    source = sorted((out / "build-large-x1" / "docs").rglob("page-*.md"))
    if not source:
        raise SystemExit(
            f"run the large build benchmark with --out {out} first: it writes the pages used"
        )
    return source


def write_floor_site(out: Path, pages: int, kind: str = "small", kept: Path = HERE / "out") -> None:
    """N copies of the chosen pages in folders of 100, a ten-entry nav."""
    source = floor_sources(kind, kept)
    texts = [p.read_text(encoding="utf-8") for p in source]
    shutil.rmtree(out, ignore_errors=True)
    docs = out / "docs"
    names = []
    for number in range(pages):
        name = f"part-{number // 100:02d}/page-{number:05d}.md"
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(texts[number % len(texts)], encoding="utf-8")
        names.append(name)
    nav = "\n".join(f"  - {name}" for name in names[:: max(1, pages // 10)][:10])
    (out / "mkdocs.yml").write_text(FLOOR_MKDOCS_YML.format(nav=nav), encoding="utf-8")


def measure_floor(pages: int, runs: int, kind: str, kept: Path = HERE / "out") -> BuildFigures:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    with tempfile.TemporaryDirectory(prefix="paved-bench-floor-") as tmp:
        project = Path(tmp) / "floor"
        write_floor_site(project, pages, kind, kept)
        site = Path(tmp) / "site"
        argv = [str(mkdocs), "build", "-q", "-d", str(site)]
        results = into_empty_folder(argv, project, site, runs)
        failed = [r for r in results if r.returncode != 0]
        if failed:
            raise SystemExit(f"mkdocs build failed:\n{failed[0].output[-3000:]}")
        timing = Timing(tuple(r.seconds for r in results))
        emitted = sum(1 for _ in site.rglob("*.html"))
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    return BuildFigures(
        f"floor ({pages:,} {kind} pages)", timing.median, timing.seconds, emitted, size
    )


def _family(src_uri: str) -> str:
    parts = src_uri.split("/")
    return "/".join(parts[:2]) if parts[0] == "catalogue" and len(parts) > 2 else parts[0]


def stages(out: Path) -> None:
    """Time one build in this process, stage by stage (see the module docstring)."""
    import collections
    import gc
    import os
    import time

    sys.path.insert(0, str(REPO))
    os.chdir(out)
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    from paved.generator.mkdocs_plugin.plugin import PavedPlugin

    spent: dict[tuple[str, str], list[float]] = collections.defaultdict(lambda: [0.0, 0])

    def timed(owner: object, name: str, key: Any) -> None:
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                cell = spent[key(*args, **kwargs)]
                cell[0] += time.perf_counter() - start
                cell[1] += 1

        setattr(owner, name, wrapper)

    timed(Page, "render", lambda page, *a, **k: ("markdown", _family(page.file.src_uri)))
    timed(
        SearchPlugin,
        "on_page_context",
        lambda plugin, ctx, **k: ("search", _family(k["page"].file.src_uri)),
    )
    timed(mkdocs_build, "_build_page", lambda *a, **k: ("page (search, theme, write)", "all"))
    timed(PavedPlugin, "on_config", lambda *a, **k: ("paved on_config", "validate, render"))
    collected = {"seconds": 0.0, "start": 0.0}

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected["start"] = time.perf_counter()
        else:
            collected["seconds"] += time.perf_counter() - collected["start"]

    gc.callbacks.append(on_gc)
    with tempfile.TemporaryDirectory(prefix="paved-bench-site-") as tmp:
        config = load_config(str(out / "mkdocs.yml"), site_dir=str(Path(tmp) / "site"))
        start = time.perf_counter()
        mkdocs_build.build(config)
        total = time.perf_counter() - start
    print(
        f"one build in process: {total:.1f} s, of which garbage collection "
        f"{collected['seconds']:.1f} s"
    )
    for (stage, family), (seconds, count) in sorted(spent.items(), key=lambda i: -i[1][0]):
        if seconds >= 0.1:
            print(f"  {stage:28s} {family:22s} {seconds:7.2f} s  ({count:,} calls)")


def report(figures: BuildFigures) -> str:
    return (
        f"{figures.label}: median {figures.median_s:.1f} s of {len(figures.runs)} "
        f"({', '.join(f'{s:.1f}' for s in figures.runs)}), {figures.pages:,} pages, "
        f"{figures.site_mb:.0f} MB, {figures.per_page_ms:.1f} ms/page, "
        f"floor {figures.floor_s:.1f} s → ×{figures.median_s / figures.floor_s:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", help="generate.py preset (default large)")
    parser.add_argument("--runs", type=int, default=3, help="builds to time (median)")
    parser.add_argument("--scale", type=int, default=1, help="also build N× the size")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where repos are kept")
    parser.add_argument("--stages", action="store_true", help="one build, stage by stage")
    parser.add_argument("--jobs", type=int, default=0, help="paved build --jobs (0: per CPU)")
    parser.add_argument("--floor", type=int, default=0, help="measure the floor for N pages")
    parser.add_argument(
        "--floor-pages", choices=("small", "example"), default="small", help="their content"
    )
    args = parser.parse_args()

    print(f"{today()} · {machine()} · load {load_average()}")
    if args.floor:
        figures = measure_floor(args.floor, args.runs, args.floor_pages, args.out)
        print(
            f"{figures.label}: median {figures.median_s:.1f} s of {len(figures.runs)} "
            f"({', '.join(f'{s:.1f}' for s in figures.runs)}), {figures.pages:,} pages, "
            f"{figures.per_page_ms:.1f} ms/page; the constant floor says {figures.floor_s:.1f} s"
        )
        return
    if args.stages:
        out = args.out / f"build-{args.size}-x{args.scale}"
        prepare(out, args.size, args.scale)
        stages(out)
        return
    rows = []
    for scale in sorted({1, args.scale}):
        out = args.out / f"build-{args.size}-x{scale}"
        prepare(out, args.size, scale)
        label = f"{args.size} ×{scale}, --jobs {args.jobs or 'per CPU'}"
        figures = measure(out, label, args.runs, args.jobs)
        rows.append(figures)
        print(report(figures), flush=True)
    if len(rows) == 2:
        small, big = rows
        print(
            f"per page: {small.per_page_ms:.1f} ms at ×1, {big.per_page_ms:.1f} ms at "
            f"×{args.scale} (ratio {big.per_page_ms / small.per_page_ms:.2f}; 1.0 = linear)"
        )
    print(f"peak RSS of a build: {peak_child_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
