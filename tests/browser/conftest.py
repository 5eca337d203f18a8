"""Build the example portal once, serve it on 127.0.0.1, drive it with headless Chromium.

The feedback widget posts to a small local receiver (the bot's feedback API comes later),
which records each JSON body and answers the CORS preflight like the real API must.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = REPO / "tests" / "output"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Receiver:
    """Records the JSON bodies POSTed to it."""

    url: str
    posts: list[dict[str, Any]] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.posts) >= count, timeout=timeout)
            return list(self.posts)


def _receiver_handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _cors(self) -> None:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")

        def do_OPTIONS(self) -> None:
            self.send_response(204)
            self._cors()
            self.end_headers()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            with receiver.arrived:
                receiver.posts.append(body)
                receiver.arrived.notify_all()
            self.send_response(201)
            self._cors()
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": true}')

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def _serve(server: ThreadingHTTPServer) -> str:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    holder = Receiver(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _receiver_handler(holder))
    holder.url = _serve(server) + "/api/feedback"
    yield holder
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, receiver: Receiver) -> Iterator[str]:
    """The example portal, built once with MkDocs, served over HTTP; yields its base URL."""
    root = tmp_path_factory.mktemp("portal") / "repo"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "wids", "adrs", "custodians", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    site_dir = root.parent / "site"
    saved = os.environ.get("PAVED_FEEDBACK_URL")
    os.environ["PAVED_FEEDBACK_URL"] = receiver.url
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir))
    finally:
        if saved is None:
            os.environ.pop("PAVED_FEEDBACK_URL", None)
        else:
            os.environ["PAVED_FEEDBACK_URL"] = saved
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietFiles, directory=str(site_dir)))
    yield _serve(server)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def products(site: str) -> list[dict[str, Any]]:
    """The example's products as the portal publishes them (api/platform.json)."""
    from urllib.request import urlopen

    with urlopen(f"{site}/api/platform.json", timeout=10) as response:
        data: dict[str, Any] = json.load(response)
    return list(data["products"])


# Module scope, not session: Playwright's sync API runs an event loop in this thread while
# it is open, and pytest-asyncio tests elsewhere cannot start theirs until it is closed.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (CI installs it: apt-get install chromium)"
        print(f"skipping browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every request it makes; none may leave 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.requested = requested
    yield tab
    context.close()
    outside = [
        url
        for url in requested
        if urlsplit(url).scheme in ("http", "https", "ws", "wss")
        and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert requested, "the page made no request at all"


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
