"""Content may not take the ids the theme's own scripts look elements up by.

Material reads its configuration with ``document.querySelector("#__config")`` and parses
the text of whatever element comes first; the page's content comes before the real
``<script id="__config">`` at the end of ``<body>``. A page holding
``<div id="__config">{...}</div>`` therefore hands Material a configuration of its own:
translations that Material places with ``innerHTML`` (the search's "Missing" label), a
``base`` the search index and ``versions.json`` are fetched from. Opening such a page
with ``?q=`` (a link anyone can share) ran the author's script. A heading slugged
``__config`` broke every script of its page instead (its text is not JSON).

The sanitiser drops, from author content, every ``id``, ``for`` and ``name`` in the
theme's ``__`` namespace other than the shapes Markdown's extensions write themselves
(``__codelineno-0-1``, ``__span-0-1``, ``__tabbed_1_1``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import material
import pytest
from example_site import copy_example, paved_build_command

from paved.generator.mkdocs_plugin.sanitize import sanitize

CHROMIUM = Path("/usr/bin/chromium")

# Material's own markup and what Markdown's extensions write: kept as they are.
GENERATED = [
    '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>',
    '<span id="__span-0-12"></span>',
    '<input id="__tabbed_1_1" name="__tabbed_1" type="radio" checked>'
    '<label for="__tabbed_1_1">One</label>',
]

# A translation placed with innerHTML; written with JSON escapes, as an attacker would,
# so that no "<" or "on...=" is in the Markdown for a pattern to see.
PAYLOAD = "\\u003cimg src=x \\u006fnerror=window.__pwned='clobbered'\\u003e"
TRANSLATIONS = dict.fromkeys(
    ("search.result.term.missing", "search.result.more.one", "search.result.more.other"),
    PAYLOAD,
)
CLOBBER_PAGE = (
    "# Clobber\n\n"
    '<div id="__config">{"base": "../..", "features": [], '
    '"search": "../../assets/javascripts/workers/SEARCH", "tags": null, '
    '"annotate": null, "version": null, "translations": {'
    + ", ".join(f'"{key}": "{value}"' for key, value in TRANSLATIONS.items())
    + ', "search.result.placeholder": "x", "search.result.none": "x", '
    '"search.result.one": "x", "search.result.other": "#", "clipboard.copy": "x", '
    '"clipboard.copied": "x", "select.version": "x"}}</div>\n\n'
    "## Drawer {: #__drawer }\n\n"
    "## __search\n\n"
    '<label for="__search">Search</label> <a name="__toc" href="#x">toc</a>\n'
)


@pytest.mark.parametrize(
    "markup",
    [
        '<div id="__config">{}</div>',
        '<h2 id="__drawer">x</h2>',
        '<label for="__search">x</label>',
        '<a name="__toc" href="#a">x</a>',
        '<input id="__palette_0" type="checkbox">',
        '<p id="__nav_2">x</p>',
        '<p id="__CONFIG">x</p>',
    ],
)
def test_theme_ids_are_dropped_from_content(markup: str) -> None:
    cleaned = sanitize(markup)
    assert not re.search(r'\s(?:id|for|name)="__', cleaned), cleaned


@pytest.mark.parametrize("markup", GENERATED)
def test_ids_the_extensions_write_are_kept(markup: str) -> None:
    cleaned = sanitize(markup)
    for value in re.findall(r'(?:id|for|name)="([^"]*)"', markup):
        assert f'"{value}"' in cleaned, cleaned


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hooks") / "repo"
    copy_example(root)
    # The search worker Material ships, so the forged configuration is a working one.
    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    name = next(workers.glob("search.*.min.js")).name
    (root / "docs" / "support" / "clobber.md").write_text(
        CLOBBER_PAGE.replace("SEARCH", name), encoding="utf-8"
    )
    return paved_build_command(root)


def test_the_first_config_element_is_the_themes(site: Path) -> None:
    page = (site / "support" / "clobber" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<(\w+)[^>]*\sid="__config"', page)
    assert found == ["script"], found
    article = page[page.find("<article") : page.find("</article>")]
    assert not re.search(r'\s(?:id|for|name)="__(?!codelineno-|span-|tabbed_)', article)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.browser
def test_a_shared_search_link_runs_no_script(served: str) -> None:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (CI installs it: apt-get install chromium)"
        print(f"skipping browser test: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            # Two words, one found nowhere: results show Material's "Missing" label.
            page.goto(f"{served}/support/clobber/?q=catalogue%20zzqxw")
            page.wait_for_selector(".md-search-result__item", timeout=15000)
            page.wait_for_timeout(500)
            pwned = page.evaluate("typeof window.__pwned === 'string' ? window.__pwned : null")
            results = page.locator(".md-search-result__item").count()
        finally:
            browser.close()
    assert pwned is None
    assert results > 0  # the theme's own configuration still drives the search
