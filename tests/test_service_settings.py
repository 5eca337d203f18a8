"""Settings from the environment: defaults, Slack all-or-nothing, fail-fast messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from paved.bot.settings import DEFAULT_ALLOWED_ORIGINS, Settings, SettingsError

SLACK_HTTP = {
    "SLACK_BOT_TOKEN": "xoxb-1",
    "SLACK_SIGNING_SECRET": "s",
    "PAVED_SUPPORT_CHANNEL": "data-platform-help",
}


def test_defaults_without_slack() -> None:
    settings = Settings.from_env({})
    assert settings.slack is None
    assert settings.database_url == "sqlite:///.paved/paved.db"
    assert settings.data_dir == Path(".paved")
    assert settings.allowed_origins == DEFAULT_ALLOWED_ORIGINS
    assert settings.rate_limit_per_minute == 30
    assert settings.max_body_bytes == 8192


def test_values_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            **SLACK_HTTP,
            "PAVED_DATA_DIR": "/var/lib/paved",
            "PAVED_ALLOWED_ORIGINS": "https://docs.halden.example/, http://localhost:8000",
            "PAVED_PORTAL_URL": "https://docs.halden.example/",
            "PAVED_RATE_LIMIT_PER_MINUTE": "0",
            "SLACK_API_URL": "http://127.0.0.1:5555/api",
        }
    )
    assert settings.database_url == "sqlite:////var/lib/paved/paved.db"
    assert settings.allowed_origins == ("https://docs.halden.example", "http://localhost:8000")
    assert settings.portal_url == "https://docs.halden.example"
    assert settings.rate_limit_per_minute == 0
    assert settings.slack is not None
    assert settings.slack.signing_secret == "s"
    assert settings.slack.api_url == "http://127.0.0.1:5555/api/"


@pytest.mark.parametrize(
    ("env", "socket_mode", "message"),
    [
        ({"SLACK_SIGNING_SECRET": "s"}, False, "SLACK_BOT_TOKEN is not set"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, False, "SLACK_SIGNING_SECRET is not set"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, True, "SLACK_APP_TOKEN is not set"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"},
            False,
            "PAVED_SUPPORT_CHANNEL is not set",
        ),
        ({**SLACK_HTTP, "SLACK_BOT_TOKEN": "xapp-1"}, False, "SLACK_BOT_TOKEN must be a bot"),
        ({"PAVED_RATE_LIMIT_PER_MINUTE": "lots"}, False, "PAVED_RATE_LIMIT_PER_MINUTE must be"),
        ({"PAVED_ALLOWED_ORIGINS": "docs.example"}, False, "PAVED_ALLOWED_ORIGINS: 'docs."),
    ],
)
def test_fail_fast_naming_the_variable(
    env: dict[str, str], socket_mode: bool, message: str
) -> None:
    with pytest.raises(SettingsError, match=message.replace(".", r"\.")):
        Settings.from_env(env, socket_mode=socket_mode)


def test_socket_mode_needs_the_app_token_not_the_secret() -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "PAVED_SUPPORT_CHANNEL": "c"}
    slack = Settings.from_env(env, socket_mode=True).slack
    assert slack is not None
    assert (slack.app_token, slack.signing_secret) == ("xapp-1", None)
