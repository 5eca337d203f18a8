"""Stable codes for everything the loaders report.

Each code has a short title, a default severity and a hint that says how to fix
the problem; the message of each diagnostic says what is wrong in that file.
``paved.generator.core.codes`` (the validation registry) imports ``LOAD_CODES`` so that
``paved`` can list and explain every code in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from paved.generator.core.diagnostics import Diagnostic, Location, Severity


@dataclass(frozen=True, slots=True)
class Code:
    """One diagnostic code: what it means and how to fix it in general."""

    code: str
    title: str
    hint: str
    severity: Severity = Severity.ERROR


_ALL = (
    # Files of any kind.
    Code(
        "FILE001",
        "File is not UTF-8",
        "Save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8).",
    ),
    Code(
        "FILE002",
        "File is binary",
        "This path must hold text. Replace it with a Markdown/CSV text file or move it out.",
    ),
    Code("FILE003", "File is empty", "Add content to the file or delete it."),
    Code(
        "FILE004",
        "File is too large",
        "Split the content into smaller files; the limits are in paved.generator.core.load.limits.",
    ),
    Code(
        "FILE005",
        "File cannot be read",
        "Check that the file exists, is a regular file and is readable by the current user.",
    ),
    Code(
        "FILE006",
        "File starts with a byte-order mark",
        "Save the file as UTF-8 without BOM; the BOM is ignored but some tools choke on it.",
        Severity.WARNING,
    ),
    # YAML front matter.
    Code(
        "YAML001",
        "No YAML front matter",
        "Start the file with a line '---', the metadata as YAML, then a line '---'.",
    ),
    Code(
        "YAML002",
        "Invalid YAML",
        "Fix the YAML syntax at the position shown: check indentation, quote values "
        "containing ': ' or '#', and close brackets and quotes.",
    ),
    Code(
        "YAML003",
        "Front matter is not a mapping",
        "Write the front matter as 'key: value' lines, one field per line.",
    ),
    Code(
        "YAML004",
        "Duplicate key",
        "Remove one of the two entries or merge them; YAML keys must be unique in a mapping.",
    ),
    Code(
        "YAML005",
        "Front matter is not closed",
        "End the front matter with a line holding only '---' before the Markdown text.",
    ),
    # ADR formats.
    Code(
        "ADR001",
        "ADR format not recognised",
        "Use MADR 4 YAML front matter (see adrs/template.md), or MADR 2 bullets "
        "('* Status: accepted') under the title, or an adr-tools '## Status' section.",
    ),
    # Spreadsheets and CSV files.
    Code(
        "SHEET001",
        "Not an .xlsx workbook",
        "Save the workbook from your spreadsheet program as 'Excel Workbook (.xlsx)', "
        "or rename a CSV export to custodians/<sheet>.csv.",
    ),
    Code(
        "SHEET002",
        "Workbook is encrypted or in the old .xls format",
        "Remove the password (File → Info → Protect Workbook → Encrypt with Password → "
        "empty) and save as 'Excel Workbook (.xlsx)'.",
    ),
    Code(
        "SHEET003",
        "Workbook is corrupt",
        "Open the workbook in your spreadsheet program, let it repair the file, and save "
        "it again as .xlsx; or restore the last good version from git.",
    ),
    Code(
        "SHEET004",
        "Required sheet missing",
        "Add the sheet (or custodians/<sheet>.csv) with its header row; the sheet names "
        "are domains, custodians, systems, datasets, columns and lineage.",
    ),
    Code(
        "SHEET005",
        "Duplicate column name in the header",
        "Rename or delete one of the two columns; each column name may appear once.",
    ),
    Code(
        "SHEET006",
        "Empty column name in the header",
        "Type the column name in row 1, or delete the column if it is not needed.",
    ),
    Code(
        "SHEET007",
        "Merged cells",
        "Unmerge the cells (Home → Merge & Center → Unmerge) and type the value in every row.",
    ),
    Code(
        "SHEET008",
        "Formula in a catalogue cell",
        "Replace the formula with its value (copy, then Paste Special → Values): "
        "catalogue cells must hold plain values.",
    ),
    Code(
        "SHEET009",
        "Workbook or CSV file is too large",
        "Split the catalogue or remove unused content; "
        "the limits are in paved.generator.core.load.limits.",
    ),
    Code(
        "SHEET010",
        "Required column missing",
        "Add the column to the header row (row 1) and fill it in every row.",
    ),
    Code(
        "SHEET011",
        "Sheet defined twice",
        "Keep each catalogue sheet in one place: either a sheet of the workbook or "
        "custodians/<sheet>.csv, not both.",
    ),
)

#: Every loader code by its identifier.
LOAD_CODES: dict[str, Code] = {c.code: c for c in _ALL}


def diagnostic(
    code: str,
    location: Location,
    message: str,
    *,
    related: tuple[Location, ...] = (),
    severity: Severity | None = None,
) -> Diagnostic:
    """A Diagnostic for a loader code, with the code's hint and default severity."""
    entry = LOAD_CODES[code]
    return Diagnostic(
        code=code,
        severity=severity or entry.severity,
        location=location,
        message=message,
        hint=entry.hint,
        rule="load",
        related=related,
    )
