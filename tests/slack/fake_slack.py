"""A local stand-in for Slack's Web API: a real HTTP server on 127.0.0.1 that answers
``POST /api/<method>`` (form or JSON; GET with a query string for the methods slack_sdk
reads that way, such as ``users.list``) as Slack does for the methods the bot calls,
accepts ``response_url`` posts under ``/response/<name>``, and records every call.

``rate_limit_once(method)`` makes the next call of that method answer 429 with
``Retry-After: 1``, as Slack does when a bot posts too fast."""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER_ID = "UPAVEDBOT"
BOT_ID = "BPAVED"


@dataclass
class Call:
    """One request the fake received; ``status`` is the HTTP status it answered."""

    method: str
    params: dict[str, Any]
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)

    def blocks(self) -> list[dict[str, Any]]:
        raw = self.params.get("blocks") or []
        return json.loads(raw) if isinstance(raw, str) else list(raw)

    def view(self) -> dict[str, Any]:
        raw = self.params.get("view") or {}
        return json.loads(raw) if isinstance(raw, str) else dict(raw)

    def all_text(self) -> str:
        """The text and blocks as one string, for 'does it mention X' assertions."""
        return f"{self.params.get('text') or ''} {json.dumps(self.blocks(), ensure_ascii=False)}"


class FakeSlack:
    def __init__(self, members: list[dict[str, Any]] | None = None) -> None:
        self.calls: list[Call] = []
        self.members = members or []
        self._lock = threading.Lock()
        self._limited: set[str] = set()
        self._errors: dict[str, str] = {}
        self._ts = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:  # slack_sdk reads some methods (users.list) with GET
                fake._handle(self)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    # behaviour ----------------------------------------------------------------------------

    def rate_limit_once(self, method: str) -> None:
        with self._lock:
            self._limited.add(method)

    def fail(self, method: str, error: str) -> None:
        """Answer every later call of ``method`` with ``{"ok": false, "error": error}``."""
        with self._lock:
            self._errors[method] = error

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self._limited.clear()
            self._errors.clear()

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ts = f"{1_700_000_000 + next(self._ts)}.000100"
        if method in self._errors:
            return {"ok": False, "error": self._errors[method]}
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team_id": "THALDEN",
                "user": "paved",
                "team": "Halden Cycles",
                "url": "https://halden.example/",
            }
        if method == "chat.postMessage":
            channel = params.get("channel")
            return {
                "ok": True,
                "channel": channel,
                "ts": ts,
                "message": {"text": params.get("text"), "ts": ts},
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "views.open":
            return {"ok": True, "view": {"id": "VFAKE", "type": "modal"}}
        if method == "users.list":
            return {"ok": True, "members": self.members, "response_metadata": {"next_cursor": ""}}
        if method == "users.info":
            found = [m for m in self.members if m.get("id") == params.get("user")]
            if not found:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": found[0]}
        return {"ok": True}

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length).decode()
        content_type = request.headers.get("Content-Type", "")
        if "json" in content_type:
            params = json.loads(raw or "{}")
        else:
            params = {k: v[0] for k, v in parse_qs(raw).items()}
        path, _, query = request.path.partition("?")
        params.update({k: v[0] for k, v in parse_qs(query).items()})
        if path.startswith("/api/"):
            method = path[len("/api/") :]
        elif path.startswith("/response/"):
            method = "response_url:" + path[len("/response/") :]
        else:
            request.send_error(HTTPStatus.NOT_FOUND)
            return
        headers = {k.lower(): v for k, v in request.headers.items()}
        with self._lock:
            limited = method in self._limited
            self._limited.discard(method)
            self.calls.append(Call(method, params, 429 if limited else 200, headers))
        if limited:
            body = json.dumps({"ok": False, "error": "ratelimited"}).encode()
            request.send_response(429)
            request.send_header("Retry-After", "1")
        elif method.startswith("response_url:"):
            body = b"ok"
            request.send_response(200)
        else:
            body = json.dumps(self._answer(method, params)).encode()
            request.send_response(200)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    # assertions ---------------------------------------------------------------------------

    def calls_to(self, method: str, *, status: int | None = 200) -> list[Call]:
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method == method and (status is None or c.status == status)
            ]

    def wait_for(self, method: str, count: int = 1, *, timeout: float = 10.0) -> list[Call]:
        """Poll until ``count`` successful calls of ``method`` arrived (listeners run
        after the ack, so their calls come later than the HTTP response)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                seen = [c.method for c in self.calls]
                raise AssertionError(f"expected {count} × {method} within {timeout}s; saw {seen}")
            time.sleep(0.02)

    def methods(self) -> list[str]:
        with self._lock:
            return [c.method for c in self.calls]
