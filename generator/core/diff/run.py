"""``paved diff`` end to end: resolve the base, load both sides, compare, attach the
blast radius and the intents. I/O (git, the file system) stays here and in ``gitbase``;
the comparisons are pure functions of the two models."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from paved.generator.core.codeowners import handles_from
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.diff.catalogue import compare_catalogue
from paved.generator.core.diff.changes import Change, DiffResult, Intent, ordered
from paved.generator.core.diff.context import Side, Sides
from paved.generator.core.diff.decisions import compare_decisions
from paved.generator.core.diff.gitbase import (
    Base,
    changed_paths,
    commits_in_range,
    default_base_ref,
    extract,
    head_sha,
    resolve_base,
)
from paved.generator.core.diff.impact import with_impact
from paved.generator.core.diff.intent import apply_intents, find_intents
from paved.generator.core.diff.people import Handles
from paved.generator.core.diff.products import compare_products
from paved.generator.core.load.adr_settings import AdrSettings, settings_of
from paved.generator.core.load.types import LoadedRepository, MarkdownDoc, Sheet
from paved.generator.core.model import Platform

Loader = Callable[[Path], LoadedRepository]


@dataclass(frozen=True, slots=True)
class Loaded:
    loaded: LoadedRepository
    platform: Platform


def load_model(
    root: Path,
    *,
    reuse: dict[str, MarkdownDoc] | None = None,
    sheets: dict[str, Sheet] | None = None,
    adr_settings: AdrSettings | None = None,
) -> Loaded:
    """WIDs, ADRs and the catalogue under ``root`` as a model, never raising on bad
    content (validation reports that). Docs pages are not read (nothing compares them).

    ``reuse``: documents already parsed (by path) for files known to be the same bytes,
    returned instead of parsing them again; ``sheets``: the catalogue, when it is known
    to be the same as one already read. A pull request changing ten WIDs of a thousand
    then parses ten at the base, not a thousand. ``adr_settings``: the decision log's
    settings (status words), else those of ``root``'s mkdocs.yml.
    """
    from paved.generator.core.build_model import build_platform
    from paved.generator.core.load.repository import (
        load_catalogue,
        load_documents,
        read_markdown,
    )
    from paved.generator.core.validate.pipeline import gc_paused

    known = reuse or {}

    def read(kind: str, file: Path, rel: str) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
        if kind == "doc":
            return None, []
        doc = known.get(rel)
        return (doc, []) if doc is not None else read_markdown(kind, file, rel)

    with gc_paused():
        documents = load_documents(root, read)
        if sheets is None:
            sheets, _ = load_catalogue(root)
        loaded = documents.repository(root, sheets)
        if adr_settings is not None:
            loaded = replace(loaded, adr_settings=adr_settings)
        return Loaded(loaded, build_platform(loaded))


def compare(base: Side, head: Side, handles: Handles, intents: list[Intent]) -> list[Change]:
    """Every change from ``base`` to ``head``, with blast radius and intents: pure."""
    sides = Sides(base, head, handles)
    changes = [*compare_catalogue(sides), *compare_products(sides), *compare_decisions(sides)]
    changes = with_impact(changes, sides)
    return apply_intents(changes, intents)


def diff_repository(
    root: Path, base_ref: str | None = None, *, merge_base: bool = True
) -> DiffResult:
    """Compare the work tree at ``root`` with the base (default: the pull request's base
    branch in GitHub Actions, else the default branch), at their merge base.
    Raises ``BaseRefError`` (with a hint) when the base cannot be read."""
    ref = base_ref or default_base_ref(root)
    base = resolve_base(root, ref, merge_base=merge_base)
    notes: list[str] = []
    head = load_model(root)
    with tempfile.TemporaryDirectory(prefix="paved-diff-") as tmp:
        present, base_side = load_commit(
            root, base, Path(tmp), head.loaded, changed_paths(root, base.sha)
        )
    if "custodians" not in present and head.loaded.sheets:
        notes.append("The catalogue did not exist at the base: every dataset is new.")
    if not present:
        notes.append(f"The base {ref} has no wids/, adrs/ or custodians/: everything is new.")
    head_side = Side("head", head.platform, head.loaded)
    handles = _merge(handles_from(head.loaded), handles_from(base_side.loaded))
    intents = _intents(root, base, base_side, head_side)
    changes = compare(base_side, head_side, handles, intents)
    head_commit = head_sha(root)
    return DiffResult(
        base=f"{ref} ({base.sha[:7]})",
        head=head_commit[:7] if head_commit else "work tree",
        changes=ordered(changes),
        notes=tuple(notes),
    )


def load_commit(
    root: Path,
    base: Base,
    into: Path,
    known: LoadedRepository | None,
    changed: set[str] | None,
    *,
    label: str = "base",
) -> tuple[tuple[str, ...], Side]:
    """The model of commit ``base`` (its folders written under ``into/tree``), parsing
    only the files in ``changed``: every other WID and ADR is ``known``'s document of the
    same path, and the catalogue is ``known``'s when no ``custodians/`` file changed.
    ``changed``: the model paths that differ between the commit and the files ``known``
    was read from (``changed_paths``); ``None`` (git cannot say) parses everything.
    The commit's decisions are read with ``known``'s settings (its mkdocs.yml's status
    words), so a status word both sides write the same compares the same.
    Returns the folders present at the commit and its side."""
    reuse: dict[str, MarkdownDoc] = {}
    skip: tuple[str, ...] = ()
    if known is not None and changed is not None:
        reuse = {doc.path: doc for doc in (*known.wids, *known.adrs) if doc.path not in changed}
        if known.sheets and not any(p.startswith("custodians/") for p in changed):
            skip = ("custodians",)  # the same files: the same sheets
    present = extract(root, base, into, skip=skip)
    if not present:
        return present, Side(label, Platform(), LoadedRepository(root=str(into / "tree")))
    sheets = known.sheets if known is not None and skip and "custodians" in present else None
    settings = settings_of(known) if known is not None else None
    model = load_model(into / "tree", reuse=reuse, sheets=sheets, adr_settings=settings)
    return present, Side(label, model.platform, model.loaded)


def _merge(head: Handles, base: Handles) -> Handles:
    return Handles(
        {**base.by_custodian, **head.by_custodian},
        {**base.by_email, **head.by_email},
        {**base.by_contact_email, **head.by_contact_email},
    )


def _intents(root: Path, base: Base, base_side: Side, head_side: Side) -> list[Intent]:
    """Markers in the pull request's commit messages and in the WIDs it changes."""
    found: list[Intent] = []
    for commit in commits_in_range(root, base.sha):
        found.extend(find_intents(commit.message, f"commit {commit.sha[:7]}"))
    before = {doc.path: doc.body for doc in base_side.loaded.wids}
    for doc in head_side.loaded.wids:
        if before.get(doc.path) != doc.body:
            found.extend(find_intents(doc.body, doc.path, doc.body_line))
    return found
