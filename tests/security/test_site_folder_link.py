"""A site folder reached through a link committed in the repository is never emptied.

A build empties the site folder before it writes (MkDocs' ``clean_directory``; ``paved
build`` moves the entries aside and deletes them meanwhile). ``site/`` in ``.gitignore``
ignores a folder, not a symbolic link, so a pull request could commit ``site -> ..``:
the reviewer or CI job that ran ``paved build`` on the branch (0 errors, 0 warnings) had
every entry of the folder around the checkout deleted (a developer's other projects).
The configured ``site_dir`` was checked (SEC505), the link on its way was not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from example_site import copy_example


def _paved_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    paved = Path(sys.executable).parent / "paved"
    return subprocess.run(
        [str(paved), "build", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": str(paved.parent), "HOME": str(root.parent)},
    )


def test_a_linked_site_folder_is_not_emptied(tmp_path: Path) -> None:
    victim = tmp_path / "projects"  # beside the checkout, outside the repository
    (victim / "other-repo").mkdir(parents=True)
    (victim / "other-repo" / "main.py").write_text("print('mine')\n", encoding="utf-8")
    (victim / "notes.txt").write_text("mine\n", encoding="utf-8")
    root = tmp_path / "repo"
    copy_example(root)
    (root / "site").symlink_to("../projects", target_is_directory=True)

    done = _paved_build(root)

    assert (victim / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (victim / "other-repo" / "main.py").exists()
    assert sorted(p.name for p in victim.iterdir()) == ["notes.txt", "other-repo"]
    assert done.returncode != 0, done.stdout + done.stderr
    assert "symbolic link" in done.stdout + done.stderr


def test_a_site_folder_given_outside_the_repository_is_built(tmp_path: Path) -> None:
    """``paved build -d /elsewhere`` is the caller's choice: built as before."""
    root = tmp_path / "repo"
    copy_example(root)
    out = tmp_path / "portal"
    done = _paved_build(root, "-d", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "index.html").exists()
