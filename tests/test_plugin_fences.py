"""A dataset page's fences drawn before conversion come out as superfences draws them."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from example_site import pages_of
from mkdocs.config import load_config

from paved.generator.mkdocs_plugin.blocks import fence_formatters, lift, put_back
from paved.generator.mkdocs_plugin.tables import register_fence


def _convert(text: str, formatters: dict[str, object] | None) -> str:
    config = load_config(str(Path(__file__).parents[1] / "mkdocs.yml"))
    register_fence(config.markdown_extensions, config.mdx_configs)
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    found = fence_formatters(config.mdx_configs) if formatters is not None else None
    lifted, blocks = lift(text, found)
    return put_back(md.convert(lifted), blocks)


def test_drawn_fences_give_the_html_superfences_gives() -> None:
    page = pages_of()["catalogue/datasets/pos.orders.md"].markdown
    by_superfences = _convert(page, None)
    drawn = _convert(page, {})
    assert "```" not in drawn
    assert drawn.count('<div class="paved-diagram" data-search-exclude>') == 1
    assert '<h1 id="posorders">' in drawn
    assert re.sub(r"\s+", "", drawn) == re.sub(r"\s+", "", by_superfences)


def test_formatters_are_read_from_the_superfences_options() -> None:
    found = fence_formatters(
        {"pymdownx.superfences": {"custom_fences": [{"name": "x", "format": str}, {"name": "y"}]}}
    )
    assert list(found) == ["x"]
    assert fence_formatters({}) == {}
