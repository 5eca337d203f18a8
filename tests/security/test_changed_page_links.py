"""A docs page's file name reaches the home page's "Recently changed" table as a link
target, and cannot end the link there.

The table is an HTML block the plugin keeps out of Python-Markdown (and so out of the
sanitiser): built from escaped values and ``[text](target)`` links that
``card.inline_html`` turns into anchors. The target was the page's path as written, and
a path with a space or a parenthesis is no link to that pattern: it stayed in the block
as text, markup included. ``docs/support/x <img src=x onerror=...>.md`` (0 errors, 0
warnings) committed last ran its script on the portal's home page for every reader.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from browser.browser_helpers import script_ran, served
from example_site import build_site, commit_all, copy_example

NAME = "x <img src=x onerror=window.__pwned=1>(y).md"


class _Links(HTMLParser):
    """Event handler attributes, and the anchors of the "Recently changed" table."""

    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"<{tag} {n}={v}>" for n, v in attrs if n.startswith("on")]
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("changed") / "repo"
    copy_example(root)
    commit_all(root, author="Ada", date="2026-01-01T10:00:00")
    (root / "docs" / "support" / NAME).write_text("# Hello\n\nText.\n", encoding="utf-8")
    commit_all(root, author="Bo", date="2030-01-01T10:00:00")  # the newest change
    build_site(root, root / "site")  # in process: git on PATH gives the table its rows
    return root / "site"


def test_the_home_page_links_the_page_and_holds_no_markup_of_its_name(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "No git history" not in html
    links = _Links()
    links.feed(html)
    assert links.handlers == []
    page = "support/" + NAME.removesuffix(".md") + "/"
    assert page in [unquote(h) for h in links.hrefs], "the changed page is not linked"
    assert (site / page / "index.html").exists()


def test_the_home_page_runs_no_script(site: Path) -> None:
    with served(site) as url:
        pwned = script_ran(f"{url}/")
    assert pwned is None, f"script ran on the home page: window.__pwned = {pwned!r}"
