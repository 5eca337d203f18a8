"""Paved's own site assets (mkdocs_plugin.assets, static/): named in the site's
configuration once and published from package data."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from paved.generator.mkdocs_plugin.assets import (
    SITE_FOLDER,
    STATIC,
    add_site_assets,
    site_asset_files,
)
from paved.generator.mkdocs_plugin.sanitize import sanitize

REPO = Path(__file__).resolve().parents[1]


def test_scripts_and_styles_are_named_once() -> None:
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    add_site_assets(config)
    add_site_assets(config)

    scripts = [str(getattr(s, "path", s)) for s in config.extra_javascript]
    assert scripts.count(f"{SITE_FOLDER}/paved-tables.js") == 1
    assert config.extra_css.count(f"{SITE_FOLDER}/paved-tables.css") == 1


def test_every_static_file_is_published_under_the_site_folder() -> None:
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    # What MkDocs sets while a plugin's event runs (File.generated records it).
    config.plugins._current_plugin = "paved"
    files = {f.src_uri: f for f in site_asset_files(config)}

    on_disk = {p for p in STATIC.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert len(files) == len(on_disk)


def test_table_filters_attribute_is_kept() -> None:
    html = '<div class="paved-table" data-filters="Domain,Status"><table></table></div>'

    assert sanitize(html) == html
