"""The repository's validation as the portal shows it: a failed ``build``, or during
``serve`` an error page and a banner on every page while the server keeps running.

The diagnostics are the core's (``core.api.check``), printed exactly as ``paved validate``
prints them.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from paved.generator.core.api import CheckResult
from paved.generator.core.diagnostics import Diagnostic, Severity, sort_key
from paved.generator.core.load.repository import DOCS_FOLDER, hidden_part
from paved.generator.core.load.types import LoadedRepository

log = logging.getLogger("mkdocs.plugins.paved")


@dataclass(frozen=True)
class Validation:
    """What validation found, and which of it stops the build (``blocking``: errors,
    and warnings too with ``fail_on_warnings``)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    blocking: list[Diagnostic] = field(default_factory=list)
    files_read: int | None = None

    @classmethod
    def of(cls, result: CheckResult, *, fail_on_warnings: bool) -> Validation:
        diagnostics = list(result.diagnostics)
        blocking = [d for d in diagnostics if d.severity is Severity.ERROR or fail_on_warnings]
        return cls(diagnostics, blocking, files_read(result.loaded))

    def enforce(self, root: Path, *, is_serve: bool) -> None:
        """Log what does not block; raise ``PluginError`` on what does, or while
        serving log it (the error page shows it)."""
        for diagnostic in self.diagnostics:
            if diagnostic not in self.blocking:
                log.info("%s", format_diagnostics([diagnostic]))
        if not self.blocking:
            return
        walked = [d for d in self.blocking if followed_link(root, d)]
        if walked:  # serving too: MkDocs would walk them before the error page is shown
            raise PluginError(
                "paved: MkDocs follows links to directories under docs/ (a loop never "
                "ends); replace them with the files:\n" + format_diagnostics(walked)
            )
        if not is_serve:
            raise PluginError(
                f"paved: the repository at {root} does not validate "
                f"({len(self.blocking)} problem(s)):\n"
                + format_diagnostics(self.blocking, self.files_read)
            )
        log.error(
            "paved: %d validation problem(s); serving an error page:\n%s",
            len(self.blocking),
            format_diagnostics(self.blocking, self.files_read),
        )

    def error_files(self) -> dict[str, str]:
        """While the repository does not validate (``serve``): the home page lists why."""
        if not self.blocking:
            return {}
        return {"index.md": error_page(self.blocking, self.files_read)}


def refuse_linked_docs_dir(docs_dir: str, config_dir: Path) -> None:
    """Stop before MkDocs walks ``docs_dir`` when its real path leaves the folder of
    ``mkdocs.yml`` or enters a hidden folder of it: MkDocs lists and copies what the
    folder holds through any link on the way, ``docs`` itself included (``docs ->
    /home/me``, ``docs -> .git``), and ``paved serve`` builds a branch with errors, so
    the validator's FILE008 alone does not keep it from publishing files from outside
    the repository (or walking the whole disk)."""
    real_root = config_dir.resolve()
    try:
        real = Path(docs_dir).resolve(strict=True)
    except (OSError, RuntimeError):
        return  # missing: MkDocs says so itself
    if real == real_root or real_root in real.parents:
        hidden = hidden_part(real_root, real)
        if hidden is None:
            return
        where = f"into the hidden {hidden!r} of the repository"
    else:
        where = "outside the repository"
    raise PluginError(
        f"paved: the docs folder {docs_dir} leads through a symbolic link to "
        f"{real.as_posix()}, {where}; MkDocs would publish what it holds. Replace the link "
        "with the folder itself."
    )


def refuse_linked_site_dir(site_dir: str, config_dir: Path) -> None:
    """Stop before the site folder is emptied when a symbolic link inside the repository
    is on its way (``site -> ..``, ``site -> /home/me``): MkDocs deletes every entry of
    the site folder before a build (and ``paved build`` moves them aside and deletes
    them), so a link committed in a pull request would have the build delete a folder
    outside the repository. A site folder named outside the repository on purpose
    (``paved build -d /tmp/portal``) is the caller's choice and is not checked."""
    # Lexical (not resolved): the links on the way are what is looked for.
    folder = Path(os.path.abspath(config_dir))  # noqa: PTH100
    target = Path(os.path.abspath(site_dir))  # noqa: PTH100
    if folder not in target.parents:
        return
    step = folder
    for part in target.relative_to(folder).parts:
        step = step / part
        if step.is_symlink():
            raise PluginError(
                f"paved: the site folder {site_dir} is reached through the symbolic link "
                f"{step} (to {str(step.readlink())!r}); a build empties the site folder, so it "
                "would delete what the link leads to. Remove the link (site/ is built)."
            )


#: How many entries of the theme overrides (or the snippets) are looked at for links (a
#: theme folder holds tens of files; the walk stays bounded whatever a pull request
#: commits there).
MAX_OVERRIDE_ENTRIES = 5000


def refuse_linked_overrides(custom_dir: str | None, config_dir: Path) -> None:
    """Stop when the theme overrides (``theme.custom_dir``) hold a symbolic link whose
    real path leaves the repository or enters a hidden part of it. MkDocs copies every
    non-template file of the overrides into the site and Jinja reads templates through
    links, so ``overrides/leak.txt -> /etc/hostname`` or ``overrides/main.html ->
    .git/config`` would publish what the link leads to on every page build, ``serve``
    included. The folder is owned by the platform team, but a pull request can add a
    link to it; a link within the repository (``overrides/logo.svg -> ../docs/logo.svg``)
    stays allowed."""
    if custom_dir:
        _refuse_links(Path(custom_dir), config_dir, "the theme overrides hold")


def refuse_linked_snippets(folder: Path, config_dir: Path) -> None:
    """Stop when the folder snippets are included from (``docs/snippets/``: the only one
    pymdownx.snippets reads, see ``sanitize.restrict_snippets``), or an entry under it, is
    a link out of the repository or into a hidden part of it. The extension checks the
    path as written, not where a link leads, and ``paved serve`` renders a branch with
    errors (the docs rules report such a link), so ``docs/snippets/x.md ->
    /home/reviewer/secret`` was included in the preview."""
    _refuse_links(folder, config_dir, "the snippets hold")


def refuse_linked_icons(configs: dict[str, Any], config_dir: Path) -> None:
    """Stop when a folder of pymdownx.emoji's ``custom_icons`` (Material inlines each
    ``.svg`` of it into the pages that name it) holds a link out of the repository or
    into a hidden part of it: ``icons/key.svg -> /home/reviewer/.ssh/id_rsa`` and
    ``:key:`` in a page published the file's text, with 0 errors."""
    options = (configs.get("pymdownx.emoji") or {}).get("options") or {}
    folders = (options.get("custom_icons") or []) if isinstance(options, dict) else []
    for folder in [folders] if isinstance(folders, str) else folders:
        _refuse_links(Path(str(folder)), config_dir, "the custom icons hold")


def _refuse_links(folder: Path, config_dir: Path, what: str) -> None:
    """Raise when ``folder`` (relative to ``config_dir``), or an entry under it, is a
    link whose real path :func:`assets.link_problem` refuses; the walk is bounded and
    follows no link."""
    from paved.generator.mkdocs_plugin.assets import link_problem

    real_root = config_dir.resolve()
    if not folder.is_absolute():
        folder = config_dir / folder
    links = [folder] if folder.is_symlink() else []
    seen = 0
    for here, dirs, names in os.walk(folder):
        base = Path(here)
        for name in [*dirs, *names]:
            seen += 1
            if seen > MAX_OVERRIDE_ENTRIES:
                break
            if (base / name).is_symlink():
                links.append(base / name)
        dirs[:] = [d for d in dirs if not (base / d).is_symlink()]
        if seen > MAX_OVERRIDE_ENTRIES:
            break
    for link in links:
        try:
            real = link.resolve(strict=True)
        except (OSError, RuntimeError):
            continue  # a broken link publishes nothing
        problem = link_problem(real, real_root)
        if problem is not None:
            shown = link.relative_to(config_dir) if config_dir in link.parents else link
            raise PluginError(
                f"paved: {what} {shown.as_posix()}: {problem}; MkDocs "
                "would publish what it leads to. Replace the link with the file itself."
            )


def followed_link(root: Path, diagnostic: Diagnostic) -> bool:
    """Whether ``diagnostic`` is about a link to a directory under ``docs/``: MkDocs
    walks the docs folder following links (``os.walk(followlinks=True)``)."""
    path = diagnostic.location.path
    if diagnostic.code != "FILE008" or not path.startswith(f"{DOCS_FOLDER}/"):
        return False
    link = root / path
    try:
        return link.is_symlink() and link.is_dir()
    except OSError:
        return False


def format_diagnostics(diagnostics: Sequence[Diagnostic], files: int | None = None) -> str:
    """The diagnostics in reporting order, exactly as ``paved validate`` prints them
    (with its summary line when the number of files read is known)."""
    from paved.generator.report import text

    ordered = sorted(diagnostics, key=sort_key)
    if files is not None:
        return text.render(ordered, files).rstrip("\n")
    return "\n".join(text.format_diagnostic(d) for d in ordered)


def files_read(loaded: LoadedRepository) -> int:
    """How many files validation read (the text reporter's summary counts them)."""
    sheet_files = {sheet.path for sheet in loaded.sheets.values()}
    return len(loaded.wids) + len(loaded.adrs) + len(loaded.docs) + len(sheet_files)


def error_page(diagnostics: Sequence[Diagnostic], files: int | None = None) -> str:
    """The home page ``paved serve`` shows while the repository does not validate."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    text = html.escape(format_diagnostics(diagnostics, files))
    return (
        "---\ntitle: Validation failed\nhide:\n  - feedback\n---\n\n"
        "# Validation failed\n\n"
        f'<p class="paved-error-summary">The repository has {errors} error(s) and '
        f"{warnings} warning(s). Fix them and save: this page reloads by itself.</p>\n\n"
        f'<pre class="paved-diagnostics"><code>{text}</code></pre>\n'
    )
