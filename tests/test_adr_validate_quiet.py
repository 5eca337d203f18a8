"""``paved validate --strict -q``: the summary explains the exit code (issue 10)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from paved.generator.cli import main

MINI = Path(__file__).parent / "fixtures" / "validation" / "mini"


def test_strict_quiet_shows_the_warnings_that_fail_the_run(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    datasets = repo / "custodians" / "datasets.csv"
    datasets.write_text(datasets.read_text().replace("One row per own store.", ""))
    quiet = CliRunner().invoke(main, ["validate", "-q", str(repo)])
    assert (quiet.exit_code, quiet.output) == (0, "0 errors, 0 warnings in 10 files\n")
    strict = CliRunner().invoke(main, ["validate", "--strict", "-q", str(repo)])
    assert strict.exit_code == 1
    assert "warning CAT307" in strict.output
    assert strict.output.splitlines()[-1] == "0 errors, 1 warning in 10 files"
