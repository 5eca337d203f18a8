"""A symbolic link among the snippets includes nothing from where it leads.

``pymdownx.snippets`` is restricted to ``docs/snippets/`` (``sanitize.restrict_snippets``),
but it checks the path as written, not where a link leads. The docs rules report
``docs/snippets/leak.md -> /home/reviewer/secret.txt`` (FILE008, an error), so ``paved
build`` stops; ``paved serve`` renders a branch with errors, and a page holding
``--8<-- "leak.md"`` showed the reviewer's secret in the preview and its search index.
A link within the repository's visible files stays allowed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from example_site import build_site, copy_example
from mkdocs.exceptions import Abort

SECRET = "TOKEN=not-for-the-portal"


def _with_snippet(tmp_path: Path, target: Path) -> Path:
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.snippets\n", 1),
        encoding="utf-8",
    )
    (root / "docs" / "snippets").mkdir()
    (root / "docs" / "snippets" / "leak.md").symlink_to(target)
    (root / "docs" / "included.md").write_text('# Included\n\n--8<-- "leak.md"\n', encoding="utf-8")
    return root


def _published(site: Path) -> list[Path]:
    if not site.exists():
        return []
    return [p for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


@pytest.mark.parametrize("where", ["outside", "hidden"])
def test_a_snippet_linked_out_is_never_included_in_the_preview(
    tmp_path: Path, where: str, caplog: pytest.LogCaptureFixture
) -> None:
    if where == "outside":
        secret = tmp_path / "home" / "secret.txt"
        secret.parent.mkdir()
        secret.write_text(SECRET + "\n", encoding="utf-8")
        root = _with_snippet(tmp_path, secret)
    else:
        root = _with_snippet(tmp_path, tmp_path / "repo" / ".env")
        (tmp_path / "repo" / ".env").write_text(SECRET + "\n", encoding="utf-8")

    with pytest.raises(Abort):
        build_site(root, root / "site", command="serve")

    assert "the snippets hold docs/snippets/leak.md" in caplog.text
    assert not _published(root / "site")


def test_a_snippet_linked_within_the_repository_is_included(tmp_path: Path) -> None:
    root = _with_snippet(tmp_path, Path("..") / ".." / "brand" / "notice.md")
    (root / "brand").mkdir()
    (root / "brand" / "notice.md").write_text("Kept beside the docs.\n", encoding="utf-8")

    build_site(root, root / "site", command="serve")

    page = (root / "site" / "included" / "index.html").read_text(encoding="utf-8")
    assert "Kept beside the docs." in page
