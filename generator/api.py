"""The one entry point every adapter uses (CLI, MkDocs plugin, bot): load, validate, model.

Implementation owned by the validation work; the signature is the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic, has_errors
from generator.load.types import LoadedRepository
from generator.model import Platform


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
    from generator.validation.pipeline import load_and_validate as run

    return run(root)


def check(root: Path) -> CheckResult:
    """Load every document under ``root`` (wids/, adrs/, custodians/, docs/), validate,
    and build the model. Never raises on bad content."""
    from generator.build import build_platform

    loaded, diagnostics = load_and_validate(root)
    return CheckResult(
        root=root, loaded=loaded, platform=build_platform(loaded), diagnostics=diagnostics
    )
