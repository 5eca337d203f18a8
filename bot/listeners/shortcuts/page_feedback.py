"""The message shortcut "Send feedback about a page": opens the page-feedback modal at
once (the ``trigger_id`` lives about 3 seconds), with the message's first portal link
(the bot's answers cite pages) filled in."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.errors import apologising
from paved.bot.views.modals import guess_page, page_feedback_modal

CALLBACK_ID = "paved_page_feedback_shortcut"


def message_text(message: dict[str, Any]) -> str:
    """The text and the blocks of a message, as one searchable string."""
    return f"{message.get('text') or ''} {json.dumps(message.get('blocks') or [])}"


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_page_feedback(
        ack: AsyncAck, shortcut: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        async with apologising(deps, shortcut, client):
            message = shortcut.get("message") or {}
            view = page_feedback_modal(
                page=guess_page(message_text(message), deps.portal_url),
                channel=(shortcut.get("channel") or {}).get("id"),
                message_ts=message.get("ts"),
            )
            await client.views_open(trigger_id=shortcut["trigger_id"], view=view)

    app.shortcut(CALLBACK_ID)(on_page_feedback)
