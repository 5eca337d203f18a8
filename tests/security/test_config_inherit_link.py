"""``INHERIT:`` through a symbolic link out of the repository is refused like a path
written with ``..``.

The guard composes ``mkdocs.yml`` and each file it inherits with the safe loader before
MkDocs reads them with PyYAML's unsafe one; it followed ``INHERIT`` only inside the
repository and reported a value written absolute or with ``..`` (SEC505). A plain name
that is a committed link (``base.yml -> ../x.yml``) was neither checked nor reported,
and MkDocs then read the file the link leads to and ran its ``!!python/`` tags.
"""

from __future__ import annotations

from pathlib import Path

from example_site import copy_example, run_paved_build


def test_an_inherited_link_out_of_the_repository_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    outside = tmp_path / "elsewhere.yml"
    outside.write_text(
        f"extra:\n  x: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    root = tmp_path / "repo"
    copy_example(root)
    (root / "base.yml").symlink_to("../elsewhere.yml")
    config = root / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")

    done = run_paved_build(root, home=tmp_path, path=("/usr/bin", "/bin"))

    assert not marker.exists(), "the inherited file's tag ran"
    assert done.returncode == 1, done.stdout + done.stderr
    assert "mkdocs.yml:1:10: error SEC505" in done.stdout + done.stderr
