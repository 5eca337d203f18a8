"""The API's rate limit, shared by replicas through the store: the limiter's arithmetic
on a real SQLite store with a clock the test moves, then two app instances (two Starlette
apps, two store connections) on one SQLite file and on one PostgreSQL schema, which
together must not admit more than the limit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
from bot_samples import FEEDBACK, make_settings, postgres_schema, small_engine

from paved.bot.api.limits import RateLimiter, retry_after_header
from paved.bot.service import create_app
from paved.bot.store import Store, open_store


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
    else:
        yield from postgres_schema()


@pytest.fixture
def stores(shared_url: str) -> Iterator[list[Store]]:
    """Two connections to one database, as two replicas have."""
    opened = [open_store(shared_url), open_store(shared_url)]
    yield opened
    for store in opened:
        store.close()


def test_sliding_window_admits_the_limit_and_says_when_to_retry(stores: list[Store]) -> None:
    clock = Clock(600.0)  # a window starts at 600 s
    limiter = RateLimiter(stores[0], "feedback", 2, clock=clock)
    assert [limiter.acquire("10.0.0.7") for _ in "ab"] == [0.0, 0.0]
    # full for this minute; at 690 last minute's two weigh 1: one more fits then
    assert limiter.acquire("10.0.0.7") == 90.0
    assert limiter.acquire("10.0.0.8") == 0.0  # another client has its own count
    clock.now = 690.0
    assert limiter.acquire("10.0.0.7") == 0.0
    assert limiter.acquire("10.0.0.7") == 30.0  # at 720 the old minute weighs nothing
    clock.now = 720.0
    assert limiter.acquire("10.0.0.7") == 0.0


def test_refused_requests_do_not_use_up_the_limit(stores: list[Store]) -> None:
    clock = Clock(1200.0)
    limiter = RateLimiter(stores[0], "ask", 3, clock=clock)
    assert sum(limiter.acquire("c") == 0.0 for _ in range(50)) == 3
    clock.now = 1260.0 + 59.0  # the next window, almost over: last minute weighs 1/60
    assert sum(limiter.acquire("c") == 0.0 for _ in range(10)) == 2


def test_zero_disables_the_limit_without_touching_the_store(stores: list[Store]) -> None:
    limiter = RateLimiter(stores[0], "feedback", 0)
    stores[0].close()  # a store call would now fail
    assert limiter.acquire("c") == 0.0


def test_retry_after_is_whole_seconds() -> None:
    assert [retry_after_header(w) for w in (0.01, 1.0, 29.2, 90.0)] == ["1", "1", "30", "90"]


@pytest.fixture
async def replicas(
    tmp_path: Path, shared_url: str, stores: list[Store]
) -> AsyncIterator[list[httpx.AsyncClient]]:
    settings = make_settings(tmp_path, database_url=shared_url, rate_limit_per_minute=5)
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(
                    transport=httpx.ASGITransport(
                        app=create_app(settings, store, answerer=small_engine)
                    ),
                    base_url="http://bot.test",
                )
            )
            for store in stores
        ]
        yield clients


async def test_two_replicas_together_admit_the_limit(
    replicas: list[httpx.AsyncClient], stores: list[Store]
) -> None:
    responses = await asyncio.gather(
        *(replicas[n % 2].post("/api/feedback", json=FEEDBACK) for n in range(24))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] * 5 + [429] * 19
    for refused in (r for r in responses if r.status_code == 429):
        assert refused.json()["error"] == "rate_limited"
        assert 1 <= int(refused.headers["retry-after"]) <= 120
    [page] = stores[1].feedback_summary()
    assert page.up == 5
    # /api/ask counts apart from /api/feedback
    asked = await replicas[1].get("/api/ask", params={"q": "access"})
    assert asked.status_code == 200
