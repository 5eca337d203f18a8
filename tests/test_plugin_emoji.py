"""The portal's emoji generator: Material's icons inline, emoji with no request to a CDN."""

from __future__ import annotations

import markdown
from material.extensions.emoji import twemoji

from paved.generator.mkdocs_plugin.emoji import to_svg_or_character


def _html(text: str) -> str:
    config = {"emoji_index": twemoji, "emoji_generator": to_svg_or_character}
    html: str = markdown.markdown(
        text, extensions=["pymdownx.emoji"], extension_configs={"pymdownx.emoji": config}
    )
    return html


def test_an_emoji_is_its_character_not_a_picture_from_another_host() -> None:
    html = _html("Shipped :rocket: at HH:mm:ss")
    assert "\U0001f680" in html
    assert "<img" not in html
    assert "http" not in html


def test_a_theme_icon_is_inline_svg() -> None:
    html = _html("Done :material-check:")
    assert "<svg" in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
