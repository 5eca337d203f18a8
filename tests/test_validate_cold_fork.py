"""``paved validate --no-cache`` reads the Markdown in a forked child while it reads the
catalogue (``core.forked.Meanwhile``): the findings, their order and the exit code must
be exactly those of the same run in one process. One CPU (a container's limit, set here
with the process's affinity) means no child at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"

#: Runs the real command in a fresh interpreter (no test-runner threads, which make
#: fork unsafe and so turn it off), counting the forks it makes; ``one-cpu`` first
#: narrows the process to one CPU as a container limit would.
SCRIPT = """
import json, os, sys
from paved.generator.cli import main

if sys.argv[2] == "one-cpu":
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
forks = []
real_fork = os.fork

def counting_fork():
    pid = real_fork()
    if pid:
        forks.append(pid)
    return pid

os.fork = counting_fork
code = 0
try:
    main(["validate", "--no-cache", "--format", "json", sys.argv[1]], standalone_mode=False)
except SystemExit as stop:
    code = stop.code or 0
sys.stdout.flush()
print(json.dumps({"code": code, "forks": len(forks)}), file=sys.stderr)
"""


def _run(repo: Path, cpus: str) -> tuple[str, dict[str, int]]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(repo), cpus],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PAVED_TRUST_CONFIG": ""},
    )
    assert done.stderr.strip(), "the run printed nothing on stderr"
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def _broken_mini(tmp_path: Path) -> Path:
    """The small validation fixture with a finding from each side: a WID naming a
    domain the catalogue lacks (a rule across both) and a dataset without a description."""
    repo = tmp_path / "mini"
    shutil.copytree(FIXTURES / "validation" / "mini", repo)
    wid = repo / "wids" / "WID-0001-store-sales.md"
    wid.write_text(wid.read_text().replace("domain: sales", "domain: sale"))
    datasets = repo / "custodians" / "datasets.csv"
    datasets.write_text(datasets.read_text().replace("One row per own store.", ""))
    return repo


REPOS = [
    "example",
    "mini-broken",
    "bad/yaml-invalid",
    "bad/sheet-far-cell",
    "bad/docs-invalid-yaml",
    "bad/merged-cells",
]


@pytest.mark.parametrize("name", REPOS)
def test_a_cold_run_with_a_child_finds_exactly_what_one_process_finds(
    name: str, tmp_path: Path
) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("this machine gives the tests one CPU: validate never forks there")
    if name == "example":
        repo = ROOT
    elif name == "mini-broken":
        repo = _broken_mini(tmp_path)
    else:
        repo = FIXTURES / name
    alone, alone_facts = _run(repo, "one-cpu")
    shared, shared_facts = _run(repo, "all")
    assert alone_facts["forks"] == 0
    assert shared_facts["forks"] == 1, "the documents were not read by a forked child"
    assert shared == alone
    assert shared_facts["code"] == alone_facts["code"]
    findings = json.loads(shared)
    if name != "example":
        assert findings, f"{name} should have findings to compare"
