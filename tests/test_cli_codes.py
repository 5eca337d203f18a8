"""`paved codes` lists exactly the registered diagnostic codes, and explains one."""

from __future__ import annotations

import re

from click.testing import CliRunner

from paved.generator.cli import main
from paved.generator.core.codes import CODES

CODE = re.compile(r"^(FILE|YAML|SHEET|WID|ADR|CAT|DOC|SEC|OWN|SYN)\d{3}$")


def test_every_listed_code_is_a_diagnostic_code() -> None:
    result = CliRunner().invoke(main, ["codes"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed, "paved codes printed nothing"
    assert [c for c in listed if not CODE.match(c)] == []
    assert listed == sorted(CODES)
    assert {"YAML002", "SHEET004", "WID101", "ADR201", "CAT301", "SEC501"} <= set(listed)


def test_one_code_is_explained_with_its_fix() -> None:
    result = CliRunner().invoke(main, ["codes", "yaml002"])
    assert result.exit_code == 0
    assert result.output.startswith("YAML002 (error, rule load): Invalid YAML\n")
    assert "\nfix: " in result.output


def test_unknown_code_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["codes", "NOPE999"])
    assert result.exit_code == 2
    assert "unknown code 'NOPE999'" in result.output
