"""The human format: one line per finding, compiler style, then a hint and a summary.

``wids/WID-0007-orders.md:12:14: error WID103 message`` is what editors and
terminals already turn into clickable links.
"""

from __future__ import annotations

import click

from paved.generator.core.diagnostics import Diagnostic, Severity
from paved.generator.report import summary
from paved.generator.report.escape import terminal

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow"}


def format_diagnostic(diagnostic: Diagnostic, *, colour: bool = False) -> str:
    severity = diagnostic.severity.value
    code = diagnostic.code
    if colour:
        severity = click.style(severity, fg=_COLOURS[diagnostic.severity], bold=True)
        code = click.style(code, bold=True)
    line = f"{terminal(str(diagnostic.location))}: {severity} {code} {terminal(diagnostic.message)}"
    if diagnostic.hint:
        hint = f"hint: {terminal(diagnostic.hint)}"
        line += "\n    " + (click.style(hint, dim=True) if colour else hint)
    for other in diagnostic.related:
        line += f"\n    see: {terminal(str(other))}"
    return line


def render(diagnostics: list[Diagnostic], files: int, *, colour: bool = False) -> str:
    """Every finding, then the summary line; ends with a newline."""
    lines = [format_diagnostic(d, colour=colour) for d in diagnostics]
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"
