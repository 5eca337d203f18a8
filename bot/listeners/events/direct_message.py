"""``message.im``: a question written to the bot directly; answered in the conversation.

Only plain messages from people count: edits, deletions and other subtypes, and messages
from bots (the bot's own replies included), are acknowledged and ignored. Every other
``message`` event is acknowledged by a no-op listener, so Slack does not retry it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncSay

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.events.reply import answer_event


def is_question_in_dm(event: Mapping[str, Any]) -> bool:
    """A person's plain message in a direct conversation with the bot."""
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
    )


def register(app: AsyncApp, deps: Deps) -> None:
    async def is_dm(event: dict[str, Any]) -> bool:
        return is_question_in_dm(event)

    async def on_direct_message(body: dict[str, Any], event: dict[str, Any], say: AsyncSay) -> None:
        # threads in a DM stay threads; a top-level question gets a top-level answer
        await answer_event(deps, body, event, say, thread_ts=event.get("thread_ts"))

    async def ignore_other_messages() -> None:
        return None

    app.event("message", matchers=[is_dm])(on_direct_message)
    app.event("message")(ignore_other_messages)
