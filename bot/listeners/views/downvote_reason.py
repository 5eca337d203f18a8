"""The "what was wrong?" modal of a 👎: the comment is stored as Slack feedback on the
page the answer cited first (kind ``bot-answer``, subject ``answer-<id>``), so the page's
owner sees which of their pages led to a poor answer, next to the portal's ratings."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.listeners.answering import absolute_url
from paved.bot.listeners.deps import Deps
from paved.bot.listeners.errors import apologising
from paved.bot.store import NewFeedback, StoredAnswer
from paved.bot.views.modals import (
    DOWNVOTE_CALLBACK,
    REASON_ACTION,
    REASON_BLOCK,
    read_metadata,
    submitted_text,
)

logger = logging.getLogger("paved.bot.slack")
#: the page key of a 👎 comment on an answer that cited nothing
UNSOURCED_PAGE = "slack/unsourced-answers"


async def feedback_for(
    deps: Deps, answer: StoredAnswer | None, comment: str, user: str | None
) -> NewFeedback:
    """The feedback row for a 👎 comment on ``answer``: keyed like the portal's widget
    keys the cited page (its Markdown source) when the page is known."""
    top = answer.citations[0] if answer and answer.citations else {}
    url = str(top.get("url") or "") or None
    page = UNSOURCED_PAGE
    title = None
    owner = None
    if url:
        info = (await deps.people.directory.get()).page(url)
        page = info.src_uri if info else url.split("#", 1)[0]
        title = info.title if info else str(top.get("title") or "") or None
        owner = info.owner if info else None
    return NewFeedback(
        page=page,
        rating=0,
        url=absolute_url(deps.portal_url, url) if url else None,
        title=title,
        comment=comment,
        source="slack",
        user_ref=user,
        owner=owner,
        kind="bot-answer",
        subject=f"answer-{answer.id}" if answer else None,
    )


def register(app: AsyncApp, deps: Deps) -> None:
    async def store_comment(body: dict[str, Any], view: dict[str, Any]) -> None:
        comment = submitted_text(view.get("state") or {}, REASON_BLOCK, REASON_ACTION)
        answer_id = read_metadata(view.get("private_metadata")).get("answer_id")
        if not comment or not isinstance(answer_id, int):
            return
        answer = await asyncio.to_thread(deps.store.get_answer, answer_id)
        if answer is None:
            logger.warning("👎 comment on unknown answer %s", answer_id)
        user = (body.get("user") or {}).get("id")
        record = await feedback_for(deps, answer, comment, user)
        await asyncio.to_thread(deps.store.add_feedback, record)

    async def on_submit(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        async with apologising(deps, body, client):
            await store_comment(body, view)

    app.view(DOWNVOTE_CALLBACK)(on_submit)
