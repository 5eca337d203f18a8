"""``paved build`` and ``paved serve``: thin CLI wrappers over MkDocs' build and server."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from example_site import break_a_wid, copy_example

from paved.generator.cli import main


def test_build_writes_the_site_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "repo")
    monkeypatch.chdir(root)

    result = CliRunner().invoke(main, ["build", "-q", "-d", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "index.html").is_file()
    assert f"paved: portal built in {tmp_path / 'out'}" in result.output


def test_build_fails_with_the_located_validation_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "repo")
    path, line = break_a_wid(root)
    monkeypatch.chdir(root)

    result = CliRunner().invoke(main, ["build", "--strict", "-d", str(tmp_path / "out")])

    assert result.exit_code == 1
    assert f"{path}:{line}:" in result.output
    assert "Traceback" not in result.output


def test_build_without_a_configuration_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["build"])

    assert result.exit_code == 2
    assert "mkdocs.yml" in result.output


@pytest.mark.parametrize("command", ["build", "serve"])
def test_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])

    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"paved {command}" in result.output
