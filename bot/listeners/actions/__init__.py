"""Button clicks on the bot's answers: 👍, 👎 (opens a modal) and "Ask a human"."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from paved.bot.listeners.actions import ask_human, rate
from paved.bot.listeners.deps import Deps


def register(app: AsyncApp, deps: Deps) -> None:
    rate.register(app, deps)
    ask_human.register(app, deps)
