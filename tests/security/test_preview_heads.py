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

from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser.browser_helpers import script_ran, served
from example_site import build_site, copy_example

from paved.generator.mkdocs_plugin.blocks import lift

SCRIPT = "window.__pwned='{}'"
BLOCK = '<div class="admonition info"><img src=x onerror="{}"></div>'


def _id(prefix: str, where: str) -> str:
    # A YAML double-quoted scalar: the newlines make the id span lines of the page.
    return '"' + prefix + "\\n" + BLOCK.format(SCRIPT.format(where)).replace('"', '\\"') + '\\n"'


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
    build_site(root, root / "site", command="serve")  # errors do not stop a preview
    return root / "site"


class _Handlers(HTMLParser):
    """Every element of the page with an event handler attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [f"<{tag} {name}={value}>" for name, value in attrs if name.startswith("on")]


def _page(site: Path, folder: str, start: str) -> str:
    found = [p for p in (site / folder).iterdir() if p.name.startswith(start)]
    assert len(found) == 1, sorted(p.name for p in (site / folder).iterdir())
    return f"{folder}/{found[0].name}/"


@pytest.mark.parametrize(("folder", "start"), [("decisions", "adr-0016"), ("products", "wid-0001")])
def test_an_id_spanning_lines_runs_no_script_in_the_preview(
    site: Path, folder: str, start: str
) -> None:
    html = (site / _page(site, folder, start) / "index.html").read_text(encoding="utf-8")
    with served(site) as root:
        url = f"{root}/{_page(site, folder, start)}"
        pwned = script_ran(url)
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
