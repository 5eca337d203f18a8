"""The real Bolt app, wired by ``bot.slack_app.build_bolt_app`` and mounted by
``bot.service.create_app``, served by a real uvicorn on a random loopback port, talking to
the fake Slack of ``fake_slack.py``. Answers come from the real engine over the bundled
Halden example (built once per session: it takes a fraction of a second)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn
from fake_slack import FakeSlack
from slack_sdk.signature import SignatureVerifier

from bot.answer.engine import Engine
from bot.listeners.directory import Directory, directory_from_platform
from bot.service import create_app
from bot.settings import Settings, SlackSettings
from bot.slack_app import build_bolt_app, build_notifier
from bot.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
SECRET = "halden-signing-secret"
PORTAL = "https://paved.halden.example"
SUPPORT = "C0SUPPORT01"
MEMBERS = [
    {"id": "UMIKKEL", "name": "mikkel.haugen", "profile": {"display_name": "Mikkel"}},
    {"id": "UINGRID", "name": "ingrid.solberg", "profile": {"display_name": "ingrid.solberg"}},
    {"id": "UGONE", "name": "someone.left", "deleted": True, "profile": {}},
]


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_root(ROOT)


@pytest.fixture(scope="session")
def directory(engine: Engine) -> Directory:
    return directory_from_platform(engine.platform)


def mention_event(text: str, ts: str = "1700000000.000100") -> dict[str, Any]:
    """An ``app_mention`` event as Slack sends it, in channel CGENERAL."""
    return {
        "type": "app_mention",
        "user": "UASKER",
        "text": f"<@UPAVEDBOT> {text}",
        "ts": ts,
        "channel": "CGENERAL",
        "event_ts": ts,
    }


def sign(body: bytes, *, secret: str = SECRET, age: int = 0) -> dict[str, str]:
    timestamp = str(int(time.time()) - age)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}


@dataclass
class Bot:
    """The served app and its surroundings, with helpers that send what Slack sends."""

    url: str
    fake: FakeSlack
    store: Store

    def post(self, body: bytes, content_type: str, **headers: str) -> httpx.Response:
        signed = {**sign(body), "Content-Type": content_type, **headers}
        return httpx.post(f"{self.url}/slack/events", content=body, headers=signed, timeout=10)

    def event(self, event: dict[str, Any], event_id: str, **headers: str) -> httpx.Response:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": "THALDEN",
                "api_app_id": "APAVED",
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "event": event,
            }
        ).encode()
        return self.post(body, "application/json", **headers)

    def form(self, fields: dict[str, str]) -> httpx.Response:
        return self.post(urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def interaction(self, payload: dict[str, Any]) -> httpx.Response:
        return self.form({"payload": json.dumps(payload)})


def serve(app: Any) -> tuple[uvicorn.Server, int]:
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    return server, int(server.servers[0].sockets[0].getsockname()[1])


@pytest.fixture(scope="module")
def bot(
    tmp_path_factory: pytest.TempPathFactory, engine: Engine, directory: Directory
) -> Iterator[Bot]:
    fake = FakeSlack(MEMBERS).start()
    data = tmp_path_factory.mktemp("slack")
    settings = Settings(
        database_url=f"sqlite:///{data / 'bot.db'}",
        data_dir=data,
        portal_url=PORTAL,
        allowed_origins=(PORTAL,),
        slack=SlackSettings(
            bot_token="xoxb-test",
            support_channel=SUPPORT,
            signing_secret=SECRET,
            api_url=fake.base_url,
        ),
    )
    store = open_store(settings.database_url)
    bolt = build_bolt_app(settings, store, answerer=engine.ask, directory=directory)
    app = create_app(settings, store, bolt_app=bolt, notifier=build_notifier(settings, store, bolt))
    server, port = serve(app)
    try:
        yield Bot(f"http://127.0.0.1:{port}", fake, store)
    finally:
        server.should_exit = True
        fake.stop()
        store.close()


@pytest.fixture
def slack(bot: Bot) -> Bot:
    """The module's bot with the fake's record cleared for this test."""
    bot.fake.reset()
    return bot
