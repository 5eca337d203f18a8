"""A rebuild asked for while nothing the portal reads changed (``paved serve``).

The watcher asks for a rebuild on any event in the watched folders: a workbook save
first writes a temporary file beside ``custodians/catalogue.xlsx`` and then renames it
over the old one; editors write swap files (``.page.md.swp``) and write and remove
probes (vim's ``4913``). The first event started a whole rebuild ("0 pages built",
11-18 s on the large benchmark under load, 3-4 s of CPU quiet), and the real change
waited for it to end.

``input_state`` is what a build reads, by file status (size, modification and change
times, inode, device), as ``LoadMemo`` and ``paved validate``'s cache trust it: the
files the loaders read (``wids/``, ``adrs/``, the catalogue's files under
``custodians/``, ``is_catalogue_file``, with what listing those folders reports), the
docs folder as MkDocs lists it (a file MkDocs excludes, ``.*``, is left out unless it
is a Markdown page, which the plugin sees before MkDocs excludes it; a backup
``page.md~`` is published, so it counts), ``mkdocs.yml`` and the files at the top of
the repository and in ``.github/`` (``configuration_digest``), the snippets folder
whole, the theme overrides, the hooks and the ``watch`` paths, Paved's own code and
templates, the commit ``HEAD`` names (the git facts, kept by ``HEAD`` as ``GitMemo``
does) and the date (review banners). When the state is the last successful build's,
the rebuild ends at once and the site is left as it is.

When in doubt it rebuilds: a file modified less than ``RACY_NS`` before the state was
taken is compared by content as well (a write in the same clock tick keeps its
status); the state of a build that failed is not kept; a page or asset of the last
build's site that is gone is written again (``IncrementalBuilder._site_is_whole``); with a bot
store (``store_url``, read over the network) every rebuild is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import _default_exclude
from mkdocs.utils import is_markdown_file

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.diff.gitbase import BaseRefError, head_sha
from paved.generator.core.load.repository import Listing, is_catalogue_file
from paved.generator.core.validate.incremental import RACY_NS, configuration_digest
from paved.generator.mkdocs_plugin.sanitize import SNIPPETS_FOLDER
from paved.generator.mkdocs_plugin.speed.memo import PAVED_CODE

#: The folders whose files the loaders read besides ``docs/`` (every file listed:
#: what they make of a file they do not read, a finding, is in the site too).
LOADED_FOLDERS = ("wids", "adrs")

Stamp = tuple[int, int, int, int, int]


#: Recent files (``InputState.racy``) hashed at most this many bytes in all; beyond,
#: the state is not kept.
MAX_RACY_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class InputState:
    """What a build reads (``key``), and the content digests of the files modified less
    than ``RACY_NS`` before it was taken (``racy``): a later write in the same clock
    tick keeps a file's status, so those are compared by content too."""

    key: tuple[object, ...]
    racy: tuple[tuple[Path, bytes], ...]
    #: False: a file could not be stamped or hashed; never taken as unchanged.
    usable: bool

    def unchanged_in(self, now: InputState) -> bool:
        """Whether ``now`` (taken later) is this state: the same statuses, and the
        files that were recent then have the same content."""
        return (
            self.usable
            and now.usable
            and now.key == self.key
            and all(_content_digest(path) == digest for path, digest in self.racy)
        )


def input_state(config: MkDocsConfig, root: Path) -> InputState:
    """The state of everything the build of ``config`` (repository ``root``) reads."""
    trusted_before = time.time_ns() - RACY_NS
    stamps: list[tuple[str, Stamp | None]] = []
    found: list[Diagnostic] = []
    listing = Listing(root, found)
    for folder in LOADED_FOLDERS:
        stamps.extend(_stamped(listing.files(folder, "", recursive=True)))
    catalogue = listing.files("custodians", "", recursive=True)
    stamps.extend(_stamped(file for file in catalogue if is_catalogue_file(file)))
    linked: list[Path] = []
    stamps.extend(_stamped(_docs_files(config, linked)))
    # The snippets folder whole: a page may include a file MkDocs excludes.
    snippets = [str(root / SNIPPETS_FOLDER)] if (root / SNIPPETS_FOLDER).is_dir() else []
    extra = [config.config_file_path or "", *snippets, *config.watch, *_hooks(config)]
    if config.theme.custom_dir:
        extra.append(config.theme.custom_dir)
    stamps.extend(_stamped(_tree(extra, linked)))
    stamps.extend(_stamped(_tree([PAVED_CODE], linked)))
    try:
        head = head_sha(root)
    except BaseRefError:
        head = ""
    key = (
        str(root),
        dt.date.today().isoformat(),
        head,
        configuration_digest(root),
        repr(found),
        tuple(stamps),
    )
    # A folder reached through a link is not walked (``docs/a -> .`` twice made the walk
    # exponential, before the build's own check could refuse it): the state is not
    # kept, and every rebuild is made.
    usable = not linked and all(stamp is not None for _, stamp in stamps)
    recent = [
        Path(name)
        for name, stamp in stamps
        if stamp is not None and max(stamp[1], stamp[2]) >= trusted_before
    ]
    racy: list[tuple[Path, bytes]] = []
    total = 0
    for path in recent if usable else []:
        try:
            data = path.read_bytes()
        except OSError:
            usable = False
            break
        total += len(data)
        if total > MAX_RACY_BYTES:
            usable = False
            break
        racy.append((path, hashlib.blake2b(data, digest_size=20).digest()))
    return InputState(key, tuple(racy), usable)


def _content_digest(path: Path) -> bytes | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
    except OSError:
        return None


def _docs_files(config: MkDocsConfig, linked: list[Path]) -> Iterable[Path]:
    """The docs folder's files as ``mkdocs.structure.files.get_files`` walks it, but
    those MkDocs excludes (``.*``, ``exclude_docs``) that are no Markdown page: an
    excluded file is neither built nor copied (``paved serve`` builds only the excluded
    pages, as drafts)."""
    exclude = config.get("exclude_docs")
    spec = _default_exclude + exclude if exclude else _default_exclude
    docs = str(config.docs_dir)
    for folder, folders, names in os.walk(docs):
        linked.extend(_links(folder, folders))
        relative = os.path.relpath(folder, docs)
        for name in names:
            src_uri = (Path(relative) / name).as_posix()
            if spec.match_file(src_uri) and not is_markdown_file(name):
                continue
            yield Path(folder, name)


def _hooks(config: MkDocsConfig) -> list[str]:
    return [
        str(getattr(hook, "__file__", "") or "") for hook in (config.get("hooks") or {}).values()
    ]


def _links(folder: str, folders: list[str]) -> list[Path]:
    """The folders of ``folder`` that are symbolic links (not walked: noted instead)."""
    return [Path(folder, name) for name in folders if Path(folder, name).is_symlink()]


def _tree(paths: Iterable[str], linked: list[Path]) -> Iterable[Path]:
    """Every file at or under ``paths`` (a missing one stamped as such); folders
    reached through a link are added to ``linked``, not walked."""
    for item in paths:
        if not item:
            continue
        if not Path(item).is_dir():
            yield Path(item)
            continue
        if Path(item).is_symlink():
            linked.append(Path(item))
            continue
        for folder, folders, names in os.walk(item):
            linked.extend(_links(folder, folders))
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            for name in sorted(names):
                yield Path(folder, name)


def _stamped(files: Iterable[Path]) -> Iterable[tuple[str, Stamp | None]]:
    for file in files:
        try:
            status = file.stat()  # a link's target: what is read
        except OSError:
            yield str(file), None
            continue
        yield (
            str(file),
            (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev),
        )
