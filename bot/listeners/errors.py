"""What happens when a listener fails after Slack has its ack: the traceback goes to the
log (as Bolt's default handler does), and the asker gets a short apology where they
asked, instead of waiting in silence for an answer that will not come.

Two routes lead here. Event listeners are acknowledged by Bolt before they run, so their
failures reach Bolt's error handler (:func:`register`). Listeners that call ``ack()``
themselves (commands, buttons, shortcuts, modals) wrap their slow part in
:func:`apologising` instead: Bolt 1.30 polls for the ack every 10 ms, and a listener that
fails within those 10 ms of its ``ack()`` is reported to Slack as never acknowledged
(HTTP 404, which Slack shows the user as an error) once the error handler has run."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from paved.bot.listeners.deps import Deps
from paved.bot.views.answer import error_text

logger = logging.getLogger("paved.bot.slack")


@dataclass(frozen=True)
class Apology:
    """Where to apologise: a channel (and thread) or a ``response_url``."""

    channel: str | None = None
    thread_ts: str | None = None
    response_url: str | None = None


def apology_for(body: Mapping[str, Any]) -> Apology | None:
    """Where the person who triggered ``body`` is waiting: the thread of their event
    (a person's, never a bot's), or the ``response_url`` of a command or a click.
    None for requests nobody waits on (modal submissions answer through the modal)."""
    event = body.get("event")
    if isinstance(event, Mapping):
        channel, ts = event.get("channel"), event.get("thread_ts") or event.get("ts")
        if isinstance(channel, str) and event.get("user") and not event.get("bot_id"):
            in_dm = event.get("channel_type") == "im" and not event.get("thread_ts")
            return Apology(channel=channel, thread_ts=None if in_dm else ts)
        return None
    url = body.get("response_url")
    if isinstance(url, str) and url:
        return Apology(response_url=url)
    return None


async def apologise(
    error: BaseException, body: Mapping[str, Any], client: AsyncWebClient, support_channel: str
) -> None:
    """Log ``error`` with its traceback, then tell the asker, where they wait."""
    logger.error("a Slack listener failed", exc_info=error)
    apology = apology_for(body)
    if apology is None:
        return
    text = error_text(support_channel)
    try:
        if apology.response_url:
            webhook = AsyncWebhookClient(apology.response_url)
            await webhook.send(text=text, response_type="ephemeral", replace_original=False)
        elif apology.channel:
            await client.chat_postMessage(
                channel=apology.channel, thread_ts=apology.thread_ts, text=text
            )
    except SlackApiError as failed:  # Slack itself is failing: the log is all we have
        # Slack's own error code says it all: no traceback.
        logger.error("could not apologise for the failure: %s", failed)  # noqa: TRY400


@asynccontextmanager
async def apologising(
    deps: Deps, body: Mapping[str, Any], client: AsyncWebClient
) -> AsyncIterator[None]:
    """The boundary of a listener's work after its ``ack()``: a failure is logged with
    its traceback and apologised for (see the module docstring for why it is not left
    to Bolt's error handler)."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - reported in full by apologise(), never dropped
        await apologise(error, body, client, deps.support_channel)


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_error(error: Exception, body: dict[str, Any], client: AsyncWebClient) -> None:
        await apologise(error, body, client, deps.support_channel)

    app.error(on_error)
