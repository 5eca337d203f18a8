"""What ``paved serve`` keeps of the repository's history between rebuilds: the git
facts (``gitfacts.collect``) and the last merges of the "What changed" page
(``diff.history.recent_merges``), by the commit ``HEAD`` names.

Both are functions of the commits alone, never of the working tree: ``git log`` reads
the history from ``HEAD``, and each merge is compared from git objects (the working
tree's model only spares reading a commit whose files it equals). So while ``HEAD`` is
the same commit, the answer is the same; an edit saved in the preview does not move
``HEAD``, and a commit, an amend or a checkout does. Rebuilding them cost about 3 s of
every one-file rebuild of the large benchmark (profiled: 0.7 s of facts, 2.6 s of
merges), most of it in git processes, for the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from paved.generator.core.diff.gitbase import BaseRefError, head_sha

T = TypeVar("T")


@dataclass
class GitMemo:
    """One per serve process; each answer kept for one ``(root, HEAD)`` only."""

    _head: tuple[str, str] | None = None
    _kept: dict[str, object] = field(default_factory=dict)

    def begin(self, root: Path) -> None:
        """A build starts: forget what another commit (or root) gave."""
        try:
            sha = head_sha(root)
        except BaseRefError:
            sha = ""
        head = (str(root.resolve()), sha) if sha else None
        if head is None or head != self._head:
            self._kept = {}
        self._head = head

    def get(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, or what it gave at this commit (never kept outside git: a
        folder that is not a checkout has no commit to key it by)."""
        if self._head is None:
            return compute()
        if name not in self._kept:
            self._kept[name] = compute()
        return self._kept[name]  # type: ignore[return-value]
