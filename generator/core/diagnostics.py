"""The one currency of validation: located diagnostics.

Loaders, schema checks and cross-document rules all return ``Diagnostic`` values
instead of printing or raising, so reporters (text, GitHub, JSON), the MkDocs
plugin and the bot can present the same findings in their own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points.

    Markdown/YAML files use ``line``/``column`` (1-based). Spreadsheets use
    ``sheet``, ``row`` (1-based, as the spreadsheet program shows it) and
    ``column`` (1-based; rendered as a letter). ``line`` and ``row`` are kept
    apart so a reporter never confuses a workbook row with a text line.
    """

    path: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    row: int | None = None

    @property
    def is_sheet(self) -> bool:
        return self.sheet is not None

    def __str__(self) -> str:
        if self.sheet is not None:
            if self.row is None:
                return f"{self.path}[{self.sheet}]"
            col = column_letter(self.column) if self.column else ""
            return f"{self.path}[{self.sheet}]!{col}{self.row}"
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text

    def text_position(self) -> tuple[int, int]:
        """Line and column for tools that only know text files (GitHub annotations)."""
        if self.sheet is not None:
            return (self.row or 1, self.column or 1)
        return (self.line or 1, self.column or 1)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA, as spreadsheet programs name columns."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: a stable code, a severity, where, what is wrong and how to fix it."""

    code: str
    severity: Severity
    location: Location
    message: str
    hint: str = ""
    rule: str = ""
    related: tuple[Location, ...] = field(default=())

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
            "location": {
                "path": loc.path,
                "line": loc.line,
                "column": loc.column,
                "sheet": loc.sheet,
                "row": loc.row,
                "text": str(loc),
            },
            "related": [str(r) for r in self.related],
        }


def sort_key(diagnostic: Diagnostic) -> tuple[str, str, int, int, str]:
    loc = diagnostic.location
    return (
        loc.path,
        loc.sheet or "",
        loc.line or loc.row or 0,
        loc.column or 0,
        diagnostic.code,
    )


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)
