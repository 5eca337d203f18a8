"""Build the example portal once, serve it on 127.0.0.1, drive it with headless Chromium.

The feedback widget posts to the real bot service (``paved.bot.service.create_app`` over a real
SQLite store) under a real uvicorn on another loopback port, allowed to take requests
from the portal's origin only, exactly as ``make run`` wires the two.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from browser_helpers import served
from mkdocs.commands.build import build
from mkdocs.config import load_config

from paved.bot.service import create_app
from paved.bot.settings import Settings
from paved.bot.store import Store, open_store

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
# Read by the plugin at build time; the browser tests build without the reports.
BUILD_VARIABLES = ("PAVED_FEEDBACK_URL", "PAVED_DATABASE_URL")


@dataclass
class Bot:
    """The running bot service: where the portal posts, and the store it writes to."""

    feedback_url: str
    store: Store
    database: Path


# Module scope throughout: the servers' threads (and Playwright's loop, below) end with
# the browser tests, so later tests that need a single-threaded process (the validation
# fork) or their own event loop find it.
@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("portal") / "site"


@pytest.fixture(scope="module")
def site_url(site_dir: Path) -> Iterator[str]:
    """The portal's address, known before the build so the bot can allow its origin."""
    with served(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Iterator[Bot]:
    """``create_app`` over a new SQLite store, served by uvicorn in a thread (its own
    event loop there, so nothing leaks into the tests' loops)."""
    data_dir = tmp_path_factory.mktemp("bot")
    database = data_dir / "paved.db"
    settings = Settings(
        database_url=f"sqlite:///{database}", data_dir=data_dir, allowed_origins=(site_url,)
    )
    store = open_store(settings.database_url)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, store),
            host="127.0.0.1",
            port=0,
            log_level="warning",
            lifespan="off",
        )
    )
    thread = threading.Thread(target=server.run, name="bot-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped while starting"
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield Bot(f"http://127.0.0.1:{port}/api/feedback", store, database)
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def site(site_dir: Path, site_url: str, bot: Bot) -> str:
    """The example portal, built once with MkDocs and served over HTTP; its base URL."""
    root = site_dir.parent / "repo"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "wids", "adrs", "custodians", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    saved = {name: os.environ.pop(name, None) for name in BUILD_VARIABLES}
    os.environ["PAVED_FEEDBACK_URL"] = bot.feedback_url
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir))
    finally:
        os.environ.pop("PAVED_FEEDBACK_URL", None)
        for name, value in saved.items():
            if value is not None:
                os.environ[name] = value
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_url


@pytest.fixture(scope="module")
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
    tab.set_default_timeout(30_000)  # a busy machine; speed is measured in benchmarks/
    tab.set_default_navigation_timeout(60_000)
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
