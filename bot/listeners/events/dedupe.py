"""Answer each Slack event once, whichever replica receives which delivery.

Slack redelivers an event (``X-Slack-Retry-Num``) when the first delivery was not
acknowledged in time or failed. Bolt does not de-duplicate, so each event listener starts
by claiming the ``event_id`` in the shared store: the first claim answers, later ones
stop. The claim is taken inside the listener, which Bolt runs only after it has
acknowledged the event: a delivery that failed before its ack leaves no claim, so its
retry, the only copy that will ever arrive, is answered."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from bot.store import Store

logger = logging.getLogger("paved.bot.slack")


async def first_delivery(store: Store, body: Mapping[str, object]) -> bool:
    """True when this delivery should be processed: its event id was not claimed yet
    (or it has none, which only synthetic events lack)."""
    event_id = body.get("event_id")
    if not isinstance(event_id, str) or not event_id:
        return True
    if await asyncio.to_thread(store.claim_event, event_id):
        return True
    logger.info("event %s already claimed: not answering it again", event_id)
    return False
