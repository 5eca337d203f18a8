"""The real engine behind the real ``/api/ask`` route: answers are recorded with their
citations, questions the engine declines are recorded as unanswered."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from sample_answers import small_platform

from paved.bot.answer.engine import Engine
from paved.bot.service import create_app
from paved.bot.settings import Settings
from paved.bot.store import Store, open_store
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.render.site import render_site


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'ask.db'}")
    yield opened
    opened.close()


@pytest.fixture
async def client(tmp_path: Path, store: Store) -> AsyncIterator[httpx.AsyncClient]:
    platform = small_platform()
    engine = Engine(platform, render_site(platform, GitFacts.empty(), today=date(2026, 5, 1)))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'ask.db'}", data_dir=tmp_path)
    app = create_app(settings, store, answerer=engine.ask)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as c:
        yield c
    engine.close()


async def test_answer_is_recorded_with_anchored_citations(
    client: httpx.AsyncClient, store: Store
) -> None:
    response = await client.post("/api/ask", json={"question": "who knows kafka?"})
    assert response.status_code == 200
    body = response.json()
    assert body["answered"] is True
    assert body["text"].startswith("Ask Ola Dahl (@ola.dahl")
    assert body["citations"][0]["url"] == "catalogue/custodians/ola-dahl/"
    stored = store.get_answer(body["answer_id"])
    assert stored is not None
    assert stored.answer_text == body["text"]


async def test_declined_question_is_recorded_as_unanswered(
    client: httpx.AsyncClient, store: Store
) -> None:
    response = await client.get("/api/ask", params={"q": "What is the canteen wifi password?"})
    assert response.status_code == 200
    body = response.json()
    assert body["answered"] is False
    assert body["answer_id"] is None
    assert [(g.example, g.count) for g in store.unanswered_summary()] == [
        ("What is the canteen wifi password?", 1)
    ]
