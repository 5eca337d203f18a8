"""What a mention and a direct message share: claim the delivery once, then answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncSay

from paved.bot.listeners.answering import question_text, reply_for
from paved.bot.listeners.deps import Deps


async def answer_event(
    deps: Deps,
    body: dict[str, Any],
    event: Mapping[str, Any],
    say: AsyncSay,
    *,
    thread_ts: str | None,
) -> None:
    """Answer the question in ``event`` unless a replica already did (Slack retries)."""
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
    await say(text=text, blocks=blocks, thread_ts=thread_ts, unfurl_links=False)
