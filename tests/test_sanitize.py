"""The allow-list sanitiser every page's HTML passes through (mkdocs_plugin.sanitize),
the front matter the theme may see, and the snippets restriction."""

from __future__ import annotations

from pathlib import Path

import pytest

from paved.generator.mkdocs_plugin.sanitize import (
    restrict_snippets,
    safe_meta,
    sanitize,
    sanitize_svg,
)

LIVE = ("<script", "onerror", "onload", "onclick", "onmouseover", "javascript:", "srcdoc")


@pytest.mark.parametrize(
    "html",
    [
        "<p><img src=x\nonerror=alert(1)></p>",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<p onmouseover="alert(1)">hover</p>',
        '<div markdown="1"><img src=x onerror=alert(1)></div>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<object data="javascript:alert(1)"></object><embed src="x.swf">',
        '<form action="javascript:alert(1)"><button formaction="x">go</button></form>',
        '<svg><animate attributeName="href" values="javascript:alert(1)"/><a href="javascript:alert(1)"><text>x</text></a></svg>',  # noqa: E501
        "<svg><script>alert(1)</script><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",  # noqa: E501
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<!--><img src=x onerror=alert(1)>-->",
        '<style>@import "javascript:alert(1)";</style><p style="background:url(javascript:alert(1))">x</p>',  # noqa: E501
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:/">',
        '<details open ontoggle="alert(1)"><summary>x</summary></details>',
        '<input autofocus onfocus="alert(1)">',
    ],
)
def test_script_never_survives(html: str) -> None:
    cleaned = sanitize(html).lower()
    for live in LIVE:
        assert live not in cleaned, (live, cleaned)
    assert "<iframe" not in cleaned
    assert "<object" not in cleaned
    assert "<form" not in cleaned
    assert "<meta" not in cleaned
    assert "<base" not in cleaned


def test_what_markdown_writes_is_kept() -> None:
    html = (
        '<h2 id="access">Access<a class="headerlink" href="#access" title="Permanent link">'
        '¶</a></h2><div class="admonition note"><p class="admonition-title">Note</p></div>'
        '<table><thead><tr><th style="text-align: right;">n</th></tr></thead></table>'
        '<div class="tabbed-set tabbed-alternate"><input checked="checked" id="__tabbed_1_1" '
        'name="__tabbed_1" type="radio"><label for="__tabbed_1_1">A</label></div>'
        '<a href="../x/#y">x</a><a href="mailto:a@b.no">m</a><img alt="d" src="img/d.png">'
        "<!--paved-html:0-->"
    )
    cleaned = sanitize(html)
    for kept in (
        'id="access"', 'class="headerlink"', 'href="#access"', 'class="admonition note"',
        "text-align:right", 'id="__tabbed_1_1"', 'type="radio"', 'for="__tabbed_1_1"',
        'href="../x/#y"', 'href="mailto:a@b.no"', 'src="img/d.png"', "<!--paved-html:0-->",
    ):  # fmt: skip
        assert kept in cleaned, kept


def test_front_matter_reaches_the_theme_escaped_and_only_known_keys() -> None:
    meta = safe_meta(
        {
            "title": "</title><img src=x onerror=alert(1)>",
            "description": '"><script>alert(1)</script>',
            "template": "../../evil.html",
            "owner": "ana",
            "hide": ["toc", "<script>"],
            "search": {"exclude": True, "boost": "x"},
        }
    )
    assert meta["title"] == "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert meta["description"].startswith("&quot;&gt;&lt;script")
    assert "template" not in meta
    assert meta["owner"] == "ana"  # escaped where Paved's templates place it
    assert meta["hide"] == ["toc"]
    assert meta["search"] == {"exclude": True}


def test_svg_files_lose_script_and_keep_drawing() -> None:
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" '
        b'onload="alert(1)"><script>alert(1)</script><rect x="1" y="1" width="5" '
        b'height="5" style="fill:red"/><a href="javascript:alert(1)"><text>x</text></a></svg>'
    )
    cleaned = sanitize_svg(svg).decode()
    assert "onload" not in cleaned
    assert "script" not in cleaned
    assert 'viewBox="0 0 10 10"' in cleaned
    assert "<rect" in cleaned
    assert 'xmlns="http://www.w3.org/2000/svg"' in cleaned


def test_snippets_come_only_from_the_snippets_folder(tmp_path: Path) -> None:
    configs: dict[str, dict[str, object]] = {"pymdownx.snippets": {"base_path": ["."]}}
    notes = restrict_snippets(["pymdownx.snippets"], configs, tmp_path)
    settings = configs["pymdownx.snippets"]
    assert settings["base_path"] == [str((tmp_path / "docs" / "snippets").resolve())]
    assert settings["restrict_base_path"] is True
    assert settings["url_download"] is False
    assert notes
    assert restrict_snippets(["toc"], {}, tmp_path) == []


def test_files_whose_bytes_are_not_their_type_are_not_published() -> None:
    from paved.generator.mkdocs_plugin.assets import wrong_content

    assert wrong_content(".png", b"<html><script>alert(1)</script>")
    assert wrong_content(".PDF", b"<!doctype html>")
    assert not wrong_content(".png", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not wrong_content(".pdf", b"%PDF-1.7\n")
    assert not wrong_content(".csv", b"<script>")  # text types: served as text
