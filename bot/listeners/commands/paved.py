"""``/paved <question>``: acknowledged at once (Slack waits 3 seconds), answered through
the command's ``response_url`` once the engine has spoken, visible only to the asker."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.listeners.answering import question_text, reply_for
from paved.bot.listeners.deps import Deps
from paved.bot.listeners.errors import apologising
from paved.bot.views.answer import HELP_TEXT

COMMAND = "/paved"
WORKING_TEXT = "🔎 Looking that up…"


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_paved(
        ack: AsyncAck,
        body: dict[str, Any],
        command: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
    ) -> None:
        question = question_text(command.get("text"))
        if not question:
            await ack(text=HELP_TEXT)
            return
        await ack(text=WORKING_TEXT)
        async with apologising(deps, body, client):
            text, blocks = await reply_for(
                deps.store,
                deps.answerer,
                question,
                portal_url=deps.portal_url,
                channel=command.get("channel_id"),
                user=command.get("user_id"),
            )
            await respond(text=text, blocks=blocks, response_type="ephemeral")

    app.command(COMMAND)(on_paved)
