"""Paved's own site assets (mkdocs_plugin.assets, static/): named in the site's
configuration once, published from package data, and the vendored mermaid build complete
(every module its entry point imports, transitively, is shipped)."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import load_config

from paved.generator.mkdocs_plugin.assets import (
    SITE_FOLDER,
    STATIC,
    add_site_assets,
    copy_site_assets,
    site_asset_files,
    with_site_assets,
)
from paved.generator.mkdocs_plugin.mermaid import diagram_html
from paved.generator.mkdocs_plugin.sanitize import sanitize

REPO = Path(__file__).resolve().parents[1]
MERMAID = STATIC / "mermaid"
_IMPORT = re.compile(r"""(?:from\s*|import\(\s*|import\s*)["'](\./[^"']+)["']""")


def test_scripts_and_styles_are_named_once() -> None:
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    add_site_assets(config)
    add_site_assets(config)

    scripts = [str(getattr(s, "path", s)) for s in config.extra_javascript]
    assert scripts.count(f"{SITE_FOLDER}/paved-tables.js") == 1
    assert scripts.count(f"{SITE_FOLDER}/paved-diagrams.js") == 1
    assert config.extra_css.count(f"{SITE_FOLDER}/paved-tables.css") == 1
    # mermaid itself is loaded by paved-diagrams.js, only on pages with a diagram
    assert not any("mermaid" in s for s in scripts)


def test_every_static_file_is_published_under_the_site_folder() -> None:
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    # What MkDocs sets while a plugin's event runs (File.generated records it).
    config.plugins._current_plugin = "paved"
    files = {f.src_uri: f for f in site_asset_files(config)}

    on_disk = {p for p in STATIC.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert len(files) == len(on_disk)
    assert f"{SITE_FOLDER}/mermaid/LICENSE" in files
    assert f"{SITE_FOLDER}/mermaid/mermaid.esm.min.mjs" in files
    license_file = files[f"{SITE_FOLDER}/mermaid/LICENSE"]
    assert license_file.abs_src_path == str(MERMAID / "LICENSE")
    assert "MIT License" in (MERMAID / "LICENSE").read_text(encoding="utf-8")


def test_the_vendored_mermaid_build_is_complete() -> None:
    """An import of a chunk that was not vendored would fail only in a reader's browser,
    for the diagram type that needs it."""
    seen: set[Path] = set()
    todo = [MERMAID / "mermaid.esm.min.mjs"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        text = module.read_text(encoding="utf-8")
        assert "sourceMappingURL" not in text, f"{module.name} points at a map not shipped"
        for target in _IMPORT.findall(text):
            path = (module.parent / target).resolve()
            assert path.is_file(), f"{module.name} imports {target}, which is not vendored"
            todo.append(path)
    shipped = set((MERMAID / "chunks" / "mermaid.esm.min").glob("*.mjs"))
    assert len(seen) > 50
    assert shipped <= {p.resolve() for p in seen} | shipped
    assert "12.4.0" in (MERMAID / "VERSION").read_text(encoding="utf-8")


def test_diagram_source_survives_the_sanitiser_as_text() -> None:
    source = 'flowchart LR\n  a["<img src=x onerror=alert(1)> & #quot;b#quot;"] --> c\n'
    html = diagram_html(source)

    # html5ever writes the boolean attribute as ="" ; nothing else changes
    assert sanitize(html).replace('exclude=""', "exclude") == html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; #quot;b#quot;" in html


def test_table_filters_attribute_is_kept() -> None:
    html = '<div class="paved-table" data-filters="Domain,Status"><table></table></div>'

    assert sanitize(html) == html


def test_a_docs_tree_names_and_carries_the_assets(tmp_path: Path) -> None:
    """``paved render``: a tree built without the plugin still draws and sorts."""
    raw = {"extra_css": ["mine.css"], "extra_javascript": [{"path": "mine.js", "defer": True}]}
    config = with_site_assets(with_site_assets(raw))
    copy_site_assets(tmp_path / "docs")

    assert config["extra_css"] == [
        "mine.css",
        f"{SITE_FOLDER}/paved-tables.css",
        f"{SITE_FOLDER}/paved-diagrams.css",
    ]
    assert config["extra_javascript"] == [
        {"path": "mine.js", "defer": True},
        f"{SITE_FOLDER}/paved-tables.js",
        f"{SITE_FOLDER}/paved-diagrams.js",
    ]
    assert raw["extra_css"] == ["mine.css"]  # the mapping read from mkdocs.yml is not changed
    copied = tmp_path / "docs" / SITE_FOLDER
    assert (copied / "mermaid" / "LICENSE").is_file()
    assert (copied / "paved-diagrams.js").read_bytes() == (
        STATIC / "paved-diagrams.js"
    ).read_bytes()
