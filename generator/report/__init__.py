"""Reporters: turn diagnostics into text for people, GitHub workflow commands, or JSON.

Each reporter is a pure function returning a string; the CLI decides where it goes.
"""

from __future__ import annotations

from paved.generator.core.diagnostics import Diagnostic, Severity


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    """'2 errors, 1 warning in 57 files'."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
