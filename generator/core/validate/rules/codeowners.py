"""A committed ``CODEOWNERS`` that Paved generated must still match the model, or GitHub
asks the wrong people to approve. Hand-written files (without Paved's header) are left
alone."""

from __future__ import annotations

from pathlib import Path

from paved.generator.core import codeowners
from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.inputs import CATALOGUE, CONFIG, WID

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({WID, CATALOGUE, CONFIG})


def check(ctx: Context) -> list[Diagnostic]:
    found = codeowners.committed(Path(ctx.loaded.root))
    if found is None:
        return []
    rel, text = found
    expected = codeowners.generate(ctx.loaded, codeowners.architects_in(text))
    if expected == text:
        return []
    line = codeowners.first_difference(expected, text)
    want = expected.splitlines()
    should = want[line - 1] if line <= len(want) else "(nothing: the file is longer)"
    return [
        diagnostic(
            "OWN601",
            Location(rel, line=line),
            f"{rel} is out of date: line {line} should read {should!r}",
        )
    ]
