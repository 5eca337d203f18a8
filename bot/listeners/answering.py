"""Asking the engine and recording what it said: the part every question path (mention,
direct message, slash command) shares. The engine is synchronous and may build its
index on first use, so it always runs in a worker thread, after Slack has its ack."""

from __future__ import annotations

import asyncio
import re

from paved.bot.api.ask import Answerer, to_payload
from paved.bot.store import Store
from paved.bot.views.answer import (
    HELP_TEXT,
    answer_blocks,
    answer_fallback_text,
    help_blocks,
)
from paved.bot.views.types import Block, BotAnswer, Citation

_MENTION = re.compile(r"<[@!][^>]*>")
_LABELLED = re.compile(r"<([#]?)[^>|]*\|([^>]*)>")
_BARE_LINK = re.compile(r"<([^>|@!#][^>]*)>")
_SPACES = re.compile(r"\s+")
#: longest question the bot passes to the engine and stores (the API's limit too)
MAX_QUESTION = 500


def question_text(text: str | None) -> str:
    """The question as the person typed it, from Slack's message markup: mentions
    (``<@U…>``, ``<!here>``) removed, links and channels (``<url|label>``, ``<#C…|name>``)
    reduced to what they show, ``&amp;``/``&lt;``/``&gt;`` unescaped, whitespace collapsed,
    cut to :data:`MAX_QUESTION` characters."""
    cleaned = _MENTION.sub(" ", text or "")
    cleaned = _LABELLED.sub(lambda m: m.group(1) + m.group(2), cleaned)
    cleaned = _BARE_LINK.sub(r"\1", cleaned)
    cleaned = cleaned.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return _SPACES.sub(" ", cleaned).strip()[:MAX_QUESTION]


def absolute_url(portal_url: str, url: str) -> str:
    """A citation URL (relative to the portal root, as the engine gives it) made absolute.
    An absolute URL elsewhere than on the portal gives "" (the views then show the
    title without a link): the bot links only to the portal."""
    base = portal_url.rstrip("/")
    if url.startswith(("http://", "https://")):
        return url if url == base or url.startswith(base + "/") else ""
    return base + "/" + url.lstrip("/")


async def answer_question(
    store: Store,
    answerer: Answerer,
    question: str,
    *,
    portal_url: str,
    channel: str | None,
    user: str | None,
) -> BotAnswer:
    """Ask the engine, then record the answer (or the unanswered question) before it is
    shown, so a 👍/👎 on it always finds its row."""
    raw = await asyncio.to_thread(answerer, question)
    payload = to_payload(raw)
    citations = tuple(
        Citation(
            title=str(c.get("title") or c.get("url") or "page"),
            url=absolute_url(portal_url, str(c.get("url") or "")),
            status=str(c["status"]) if c.get("status") else None,
        )
        for c in payload.citations
    )
    answer_id: int | None = None
    if payload.answered:
        answer_id = await asyncio.to_thread(
            store.record_answer,
            question,
            payload.text,
            payload.citations,
            channel=channel,
            user=user,
            source="slack",
        )
    else:
        await asyncio.to_thread(
            store.record_unanswered, question, channel=channel, user=user, source="slack"
        )
    return BotAnswer(
        question=question,
        text=payload.text,
        answered=payload.answered,
        citations=citations,
        owner=raw.owner,
        answer_id=answer_id,
    )


async def reply_for(
    store: Store,
    answerer: Answerer,
    question: str,
    *,
    portal_url: str,
    channel: str | None,
    user: str | None,
) -> tuple[str, list[Block]]:
    """The (notification text, blocks) to send for a question: help for an empty one."""
    if not question:
        return HELP_TEXT, help_blocks()
    answer = await answer_question(
        store, answerer, question, portal_url=portal_url, channel=channel, user=user
    )
    return answer_fallback_text(answer), answer_blocks(answer)
