"""The docs folder itself as a symbolic link publishes nothing from where it leads.

A pull request can replace ``docs/`` by a link (``docs -> /home/reviewer``, ``docs ->
.git``). The validator reports it (FILE008, an error), and ``paved build`` stops on
errors; but ``paved serve`` builds a branch with errors (its home page lists them), and
MkDocs lists and copies the docs folder through the link: the reviewer who previewed
the branch served the files of the link's target (``/secret.txt``), or had MkDocs walk
the whole disk for ``docs -> /``. Only links *under* ``docs/`` stopped ``serve``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from example_site import copy_example
from mkdocs.exceptions import Abort

SECRET = "TOKEN=not-for-the-portal"


def _serve_build(root: Path) -> None:
    """What ``paved serve`` builds (``command="serve"``: errors do not stop it)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _with_linked_docs(tmp_path: Path, target: str) -> Path:
    root = tmp_path / "repo"
    copy_example(root)
    docs = root / "docs"
    if target == "outside":
        folder = tmp_path / "home"
    else:
        folder = root / ".git" / "docs"  # inside the repository, in its hidden folder
        folder.parent.mkdir()
    shutil.move(str(docs), str(folder))
    (folder / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    docs.symlink_to(folder, target_is_directory=True)
    return root


@pytest.mark.parametrize("target", ["outside", "hidden"])
def test_a_linked_docs_folder_stops_the_preview(
    tmp_path: Path, target: str, caplog: pytest.LogCaptureFixture
) -> None:
    root = _with_linked_docs(tmp_path, target)
    with pytest.raises(Abort):  # MkDocs' wrapping of the plugin's error
        _serve_build(root)
    assert "leads through a symbolic link" in caplog.text
    published = list((root / "site").rglob("*.txt")) if (root / "site").exists() else []
    assert not [p for p in published if SECRET in p.read_text(encoding="utf-8")], published


def test_a_docs_folder_inside_the_repository_is_built(tmp_path: Path) -> None:
    """A link to a folder of the repository itself (not hidden) stays allowed."""
    root = tmp_path / "repo"
    copy_example(root)
    shutil.move(str(root / "docs"), str(root / "content"))
    (root / "docs").symlink_to("content", target_is_directory=True)
    from paved.generator.mkdocs_plugin.validation import refuse_linked_docs_dir

    refuse_linked_docs_dir(str(root / "docs"), root)  # no error
