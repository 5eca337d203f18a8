"""What the bot's API and store tests share: a feedback body, settings, an answering
stand-in, and a fresh PostgreSQL schema per test (skipped, with the reason printed,
when the server cannot be reached)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from paved.bot.answer import Answer, Citation
from paved.bot.settings import Settings
from paved.bot.store import (
    StoredFeedback,
    redact_url,
)

PORTAL = "http://127.0.0.1:8000"
FEEDBACK = {
    "page": "/products/store-footfall/",
    "rating": 1,
    "comment": None,
    "url": "http://127.0.0.1:8000/products/store-footfall/",
    "title": "Store footfall",
}


class RecordingNotifier:
    """Stands in for the Slack notifier (another module's seam)."""

    def __init__(self) -> None:
        self.received: list[StoredFeedback] = []

    async def on_negative_feedback(self, feedback: StoredFeedback) -> None:
        self.received.append(feedback)


def small_engine(question: str) -> Answer:
    """An engine that knows about access, nothing else (the real engine on real content
    is tests/test_answer_api.py)."""
    if "access" in question.lower():
        return Answer("Request it with a WID.", (Citation("Access", "/access/", "doc"),), 1.0, True)
    return Answer("Ask in #data-platform-help.")


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp_path / 'api.db'}",
        "data_dir": tmp_path,
        "rate_limit_per_minute": 1000,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


POSTGRES_URL = os.environ.get(
    "PAVED_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def postgres_schema() -> Iterator[str]:
    """A URL whose search_path is a new, empty schema; dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL not reachable at {redact_url(POSTGRES_URL)}: {error}"
        print(reason)
        pytest.skip(reason)
    schema = f"paved_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()
