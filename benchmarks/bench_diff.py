"""Time ``paved diff`` against one ``paved validate`` on the large synthetic repository.

    .venv/bin/python benchmarks/bench_diff.py                 # 5 interleaved runs each
    .venv/bin/python benchmarks/bench_diff.py --runs 3

Target: ``paved diff`` of a change touching 100 WIDs, 500 columns and 50 lineage edges
≤ 2 × one ``paved validate`` of the same repository (measured side by side, alternating,
so a neighbour's load hits both). The large repository is reused read-only from
``benchmarks/out/large`` (``bench_validate.py`` writes it); this script copies it to
``benchmarks/out/diff-large``, commits it as ``main`` and commits the change on a branch.

The change (seeded, deterministic): 250 columns retyped, 125 removed, 125 renamed
(``x`` → ``x_v2``, found by rename detection), 25 lineage edges removed and 25 added,
100 WIDs retitled (20 of them also moved one status on). Both commands run as
subprocesses, as a user runs them: start-up and imports count.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import _timing
import generate
from _catalogue import build_catalogue, write_xlsx
from bench_validate import ensure_repository, paved_command

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "out" / "diff-large"
SEED = 7
_STATUS = re.compile(r"^status: (\w+)$", re.MULTILINE)
_NEXT = {"draft": "submitted", "submitted": "approved", "approved": "onboarded"}


def _git(*args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com", *args],
        cwd=WORK,
        check=True,
        capture_output=True,
    )


def prepare(source: Path) -> None:
    """A git repository: the large repository as main, the change on branch 'change'."""
    if WORK.exists():
        shutil.rmtree(WORK)
    shutil.copytree(source, WORK)
    _git("init", "-q", "-b", "main")
    _git("add", "-A")
    _git("commit", "-q", "-m", "base")
    _git("checkout", "-q", "-b", "change")
    sizes = generate.PRESETS["large"]
    catalogue = build_catalogue(
        random.Random(SEED),
        sizes.domains,
        sizes.custodians,
        sizes.systems,
        sizes.datasets,
        sizes.columns,
    )
    rng = random.Random(13)
    picked = rng.sample([(d, i) for d in catalogue.datasets for i in range(1, len(d.columns))], 500)
    removals: dict[int, set[int]] = {}
    for n, (dataset, index) in enumerate(picked):
        name, kind, desc, personal = dataset.columns[index]
        if n < 250:
            dataset.columns[index] = (
                name,
                "string" if kind != "string" else "integer",
                desc,
                personal,
            )
        elif n < 375:
            dataset.columns[index] = (f"{name}_v2", kind, desc, personal)
        else:
            removals.setdefault(id(dataset), set()).add(index)
    for dataset in catalogue.datasets:
        gone = removals.get(id(dataset))
        if gone:
            dataset.columns = [c for i, c in enumerate(dataset.columns) if i not in gone]
    edges = rng.sample(range(len(catalogue.lineage)), 25)
    removed = {catalogue.lineage[i] for i in edges}
    catalogue.lineage = [e for e in catalogue.lineage if e not in removed]
    ids = [d.id for d in catalogue.datasets]
    existing = {(e[0], e[1]) for e in catalogue.lineage}
    added = 0
    while added < 25:
        up, down = rng.sample(ids, 2)
        if (up, down) not in existing:
            existing.add((up, down))
            catalogue.lineage.append((up, down, "serve", "Added by the benchmark change."))
            added += 1
    write_xlsx(WORK / "custodians" / "catalogue.xlsx", catalogue)
    wids = sorted((WORK / "wids").glob("WID-*.md"))
    for n, path in enumerate(rng.sample(wids, 100)):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^title: (.*)$", r"title: \1 (revised)", text, count=1, flags=re.MULTILINE)
        match = _STATUS.search(text)
        if n < 20 and match and match.group(1) in _NEXT:
            text = _STATUS.sub(f"status: {_NEXT[match.group(1)]}", text, count=1)
        path.write_text(text, encoding="utf-8")
    _git("add", "-A")
    _git("commit", "-q", "-m", "change: 100 WIDs, 500 columns, 50 lineage edges")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep benchmarks/out/diff-large")
    args = parser.parse_args(argv)
    source = ensure_repository("large", SEED, "xlsx", regenerate=False)
    if not (args.reuse and (WORK / ".git").is_dir()):
        prepare(source)
    validate = [*paved_command(), "validate", "-q", "--no-cache", str(WORK)]
    cached = [*paved_command(), "validate", "-q", str(WORK)]
    diff = [
        *paved_command(),
        "diff",
        "--base",
        "main",
        "--fail-on",
        "never",
        "--format",
        "json",
        str(WORK),
    ]
    warm = _timing.run_once(diff, cwd=ROOT)
    if warm.returncode != 0:
        print(warm.output[-2000:])
        return 1
    counts = re.search(r'"counts": \{[^}]*\}', warm.output)
    print(f"paved diff found: {counts.group(0) if counts else '?'}")
    _timing.run_once(validate, cwd=ROOT)
    load_before = _timing.load_average()
    _timing.run_once(cached, cwd=ROOT)
    v_times: list[float] = []
    c_times: list[float] = []
    d_times: list[float] = []
    for _ in range(args.runs):
        v_times.append(_timing.run_once(validate, cwd=ROOT).seconds)
        c_times.append(_timing.run_once(cached, cwd=ROOT).seconds)
        d_times.append(_timing.run_once(diff, cwd=ROOT).seconds)
    v, d = statistics.median(v_times), statistics.median(d_times)
    print(
        f"machine: {_timing.machine()}; load {load_before} → {_timing.load_average()}; "
        f"date {_timing.today()}"
    )
    print(f"paved validate --no-cache: median {v:.2f} s ({', '.join(f'{t:.2f}' for t in v_times)})")
    c = statistics.median(c_times)
    print(
        f"paved validate (warm cache): median {c:.2f} s ({', '.join(f'{t:.2f}' for t in c_times)})"
    )
    print(f"paved diff:     median {d:.2f} s ({', '.join(f'{t:.2f}' for t in d_times)})")
    print(f"ratio diff / validate --no-cache: {d / v:.2f} (target ≤ 2.00)")
    print(f"ratio diff / validate with a warm cache: {d / c:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
