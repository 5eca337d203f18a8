"""The one entry point every adapter uses (CLI, MkDocs plugin, bot): load, validate, model.

The signatures are the contract; the work is in ``validate.pipeline`` and ``build_model``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from paved.generator.core.diagnostics import Diagnostic, has_errors
from paved.generator.core.load.types import LoadedRepository
from paved.generator.core.model import Platform

if TYPE_CHECKING:
    from paved.generator.core.load.repository import Documents
    from paved.generator.core.validate.memo import LoadMemo


@dataclass(frozen=True)
class CheckResult:
    """``platform`` is built even when there are errors (from what could be read),
    so previews can still render; adapters decide whether errors are fatal."""

    root: Path
    loaded: LoadedRepository
    platform: Platform
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def load_and_validate(
    root: Path,
    memo: LoadMemo | None = None,
    documents: Callable[[], Documents] | None = None,
) -> tuple[LoadedRepository, list[Diagnostic]]:
    """Load and validate without building the model: what ``paved validate`` needs
    (building 200,000 typed columns costs more than half a second it would not use)."""
    # Imported here so importing the contract module stays cheap (no work at import time).
    from paved.generator.core.validate.pipeline import load_and_validate as run

    return run(root, memo, documents)


def check(
    root: Path,
    memo: LoadMemo | None = None,
    documents: Callable[[], Documents] | None = None,
) -> CheckResult:
    """Load every document under ``root`` (wids/, adrs/, custodians/, docs/), validate,
    and build the model. Never raises on bad content. ``memo`` (``paved serve``): files
    unchanged since the previous check of this process are not read again;
    ``documents``: the Markdown documents as ``load_documents(root)`` reads them, asked
    for once the catalogue is read (e.g. read by another process meanwhile)."""
    from paved.generator.core.build_model import build_platform, catalogue_model, column_index
    from paved.generator.core.validate.pipeline import gc_paused

    loaded, diagnostics = load_and_validate(root, memo, documents)
    # Millions of new objects and hardly a cycle among them: the collector would walk
    # the growing heap again and again (0.85 → 0.48 s of a large model).
    with gc_paused():
        made = (
            memo.model(loaded.sheets, catalogue_model, column_index) if memo is not None else None
        )
        platform = build_platform(loaded, made)
    return CheckResult(root=root, loaded=loaded, platform=platform, diagnostics=diagnostics)
