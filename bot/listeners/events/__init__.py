"""Event listeners: questions asked by mentioning the bot or writing to it directly."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.events import app_mention, direct_message


def register(app: AsyncApp, deps: Deps) -> None:
    app_mention.register(app, deps)
    direct_message.register(app, deps)
