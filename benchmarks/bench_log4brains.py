"""Decision log: ``paved build`` against ``log4brains build`` (1.1.0) on the same ADRs.

    .venv/bin/python benchmarks/bench_log4brains.py                    # 500 ADRs
    .venv/bin/python benchmarks/bench_log4brains.py --l4b-runs 2 --paved-runs 5
    .venv/bin/python benchmarks/bench_log4brains.py --l4b-prefix /tmp/l4b   # reuse an install

Target: Paved at least 25× faster than log4brains on 500 MADR ADRs.

One git repository holds the 500 ADRs (``adrs/YYYYMMDD-slug.md``, log4brains' own file
names, MADR 2 bullets as log4brains writes them, see ``_decision_log.py``), a
``.log4brains.yml`` pointing log4brains at ``adrs/`` and a minimal ``mkdocs.yml``
(Material, search, the ``paved`` plugin; no mkdocstrings API reference). Both tools read
the very same files. log4brains is installed with npm into a temporary prefix (never
globally, nothing committed). Each tool builds its static site into a fresh folder
outside the repository, as a subprocess, wall clock: log4brains ``--l4b-runs`` times
(default 3), Paved ``--paved-runs`` times (default 5) after one untimed warm-up; the
figure is the median.

log4brains also gets one untimed warm-up build (``--l4b-warmups``): it runs ``next
build`` inside its own install (``@log4brains/web/nextjs/.next-export``), and the first
build after another project exports that project's pages, so a first run is not the
steady state and its site cannot be checked. Afterwards the two sites are compared
decision by decision (title, status, date, superseded-by, deciders, tags), so the
timing is known to be of the same decision log.

Paved runs with its modules' bytecode cached, as after installing its wheel (pip
byte-compiles what it installs): an editable install under ``PYTHONDONTWRITEBYTECODE``
(set on the machine these figures come from) would compile Paved's own modules from
source on every run, about 0.15 s. The cache is a temporary folder
(``PYTHONPYCACHEPREFIX``), filled by ``paved validate`` and the untimed warm-up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _decision_log as D  # noqa: E402
from _timing import RunResult, cpu_model, run_once, today  # noqa: E402

LOG4BRAINS = "log4brains@1.1.0"

# No browser download, no telemetry or update check over the network during the runs.
QUIET_ENV = {
    "PUPPETEER_SKIP_DOWNLOAD": "1",
    "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1",
    "NEXT_TELEMETRY_DISABLED": "1",
    "NO_UPDATE_NOTIFIER": "1",
}


def install_log4brains(prefix: Path) -> Path:
    """``npm install --prefix`` once; reused while its binary is there."""
    binary = prefix / "node_modules" / ".bin" / "log4brains"
    if not binary.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        print(f"installing {LOG4BRAINS} into {prefix} ...", flush=True)
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), LOG4BRAINS],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not binary.exists():
            raise SystemExit(f"npm install {LOG4BRAINS} failed:\n{done.stderr[-3000:]}")
    return binary


def timed_builds(argv: Sequence[str], site: Path, cwd: Path, runs: int) -> list[RunResult]:
    """Build ``runs`` times, each into an emptied ``site`` (the removal is not timed)."""
    results = []
    for i in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        result = run_once(argv, cwd=cwd)
        if result.returncode != 0:
            raise SystemExit(
                f"{argv[0]} failed (exit {result.returncode}):\n{result.output[-4000:]}"
            )
        print(f"  run {i + 1}: {result.seconds:.2f} s wall, {result.cpu:.2f} s CPU", flush=True)
        results.append(result)
    return results


def median(results: Sequence[RunResult]) -> float:
    return statistics.median(r.seconds for r in results)


def uptime() -> str:
    done = subprocess.run(["uptime"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def version(argv: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, check=False)
    except OSError:
        return "?"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


RECORDED_L4B = 58.9
"""log4brains 1.1.0's pooled median here (12 runs, 2026-11-21): ``--paved-only`` reuses it."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adrs", type=int, default=500, help="number of ADRs (default 500)")
    parser.add_argument("--seed", type=int, default=7, help="generate.py seed (default 7)")
    parser.add_argument("--l4b-runs", type=int, default=3, help="log4brains builds (median)")
    parser.add_argument(
        "--l4b-warmups", type=int, default=1, help="untimed log4brains builds first (default 1)"
    )
    parser.add_argument("--paved-runs", type=int, default=5, help="paved builds (median)")
    parser.add_argument(
        "--l4b-prefix",
        type=Path,
        default=Path(tempfile.gettempdir()) / "paved-bench-log4brains-1.1.0",
        help="npm prefix to install log4brains into (reused when already there)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the repository and sites")
    parser.add_argument(
        "--paved-only",
        action="store_true",
        help="time Paved only; the ratio uses --l4b-seconds",
    )
    parser.add_argument(
        "--l4b-seconds",
        type=float,
        default=RECORDED_L4B,
        metavar="S",
        help=(
            "with --paved-only: log4brains' median measured on this machine (default "
            f"{RECORDED_L4B:.1f} s, recorded on another one: machines differ by 2x, so "
            "the ratio is only meaningful with this machine's own figure)"
        ),
    )
    args = parser.parse_args(argv)
    os.environ.update(QUIET_ENV)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    paved = Path(sys.executable).with_name("paved")
    l4b = None if args.paved_only else install_log4brains(args.l4b_prefix)
    work = Path(tempfile.mkdtemp(prefix="paved-bench-l4b-"))
    repo, paved_site, l4b_site = work / "repo", work / "paved-site", work / "l4b-site"
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    try:
        adrs = D.plan(args.adrs, args.seed)
        D.write_repository(repo, adrs, extensions=D.shipped_extensions(HERE.parent / "mkdocs.yml"))
        check = subprocess.run(
            [str(paved), "validate", "."], cwd=repo, capture_output=True, text=True, check=False
        )
        print(f"paved validate: {check.stdout.strip().splitlines()[-1]}", flush=True)
        if check.returncode != 0:
            raise SystemExit(check.stdout[-3000:])

        print(f"{today()} · {os.cpu_count()} cores, {cpu_model()}")
        print(f"before: {uptime()}", flush=True)
        print(f"paved build ({args.paved_runs} runs after one warm-up):", flush=True)
        paved_argv = [str(paved), "build", "-q", "-d", str(paved_site)]
        timed_builds(paved_argv, paved_site, repo, 1)
        paved_runs = timed_builds(paved_argv, paved_site, repo, args.paved_runs)
        print("paved build -f mkdocs-extensions.yml (the portal's Markdown extensions):")
        ext_argv = [*paved_argv, "-f", "mkdocs-extensions.yml"]
        timed_builds(ext_argv, paved_site, repo, 1)
        ext_runs = timed_builds(ext_argv, paved_site, repo, args.paved_runs)
        timed_builds(paved_argv, paved_site, repo, 1)  # the minimal site is the one compared
        if l4b is None:
            ours = median(paved_runs)
            source = (
                "given with --l4b-seconds"
                if args.l4b_seconds != RECORDED_L4B
                else "recorded on another machine, benchmarks/README.md: not a ratio for this one"
            )
            print(f"after: {uptime()}", flush=True)
            print(
                f"\nPaved {ours:.2f} s (median of {len(paved_runs)}: "
                f"{', '.join(f'{r.seconds:.2f}' for r in paved_runs)}) · log4brains "
                f"{args.l4b_seconds:.1f} s ({source}) · ratio "
                f"{args.l4b_seconds / ours:.1f}× (target ≥ 25×) · with the portal's extensions "
                f"{median(ext_runs):.2f} s · CPU median "
                f"{statistics.median(r.cpu for r in paved_runs):.2f} s"
            )
            return 0
        print(
            f"log4brains build ({args.l4b_runs} runs after {args.l4b_warmups} warm-up):", flush=True
        )
        l4b_argv = [str(l4b), "build", "--out", str(l4b_site)]
        timed_builds(l4b_argv, l4b_site, repo, args.l4b_warmups)
        l4b_runs = timed_builds(l4b_argv, l4b_site, repo, args.l4b_runs)
        print(f"after: {uptime()}", flush=True)

        problems = D.differences(D.read_paved_site(paved_site), D.read_log4brains_site(l4b_site))
        paved_pages = len(D.read_paved_site(paved_site))
        l4b_pages = sum(1 for _ in (l4b_site / "adr").glob("*/index.html"))
        print(
            f"same decisions: {paved_pages} Paved pages, {l4b_pages} log4brains pages, "
            f"{len(problems)} differences"
        )
        for problem in problems[:20]:
            print(f"  {problem}")

        ours, theirs, ext = median(paved_runs), median(l4b_runs), median(ext_runs)
        print(
            f"\nPaved {ours:.2f} s (median of {len(paved_runs)}: "
            f"{', '.join(f'{r.seconds:.2f}' for r in paved_runs)}) · log4brains {theirs:.1f} s "
            f"(median of {len(l4b_runs)}: {', '.join(f'{r.seconds:.1f}' for r in l4b_runs)}) "
            f"· ratio {theirs / ours:.1f}× (target ≥ 25×)"
        )
        print(
            f"with the portal's Markdown extensions: Paved {ext:.2f} s (median of "
            f"{len(ext_runs)}: {', '.join(f'{r.seconds:.2f}' for r in ext_runs)}) · "
            f"ratio {theirs / ext:.1f}×"
        )
        print(
            f"CPU medians: Paved {statistics.median(r.cpu for r in paved_runs):.2f} s, "
            f"with extensions {statistics.median(r.cpu for r in ext_runs):.2f} s, "
            f"log4brains {statistics.median(r.cpu for r in l4b_runs):.1f} s · "
            f"node {version(['node', '--version'])}, Python {sys.version.split()[0]}"
        )
        return 1 if problems else 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
