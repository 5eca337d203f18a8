"""GitHub Actions output: workflow commands that become pull request annotations,
plus a Markdown job summary listing every finding (GitHub shows only ten
annotations of each kind per step, so the summary is where the full list lives)."""

from __future__ import annotations

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.report import summary


def escape_data(text: str) -> str:
    """The message part of a workflow command (GitHub's rules: %, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file=, title=): also ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
    if diagnostic.hint:
        message += f"\nhint: {diagnostic.hint}"
    return f"::{diagnostic.severity.value} {','.join(props)}::{escape_data(message)}"


def render(diagnostics: list[Diagnostic]) -> str:
    """One workflow command per finding (empty string when clean)."""
    return "".join(format_diagnostic(d) + "\n" for d in diagnostics)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


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
                f"| {d.severity.value} | {d.code} | `{_cell(str(d.location))}` | "
                f"{_cell(d.message)} | {_cell(d.hint)} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"
