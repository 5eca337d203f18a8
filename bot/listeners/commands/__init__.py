"""Slash commands: ``/paved <question>``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from paved.bot.listeners.commands import paved
from paved.bot.listeners.deps import Deps


def register(app: AsyncApp, deps: Deps) -> None:
    paved.register(app, deps)
