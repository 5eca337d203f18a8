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


def test_store_in_a_linked_folder_exits_1_naming_the_link(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default store, .paved/paved.db, with .paved committed as a link out of the
    repository: refused before anything is written (exit 1, as every store problem)."""
    (tmp_path / "repo").mkdir()
    (tmp_path / "hooks").mkdir()
    (tmp_path / "repo" / ".paved").symlink_to(tmp_path / "hooks", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "repo")
    monkeypatch.delenv("PAVED_DATABASE_URL")
    monkeypatch.delenv("PAVED_DATA_DIR", raising=False)
    # (paved bot is checked last: before the check it would start serving)
    for command in (["report", "feedback"], ["report", "questions"], ["bot"]):
        result = runner.invoke(main, command)
        assert result.exit_code == 1, (command, result.output)
        assert "the store .paved/paved.db is in .paved, a symbolic link to " in result.output
        assert "Traceback" not in result.output
    assert list((tmp_path / "hooks").iterdir()) == []
