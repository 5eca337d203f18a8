"""The feedback widget is honest in real Chromium: with the feedback API down it says the
rating and the comment were not sent, keeps the comment in the box, and says "sent"
only once the API (the real bot service, started late on the same port) has stored it;
when the API refuses (429 from its rate limit) it says that too.

The example is copied and built with PAVED_FEEDBACK_URL pointing at a port where nothing
listens yet."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from paved.bot.service import create_app
from paved.bot.settings import Settings
from paved.bot.store import Store, open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: example_site
from example_site import build_site, copy_example

pytestmark = pytest.mark.browser

COMMENT = "The access page does not say how long a request takes."


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@dataclass
class Portal:
    url: str
    api_port: int
    data_dir: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """The example built to post to 127.0.0.1:<port>, where no API runs (yet)."""
    base = tmp_path_factory.mktemp("feedback")
    root = copy_example(base / "repo")
    site = base / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    api_port = _free_port()
    saved = {name: os.environ.pop(name, None) for name in ("PAVED_DATABASE_URL",)}
    os.environ["PAVED_FEEDBACK_URL"] = f"http://127.0.0.1:{api_port}/api/feedback"
    try:
        build_site(root, site)
    finally:
        os.environ.pop("PAVED_FEEDBACK_URL", None)
        for name, value in saved.items():
            if value is not None:
                os.environ[name] = value
    yield Portal(f"http://{host!s}:{port}", api_port, base / "bot")
    server.shutdown()
    server.server_close()


class _Bot:
    """The real bot service (create_app over SQLite) under uvicorn, on a given port."""

    def __init__(self, portal: Portal, *, rate_limit: int) -> None:
        portal.data_dir.mkdir(exist_ok=True)
        database = portal.data_dir / f"paved-{rate_limit}.db"
        settings = Settings(
            database_url=f"sqlite:///{database}",
            data_dir=portal.data_dir,
            allowed_origins=(portal.url,),
            rate_limit_per_minute=rate_limit,
        )
        self.store: Store = open_store(settings.database_url)
        self.server = uvicorn.Server(
            uvicorn.Config(
                create_app(settings, self.store),
                host="127.0.0.1",
                port=portal.api_port,
                log_level="warning",
                lifespan="off",
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> _Bot:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            assert self.thread.is_alive(), "uvicorn stopped while starting"
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.store.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)  # a busy machine; speed is measured in benchmarks/
    yield page
    context.close()


def _widget(tab: Any) -> tuple[Any, Any]:
    form = tab.locator("form[name='feedback']")
    form.scroll_into_view_if_needed()
    return form, form.locator(".paved-feedback-error")


def test_api_down_the_widget_says_so_and_keeps_the_comment(
    portal: Portal, tab: Any, output_dir: Path
) -> None:
    tab.goto(f"{portal.url}/access/")
    form, error = _widget(tab)

    form.locator("button[data-md-value='1']").click()
    error.wait_for()
    assert "could not be reached" in error.inner_text()
    assert form.locator(".md-feedback__note [data-md-value='1']").is_hidden()
    assert form.locator("fieldset").is_enabled()  # the reader can rate again

    form.locator("button[data-md-value='0']").click()
    box = form.locator(".paved-feedback-comment")
    box.locator("textarea").fill(COMMENT)
    box.locator("button").click()
    failed = box.locator(".paved-feedback-comment__error")
    failed.wait_for()
    assert "was not sent" in failed.inner_text()
    assert "could not be reached" in failed.inner_text()
    assert box.locator(".paved-feedback-comment__done").is_hidden()
    assert box.locator("textarea").input_value() == COMMENT
    assert box.locator("button").is_enabled()
    tab.screenshot(path=str(output_dir / "feedback-api-down.png"), full_page=True)

    with _Bot(portal, rate_limit=30) as bot:
        box.locator("button", has_text="Try again").click()
        box.locator(".paved-feedback-comment__done").wait_for()
        assert failed.is_hidden()
        stored = bot.store.feedback_comments()
    assert [(c.page, c.rating, c.comment) for c in stored] == [("access/index.md", 0, COMMENT)]


def test_api_refusing_is_reported_with_its_reason(portal: Portal, tab: Any) -> None:
    with _Bot(portal, rate_limit=1) as bot:
        tab.goto(f"{portal.url}/get-started/")
        form, error = _widget(tab)
        form.locator("button[data-md-value='1']").click()
        form.locator(".md-feedback__note [data-md-value='1']").wait_for()
        assert error.is_hidden()

        tab.goto(f"{portal.url}/access/")
        form, error = _widget(tab)
        form.locator("button[data-md-value='0']").click()
        error.wait_for()
        text = error.inner_text()
        summaries = bot.store.feedback_summary()
    assert "refused it (HTTP 429" in text
    assert "try again in" in text
    assert form.locator(".md-feedback__note [data-md-value='0']").is_hidden()
    assert [(s.page, s.up, s.down) for s in summaries] == [("get-started/index.md", 1, 0)]
