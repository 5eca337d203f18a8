"""What the Slack tests share: the fake's members, request signing, the events and
interactions Slack sends, and a real uvicorn serving an ASGI app on a random port.
(Kept out of conftest.py so test modules import it by a name no other folder uses.)"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import uvicorn
from fake_slack import FakeSlack
from slack_sdk.signature import SignatureVerifier

from paved.bot.store import Store

ROOT = Path(__file__).resolve().parents[2]
SECRET = "halden-signing-secret"
PORTAL = "https://paved.halden.example"
SUPPORT = "C0SUPPORT01"
MEMBERS = [
    {"id": "UMIKKEL", "name": "mikkel.haugen", "profile": {"display_name": "Mikkel"}},
    {"id": "UINGRID", "name": "ingrid.solberg", "profile": {"display_name": "ingrid.solberg"}},
    {"id": "UGONE", "name": "someone.left", "deleted": True, "profile": {}},
]


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
