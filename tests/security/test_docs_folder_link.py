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
from browser.browser_helpers import script_ran, served
from example_site import build_site, copy_example, paved_build_command
from mkdocs.exceptions import Abort

SECRET = "TOKEN=not-for-the-portal"


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
        build_site(root, root / "site", command="serve")  # errors do not stop a preview
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


# No underscore or dash in what MkDocs might rename; the marker is set only by script.
PAGE = "<!doctype html><title>x</title><script>window.__pwned = 'html'</script>\n"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    "<script>window.__pwned = 'svg'</script></svg>\n"
)


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``paved build`` of a repository whose ``docs`` links to ``content`` (inside the
    repository: allowed, 0 errors) holding a page and a drawing with script."""
    root = tmp_path_factory.mktemp("linked") / "repo"
    copy_example(root)
    shutil.move(str(root / "docs"), str(root / "content"))
    (root / "docs").symlink_to("content", target_is_directory=True)
    (root / "content" / "evil.html").write_text(PAGE, encoding="utf-8")
    (root / "content" / "evil.svg").write_text(SVG, encoding="utf-8")
    return paved_build_command(root)


def test_a_linked_docs_folder_keeps_the_file_rules(linked_site: Path) -> None:
    """The allow-list of file types and the SVG cleaning apply to the files of a docs
    folder that is a link; they were skipped (every file passed as the theme's own)."""
    assert not (linked_site / "evil.html").exists()
    svg = linked_site / "evil.svg"
    assert not svg.exists() or "<script" not in svg.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["evil.html", "evil.svg"])
def test_a_linked_docs_folder_runs_no_script_in_the_browser(linked_site: Path, name: str) -> None:
    with served(linked_site) as url:
        pwned = script_ran(f"{url}/{name}")
    assert pwned is None, f"script ran from {name}: window.__pwned = {pwned!r}"
