"""GitHub Actions output: workflow commands that become pull request annotations,
plus a Markdown job summary listing every finding (GitHub shows only ten
annotations of each kind per step, so the summary is where the full list lives)."""

from __future__ import annotations

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.report import summary
from paved.generator.report.escape import summary_cell, terminal, workflow_data, workflow_property

#: Kept under their old names for callers: the format's escaping functions.
escape_data = workflow_data
escape_property = workflow_property


def format_diagnostic(diagnostic: Diagnostic) -> str:
    loc = diagnostic.location
    props = [f"file={escape_property(loc.path)}"]
    message = diagnostic.message
    if loc.is_sheet:
        if loc.row is not None:
            props.append(f"line={loc.row}")
        cell = str(loc)[len(loc.path) :]
        message = f"{cell} {message}"
    else:
        if loc.line is not None:
            props.append(f"line={loc.line}")
            if loc.column is not None:
                props.append(f"col={loc.column}")
    title = f"{diagnostic.code} {diagnostic.rule}".strip()
    props.append(f"title={escape_property(title)}")
    # Contributed text is made visible first, so only the reporter's own line break
    # (before the hint) reaches GitHub as one.
    message = terminal(message)
    if diagnostic.hint:
        message += f"\nhint: {terminal(diagnostic.hint)}"
    return f"::{diagnostic.severity.value} {','.join(props)}::{escape_data(message)}"


def render(diagnostics: list[Diagnostic]) -> str:
    """One workflow command per finding (empty string when clean)."""
    return "".join(format_diagnostic(d) + "\n" for d in diagnostics)


def _cell(text: str) -> str:
    return summary_cell(text)


def step_summary(diagnostics: list[Diagnostic], files: int) -> str:
    """A Markdown job summary with every finding in one table."""
    lines = ["## Paved validation", "", summary(diagnostics, files), ""]
    if diagnostics:
        lines += [
            "| Severity | Code | Where | Message | Hint |",
            "| --- | --- | --- | --- | --- |",
        ]
        for d in diagnostics:
            lines.append(
                f"| {d.severity.value} | {d.code} | <code>{_cell(str(d.location))}</code> | "
                f"{_cell(d.message)} | {_cell(d.hint)} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"
