"""One Markdown reused for every page gives what MkDocs' new Markdown per page gives.

Pages with per-document state (footnotes, abbreviations, tab groups, numbered code
lines, repeated headings, a ``[TOC]`` marker, reference links, raw HTML with ids) are
converted one after another, in both orders, by ``speed.convert.Converter`` and by
MkDocs' own ``Page.render``; every result MkDocs keeps of a page must be the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.pages import Page

from paved.generator.mkdocs_plugin.speed.convert import Converter, reusable

REPO = Path(__file__).resolve().parents[1]

PAGES = {
    "index.md": "# Home\n\nSee [the guide](guide.md#setup) and [b][ref].\n\n[ref]: b.md\n",
    "guide.md": (
        "# Guide\n\n[TOC]\n\n## Setup\n\nText[^1] with HTML.\n\n## Setup\n\nAgain.\n\n"
        "*[HTML]: Hyper Text Markup Language\n\n[^1]: A note.\n"
    ),
    "b.md": (
        'Title from nothing\n\n<div id="raw" markdown>\n**bold** [x]\n</div>\n\n'
        "[x]: guide.md#missing\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    ),
    "c.md": (
        '# Tabs\n\n=== "One"\n\n    one\n\n=== "Two"\n\n    two\n\n'
        '```python linenums="1"\nx = 1\n```\n\n!!! note "N"\n    body[^a]\n\n'
        "[^a]: Another note.\n\nTerm\n:   Definition\n\n- [x] done\n- [ ] not yet\n"
    ),
    "d.md": '# Again\n\n```python linenums="1"\ny = 2\n```\n\n## Setup\n\nHTML here.\n',
}


def _site(tmp_path: Path, extensions: str) -> tuple[MkDocsConfig, Files]:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text(f"site_name: T\n{extensions}", encoding="utf-8")
    config = load_config(config_file=str(yml))
    return config, get_files(config)


def _results(config: MkDocsConfig, files: Files, order: list[str], *, reuse: bool) -> dict:
    converter = Converter()
    out = {}
    for src_uri in order:
        file = files.get_file_from_path(src_uri)
        assert file is not None
        page = Page(None, file, config)
        page.read_source(config)
        if reuse:
            render = converter.render_of(page, config)
            assert render is not None
            render(config, files)
        else:
            page.render(config, files)
        links = page.links_to_anchors or {}
        out[src_uri] = (
            page.content,
            [(item.title, item.id, item.level, len(item.children)) for item in page.toc],
            page._title_from_render,
            sorted(page.present_anchor_ids or ()),
            sorted((target.src_uri, sorted(a.items())) for target, a in links.items()),
        )
    return out


PORTAL = (
    "markdown_extensions:\n  - abbr\n  - admonition\n  - attr_list\n  - def_list\n"
    "  - footnotes\n  - md_in_html\n  - tables\n  - toc:\n      permalink: true\n"
    "  - pymdownx.details\n  - pymdownx.highlight:\n      anchor_linenums: true\n"
    "  - pymdownx.inlinehilite\n  - pymdownx.tabbed:\n      alternate_style: true\n"
    "  - pymdownx.tasklist:\n      custom_checkbox: true\n  - pymdownx.superfences\n"
)


@pytest.mark.parametrize("extensions", ["", PORTAL], ids=["mkdocs-defaults", "portal"])
def test_reused_markdown_converts_like_a_new_one_per_page(tmp_path: Path, extensions: str) -> None:
    config, files = _site(tmp_path, extensions)
    assert reusable(config)
    order = list(PAGES)
    for pages in (order, order[::-1], order + order):
        fresh = _results(config, files, pages, reuse=False)
        reused = _results(config, files, pages, reuse=True)
        assert reused == fresh
    # The state that must not leak shows in the pages: footnotes, tabs, numbered lines.
    if extensions:
        assert 'id="fn:1"' in fresh["guide.md"][0]
        assert "__codelineno-0-1" in fresh["d.md"][0]


def test_an_extension_not_known_to_reset_keeps_mkdocs_render(tmp_path: Path) -> None:
    config, files = _site(tmp_path, "markdown_extensions:\n  - smarty\n")
    assert not reusable(config)
    file = files.get_file_from_path("index.md")
    assert file is not None
    assert Converter().render_of(Page(None, file, config), config) is None


def test_the_portal_extensions_are_all_reusable() -> None:
    """The repository's own mkdocs.yml keeps the faster conversion (its extensions are
    each known to reset); a new extension there must be read and added, or it silently
    costs every page a new Markdown."""
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    assert "pymdownx.superfences" in config.markdown_extensions
    assert reusable(config), sorted(set(config.markdown_extensions))
