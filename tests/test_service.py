"""The assembled service: Bolt mounted at /slack/events beside the API, and the whole app
under a real uvicorn server on a random loopback port."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from example_site import served_paths
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.service import build_service, create_app
from paved.bot.settings import Settings, SlackSettings
from paved.bot.store import Store, StoredFeedback, open_store

SECRET = "test-signing-secret"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'svc.db'}", data_dir=tmp_path)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings.database_url)
    yield opened
    opened.close()


def with_secret(settings: Settings) -> Settings:
    """The settings of an HTTP-mode service: /slack/events verifies with SECRET."""
    slack = SlackSettings(bot_token="xoxb-test", support_channel="C1", signing_secret=SECRET)
    return dataclasses.replace(settings, slack=slack)


def bolt_app() -> AsyncApp:
    # The client points at a closed loopback port: nothing here may call Slack.
    client = AsyncWebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/")
    return AsyncApp(signing_secret=SECRET, token="xoxb-test", client=client)


def signed(body: bytes, *, secret: str = SECRET, age: int = 0) -> dict[str, str]:
    timestamp = str(int(time.time()) - age)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    assert signature is not None
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
        "Content-Type": "application/json",
    }


async def test_slack_events_are_mounted_and_verified(settings: Settings, store: Store) -> None:
    app = create_app(with_secret(settings), store, bolt_app=bolt_app())
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"}).encode()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client:
        ok = await client.post("/slack/events", content=body, headers=signed(body))
        forged = await client.post(
            "/slack/events", content=body, headers=signed(body, secret="wrong")
        )
        stale = await client.post("/slack/events", content=body, headers=signed(body, age=600))
        health = await client.get("/healthz")
    assert ok.status_code == 200
    assert ok.json() == {"challenge": "c-123"}
    assert (forged.status_code, stale.status_code) == (401, 401)
    assert health.status_code == 200
    assert "access-control-allow-origin" not in ok.headers


async def test_slack_events_have_no_cors(settings: Settings, store: Store) -> None:
    """Slack calls /slack/events server to server: no browser may be let in."""
    app = create_app(with_secret(settings), store, bolt_app=bolt_app())
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"}).encode()
    portal = settings.allowed_origins[0]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client:
        preflight = await client.options(
            "/slack/events",
            headers={"Origin": portal, "Access-Control-Request-Method": "POST"},
        )
        signed_post = await client.post(
            "/slack/events", content=body, headers={**signed(body), "Origin": portal}
        )
    assert preflight.status_code == 405
    assert signed_post.status_code == 200
    for response in (preflight, signed_post):
        assert "access-control-allow-origin" not in response.headers


async def test_without_bolt_there_is_no_slack_route(settings: Settings, store: Store) -> None:
    app = create_app(settings, store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client:
        response = await client.post("/slack/events", content=b"{}")
    assert response.status_code == 404


def test_build_service_without_slack_logs_api_only(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="paved.bot")
    service = build_service(settings)
    try:
        assert service.bolt_app is None
        assert "serving the feedback and ask API only" in caplog.text
        assert served_paths(service.app) == {"/api/feedback", "/api/ask", "/healthz"}
    finally:
        service.store.close()


async def test_a_failing_notifier_loses_nothing(
    settings: Settings, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenNotifier:
        async def on_negative_feedback(self, feedback: StoredFeedback) -> None:
            raise ConnectionError("Slack is down")

    app = create_app(settings, store, notifier=BrokenNotifier())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client:
        response = await client.post(
            "/api/feedback", json={"page": "/a/", "rating": 0, "comment": "wrong owner"}
        )
    assert response.status_code == 201
    assert store.get_feedback(response.json()["id"]) is not None
    assert "could not forward negative feedback" in caplog.text


def test_feedback_under_a_real_uvicorn(settings: Settings, store: Store) -> None:
    app = create_app(settings, store)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        response = httpx.post(
            f"http://127.0.0.1:{port}/api/feedback",
            json={"page": "/adrs/0004/", "rating": 0, "comment": "Which option won?"},
            headers={"Origin": "http://127.0.0.1:8000"},
        )
        assert response.status_code == 201
        stored = store.get_feedback(response.json()["id"])
        assert stored is not None
        assert (stored.page, stored.comment) == ("/adrs/0004/", "Which option won?")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert not thread.is_alive()
