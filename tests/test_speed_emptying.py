"""The previous site deleted meanwhile (``speed.emptying``): the folder is left as
MkDocs' own cleaning leaves it (hidden entries kept, everything else gone)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from paved.generator.mkdocs_plugin.speed.emptying import PREFIX, empty
from paved.generator.mkdocs_plugin.speed.parallel import can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="deleting meanwhile needs os.fork")


def old_site(site: Path) -> None:
    (site / "catalogue" / "datasets" / "a").mkdir(parents=True)
    (site / "catalogue" / "datasets" / "a" / "index.html").write_text("old page")
    (site / "index.html").write_text("old home")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / ".nojekyll").write_text("")
    (site / f"{PREFIX}left-by-a-killed-build").mkdir()
    (site / f"{PREFIX}left-by-a-killed-build" / "page.html").write_text("older")


@needs_fork
def test_everything_but_hidden_entries_is_moved_aside_then_deleted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    old_site(site)
    deleting = empty(str(site))
    assert deleting is not None
    # At once, before the child is done: MkDocs finds nothing it would delete.
    assert sorted(p.name for p in site.iterdir() if not p.name.startswith(PREFIX)) == [
        ".git",
        ".nojekyll",
    ]
    deleting.result()
    assert sorted(p.name for p in site.iterdir()) == [".git", ".nojekyll"]
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    with pytest.raises(ChildProcessError):  # the child is reaped
        os.waitpid(-1, os.WNOHANG)


def test_nothing_to_delete_starts_nothing(tmp_path: Path) -> None:
    assert empty(str(tmp_path / "missing")) is None
    site = tmp_path / "site"
    site.mkdir()
    (site / ".git").mkdir()
    assert empty(str(site)) is None
    assert [p.name for p in site.iterdir()] == [".git"]
