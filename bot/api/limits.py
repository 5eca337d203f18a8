"""Request limits: a per-client rate shared by every replica through the store, and a
body reader that stops at a byte cap (Content-Length can be absent or lie)."""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator, Callable

from paved.bot.store import Store

WINDOW_SECONDS = 60
#: how often a replica deletes the counters of windows that are over
PRUNE_EVERY_SECONDS = 600


class RateLimiter:
    """At most ``per_minute`` requests per client over any 60 seconds, counted in the
    store so that replicas share one limit. ``per_minute=0`` disables it.

    A sliding-window counter: this minute's count plus last minute's, weighted by the
    share of last minute still inside the 60 seconds before now. Every request is
    counted by one atomic upsert; a refused one is then taken back, so only admitted
    requests use up the limit. Blocking (a store round trip): call it in a thread."""

    def __init__(
        self,
        store: Store,
        scope: str,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.scope = scope
        self.per_minute = per_minute
        self._clock = clock
        self._pruned = clock()

    def acquire(self, client: str) -> float:
        """Count one request from ``client``: 0.0 when admitted, else the seconds until
        a request would be."""
        limit = self.per_minute
        if limit <= 0:
            return 0.0
        now = self._clock()
        start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
        key = f"{self.scope}:{client}"
        hits, previous = self.store.count_request(key, start, WINDOW_SECONDS)
        if now - self._pruned >= PRUNE_EVERY_SECONDS:
            self._pruned = now
            self.store.prune_request_counts(start - WINDOW_SECONDS)
        elapsed = now - start
        if previous * (1 - elapsed / WINDOW_SECONDS) + hits <= limit:
            return 0.0
        self.store.uncount_request(key, start)
        admitted = hits - 1
        if admitted < limit:  # room in this window once last minute's weight fades
            return WINDOW_SECONDS * (1 - (limit - admitted - 1) / previous) - elapsed
        # this window is full: wait for it to end and to weigh little enough
        return WINDOW_SECONDS - elapsed + max(0.0, WINDOW_SECONDS * (1 - (limit - 1) / admitted))


def retry_after_header(wait_seconds: float) -> str:
    """Retry-After is a whole number of seconds, rounded up, at least 1."""
    return str(max(1, math.ceil(wait_seconds)))


class BodyTooLarge(Exception):
    """The request body exceeds the cap."""


def declared_too_large(content_length: str | None, limit: int) -> bool:
    """Whether a Content-Length header announces more than ``limit`` bytes. Only ASCII
    digits count (``int`` would also take "²", "1_0" or " 1"), and a number too long to
    be a size (the 5,000 digits past ``int``'s limit) is simply too large."""
    if content_length is None or not content_length.isascii() or not content_length.isdigit():
        return False
    digits = content_length.lstrip("0")
    return len(digits) > len(str(limit)) or (digits != "" and int(digits) > limit)


async def read_capped(
    content_length: str | None, stream: AsyncIterator[bytes], limit: int
) -> bytes:
    """Read a body of at most ``limit`` bytes, refusing early on a large Content-Length.
    Never holds more than ``limit`` bytes: a chunk that would pass it is refused unread."""
    if declared_too_large(content_length, limit):
        raise BodyTooLarge
    body = bytearray()
    async for chunk in stream:
        if len(body) + len(chunk) > limit:
            raise BodyTooLarge
        body += chunk
    return bytes(body)
