"""Custom icons come only from inside the repository.

Material's emoji extension inlines each ``.svg`` of pymdownx.emoji's ``custom_icons``
folders into the pages that name it (``:name:``), reading the file whatever it is. A
folder written absolute or with ``..`` read icons from anywhere on the build machine,
and a link in a folder of the repository (``icons/key.svg ->
/home/reviewer/.ssh/id_rsa``) published the file's text in the page, with 0 errors:
the folders are checked like the theme overrides (SEC505 for the path, the build stops
on a link that leaves the repository or enters a hidden part of it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from example_site import build_site, copy_example, paved_build_command
from mkdocs.exceptions import Abort

from paved.generator.core.load.config_guard import check_config_text

SECRET = "TOKEN=not-for-the-portal"
EMOJI = (
    "      emoji_generator: !!python/name:paved.generator.mkdocs_plugin.emoji.to_svg_or_character\n"
)


def _with_icons(tmp_path: Path, folder: str) -> Path:
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert EMOJI in text
    options = f"      options:\n        custom_icons:\n          - {folder}\n"
    config.write_text(text.replace(EMOJI, EMOJI + options, 1), encoding="utf-8")
    (root / "docs" / "support" / "icon.md").write_text(
        "# Icon\n\nHere :leaky: and :brand:\n", encoding="utf-8"
    )
    return root


def _published(site: Path) -> list[Path]:
    if not site.exists():
        return []
    return [p for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_linked_icon_publishes_nothing(
    tmp_path: Path, command: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "home" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n", encoding="utf-8")
    root = _with_icons(tmp_path, "icons")
    (root / "icons").mkdir()
    (root / "icons" / "leaky.svg").symlink_to(secret)
    monkeypatch.chdir(root)  # Material reads the folders from the working directory

    with pytest.raises(Abort):
        build_site(root, root / "site", command=command)

    assert "the custom icons hold icons/leaky.svg" in caplog.text
    assert not _published(root / "site")


def test_icons_of_the_repository_are_drawn(tmp_path: Path) -> None:
    root = _with_icons(tmp_path, "icons")
    (root / "icons").mkdir()
    (root / "icons" / "brand.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>', encoding="utf-8"
    )

    # A process of its own: Material keeps the icon index of the first build it made.
    site = paved_build_command(root)

    page = (site / "support" / "icon" / "index.html").read_text(encoding="utf-8")
    assert '<circle r="1"' in page


@pytest.mark.parametrize("folder", ["/home/reviewer/.icons", "../shared/icons"])
def test_icon_folders_outside_the_repository_are_reported(folder: str) -> None:
    text = (
        "markdown_extensions:\n  - pymdownx.emoji:\n      options:\n"
        f"        custom_icons:\n          - {folder}\n"
    )
    found = check_config_text(text, "mkdocs.yml")
    assert [(d.code, d.location.line) for d in found] == [("SEC505", 5)]
