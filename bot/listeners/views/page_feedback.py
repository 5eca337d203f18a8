"""The page-feedback modal's submission: checked field by field (errors shown in the
modal), stored as Slack feedback keyed like the portal's widget keys the page, and a 👎
with a comment forwarded to the page's owner, as portal feedback is."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.errors import apologising
from paved.bot.store import NewFeedback
from paved.bot.views.modals import (
    PAGE_FEEDBACK_CALLBACK,
    PageFeedbackInput,
    read_metadata,
    read_page_feedback,
)

logger = logging.getLogger("paved.bot.slack")
THANKS = "Thanks! Your feedback about the page was recorded."


def register(app: AsyncApp, deps: Deps) -> None:
    async def store_feedback(
        body: dict[str, Any],
        view: dict[str, Any],
        submitted: PageFeedbackInput,
        client: AsyncWebClient,
    ) -> None:
        info = (await deps.people.directory.get()).page(submitted.page)
        user = (body.get("user") or {}).get("id")
        record = NewFeedback(
            page=info.src_uri if info else submitted.page,
            rating=submitted.rating,
            url=submitted.url,
            title=info.title if info else None,
            comment=submitted.comment,
            source="slack",
            user_ref=user,
            owner=info.owner if info else None,
            kind=info.kind if info else None,
            subject=info.subject if info else None,
        )
        feedback_id = await asyncio.to_thread(deps.store.add_feedback, record)
        if submitted.rating == 0 and submitted.comment:
            stored = await asyncio.to_thread(deps.store.get_feedback, feedback_id)
            if stored is not None:
                await deps.notifier.on_negative_feedback(stored)
        channel = read_metadata(view.get("private_metadata")).get("channel")
        if isinstance(channel, str) and user:
            await client.chat_postEphemeral(channel=channel, user=user, text=THANKS)

    async def on_submit(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        submitted, errors = read_page_feedback(view.get("state") or {}, deps.portal_url)
        if submitted is None:
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        async with apologising(deps, body, client):
            await store_feedback(body, view, submitted, client)

    app.view(PAGE_FEEDBACK_CALLBACK)(on_submit)
