"""``mkdocs_plugin/speed/inplace.py``: the pages an in-place build makes before MkDocs'
navigation (those it does not name) are the pages ``get_navigation`` makes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from example_site import copy_example
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation

from paved.generator.mkdocs_plugin.speed.inplace import _pages_outside_nav


def _config(tmp_path: Path, site_url: str) -> MkDocsConfig:
    root = copy_example(tmp_path / "repo")
    config = load_config(
        config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), site_url=site_url
    )
    config.nav = [{"Start": "get-started/index.md"}, {"More": [{"Help": "/support/index.md"}]}]
    return config


def _files(config: MkDocsConfig) -> Files:
    files = get_files(config)
    set_exclusions(files, config)
    return files


def _pages(files: Files) -> dict[str, dict[str, object]]:
    out = {}
    for file in files.documentation_pages():
        assert file.page is not None
        made = dict(vars(file.page))
        assert made.pop("file") is file
        out[file.src_uri] = made
    return out


class _Messages(logging.Handler):
    """What MkDocs' navigation logger says (the ``mkdocs`` logger may not propagate)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> _Messages:
        logger = logging.getLogger("mkdocs.structure.nav")
        self.level_before = logger.level
        logger.setLevel(logging.DEBUG)
        logger.addHandler(self)
        return self

    def __exit__(self, *_: object) -> None:
        logger = logging.getLogger("mkdocs.structure.nav")
        logger.removeHandler(self)
        logger.setLevel(self.level_before)


@pytest.mark.parametrize("site_url", ["https://portal.example.org/docs", ""])
def test_pages_outside_the_nav_are_get_navigations(tmp_path: Path, site_url: str) -> None:
    config = _config(tmp_path, site_url)
    expected_files = _files(config)
    with _Messages() as said:
        get_navigation(expected_files, config)
    expected, expected_log = _pages(expected_files), said.messages
    assert any("not included in the" in message for message in expected_log)
    assert len(expected) > 10
    last: dict[tuple[str, str], tuple[str, str]] = {}
    for _ in range(2):  # the second build with the first one's URLs
        files = _files(config)
        with _Messages() as said:
            last = _pages_outside_nav(files, config, last)
            made = {f.src_uri for f in files.documentation_pages() if f.page is not None}
            get_navigation(files, config)
        assert made == set(expected) - {"get-started/index.md"}  # "/support/...": a link
        assert _pages(files) == expected
        assert said.messages == expected_log
        assert len(last) == (len(made) if site_url else 0)
    if site_url:
        page = files.src_uris["support/index.md"].page
        assert page is not None
        assert page.canonical_url == "https://portal.example.org/docs/support/"
