"""Answer each Slack event once, whichever replica receives which delivery.

Slack redelivers an event (``X-Slack-Retry-Num``) when the first delivery was not
acknowledged in time or failed. Bolt does not de-duplicate, so each event listener starts
by claiming the ``event_id`` in the shared store: the first claim answers, later ones
stop. The claim is taken inside the listener, which Bolt runs only after it has
acknowledged the event: a delivery that failed before its ack leaves no claim, so its
retry, the only copy that will ever arrive, is answered.

Slack stops retrying within minutes, so claims older than a week are pruned now and then
(every :data:`PRUNE_EVERY` claims per process) to keep the table small."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Mapping

from paved.bot.store import Store

logger = logging.getLogger("paved.bot.slack")
PRUNE_EVERY = 1000


class EventClaims:
    """Claims event ids in the store; one per process, shared by the event listeners."""

    def __init__(self, store: Store, *, prune_every: int = PRUNE_EVERY) -> None:
        self.store = store
        self._count = itertools.count(1)
        self._prune_every = prune_every

    async def first_delivery(self, body: Mapping[str, object]) -> bool:
        """True when this delivery should be processed: its event id was not claimed
        yet (or it has none, which only synthetic events lack)."""
        event_id = body.get("event_id")
        if not isinstance(event_id, str) or not event_id:
            return True
        claimed = await asyncio.to_thread(self.store.claim_event, event_id)
        if next(self._count) % self._prune_every == 0:
            removed = await asyncio.to_thread(self.store.prune_events)
            logger.info("pruned %d old Slack event claims", removed)
        if not claimed:
            logger.info("event %s already claimed: not answering it again", event_id)
        return claimed
