"""👍 and 👎 on an answer. 👍 is stored and thanked for. 👎 opens the "what was wrong"
modal first (its ``trigger_id`` expires about 3 seconds after the click), then stores the
rating, so a reader who closes the modal still counts as a 👎."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.errors import apologising
from paved.bot.views.answer import ACTION_HELPFUL, ACTION_NOT_HELPFUL, thanks_text
from paved.bot.views.modals import downvote_modal

logger = logging.getLogger("paved.bot.slack")


def answer_id_of(action: dict[str, Any]) -> int | None:
    """The answer id a rating button carries, or None when the value is not one."""
    value = action.get("value")
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def register(app: AsyncApp, deps: Deps) -> None:
    async def helpful(action: dict[str, Any], respond: AsyncRespond) -> None:
        answer_id = answer_id_of(action)
        if answer_id is None:
            logger.warning("👍 with an unreadable answer id %r", action.get("value"))
            return
        if await asyncio.to_thread(deps.store.rate_answer, answer_id, 1):
            await respond(text=thanks_text(True), response_type="ephemeral", replace_original=False)
        else:
            logger.warning("👍 on unknown answer %s", answer_id)

    async def not_helpful(
        body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        answer_id = answer_id_of(action)
        if answer_id is None:
            logger.warning("👎 with an unreadable answer id %r", action.get("value"))
            return
        channel = (body.get("channel") or {}).get("id")
        await client.views_open(
            trigger_id=body["trigger_id"], view=downvote_modal(answer_id, channel=channel)
        )
        if not await asyncio.to_thread(deps.store.rate_answer, answer_id, 0):
            logger.warning("👎 on unknown answer %s", answer_id)

    async def on_helpful(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
    ) -> None:
        await ack()
        async with apologising(deps, body, client):
            await helpful(action, respond)

    async def on_not_helpful(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        async with apologising(deps, body, client):
            await not_helpful(body, action, client)

    app.action(ACTION_HELPFUL)(on_helpful)
    app.action(ACTION_NOT_HELPFUL)(on_not_helpful)
