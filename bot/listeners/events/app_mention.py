"""``app_mention``: a question asked in a channel; the answer goes into its thread."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncSay

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.events.reply import answer_event


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_app_mention(body: dict[str, Any], event: dict[str, Any], say: AsyncSay) -> None:
        thread = event.get("thread_ts") or event.get("ts")
        await answer_event(deps, body, event, say, thread_ts=thread)

    app.event("app_mention")(on_app_mention)
