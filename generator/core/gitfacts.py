"""What git knows about the repository's files, collected in one pass over the history.

The portal shows, on every page, when its source file was created, when it was last
changed and who changed it, and the WID pages show when each status was first reached
(onboarding lead time). Asking git once per file costs a subprocess per page, which
does not scale to thousands of documents; instead ``collect`` runs exactly two
``git log`` commands and parses their output with pure functions.

Outside a git checkout, or when git is not installed, ``collect`` returns
``GitFacts.empty()``: a tarball of the repository must still build.
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FileHistory:
    """What git knows of one file (repository-relative POSIX path). Dates are ISO 8601."""

    created: str | None
    updated: str | None
    contributors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusChange:
    """The first commit at which a WID or ADR file carried ``status``: its date and the
    commit's author (who changed it; empty when not known)."""

    date: str
    status: str
    author: str = ""


@dataclass(frozen=True, slots=True)
class GitFacts:
    """Collected in one pass over the history by ``core.gitfacts``; empty outside git.

    Both mappings are keyed by repository-relative POSIX path (``wids/WID-0001-x.md``).
    """

    files: dict[str, FileHistory]
    status_history: dict[str, tuple[StatusChange, ...]]

    @classmethod
    def empty(cls) -> GitFacts:
        return cls(files={}, status_history={})


# NUL separates: an author name may hold any other character (the ASCII record and unit
# separators included, which once let a name forge a commit of its own: another date and
# author in a file's history and status trail), and a text patch or a name list holds
# none (git shows a file with NUL as binary; paths with controls are quoted).
_RECORD = "\x00\x00"
_UNIT = "\x00"
_HEADER_FORMAT = "--format=%x00%x00%aI%x00%an"
_GIT_TIMEOUT_S = 120
#: The most of the status patches read (newest first): whole-file patches of the commits
#: that change a status line. A real log of thousands of WIDs stays far under it.
MAX_STATUS_LOG_BYTES = 64 * 1024 * 1024
_WHOLE_FILE = 1_000_000

# A top-level ``status:`` key, as the WID schema writes it (no indentation, optional quotes).
_STATUS_LINE = re.compile(r"""^status:\s*["']?([A-Za-z][\w-]*)["']?\s*(?:#.*)?$""")


def collect(root: Path, *, wid_dir: str = "wids", adr_dir: str = "adrs") -> GitFacts:
    """History facts for every file under ``root`` (paths relative to ``root``, POSIX).

    Runs one ``git log --name-status`` over the whole tree and one ``git log -p`` over
    ``wid_dir`` and ``adr_dir`` (status changes of products and of decisions with a
    front-matter status); never raises for a missing git or a folder that is not a
    checkout.
    """
    names = _git(
        root,
        "log",
        "--no-renames",
        "--name-status",
        "--relative",
        _HEADER_FORMAT,
        "--",
        ".",
    )
    if names is None:
        return GitFacts.empty()
    wid_output: str | None = None
    status_dirs = [d for d in (wid_dir, adr_dir) if (root / d).is_dir()]
    if status_dirs:
        wid_output = status_log(root, status_dirs)
    return GitFacts(
        files=parse_name_status(names),
        status_history=parse_status_patches(wid_output or ""),
    )


def status_log(
    root: Path, folders: Iterable[str], *, max_bytes: int = MAX_STATUS_LOG_BYTES
) -> str | None:
    """The patches ``parse_status_patches`` reads, oldest first: only of the commits that
    add or remove a ``status:`` line (``-G``), each with the whole file as context (its
    front matter is in the patch, without one ``git show`` per commit). At most
    ``max_bytes`` are read, newest first, so a WID of megabytes rewritten in hundreds of
    commits costs a bounded read; what is left out is the oldest history."""
    output = _git(
        root,
        "log",
        "--no-renames",
        "-p",
        "-G^status:",
        f"--unified={_WHOLE_FILE}",
        "--relative",
        _HEADER_FORMAT,
        "--",
        *folders,
        max_bytes=max_bytes,
    )
    if output is None:
        return None
    records = output.split(_RECORD)[1:]
    return "".join(_RECORD + record for record in reversed(records))


def _git(root: Path, *args: str, max_bytes: int | None = None) -> str | None:
    """Run git in ``root``; ``None`` when git is missing, fails, or ``root`` is not in a
    repo. With ``max_bytes``, at most that much of the output is read: past it git is
    stopped and the output ends before its last, incomplete record."""
    command = ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]
    if max_bytes is None:
        try:
            completed = subprocess.run(  # noqa: S603 - fixed git argv, no shell
                command,
                cwd=root,
                capture_output=True,
                check=False,
                timeout=_GIT_TIMEOUT_S,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if completed.returncode != 0:
            return None
        return completed.stdout.decode("utf-8", errors="replace")
    try:
        process = subprocess.Popen(  # noqa: S603 - fixed git argv, no shell
            command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
    except OSError:
        return None
    timer = threading.Timer(_GIT_TIMEOUT_S, process.kill)
    timer.start()
    try:
        assert process.stdout is not None
        data = process.stdout.read(max_bytes + 1)
        cut = len(data) > max_bytes
        if cut:
            process.kill()
        process.stdout.close()
        returncode = process.wait()
    finally:
        timer.cancel()
    if cut:
        data = data[: max(data.rfind(_RECORD.encode(), 0, max_bytes + 1), 0)]
    elif returncode != 0:
        return None
    return data.decode("utf-8", errors="replace")


@dataclass
class _Tracked:
    """A file's history while walking from the newest commit to the oldest."""

    updated: str | None = None
    created: str | None = None
    authors: Counter[str] = field(default_factory=Counter)
    order: dict[str, int] = field(default_factory=dict)
    closed: bool = False


def parse_name_status(output: str) -> dict[str, FileHistory]:
    """Parse ``git log --name-status`` (newest first) into one ``FileHistory`` per path.

    A path deleted in its newest commit is left out (the file no longer exists); an older
    deletion ends the history, so a file re-created later starts afresh.
    """
    tracked: dict[str, _Tracked] = {}
    for date, author, changes in _commits(output):
        for status, path in changes:
            state = tracked.get(path)
            if state is None:
                state = tracked[path] = _Tracked()
                if status == "D":
                    state.closed = True
                    continue
            if state.closed:
                continue
            if status == "D":
                state.closed = True
                continue
            if state.updated is None:
                state.updated = date
            state.created = date
            state.authors[author] += 1
            state.order.setdefault(author, len(state.order))
    return {
        path: FileHistory(
            created=state.created,
            updated=state.updated,
            contributors=tuple(
                sorted(state.authors, key=lambda a: (-state.authors[a], state.order[a]))
            ),
        )
        for path, state in tracked.items()
        if state.updated is not None
    }


def _commits(output: str) -> Iterable[tuple[str, str, list[tuple[str, str]]]]:
    for record in output.split(_RECORD):
        if not record.strip():
            continue
        header, _, body = record.partition("\n")
        date, _, author = header.partition(_UNIT)
        changes: list[tuple[str, str]] = []
        for line in body.split("\n"):
            status, tab, path = line.partition("\t")
            if not tab or not status:
                continue
            changes.append((status[0], path.rsplit("\t", 1)[-1]))
        yield date.strip(), author.strip(), changes


def parse_status_patches(output: str) -> dict[str, tuple[StatusChange, ...]]:
    """Parse ``git log --reverse -p`` with whole-file context over the WID and ADR folders:
    the first date each file carried each front-matter ``status:`` value, and who
    committed it, in the order reached."""
    history: dict[str, list[StatusChange]] = {}
    for record in output.split(_RECORD):
        if not record.strip():
            continue
        header, _, body = record.partition("\n")
        date, _, author = header.partition(_UNIT)
        for path, new_lines in _new_sides(body):
            status = front_matter_status(new_lines)
            if status is None:
                continue
            changes = history.setdefault(path, [])
            if all(change.status != status for change in changes):
                changes.append(
                    StatusChange(date=date.strip(), status=status, author=author.strip())
                )
    return {path: tuple(changes) for path, changes in history.items()}


def _new_sides(body: str) -> Iterable[tuple[str, list[str]]]:
    """Each changed file of one commit's patch with the lines of its new version (the
    patch has whole-file context, so these are the whole file)."""
    path: str | None = None
    lines: list[str] = []
    in_hunk = False
    for line in body.split("\n"):
        if line.startswith("diff --git "):
            if path is not None:
                yield path, lines
            path, lines, in_hunk = None, [], False
        elif not in_hunk and line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            path = target[2:] if target.startswith("b/") else None
        elif line.startswith("@@"):
            in_hunk = True
        elif in_hunk and line[:1] in (" ", "+"):
            lines.append(line[1:])
    if path is not None:
        yield path, lines


def front_matter_status(lines: list[str]) -> str | None:
    """The top-level ``status:`` of a YAML front matter block, lower-cased."""
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:]:
        if line.strip() in ("---", "..."):
            return None
        match = _STATUS_LINE.match(line)
        if match is not None:
            return match.group(1).lower()
    return None
