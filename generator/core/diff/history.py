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
from paved.generator.core.diff.gitbase import MODEL_FOLDERS, Base, BaseRefError, extract, git
from paved.generator.core.diff.run import compare, load_model
from paved.generator.core.load.types import LoadedRepository
from paved.generator.core.model import Platform

#: How many merges the page lists by default (each costs two model loads the first
#: time; consecutive merges share one).
DEFAULT_COUNT = 10


def recent_merges(root: Path, count: int = DEFAULT_COUNT) -> tuple[Merge, ...]:
    """The last ``count`` merges that changed the model, newest first (never raises)."""
    try:
        prefix = git(root, "rev-parse", "--show-prefix").strip()
        log = git(
            root,
            "log",
            "--first-parent",
            f"-n{count}",
            "--format=%H%x1f%P%x1f%aI%x1f%an%x1f%s",
            "HEAD",
            "--",
            *MODEL_FOLDERS,
        )
    except BaseRefError:
        return ()
    sides: dict[str, Side] = {}
    merges: list[Merge] = []
    with tempfile.TemporaryDirectory(prefix="paved-changes-") as tmp:
        for index, line in enumerate(log.splitlines()):
            sha, parents, date, author, subject = (line.split("\x1f") + [""] * 5)[:5]
            parent = parents.split()[0] if parents.split() else ""
            try:
                head = _side(root, sha, prefix, Path(tmp) / f"h{index}", sides)
                base = (
                    _side(root, parent, prefix, Path(tmp) / f"b{index}", sides)
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


def _side(root: Path, sha: str, prefix: str, into: Path, cache: dict[str, Side]) -> Side:
    found = cache.get(sha)
    if found is not None:
        return found
    into.mkdir(parents=True)
    present = extract(root, Base(ref=sha, sha=sha, prefix=prefix), into)
    if present:
        model = load_model(into / "tree")
        side = Side(sha, model.platform, model.loaded)
    else:
        side = Side(sha, Platform(), LoadedRepository(root=str(into)))
    cache[sha] = side
    return side
