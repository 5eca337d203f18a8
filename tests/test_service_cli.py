"""``paved bot`` refuses bad settings with a message naming the variable, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from paved.generator.cli import main


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAVED_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return CliRunner()


def test_partial_slack_configuration_exits_naming_the_variable(runner: CliRunner) -> None:
    result = runner.invoke(main, ["bot"], env={"SLACK_BOT_TOKEN": "xoxb-1"})
    assert result.exit_code == 1
    assert result.output == (
        "Error: SLACK_SIGNING_SECRET is not set: HTTP mode verifies Slack's signed requests"
        " with it\n"
    )


def test_socket_mode_without_slack_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(main, ["bot", "--socket"])
    assert result.exit_code == 1
    assert "--socket needs Slack" in result.output


def test_unusable_store_is_a_message(runner: CliRunner) -> None:
    result = runner.invoke(main, ["bot"], env={"PAVED_DATABASE_URL": "mysql://db/paved"})
    assert result.exit_code == 1
    expected = "Error: PAVED_DATABASE_URL 'mysql://db/paved' is not a database URL"
    assert result.output.startswith(expected)


def test_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(main, ["bot", "--help"])
    assert result.exit_code == 0
    assert "paved bot --port 8001" in result.output
