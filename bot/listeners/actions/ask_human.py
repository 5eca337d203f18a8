""" "Ask a human": the question goes to the support channel, addressed to the owner of the
page the bot cited, in a thread of its own; the asker is told where, privately."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.listeners.deps import Deps
from paved.bot.listeners.errors import apologising
from paved.bot.views.answer import ACTION_ASK_HUMAN
from paved.bot.views.handoff import (
    handoff_blocks,
    handoff_confirmation,
    handoff_failed,
    handoff_text,
    handoff_thread_blocks,
    handoff_thread_text,
)

logger = logging.getLogger("paved.bot.slack")


@dataclass(frozen=True)
class Handoff:
    question: str
    owner: str | None
    answer_id: int | None
    sources: tuple[str, ...]


def read_handoff(value: object) -> Handoff | None:
    """The button value written by ``paved.bot.views.answer.handoff_value``; None if not ours."""
    try:
        data = json.loads(value) if isinstance(value, str) else None
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        return None
    owner = data.get("owner")
    answer_id = data.get("answer_id")
    sources = data.get("sources")
    return Handoff(
        question=data["question"],
        owner=owner if isinstance(owner, str) else None,
        answer_id=answer_id if isinstance(answer_id, int) else None,
        sources=tuple(s for s in sources if isinstance(s, str))
        if isinstance(sources, list)
        else (),
    )


def portal_only(portal_url: str, sources: tuple[str, ...]) -> tuple[str, ...]:
    """The source URLs on the portal: the button value is only data Slack hands back,
    and the bot links nowhere else."""
    base = portal_url.rstrip("/") + "/"
    return tuple(s for s in sources if s.startswith(base))


def register(app: AsyncApp, deps: Deps) -> None:
    async def ask_human(
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
    ) -> None:
        handoff = read_handoff(action.get("value"))
        if handoff is None:
            logger.warning("'ask a human' with an unreadable value %r", action.get("value"))
            return
        asker = (body.get("user") or {}).get("id")
        owner = await deps.people.mention(handoff.owner)
        answer_text = None
        if handoff.answer_id is not None:
            stored = await asyncio.to_thread(deps.store.get_answer, handoff.answer_id)
            answer_text = stored.answer_text if stored else None
        try:
            parent = await client.chat_postMessage(
                channel=deps.support_channel,
                text=handoff_text(asker, owner),
                blocks=handoff_blocks(asker, owner),
                unfurl_links=False,
            )
            await client.chat_postMessage(
                channel=parent["channel"],
                thread_ts=parent["ts"],
                text=handoff_thread_text(handoff.question),
                blocks=handoff_thread_blocks(
                    handoff.question, answer_text, portal_only(deps.portal_url, handoff.sources)
                ),
                unfurl_links=False,
            )
        except SlackApiError as error:
            # Typically not_in_channel: the bot was never invited to the support channel.
            # The asker must not wait for a thread that does not exist: tell them.
            logger.error(  # noqa: TRY400 - the reason is Slack's error code, no traceback helps
                "could not post to the support channel %s: %s",
                deps.support_channel,
                error.response.get("error"),
            )
            await respond(
                text=handoff_failed(deps.support_channel),
                response_type="ephemeral",
                replace_original=False,
            )
            return
        await respond(
            text=handoff_confirmation(deps.support_channel),
            response_type="ephemeral",
            replace_original=False,
        )

    async def on_ask_human(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
        respond: AsyncRespond,
    ) -> None:
        await ack()
        async with apologising(deps, body, client):
            await ask_human(body, action, client, respond)

    app.action(ACTION_ASK_HUMAN)(on_ask_human)
