"""The team's ``synonyms.yml``: its schema, and each word in one group only.

A word in two groups would make the bot read "pos" as both the till and something
else; the second occurrence is reported where it is written, naming the first.
"""

from __future__ import annotations

from pathlib import Path

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.synonyms import SynonymsFile, load_synonyms
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.inputs import CONFIG
from paved.generator.core.validate.schema import compiled, explain

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({CONFIG})


SCHEMA = "synonyms"


def check(ctx: Context) -> list[Diagnostic]:
    found, diagnostics = load_synonyms(Path(ctx.loaded.root))
    if found is None:
        return diagnostics
    return [*diagnostics, *_schema(found), *_repeats(found)]


def _schema(found: SynonymsFile) -> list[Diagnostic]:
    schema = compiled(SCHEMA)
    if schema.is_valid(found.data):
        return []
    out = []
    for error in schema.errors(found.data):
        for finding in explain(error, schema.schema):
            line, column = _position(found, finding.path)
            location = Location(found.path, line=line, column=column)
            out.append(diagnostic("SYN701", location, finding.message, hint=finding.hint))
    return out


def _position(found: SynonymsFile, path: tuple[str | int, ...]) -> tuple[int, int]:
    probe = tuple(path)
    while probe:
        if probe in found.positions:
            return found.positions[probe]
        probe = probe[:-1]
    return 1, 1


def _repeats(found: SynonymsFile) -> list[Diagnostic]:
    first: dict[str, tuple[int, int]] = {}
    out = []
    raw = found.data.get("synonyms")
    for g, group in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(group, list):
            continue
        for t, term in enumerate(group):
            if not isinstance(term, str):
                continue
            key = " ".join(term.lower().split())
            if key in first and first[key][0] != g:
                line, column = found.positions.get(("synonyms", g, t), (found.line_of(g), 1))
                out.append(
                    diagnostic(
                        "SYN702",
                        Location(found.path, line=line, column=column),
                        f"'{term}' is already in the group on line {first[key][1]}",
                    )
                )
            else:
                first.setdefault(key, (g, found.line_of(g, t)))
    return out
