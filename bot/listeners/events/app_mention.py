"""``app_mention``: a question asked in a channel; the answer goes into its thread."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncSay

from bot.listeners.answering import question_text, reply_for
from bot.listeners.deps import Deps


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_app_mention(body: dict[str, Any], event: dict[str, Any], say: AsyncSay) -> None:
        if not await deps.claims.first_delivery(body):
            return
        text, blocks = await reply_for(
            deps.store,
            deps.answerer,
            question_text(event.get("text")),
            portal_url=deps.portal_url,
            channel=event.get("channel"),
            user=event.get("user"),
        )
        thread = event.get("thread_ts") or event.get("ts")
        await say(text=text, blocks=blocks, thread_ts=thread, unfurl_links=False)

    app.event("app_mention")(on_app_mention)
