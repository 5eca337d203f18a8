"""Shortcuts: "Send feedback about a page" on any message."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.shortcuts import page_feedback


def register(app: AsyncApp, deps: Deps) -> None:
    page_feedback.register(app, deps)
