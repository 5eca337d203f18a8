"""What the browser tests share: a built site served on 127.0.0.1, and every diagram of a
page walked until ``paved-diagrams.js`` has drawn it (or shown its error), then measured
in the page by a test's own script."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

#: True once the diagram's wrapper says it was drawn or failed.
DIAGRAM_DONE = "el => ['drawn', 'error'].includes(el.getAttribute('data-paved-diagram'))"


class QuietFiles(SimpleHTTPRequestHandler):
    """Files of one folder, without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on a free port of 127.0.0.1 (it may be built after the start)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietFiles, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()


def script_ran(url: str) -> object:
    """``window.__pwned`` once ``url`` has loaded in Debian's Chromium: None when no
    script of an attack ran (the attacks set it). Skips the test, saying why, without
    Playwright or Chromium."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium))
        try:
            tab = browser.new_page()
            tab.goto(url)
            tab.wait_for_load_state("load")
            return tab.evaluate("window.__pwned")
        finally:
            browser.close()


def measure_diagrams(tab: Any, script: str) -> list[dict[str, Any]]:
    """``script`` evaluated on each diagram of the page, once it is drawn: diagrams are
    drawn as they scroll into view, so each is brought into view first."""
    wrappers = tab.locator("article .paved-diagram")
    found = []
    for index in range(wrappers.count()):
        wrapper = wrappers.nth(index)
        wrapper.scroll_into_view_if_needed()
        tab.wait_for_function(DIAGRAM_DONE, arg=wrapper.element_handle())
        found.append(wrapper.evaluate(script))
    return found
