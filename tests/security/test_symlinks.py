"""Symbolic links never lead the loaders out of the repository (RS-015, RS-016, RS-017):
a link whose target resolves outside the root, loops or dangles is reported at the link
(FILE008, naming the link and its target) and never read, so no outside content reaches
CI logs or the portal. Linked directories are never descended."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from paved.generator.core.load.repository import load_documents, load_repository

PAVED = Path(sys.executable).parent / "paved"
SECRET = "root:x:0:0:secret-marker"
WID = "---\nid: WID-0001\ntitle: Real\nstatus: draft\ndomain: finance\n---\n# Real\n\nText.\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the repository holding a 'secret' file and directory."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "passwd.md").write_text(f"# Secret\n\n{SECRET}\n", encoding="utf-8")
    (folder / "catalogue.csv").write_text(f"id\n{SECRET}\n", encoding="utf-8")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("wids", "adrs", "docs", "custodians"):
        (root / folder).mkdir(parents=True)
    (root / "wids" / "WID-0001-real.md").write_text(WID, encoding="utf-8")
    return root


def codes(found: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(f"{d.code} {d.location}" for d in found)


@pytest.mark.parametrize("folder", ["wids", "adrs", "docs", "custodians"])
def test_rs015_a_link_to_a_file_outside_is_reported_and_not_read(
    repo: Path, outside: Path, folder: str
) -> None:
    name = "domains.csv" if folder == "custodians" else "0009-passwd.md"
    link = repo / folder / name
    link.symlink_to(outside / ("catalogue.csv" if folder == "custodians" else "passwd.md"))
    loaded, found = load_repository(repo)
    rel = f"{folder}/{name}"
    mine = [d for d in found if d.location.path == rel]
    assert [d.code for d in mine] == ["FILE008"]
    assert str(outside) in mine[0].message
    assert rel in mine[0].message
    assert "replace the link with the file" in mine[0].hint.lower()
    everything = repr(loaded) + repr(found)
    assert SECRET not in everything


def test_rs016_links_to_directories_loops_and_dangling_links(repo: Path, outside: Path) -> None:
    docs = repo / "docs"
    (docs / "up").symlink_to("../../", target_is_directory=True)
    (docs / "out").symlink_to(outside, target_is_directory=True)
    (docs / "loop.md").symlink_to("loop.md")
    (docs / "a.md").symlink_to("b.md")
    (docs / "b.md").symlink_to("a.md")
    (docs / "gone.md").symlink_to("nowhere.md")
    (docs / "sub").mkdir()
    (docs / "sub" / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / "inside").symlink_to("sub", target_is_directory=True)
    documents = load_documents(repo)
    by_path = {d.location.path: d for d in documents.found}
    for rel in ("docs/up", "docs/out", "docs/loop.md", "docs/a.md", "docs/b.md", "docs/gone.md"):
        assert by_path[rel].code == "FILE008", rel
        assert by_path[rel].is_error, rel
    assert by_path["docs/inside"].code == "FILE008"
    assert not by_path["docs/inside"].is_error
    assert [doc.path for doc in documents.docs] == ["docs/sub/page.md"]  # once, not via 'inside'
    assert SECRET not in repr(documents)


def test_a_link_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "docs" / "real.md").write_text("# Real\n", encoding="utf-8")
    (repo / "docs" / "alias.md").symlink_to("real.md")
    documents = load_documents(repo)
    assert [doc.path for doc in documents.docs] == ["docs/alias.md", "docs/real.md"]
    assert documents.found == []


@pytest.mark.parametrize("folder", ["wids", "docs", "custodians"])
def test_a_linked_top_folder_out_of_the_repository_is_not_read(
    tmp_path: Path, outside: Path, folder: str
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / folder).symlink_to(outside, target_is_directory=True)
    loaded, found = load_repository(root)
    assert [f"{d.code} {d.location}" for d in found] == [f"FILE008 {folder}"]
    assert SECRET not in repr(loaded)


def test_rs017_catalogue_link_to_a_device_is_refused(repo: Path) -> None:
    (repo / "custodians" / "domains.csv").symlink_to("/dev/zero")
    (repo / "custodians" / "catalogue.xlsx").symlink_to("/proc/self/environ")
    _, found = load_repository(repo)
    assert codes(found) == [
        "FILE008 custodians/catalogue.xlsx",
        "FILE008 custodians/domains.csv",
    ]


def test_validate_prints_the_link_and_never_the_content(repo: Path, outside: Path) -> None:
    (repo / "docs" / "passwd.md").symlink_to(outside / "passwd.md")
    result = subprocess.run(
        [str(PAVED), "validate", str(repo)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "docs/passwd.md: error FILE008" in result.stdout
    assert str(outside / "passwd.md") in result.stdout
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_repository_root_given_through_a_link_still_works(tmp_path: Path, repo: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(repo, target_is_directory=True)
    (repo / "docs" / "page.md").write_text("# Page\n", encoding="utf-8")
    (repo / "docs" / "same.md").symlink_to(os.path.join("..", "docs", "page.md"))
    loaded, found = load_repository(alias)
    assert not [d for d in found if d.code == "FILE008"]
    assert [doc.path for doc in loaded.docs] == ["docs/page.md", "docs/same.md"]
