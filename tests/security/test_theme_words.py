"""Every ``mkdocs.yml`` setting Material writes into each page raw reaches it escaped.

MkDocs' Jinja environment does not escape, and Material places several settings as they
are: ``copyright`` in every footer, ``site_author`` in a meta tag, ``repo_name`` in the
header, each ``theme.palette`` option's ``media`` and toggle ``name`` in attributes, and
the language selector of ``extra.alternate`` (``link`` as an ``href``, ``name`` as text,
``lang`` in an attribute). ``site_name``, ``site_description``, ``extra.social``,
``extra.homepage`` and ``extra.consent`` were made inert; these were not, and a pull
request setting ``copyright: '<img src=x onerror=...>'`` (0 errors, 0 warnings) ran its
script on every page of the portal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from example_site import copy_example

PAVED = Path(sys.executable).parent / "paved"


def _payload(n: int) -> str:
    return f'"><img src=x onerror=alert({n})>'


def test_settings_material_places_raw_are_inert(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    edits = [
        (
            "site_name: Halden Data Platform\n",
            "site_name: Halden Data Platform\n"
            f"copyright: '{_payload(1)} <b>Halden</b> &copy; 2026'\n"
            f"site_author: '{_payload(2)}'\nrepo_name: '{_payload(3)}'\n",
        ),
        ("        name: Switch to dark mode", f"        name: '{_payload(4)}'"),
        ('    - media: "(prefers-color-scheme: light)"', f"    - media: '{_payload(5)}'"),
        (
            "\nextra:\n",
            "\nextra:\n  alternate:\n"
            f"    - {{name: '{_payload(6)}', link: /, lang: '{_payload(7)}'}}\n"
            "    - {name: Evil, link: 'javascript:alert(8)', lang: de}\n",
        ),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    done = subprocess.run(
        [str(PAVED), "build", "-q", "-d", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k != "PAVED_TRUST_CONFIG"},
    )
    assert done.returncode == 0, done.stdout + done.stderr

    for path in ("index.html", "get-started/index.html", "catalogue/datasets/index.html"):
        page = (site / path).read_text(encoding="utf-8")
        assert "<img src=x" not in page, path
        assert "javascript:" not in page.lower(), path
        # Escaped once: the reader sees the text as written.
        for n in (2, 3, 4, 5, 7):
            assert f"&quot;&gt;&lt;img src=x onerror=alert({n})&gt;" in page, (path, n)
        assert "&amp;quot;" not in page, path
        assert "&amp;lt;" not in page, path
        # The footer keeps its allowed markup and entity.
        assert "<b>Halden</b> &copy; 2026" in page or "<b>Halden</b> © 2026" in page, path


def test_a_nav_written_in_mkdocs_yml_is_inert(tmp_path: Path) -> None:
    """Material writes each nav title raw into every page's navigation, and a nav link
    as an ``href``: ``nav: [{'<img src=x onerror=...>': index.md}]`` ran script on every
    page, and ``{Help: 'javascript:...'}`` was a link in it."""
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "\nvalidation:\n",
        f"\nnav:\n  - '{_payload(11)}': index.md\n  - 'Help': 'javascript:alert(12)'\n"
        f"  - '{_payload(13)}':\n      - get-started/index.md\n"
        "  - Elsewhere: https://example.com/\n\nvalidation:\n",
        1,
    )
    config.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    done = subprocess.run(
        [str(PAVED), "build", "-q", "-d", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k != "PAVED_TRUST_CONFIG"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for path in ("index.html", "get-started/index.html", "products/index.html"):
        page = (site / path).read_text(encoding="utf-8")
        assert "<img src=x" not in page, path
        assert "javascript:" not in page.lower(), path
        assert "&quot;&gt;&lt;img src=x onerror=alert(13)&gt;" in page, path
        assert "&amp;lt;" not in page, path
        assert 'href="https://example.com/"' in page, path


def test_site_and_repository_urls_are_web_links_escaped_once(tmp_path: Path) -> None:
    """MkDocs checks only that ``site_url`` and ``repo_url`` parse as URLs, and Material
    writes them raw: ``site_url`` in every page's canonical link, ``repo_url`` as the
    "Go to repository" link of every page. A quote ended the attribute (script on every
    page), and ``repo_url: javascript://x/%0aalert(1)`` was a link that ran script."""
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old_site = "# site_url: https://data.haldencycles.example/"
    old_repo = "repo_url: https://git.haldencycles.example/data/platform"
    assert old_site in text
    assert old_repo in text
    text = text.replace(old_site, f"site_url: 'https://data.example/{_payload(21)}/'")
    config.write_text(text, encoding="utf-8")
    scripted = root.parent / "scripted"
    copy_example(scripted)
    (scripted / "mkdocs.yml").write_text(
        text.replace(old_repo, "repo_url: 'javascript://x/%0aalert(23)'"), encoding="utf-8"
    )
    config.write_text(
        text.replace(old_repo, f"repo_url: 'https://git.example/{_payload(22)}/'"),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "PAVED_TRUST_CONFIG"}
    for folder in (root, scripted):
        done = subprocess.run(
            [str(PAVED), "build", "-q", "-d", str(folder / "site")],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        for path in ("index.html", "get-started/index.html", "products/index.html"):
            page = (folder / "site" / path).read_text(encoding="utf-8")
            assert "<img src=x" not in page, (folder, path)
            assert "javascript:" not in page.lower(), (folder, path)
    page = (root / "site" / "get-started" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://data.example/%22%3E%3Cimg%20src=x%20onerror=alert(21)%3E/' in page
    assert 'href="https://git.example/%22%3E%3Cimg%20src=x%20onerror=alert(22)%3E/"' in page
