"""Helpers shared by several test modules: a copy of the bundled example and its real
MkDocs build, the renderer's pages of the sample platform, a link checker over them, and
the paths a Starlette app serves. Plain functions (fixtures live in conftest.py files)."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sample_platform import small_git, small_platform
from starlette.applications import Starlette
from starlette.routing import Mount, Route

from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.markdown_structure import scan
from paved.generator.core.model import Platform
from paved.generator.core.render.site import render_site
from paved.generator.core.render.types import Page
from paved.generator.mkdocs_plugin.tables import format_columns

REPO = Path(__file__).resolve().parents[1]
CONTENT = ("mkdocs.yml", "docs", "wids", "adrs", "custodians", "overrides")


# --- the bundled example, copied and built ----------------------------------------


def copy_example(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in CONTENT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def paved_build_command(root: Path) -> Path:
    """``paved build`` run as a command in ``root``, with a bare environment (only the
    virtualenv on PATH, a HOME beside the copy), as a contributor's CI runs it; fails the
    test when the build fails. Returns the site folder."""
    done = run_paved_build(root, home=root.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def run_paved_build(
    root: Path, *, home: Path, path: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """``paved build`` as a command in ``root`` with a bare environment: the virtualenv
    (and ``path``) on PATH, ``home`` as HOME. Its outcome, for the test to judge."""
    paved = Path(sys.executable).parent / "paved"
    return subprocess.run(
        [str(paved), "build"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": ":".join((str(paved.parent), *path)), "HOME": str(home)},
    )


def commit_all(root: Path, *, author: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "author@example.com",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "author@example.com",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "content"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def build_site(root: Path, site: Path, *, command: str = "build") -> None:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def break_a_wid(root: Path) -> tuple[str, int]:
    wid = min((root / "wids").glob("WID-*.md"))
    lines = wid.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines[index] = "status: half-baked"
    wid.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return wid.relative_to(root).as_posix(), index + 1


# --- the renderer's pages of the sample platform -----------------------------------


def pages_of(platform: Platform | None = None, git: GitFacts | None = None) -> dict[str, Page]:
    pages = render_site(platform or small_platform(), git or small_git(), today=date(2026, 5, 1))
    return {p.src_uri: p for p in pages}


EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc", "pymdownx.superfences"]
# As mkdocs.yml configures it: column listings are drawn by the adapter's fence.
FENCES = {
    "pymdownx.superfences": {
        "custom_fences": [
            {"name": "paved-columns", "class": "paved-columns", "format": format_columns}
        ]
    }
}


def html_of(text: str) -> str:
    html: str = markdown.markdown(text, extensions=EXTENSIONS, extension_configs=FENCES)
    return html


# --- links between generated pages -----------------------------------------------

LINK = re.compile(r"\]\(([^)\s]+)\)")


def headings(text: str) -> set[str]:
    """The anchors of the headings the portal renders (the one scanner's)."""
    return {heading.anchor for heading in scan(text).headings}


def broken_links(pages: list[Page], doc_paths: set[str]) -> list[str]:
    by_uri = {p.src_uri: p for p in pages}
    anchors = {p.src_uri: headings(p.markdown) for p in pages}
    problems = []
    for page in pages:
        for target in LINK.findall(page.markdown):
            if target.startswith(("mailto:", "http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            resolved = (
                page.src_uri
                if not path
                else posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
            )
            if resolved in by_uri:
                if anchor and anchor not in anchors[resolved]:
                    problems.append(f"{page.src_uri}: {target} (no heading #{anchor})")
            elif resolved not in doc_paths:
                problems.append(f"{page.src_uri}: {target} (no page {resolved})")
    return problems


# --- a Starlette app's routes ------------------------------------------------------


def served_paths(app: Starlette) -> set[str]:
    """Every path the app routes, with mounts (the CORS-wrapped /api) expanded."""
    return {
        route.path + getattr(sub, "path", "")
        for route in app.routes
        if isinstance(route, Route | Mount)
        for sub in (route.routes if isinstance(route, Mount) else [None])
    }
