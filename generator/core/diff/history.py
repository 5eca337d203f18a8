"""The last merges into the current branch and what each changed, in ``paved diff``'s
words, for the portal's "What changed" page.

A "merge" is each commit on the first-parent line that touched ``wids/``, ``adrs/`` or
``custodians/``: a merge commit, or the single commit a squash or rebase merge leaves.
Each is compared with its first parent exactly as ``paved diff`` compares a pull
request, both sides read from git objects; a model read for one commit is reused for
the next (the parent of one merge is usually the previous merge). Outside git, or with
no such commit, the answer is empty: a tarball of the repository still builds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from paved.generator.core.codeowners import handles_from
from paved.generator.core.diff.changes import DiffResult, Merge, ordered
from paved.generator.core.diff.context import Side
from paved.generator.core.diff.gitbase import (
    MODEL_FOLDERS,
    Base,
    BaseRefError,
    changed_paths,
    git,
)
from paved.generator.core.diff.run import Loaded, compare, load_commit
from paved.generator.core.load.types import LoadedRepository
from paved.generator.core.model import Platform

#: How many merges the page lists by default (each costs two model loads the first
#: time; consecutive merges share one).
DEFAULT_COUNT = 10


def recent_merges(
    root: Path, count: int = DEFAULT_COUNT, *, work_tree: Loaded | None = None
) -> tuple[Merge, ...]:
    """The last ``count`` merges that changed the model, newest first (never raises).

    ``work_tree``: the model already read from the files under ``root`` (without git
    dates). A commit whose model files are those files is that model, read from no
    archive; at any other commit only the files that differ from them are parsed."""
    try:
        prefix = git(root, "rev-parse", "--show-prefix").strip()
        log = git(
            root,
            "log",
            "--first-parent",
            f"-n{count}",
            "-z",
            f"--format={'%x00'.join(_FIELDS)}",
            "HEAD",
            "--",
            *MODEL_FOLDERS,
        )
    except BaseRefError:
        return ()
    merges: list[Merge] = []
    with tempfile.TemporaryDirectory(prefix="paved-changes-") as tmp:
        sides = _Sides(root, prefix, Path(tmp), work_tree)
        for index, (sha, parents, date, author, subject) in enumerate(_records(log)):
            parent = parents.split()[0] if parents.split() else ""
            try:
                head = sides.at(sha, f"h{index}")
                base = (
                    sides.at(parent, f"b{index}")
                    if parent
                    else Side("base", Platform(), LoadedRepository(root=tmp))
                )
            except BaseRefError:
                break  # a shallow clone: list what can be read
            handles = handles_from(head.loaded)
            result = DiffResult(
                base=parent[:7], head=sha[:7], changes=ordered(compare(base, head, handles, []))
            )
            merges.append(Merge(sha, date, author, subject, result))
    return tuple(merges)


#: What ``recent_merges`` reads of each commit: hash, parents, date, author, subject.
_FIELDS = ("%H", "%P", "%aI", "%an", "%s")


def _records(log: str) -> list[tuple[str, str, str, str, str]]:
    """The commits of ``git log -z`` with ``_FIELDS`` joined by NUL. A subject or an
    author name may hold any character but NUL (a line separator, ``\\x1c``, ``\\x1f``),
    so only NUL separates: one commit cannot forge another's record."""
    fields = log.split("\0")
    n = len(_FIELDS)
    return [
        (fields[i], fields[i + 1], fields[i + 2], fields[i + 3], fields[i + 4])
        for i in range(0, len(fields) - n + 1, n)
    ]


class _Sides:
    """The model at each commit, read once per commit."""

    def __init__(self, root: Path, prefix: str, tmp: Path, work_tree: Loaded | None) -> None:
        self.root = root
        self.prefix = prefix
        self.tmp = tmp
        self.work_tree = work_tree
        self.cache: dict[str, Side] = {}
        # Files git does not track (ignored ones too: the loaders read them) are in the
        # work tree's model and at no commit.
        self.untracked = work_tree is not None and bool(
            git(root, "ls-files", "--others", "--", *MODEL_FOLDERS, check=False).strip()
        )

    def at(self, sha: str, name: str) -> Side:
        found = self.cache.get(sha)
        if found is not None:
            return found
        known = self.work_tree
        changed = changed_paths(self.root, sha) if known is not None else None
        if known is not None and changed == set() and not self.untracked:
            side = Side(sha, known.platform, known.loaded)  # the very same files
        else:
            into = self.tmp / name
            into.mkdir(parents=True)
            base = Base(ref=sha, sha=sha, prefix=self.prefix)
            _, side = load_commit(
                self.root, base, into, known.loaded if known else None, changed, label=sha
            )
        self.cache[sha] = side
        return side
