"""A branch that does not validate still cannot run script in ``paved serve``'s preview.

``paved serve`` renders every page while the repository has errors (the home page lists
them), so a reviewer who previews a pull request's branch sees what it makes. A product
or decision page's head (its title line, banners, the card) is lifted out of
Python-Markdown and put back after the sanitiser; its title line held the document's id
unescaped, so an ``id:`` spanning lines (an error, ADR201 / WID101, but served) wrote a
``<div class="admonition info">`` the lift took for a banner of the template's, with an
``<img onerror>`` that ran on the previewed page.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from example_site import copy_example

from paved.generator.mkdocs_plugin.blocks import lift

SCRIPT = "window.__pwned='{}'"
BLOCK = '<div class="admonition info"><img src=x onerror="{}"></div>'


def _id(prefix: str, where: str) -> str:
    # A YAML double-quoted scalar: the newlines make the id span lines of the page.
    return '"' + prefix + "\\n" + BLOCK.format(SCRIPT.format(where)).replace('"', '\\"') + '\\n"'


def _serve_build(root: Path) -> Path:
    """The site ``paved serve`` would serve (``command="serve"``: errors do not stop it)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("preview") / "repo"
    copy_example(root)
    (root / "adrs" / "0016-evil.md").write_text(
        f"---\nid: {_id('ADR-0016', 'adr')}\nstatus: proposed\ndate: '2026-03-04'\n"
        "decision-makers: [Oskar Berg]\n---\n# Evil decision\n\n## Context\n\nx\n",
        encoding="utf-8",
    )
    wid = next((root / "wids").glob("WID-0001-*.md"))
    text = wid.read_text(encoding="utf-8")
    assert text.startswith("---\nid: WID-0001\n"), text[:40]
    wid.write_text(
        text.replace("id: WID-0001\n", f"id: {_id('WID-0001', 'wid')}\n", 1), encoding="utf-8"
    )
    return _serve_build(root)


class _Handlers(HTMLParser):
    """Every element of the page with an event handler attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [f"<{tag} {name}={value}>" for name, value in attrs if name.startswith("on")]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _page(site: Path, folder: str, start: str) -> str:
    found = [p for p in (site / folder).iterdir() if p.name.startswith(start)]
    assert len(found) == 1, sorted(p.name for p in (site / folder).iterdir())
    return f"{folder}/{found[0].name}/"


@pytest.mark.parametrize(("folder", "start"), [("decisions", "adr-0016"), ("products", "wid-0001")])
def test_an_id_spanning_lines_runs_no_script_in_the_preview(
    site: Path, served: str, folder: str, start: str
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    url = f"{served}/{_page(site, folder, start)}"
    html = (site / _page(site, folder, start) / "index.html").read_text(encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium))
        try:
            tab = browser.new_page()
            tab.goto(url)
            tab.wait_for_load_state("load")
            pwned = tab.evaluate("window.__pwned")
        finally:
            browser.close()
    assert pwned is None, f"script ran on {url}: window.__pwned = {pwned!r}"
    handlers = _Handlers()
    handlers.feed(html)
    assert handlers.found == [], handlers.found


def test_the_head_is_sanitised_when_lifted() -> None:
    """Whatever precedes the card comes back from the lift without handlers or scripts;
    the template's own banner and card come back as written."""
    banner = '<div class="admonition info">\n<p class="admonition-title">Proposed</p>\n</div>\n'
    card = (
        '<div class="paved-card"><table>\n<thead><tr><th>Field</th><th>Value</th></tr>'
        "</thead>\n<tbody>\n<tr><td>Status</td><td>proposed</td></tr>\n</tbody>\n</table></div>\n"
    )
    hostile = BLOCK.format("x()") + " · <script>x()</script>\n\n"
    _, blocks = lift(f"# ADR-1\n{hostile}{banner}\n{card}\nBody.\n")
    assert blocks, "nothing lifted"
    assert not any("onerror" in b or "<script" in b for b in blocks), blocks
    _, clean = lift(f"# ADR-1\n\n{banner}\n{card}\nBody.\n")
    assert clean == [banner, card]
