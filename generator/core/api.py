"""The one entry point every adapter uses (CLI, MkDocs plugin, bot): load, validate, model.

Implementation owned by the validation work; the signature is the contract.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from paved.generator.core.diagnostics import Diagnostic, has_errors
from paved.generator.core.load.types import LoadedRepository
from paved.generator.core.model import Platform

T = TypeVar("T")


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


def load_and_validate(root: Path) -> tuple[LoadedRepository, list[Diagnostic]]:
    """Load and validate without building the model: what ``paved validate`` needs
    (building 200,000 typed columns costs more than half a second it would not use)."""
    # Imported here so importing the contract module stays cheap (no work at import time).
    from paved.generator.core.validate.pipeline import load_and_validate as run

    return run(root)


def check(root: Path) -> CheckResult:
    """Load every document under ``root`` (wids/, adrs/, custodians/, docs/), validate,
    and build the model. Never raises on bad content."""
    from paved.generator.core.build_model import build_platform

    loaded, diagnostics = load_and_validate(root)
    return CheckResult(
        root=root, loaded=loaded, platform=build_platform(loaded), diagnostics=diagnostics
    )


def check_while(root: Path, work: Callable[[Platform], T]) -> tuple[CheckResult, T]:
    """``check(root)``, and ``work`` done on the model while the rules run.

    The rules (sheet schemas, references, lifecycle...) need only what was loaded, and
    the model is built from the same; so on Linux the rules run in a forked child while
    this process builds the model and does ``work`` (the portal renders its pages). The
    findings are the same as ``check``'s, in the same order. ``work`` runs even when the
    repository has errors: ``check`` builds the model from what could be read anyway."""
    from paved.generator.core.build_model import build_platform
    from paved.generator.core.validate.pipeline import gc_paused, read
    from paved.generator.mkdocs_plugin.speed.forking import AsideFailed, run_aside

    loaded = read(root)
    rules = run_aside(loaded.validate, "validation")
    # Millions of new objects and hardly a cycle among them: the collector would walk
    # the growing heap again and again (about a third of building the model).
    try:
        with gc_paused():
            platform = build_platform(loaded.loaded)
            done = work(platform)
    except BaseException:
        if rules is not None:
            rules.stop()
        raise
    diagnostics = None
    if rules is not None:
        try:
            diagnostics = rules.result()
        except AsideFailed:  # the child died (killed, out of memory): run them here
            diagnostics = None
    if diagnostics is None:
        diagnostics = loaded.validate()
    return CheckResult(root, loaded.loaded, platform, diagnostics), done
