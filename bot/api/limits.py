"""Request limits that do not depend on Starlette: a token bucket per client, and a
body reader that stops at a byte cap (Content-Length can be absent or lie)."""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """``per_minute`` requests per key, with bursts up to ``per_minute``.

    Used from the event loop only, so it needs no lock. ``per_minute=0`` disables it.
    The table is pruned of full buckets when it grows past ``max_keys``."""

    def __init__(
        self,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.per_minute = per_minute
        self._rate = per_minute / 60.0
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: dict[str, _Bucket] = {}

    def acquire(self, key: str) -> float:
        """Take one token for ``key``: 0.0 when allowed, else the seconds to wait."""
        if self.per_minute <= 0:
            return 0.0
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self._max_keys:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(float(self.per_minute), now)
        bucket.tokens = min(
            float(self.per_minute), bucket.tokens + (now - bucket.updated) * self._rate
        )
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self._rate

    def _prune(self, now: float) -> None:
        full = [
            key
            for key, b in self._buckets.items()
            if b.tokens + (now - b.updated) * self._rate >= self.per_minute
        ]
        for key in full:
            del self._buckets[key]
        if len(self._buckets) >= self._max_keys:  # all busy: forget the oldest half
            for key in sorted(self._buckets, key=lambda k: self._buckets[k].updated)[
                : self._max_keys // 2
            ]:
                del self._buckets[key]


def retry_after_header(wait_seconds: float) -> str:
    """Retry-After is a whole number of seconds, rounded up, at least 1."""
    return str(max(1, math.ceil(wait_seconds)))


class BodyTooLarge(Exception):
    """The request body exceeds the cap."""


async def read_capped(
    content_length: str | None, stream: AsyncIterator[bytes], limit: int
) -> bytes:
    """Read a body of at most ``limit`` bytes, refusing early on a large Content-Length."""
    if content_length is not None and content_length.isdigit() and int(content_length) > limit:
        raise BodyTooLarge
    body = bytearray()
    async for chunk in stream:
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge
    return bytes(body)
