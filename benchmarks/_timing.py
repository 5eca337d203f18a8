"""Shared helpers for the benchmark scripts: time a command N times, describe the
machine, and format one row of the figures table in ``benchmarks/README.md``.

A figure without its machine and date cannot be compared with anything, so every
benchmark prints both next to the median.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of each run; the median is the figure we record. CPU seconds
    (user + system) are kept too: on a shared machine they vary less than wall clock."""

    seconds: tuple[float, ...]
    cpu: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def minimum(self) -> float:
        return min(self.seconds)

    @property
    def maximum(self) -> float:
        return max(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def summary(self) -> str:
        return (
            f"median {self.median:.2f} s (min {self.minimum:.2f}, max {self.maximum:.2f}, "
            f"{len(self.seconds)} runs; CPU median {self.cpu_median:.2f} s)"
        )


@dataclass(frozen=True)
class RunResult:
    returncode: int
    seconds: float
    cpu: float
    output: str


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv: Sequence[str], cwd: Path | None = None) -> RunResult:
    """Run ``argv`` to completion, output captured so printing does not count."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        list(argv), cwd=cwd, capture_output=True, text=True, check=False, env=os.environ.copy()
    )
    elapsed = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    return RunResult(done.returncode, elapsed, cpu, done.stdout + done.stderr)


def time_runs(argv: Sequence[str], runs: int, cwd: Path | None = None) -> Timing:
    results = [run_once(argv, cwd) for _ in range(runs)]
    return Timing(tuple(r.seconds for r in results), tuple(r.cpu for r in results))


def peak_child_rss_mb() -> float:
    """Largest resident set of any child process waited for so far (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine()
    for line in text.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def machine() -> str:
    """One line: cores, CPU model, Python version, OS."""
    return (
        f"{os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}, "
        f"{platform.system()}"
    )


def load_average() -> str:
    """The 1-minute load average: on a shared machine, the context a figure needs."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "n/a"


def today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def table_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
