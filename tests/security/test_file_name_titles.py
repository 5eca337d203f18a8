"""Titles and links MkDocs makes from file and folder names reach every page escaped.

A page with no ``# heading`` and no ``title:`` is named after its file, and a folder of
``docs/`` becomes a navigation section named after the folder; the theme writes both
into the navigation of every page as they are, and writes "Edit this page" as
``repo_url`` + ``edit_uri`` + the file's path. ``docs/support/q"><img src=x
onerror=...>.md`` (a warning, DOC402, and no error) therefore ran its script on every
page of the portal. The corpus's own case (SF-017) used ``__pwned`` in its name, which
MkDocs turns into ``  pwned``: a syntax error, so the browser test never saw it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from example_site import copy_example, paved_build_command

# No underscore (MkDocs turns it into a space) and no dash: the name survives as it is.
SCRIPT = "self[atob('X19wd25lZA')]"
PAGE = f"""q"><img src=x onerror={SCRIPT}='page'>.md"""
FOLDER = f"""<img src=x onerror={SCRIPT}='folder'>"""


class _Tags(HTMLParser):
    """Every element with an event handler, and the "Edit this page" links."""

    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.edit_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value}>")
        if tag == "a" and ("rel", "edit") in attrs:
            self.edit_links.append(dict(attrs).get("href") or "")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names") / "repo"
    copy_example(root)
    (root / "docs" / "support" / PAGE).write_text("No heading here.\n", encoding="utf-8")
    (root / "docs" / FOLDER).mkdir()
    (root / "docs" / FOLDER / "page.md").write_text("# A page\n\nText.\n", encoding="utf-8")
    return paved_build_command(root)


def _parsed(path: Path) -> _Tags:
    tags = _Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def test_no_page_carries_an_event_handler(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    found = {str(p.relative_to(site)): h for p in pages if (h := _parsed(p).handlers)}
    assert not found, dict(list(found.items())[:5])


def test_the_named_page_shows_its_name_as_text(site: Path) -> None:
    [page] = [p for p in (site / "support").rglob("index.html") if "atob" in str(p)]
    text = page.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in text  # its title, shown as the text it is


def test_edit_links_keep_the_whole_file_name_in_the_url(site: Path) -> None:
    [page] = [p for p in (site / "support").rglob("index.html") if "atob" in str(p)]
    [href] = _parsed(page).edit_links
    assert unquote(urlsplit(href).path).endswith("/docs/support/" + PAGE), href
