"""Modal submissions: why an answer was not helpful, and page feedback."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.views import downvote_reason, page_feedback


def register(app: AsyncApp, deps: Deps) -> None:
    downvote_reason.register(app, deps)
    page_feedback.register(app, deps)
