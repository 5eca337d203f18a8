"""Time ``paved serve`` from saving a one-line change to the HTTP response holding it.

    .venv/bin/python benchmarks/bench_serve_incremental.py                 # large, 3 per kind
    .venv/bin/python benchmarks/bench_serve_incremental.py --size small --runs 5
    .venv/bin/python benchmarks/bench_serve_incremental.py --edits 100     # memory after 100
    .venv/bin/python benchmarks/bench_serve_incremental.py --full          # mkdocs-style serve
    .venv/bin/python benchmarks/bench_serve_incremental.py --in-process --runs 6 --git
    .venv/bin/python benchmarks/bench_serve_incremental.py --runs 3 --git --profile /tmp/s.out

For each kind of edit (a WID's title, an ADR's text, a docs page's text, one catalogue
cell: a dataset's description), the clock starts when the changed file is in place (the
workbook is rewritten beside it and renamed over it, as editors save) and stops when the
page's HTTP response contains the change (polled every 50 ms). Targets on large: ≤ 2 s
median per kind; the server's resident memory ≤ 1.5 GB after 100 edits.

The repository is copied from ``benchmarks/out/<size>/`` to ``<size>-serve/`` (so the
shared one is never edited); the server runs as a subprocess, as a user runs it.

``--in-process`` times the rebuild alone, without the server, the watcher or HTTP: the
builder ``paved serve`` makes (``IncrementalBuilder(in_place=True)`` with serve's
collection settings, configuration loaded afresh per build with serve's ``site_url``),
one build, then each edit followed by ``builder.build``, timed with CPU
(``time.process_time``: this process and its threads) and wall; the changed page is
read from the site folder to check that it shows the edit. ``--pause`` seconds between
edits (default 1.5) let the idle full collection run as it does while an author types.

``--profile FILE`` runs cProfile over the rebuilds (not the first build): with
``--in-process`` in this process; otherwise in the server process (its builder wrapped
by ``SERVE_PROFILED``), written after each rebuild (``python -m pstats FILE``).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import _timing
import bench_validate

from paved.generator.core.render.paths import dataset, decision, product, url_of

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.05

#: ``paved serve`` with every rebuild but the first under cProfile; argv[1] is the file
#: the profile is written to after each rebuild (a server stopped while it removes a
#: large site may be killed before any ``finally``), the rest paved's arguments.
SERVE_PROFILED = """
import cProfile, sys
from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder
out = sys.argv[1]
sys.argv = ["paved", *sys.argv[2:]]
profiler, builds, build = cProfile.Profile(), [0], IncrementalBuilder.build
def profiled(self, *args, **kwargs):
    builds[0] += 1
    if builds[0] == 1:
        return build(self, *args, **kwargs)
    try:
        return profiler.runcall(build, self, *args, **kwargs)
    finally:
        profiler.dump_stats(out)
        print(f"profile of {builds[0] - 1} rebuilds written to {out}", file=sys.stderr)
IncrementalBuilder.build = profiled
from paved.generator.cli import main
main()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - localhost
            return bytes(response.read())
    except OSError:
        return b""


def wait_for(url: str, marker: bytes, timeout: float) -> float | None:
    """Seconds until ``url`` answers with ``marker`` in it (None: not within timeout)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if marker in fetch(url):
            return time.perf_counter() - started
        time.sleep(POLL)
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (Linux /proc): on a shared machine the
    server's CPU per edit is steadier than the wall clock."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of ``pid`` in MB (Linux /proc)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


# --- edits: each returns the URL to poll and the marker it must show -------------------


def edit_wid(repo: Path, i: int) -> tuple[str, bytes]:
    target = min((repo / "wids").glob("WID-*.md"))
    text = target.read_text(encoding="utf-8")
    marker = f"Edited title {i}"
    text = re.sub(r"(?m)^title: .*$", f"title: {marker}", text, count=1)
    target.write_text(text, encoding="utf-8")
    wid_id = "-".join(target.stem.split("-")[:2])
    return url_of(product(wid_id)), marker.encode()


def edit_adr(repo: Path, i: int) -> tuple[str, bytes]:
    target = min((repo / "adrs").glob("0*.md"))
    marker = f"Context line {i} added while previewing"
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{marker}.\n")
    return url_of(decision(f"ADR-{target.name[:4]}")), marker.encode()


def edit_doc(repo: Path, i: int) -> tuple[str, bytes]:
    target = min((repo / "docs").rglob("*.md"), key=lambda p: (p.name == "index.md", p))
    marker = f"Paragraph {i} added while previewing"
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{marker}.\n")
    src_uri = target.relative_to(repo / "docs").as_posix()
    return url_of(src_uri), marker.encode()


def edit_cell(repo: Path, i: int) -> tuple[str, bytes]:
    """The description of the first dataset: the datasets sheet's part rewritten in the
    zip, the workbook saved beside the old one and renamed over it."""
    book = next((repo / "custodians").glob("*.xlsx"))
    marker = f"Description {i} edited while previewing"
    dataset_id = ""
    staged = book.with_name(f".{book.name}.tmp")
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet4.xml":  # datasets (generate.py's order)
                first = re.search(rb'<c r="A2"[^>]*><is><t>([^<]*)</t>', data)
                assert first is not None, "no dataset in row 2"
                dataset_id = first.group(1).decode()
                data = re.sub(
                    rb'(<c r="E2"[^>]*><is><t>)[^<]*(</t>)',
                    rb"\g<1>" + marker.encode() + rb"\g<2>",
                    data,
                    count=1,
                )
            out.writestr(info, data)
    staged.replace(book)
    return url_of(dataset(dataset_id)), marker.encode()


EDITS: dict[str, Callable[[Path, int], tuple[str, bytes]]] = {
    "WID title": edit_wid,
    "ADR text": edit_adr,
    "docs page text": edit_doc,
    "catalogue cell": edit_cell,
}


def bench(
    repo: Path,
    size: str,
    runs: int,
    edits: int,
    *,
    full: bool,
    startup_timeout: float = 900,
    git: bool = False,
    profile: Path | None = None,
    pause: float = 0.0,
) -> int:
    copy = _copy(repo, git=git)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    paved = bench_validate.paved_command()
    if profile is not None:
        paved = [sys.executable, "-c", SERVE_PROFILED, str(profile.resolve())]
    command = [*paved, "serve", "-a", f"127.0.0.1:{port}"]
    if full:
        command.append("--full")
    # Beside the copy, not in it: a small top-level file that changes on every rebuild
    # is configuration to the validator (``configuration_digest``), and would make the
    # server read everything again after each edit.
    log_path = copy.with_name(f"{copy.name}.log")
    log = log_path.open("w")
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=copy, stdout=log, stderr=subprocess.STDOUT)
    try:
        if wait_for(base, b"<html", timeout=startup_timeout) is None:
            print(f"the server did not answer within {startup_timeout:.0f} s; see", log_path)
            return 1
        startup = time.perf_counter() - started
        print(f"first build and serve: {startup:.1f} s")
        load_before = _timing.load_average()
        results: dict[str, list[float]] = {kind: [] for kind in EDITS}
        cpu: dict[str, list[float]] = {kind: [] for kind in EDITS}
        step = 0
        first_cpu = cpu_seconds(server.pid)
        for _ in range(runs):
            for kind, make in EDITS.items():
                time.sleep(pause)
                before = cpu_seconds(server.pid)
                url, marker = make(copy, step)
                seconds = wait_for(base + url, marker, timeout=300)
                step += 1
                if seconds is None:
                    print(f"  {kind}: not visible at {url} within 300 s")
                    return 1
                results[kind].append(seconds)
                cpu[kind].append(cpu_seconds(server.pid) - before)
                print(f"  {kind}: {seconds:.2f} s, server CPU {cpu[kind][-1]:.2f} s ({url})")
        kinds = list(EDITS.items())
        time.sleep(pause)  # the last timed edit's
        while step < edits:  # more edits for the memory figure, not timed
            kind, make = kinds[step % len(kinds)]
            url, marker = make(copy, step)
            if wait_for(base + url, marker, timeout=300) is None:
                print(f"  {kind}: not visible at {url} within 300 s")
                return 1
            step += 1
            time.sleep(pause)
            if step % 10 == 0:
                rss, peak = rss_mb(server.pid)
                print(
                    f"  after {step} edits: {rss:.0f} MB resident, peak {peak:.0f} MB", flush=True
                )
        rss, peak = rss_mb(server.pid)
        machine = _timing.machine()
        load = f"load {load_before} → {_timing.load_average()}"
        what = "serve --full" if full else "serve"
        print(f"\npaved {what}, {bench_validate.describe(size)}; {step} edits")
        print(f"  memory after {step} edits: {rss:.0f} MB resident, peak {peak:.0f} MB")
        total = cpu_seconds(server.pid) - first_cpu
        print(f"  server CPU over the {step} edits, idle work included: {total:.1f} s")
        if pause:
            print(f"  {pause:g} s between a page served and the next edit")
        print(f"  machine: {machine}; {load}; date {_timing.today()}")
        print("\nrows for benchmarks/README.md:")
        flags = f"--size {size} --runs {runs}" + (" --full" if full else "")
        flags += " --git" if git else ""
        for kind, timings in results.items():
            print(
                _timing.table_row(
                    [
                        f"{what}: {kind} → page served, {size}",
                        f"`python benchmarks/bench_serve_incremental.py {flags}`",
                        machine,
                        _timing.today(),
                        f"**{statistics.median(timings):.2f} s**",
                        f"runs {', '.join(f'{s:.2f}' for s in timings)}; server CPU "
                        f"median {statistics.median(cpu[kind]):.2f} s; first build "
                        f"{startup:.0f} s; RSS {rss:.0f} MB after {step} edits "
                        f"(peak {peak:.0f}); {load}",
                    ]
                )
            )
        return 0
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: serve removes its site folder
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def bench_in_process(
    repo: Path,
    size: str,
    runs: int,
    edits: int,
    *,
    git: bool,
    pause: float,
    profile: Path | None = None,
) -> int:
    """The rebuild of ``paved serve`` alone (module docstring), per kind of edit."""
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    from paved.generator.cli import old_names
    from paved.generator.cli.serve import COLLECT_EVERY, COLLECT_WHEN_IDLE
    from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder

    copy = _copy(repo, git=git, suffix=f"-{os.getpid()}")  # two runs side by side
    old_names.install()
    site_dir = tempfile.mkdtemp(prefix="paved_bench_")
    config_file = str(copy / "mkdocs.yml")
    dev_addr = "127.0.0.1:8000"
    serve_url = "http://127.0.0.1:8000/"

    def load() -> MkDocsConfig:
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
        config.site_url = serve_url
        return config

    first = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
    first.plugins.on_startup(command="serve", dirty=False)
    builder = IncrementalBuilder(
        in_place=True, collect_every=COLLECT_EVERY, collect_when_idle=COLLECT_WHEN_IDLE
    )
    collector = [0.0]
    started_gc = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started_gc[0] = time.process_time()
        else:
            collector[0] += time.process_time() - started_gc[0]

    profiler = cProfile.Profile() if profile else None

    def timed(profiled: bool = True) -> tuple[float, float, float]:
        collector[0] = 0.0
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler is not None and profiled:
            profiler.runcall(builder.build, load, serve_url=serve_url)
        else:
            builder.build(load, serve_url=serve_url)
        return time.process_time() - cpu, time.perf_counter() - wall, collector[0]

    gc.callbacks.append(on_gc)
    try:
        cpu, wall, _ = timed(profiled=False)
        print(f"first build: {cpu:.1f} s CPU, {wall:.1f} s wall ({builder.last_built} pages)")
        load_before = _timing.load_average()
        cpus: dict[str, list[float]] = {kind: [] for kind in EDITS}
        walls: dict[str, list[float]] = {kind: [] for kind in EDITS}
        kinds = list(EDITS.items())
        total = max(edits, runs * len(kinds))
        for step in range(total):
            kind, make = kinds[step % len(kinds)]
            time.sleep(pause)
            url, marker = make(copy, step)
            cpu, wall, collecting = timed()
            page = Path(site_dir) / url
            if page.suffix != ".html":
                page = page / "index.html"
            if marker not in page.read_bytes():
                print(f"  {kind}: the edit is not in {page}")
                return 1
            if (step + 1) % 10 == 0:
                rss, peak = rss_mb(os.getpid())
                print(f"  after {step + 1} edits: {rss:.0f} MB resident, peak {peak:.0f} MB")
            if step < runs * len(kinds):
                cpus[kind].append(cpu)
                walls[kind].append(wall)
                print(
                    f"  {kind}: {cpu:.2f} s CPU, {wall:.2f} s wall, collector {collecting:.2f}"
                    f" s; {builder.last_built} pages built, {builder.last_kept} kept"
                )
        time.sleep(pause)
        if profiler is not None and profile is not None:
            profiler.dump_stats(profile)  # the rebuilds only: python -m pstats FILE
        rss, peak = rss_mb(os.getpid())
        load = f"load {load_before} → {_timing.load_average()}"
        print(f"\nin process, {bench_validate.describe(size)}; {total} edits; {load}")
        print(f"  memory after {total} edits: {rss:.0f} MB resident, peak {peak:.0f} MB")
        for kind in EDITS:
            print(
                f"  {kind}: median {statistics.median(cpus[kind]):.2f} s CPU, "
                f"{statistics.median(walls[kind]):.2f} s wall "
                f"(CPU {', '.join(f'{s:.2f}' for s in cpus[kind])})"
            )
        return 0
    finally:
        gc.callbacks.remove(on_gc)
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.rmtree(copy, ignore_errors=True)


def _copy(repo: Path, *, git: bool, suffix: str = "") -> Path:
    """``repo`` copied to ``<name>-serve<suffix>`` beside it (a git checkout with ``git``)."""
    copy = repo.with_name(f"{repo.name}-serve{suffix}")
    if copy.exists():
        shutil.rmtree(copy)
    # The source's own history (if it is a checkout) is left behind: with ``git`` the
    # copy gets one commit of its own, so every run starts from the same history.
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".paved", ".git"))
    if git:  # as a team's checkout: git facts and the "What changed" page have history
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic"]):
            subprocess.run(
                ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
                cwd=copy,
                check=True,
            )
    return copy


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time paved serve from a one-line change to the page served with it.",
        epilog="example: .venv/bin/python benchmarks/bench_serve_incremental.py --runs 3",
    )
    parser.add_argument("--size", choices=sorted(bench_validate.generate.PRESETS), default="large")
    parser.add_argument("--runs", type=int, default=3, help="timed edits per kind (default 3)")
    parser.add_argument("--edits", type=int, default=0, help="edit this many times in all")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--full", action="store_true", help="serve --full (every page)")
    parser.add_argument(
        "--git",
        action="store_true",
        help="serve a git checkout of the repository (one commit), as teams do",
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="time serve's rebuild in this process (CPU and wall), without server or HTTP",
    )
    parser.add_argument(
        "--pause",
        type=float,
        help="seconds between an edit's page served and the next edit (the author's "
        "pause: serve's idle work runs in it); default 1.5 with --in-process, 0 through "
        "HTTP (edits back to back)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="cProfile the rebuilds (not the first build) into this file: in the server "
        "process, or in this one with --in-process",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="use this generated repository instead of benchmarks/out/<size>",
    )
    parser.add_argument(
        "--startup-timeout",
        type=float,
        default=900,
        help="seconds to wait for the first build (default 900; more on a loaded machine)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    repo = args.out or bench_validate.ensure_repository(
        args.size, args.seed, "xlsx", regenerate=False
    )
    if args.in_process:
        return bench_in_process(
            repo,
            args.size,
            args.runs,
            args.edits,
            git=args.git,
            pause=1.5 if args.pause is None else args.pause,
            profile=args.profile,
        )
    return bench(
        repo,
        args.size,
        args.runs,
        args.edits,
        full=args.full,
        startup_timeout=args.startup_timeout,
        git=args.git,
        profile=args.profile,
        pause=args.pause or 0.0,
    )


if __name__ == "__main__":
    sys.exit(main())
