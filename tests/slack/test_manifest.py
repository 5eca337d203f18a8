"""The shipped app manifest asks for exactly the minimum scopes and events, and names the
command and shortcut the listeners handle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from paved.bot.listeners.commands.paved import COMMAND
from paved.bot.listeners.shortcuts.page_feedback import CALLBACK_ID

MANIFEST = Path(__file__).resolve().parents[2] / "bot" / "manifest.yaml"


def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_minimum_scopes_and_events() -> None:
    data = manifest()
    assert sorted(data["oauth_config"]["scopes"]["bot"]) == [
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
        "users:read",
    ]
    events = data["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == ["app_mention", "message.im"]
    assert "message.channels" not in events, "a mention would arrive twice"
    assert data["settings"]["interactivity"]["is_enabled"] is True


def test_direct_messages_are_possible() -> None:
    home = manifest()["features"]["app_home"]
    assert home["messages_tab_enabled"] is True
    assert home["messages_tab_read_only_enabled"] is False


def test_command_and_shortcut_match_the_listeners() -> None:
    features = manifest()["features"]
    assert [c["command"] for c in features["slash_commands"]] == [COMMAND]
    shortcuts = features["shortcuts"]
    assert [(s["type"], s["callback_id"]) for s in shortcuts] == [("message", CALLBACK_ID)]
    assert shortcuts[0]["name"] == "Send feedback about a page"


def test_every_request_url_is_the_bolt_route() -> None:
    data = manifest()
    urls = [
        data["settings"]["event_subscriptions"]["request_url"],
        data["settings"]["interactivity"]["request_url"],
        *(c["url"] for c in data["features"]["slash_commands"]),
    ]
    assert all(url.endswith("/slack/events") for url in urls)
