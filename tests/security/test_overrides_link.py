"""A symbolic link in the theme overrides publishes nothing from where it leads.

MkDocs copies every file of ``theme.custom_dir`` that is not a template into the site,
and Jinja reads templates through links. Before this check a pull request adding
``overrides/leak.txt -> /home/reviewer/secret.txt`` had ``paved build`` and ``paved
serve`` publish the secret at ``/leak.txt``; a link to ``.git/config`` published the
token CI persists there. Links within the repository's visible files stay allowed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from example_site import build_site, copy_example
from mkdocs.exceptions import Abort

SECRET = "TOKEN=not-for-the-portal"


def _published(site: Path) -> list[Path]:
    if not site.exists():
        return []
    return [p for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("leak.txt", "outside"),  # a static file, copied into the site
        ("partials/leak.html", "hidden"),  # a template, read by Jinja
        ("assets/more", "outside-folder"),  # a folder: MkDocs lists what it holds
    ],
)
@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_link_out_of_the_repository_stops_the_build(
    tmp_path: Path, link: str, target: str, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    root = copy_example(tmp_path / "repo")
    if target == "outside":
        secret = tmp_path / "home" / "secret.txt"
    elif target == "hidden":
        secret = root / ".git" / "config"
    else:
        secret = tmp_path / "home" / "folder" / "secret.txt"
    secret.parent.mkdir(parents=True)
    secret.write_text(SECRET + "\n", encoding="utf-8")
    path = root / "overrides" / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(secret.parent if target == "outside-folder" else secret)

    with pytest.raises(Abort):  # MkDocs' wrapping of the plugin's error
        build_site(root, root / "site", command=command)

    assert f"the theme overrides hold overrides/{link}" in caplog.text
    assert "Replace the link with the file itself" in caplog.text
    assert not _published(root / "site")


def test_a_link_within_the_repository_is_published(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "repo")
    (root / "brand").mkdir()
    (root / "brand" / "notice.txt").write_text("kept beside the theme\n", encoding="utf-8")
    (root / "overrides" / "notice.txt").symlink_to(Path("..") / "brand" / "notice.txt")

    build_site(root, root / "site")

    published = (root / "site" / "notice.txt").read_text(encoding="utf-8")
    assert published == "kept beside the theme\n"
