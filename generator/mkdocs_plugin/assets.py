"""Which files of ``docs/`` the portal publishes besides its pages.

The portal is served from the company's own origin, so a file published from ``docs/``
is trusted by every reader's browser: an ``.html``, ``.js`` or ``.xhtml`` file there runs
script on that origin when opened, and an SVG does too unless it is cleaned. Contributed
files are therefore published only when their type is on the list below; an SVG is
published through the sanitiser's SVG allow-list; a file whose real path is outside the
repository (a symlink out), or in a hidden folder or file of it (``.git/config``,
``.env``), is never read. The site's own stylesheets and scripts are
those ``mkdocs.yml`` names in ``extra_css`` / ``extra_javascript`` (owned by the platform
team, like the theme overrides).

Paved's own scripts and styles (sortable tables, diagrams, the pinned mermaid.js with its
licence) ship as package data under ``static/`` and are served from the site under
``assets/paved/``: every portal built with the plugin has them, nothing comes from a CDN.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from paved.generator.core.load.limits import MAX_SVG_BYTES, MB
from paved.generator.core.load.repository import hidden_part
from paved.generator.mkdocs_plugin.sanitize import sanitize_svg

#: File types a contributor may publish from ``docs/`` (besides Markdown pages).
PUBLISHED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg", ".pdf", ".csv",
     ".xlsx", ".txt", ".json"}
)  # fmt: skip

#: How each image and document type begins. A file whose bytes are not of its type (HTML
#: named ``photo.png``) is refused: a server that sniffs content, or one that maps types
#: differently, would run it as a page on the portal's origin.
MAGIC_BYTES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
    ".pdf": (b"%PDF-",),
    ".xlsx": (b"PK\x03\x04",),
}


def wrong_content(suffix: str, head: bytes) -> bool:
    """Whether a file named ``*suffix`` that starts with ``head`` is not of that type."""
    magic = MAGIC_BYTES.get(suffix.lower())
    return magic is not None and not head.startswith(magic)


@dataclass(frozen=True, slots=True)
class Refused:
    """A file of ``docs/`` left out of the site, and why."""

    path: str
    reason: str

    def message(self) -> str:
        return f"paved: docs/{self.path} is not published: {self.reason}"


def vet_docs_files(files: Files, config: MkDocsConfig, root: Path) -> list[Refused]:
    """Remove from ``files`` what the portal must not publish; clean SVG files."""
    # MkDocs names each file under docs_dir as configured (``/repo/docs/x.html``), not
    # as it really is: when ``docs`` is a link (``docs -> content``), the resolved folder
    # is no parent of any file's path, and every file passed as one of the theme's.
    docs_dirs = {Path(config.docs_dir), Path(config.docs_dir).resolve()}
    site_assets = {str(p) for p in (*config.extra_css, *_script_paths(config))}
    refused: list[Refused] = []
    for file in list(files):
        if file.generated_by is not None or not file.abs_src_path:
            continue
        source = Path(file.abs_src_path)
        if docs_dirs.isdisjoint(source.parents):
            continue  # the theme's own files
        problem = _problem(file, source, root, site_assets)
        if problem:
            files.remove(file)
            refused.append(Refused(file.src_uri, problem))
        elif source.suffix.lower() == ".svg":
            file.content_bytes = sanitize_svg(source.read_bytes())
    return refused


def _problem(file: File, source: Path, root: Path, site_assets: set[str]) -> str | None:
    real = source.resolve()
    problem = link_problem(real, root.resolve())
    if problem and real == source.absolute():
        # Not a link: a hidden file of docs/ itself (an editor's ``.page.md.swp``).
        return "it is a hidden file or in a hidden folder; hidden files are never published"
    if problem:
        return f"{problem}; replace the link with the file itself"
    if file.is_documentation_page() or file.src_uri in site_assets:
        return None
    suffix = source.suffix.lower()
    if suffix in PUBLISHED_SUFFIXES:
        with source.open("rb") as stream:
            head = stream.read(16)
        if wrong_content(suffix, head):
            return f"its content is not a {suffix} file; publish the real file"
        return _too_large(real, suffix)
    return (
        f"'{suffix or source.name}' files could run script on the portal's origin; "
        f"publish only {', '.join(sorted(PUBLISHED_SUFFIXES))} files (site styles and "
        "scripts are listed in mkdocs.yml's extra_css / extra_javascript)"
    )


def _too_large(real: Path, suffix: str) -> str | None:
    """Why an SVG is not cleaned and published: larger than ``MAX_SVG_BYTES`` (the
    sanitiser reads it whole). Other types are copied, never read."""
    if suffix != ".svg":
        return None
    size = real.stat().st_size
    if size <= MAX_SVG_BYTES:
        return None
    return (
        f"it is {size / MB:.1f} MB, over the {MAX_SVG_BYTES // MB} MB an SVG may have "
        "(it is cleaned in memory); simplify the drawing or publish it as a PNG"
    )


def link_problem(real: Path, real_root: Path) -> str | None:
    """Why a file whose real path is ``real`` must not be read: a link out of the
    repository, or a real path in a hidden folder or file of it (a link to
    ``.git/config`` or ``.env``: the token CI persists, local secrets)."""
    if real_root not in real.parents:
        return f"it is a link to {real}, outside the repository"
    hidden = hidden_part(real_root, real)
    if hidden is not None:
        return f"its real path {real} is inside the hidden {hidden!r} of the repository"
    return None


#: Where the files kept next to the ADRs are published: the decision pages' folder, so a
#: link written relative to the ADR (``![](0008-example.png)``) works unchanged.
DECISION_FOLDER = "decisions"
#: How many files under adrs/ are looked at (a log with thousands of images is rare;
#: the listing stays bounded whatever is committed there).
MAX_DECISION_ASSETS = 5000


def decision_asset_files(config: MkDocsConfig, root: Path) -> tuple[list[File], list[Refused]]:
    """The images and documents kept next to the ADRs (``adrs/**``), as site files
    under ``decisions/``, through the same rules as ``docs/``: the allow-list of types,
    the magic-byte check, never a link out of the repository; an SVG is cleaned."""
    folder = root / "adrs"
    if not folder.is_dir() or folder.is_symlink():
        return [], []
    published: list[File] = []
    refused: list[Refused] = []
    real_root = root.resolve()
    for count, source in enumerate(sorted(folder.rglob("*"))):
        if count >= MAX_DECISION_ASSETS:
            break
        suffix = source.suffix.lower()
        if not source.is_file() or suffix not in PUBLISHED_SUFFIXES:
            continue
        rel = source.relative_to(folder).as_posix()
        real = source.resolve()
        problem = link_problem(real, real_root)
        if problem:
            refused.append(Refused(f"adrs/{rel}", problem))
            continue
        with real.open("rb") as stream:
            head = stream.read(16)
        if wrong_content(suffix, head):
            refused.append(Refused(f"adrs/{rel}", f"its content is not a {suffix} file"))
            continue
        problem = _too_large(real, suffix)
        if problem:
            refused.append(Refused(f"adrs/{rel}", problem))
            continue
        uri = f"{DECISION_FOLDER}/{rel}"
        if suffix == ".svg":
            published.append(File.generated(config, uri, content=sanitize_svg(real.read_bytes())))
        else:
            published.append(File.generated(config, uri, abs_src_path=str(real)))
    return published, refused


def _script_paths(config: MkDocsConfig) -> list[str]:
    return [str(getattr(script, "path", script)) for script in config.extra_javascript]


#: Paved's own site assets (package data), served under ``SITE_FOLDER``.
STATIC = Path(__file__).parent / "static"
SITE_FOLDER = "assets/paved"
#: Loaded on every page; ``paved-diagrams.js`` loads mermaid only where a diagram is.
SITE_STYLES = ("paved-tables.css", "paved-diagrams.css")
SITE_SCRIPTS = ("paved-tables.js", "paved-diagrams.js")


def add_site_assets(config: MkDocsConfig) -> None:
    """Name Paved's stylesheets and scripts in ``extra_css`` / ``extra_javascript``."""
    for name in SITE_STYLES:
        uri = f"{SITE_FOLDER}/{name}"
        if uri not in config.extra_css:
            config.extra_css.append(uri)
    scripts = set(_script_paths(config))
    for name in SITE_SCRIPTS:
        uri = f"{SITE_FOLDER}/{name}"
        if uri not in scripts:
            config.extra_javascript.append(uri)


def site_asset_files(config: MkDocsConfig) -> Iterator[File]:
    """The files under ``static/`` as site files (copied, never read into memory)."""
    for path in sorted(STATIC.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            uri = f"{SITE_FOLDER}/{path.relative_to(STATIC).as_posix()}"
            yield File.generated(config, uri, abs_src_path=str(path))


def with_site_assets(config: Mapping[str, Any]) -> dict[str, Any]:
    """A raw ``mkdocs.yml`` mapping that names Paved's stylesheets and scripts (for a
    docs tree built without the plugin: ``paved render``)."""
    styles = [str(s) for s in config.get("extra_css") or []]
    scripts = list(config.get("extra_javascript") or [])
    named = {str(s.get("path") if isinstance(s, dict) else s) for s in scripts}
    for name in SITE_STYLES:
        if f"{SITE_FOLDER}/{name}" not in styles:
            styles.append(f"{SITE_FOLDER}/{name}")
    for name in SITE_SCRIPTS:
        if f"{SITE_FOLDER}/{name}" not in named:
            scripts.append(f"{SITE_FOLDER}/{name}")
    return {**config, "extra_css": styles, "extra_javascript": scripts}


def copy_site_assets(docs: Path) -> None:
    """Paved's static files into a docs folder, under ``SITE_FOLDER``."""
    shutil.copytree(STATIC, docs / SITE_FOLDER, dirs_exist_ok=True)
