"""The platform team's synonyms: ``synonyms.yml`` at the repository root.

Words the team's readers use for the same thing ("till" for the POS, "C360" for
Customer 360). The Slack bot reads a question's word as any word of its group, on top
of its built-in data-platform vocabulary. Read like every other file: bounded, UTF-8,
YAML without tags, every group's line kept so validation can point at it. A missing
file is not an error: the file is optional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.frontmatter import parse_front_matter
from paved.generator.core.load.text import read_text
from paved.generator.core.load.types import JsonPath

FILE = "synonyms.yml"
MAX_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class SynonymsFile:
    """``data`` as written (for the schema check), its positions, and the groups that
    are well formed (lists of two or more strings)."""

    path: str
    data: dict[str, Any]
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    groups: tuple[tuple[str, ...], ...] = ()

    def line_of(self, group: int, term: int | None = None) -> int:
        path: JsonPath = ("synonyms", group) if term is None else ("synonyms", group, term)
        return self.positions.get(path, self.positions.get(("synonyms",), (1, 1)))[0]


def load_synonyms(root: Path) -> tuple[SynonymsFile | None, list[Diagnostic]]:
    """The file at ``root/synonyms.yml``, or ``None`` when there is none (or it cannot
    be read, with the diagnostics saying why). A symbolic link is not followed: the
    file must be the repository's own."""
    file = root / FILE
    if file.is_symlink() or not file.is_file():
        return None, []
    text, found = read_text(file, FILE, max_bytes=MAX_BYTES)
    if text is None:
        return None, found
    parsed, errors = parse_front_matter(text, FILE, 0)
    if parsed is None:
        return None, [*found, *errors]
    groups = []
    raw = parsed.data.get("synonyms")
    for group in raw if isinstance(raw, list) else []:
        if isinstance(group, list) and all(isinstance(t, str) for t in group) and len(group) > 1:
            groups.append(tuple(group))
    return SynonymsFile(FILE, parsed.data, dict(parsed.positions), tuple(groups)), [
        *found,
        *errors,
    ]
