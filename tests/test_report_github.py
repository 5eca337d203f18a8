"""GitHub workflow commands and the job summary."""

from __future__ import annotations

from paved.generator.core.diagnostics import Diagnostic, Location, Severity
from paved.generator.report.github import escape_data, escape_property, render, step_summary

WID = Diagnostic(
    "WID103",
    Severity.ERROR,
    Location("wids/WID-0007-orders.md", line=12, column=14),
    "id 100% wrong",
    hint="rename it",
    rule="wid-id-matches-file",
)
CELL = Diagnostic(
    "CAT301",
    Severity.WARNING,
    Location("custodians/catalogue.xlsx", sheet="datasets", row=7, column=6),
    "datasets: classification 'x' | is bad",
    rule="catalogue-schema",
)


def test_text_file_annotation_is_exact() -> None:
    assert render([WID]) == (
        "::error file=wids/WID-0007-orders.md,line=12,col=14,title=WID103 wid-id-matches-file"
        "::id 100%25 wrong%0Ahint: rename it\n"
    )


def test_sheet_annotation_uses_the_row_and_names_the_cell() -> None:
    assert render([CELL]) == (
        "::warning file=custodians/catalogue.xlsx,line=7,title=CAT301 catalogue-schema"
        "::[datasets]!F7 datasets: classification 'x' | is bad\n"
    )


def test_escaping_follows_github_rules() -> None:
    # A contributed CR is shown (\\r), never sent: only line breaks stay line breaks.
    assert escape_data("a%b\r\nc") == "a%25b\\r%0Ac"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert escape_property("a\nb") == "a\\nb"


def test_clean_run_prints_nothing() -> None:
    assert render([]) == ""


def test_step_summary_lists_every_finding_in_a_table() -> None:
    text = step_summary([WID] * 12 + [CELL], 3)
    assert text.startswith("## Paved validation\n\n12 errors, 1 warning in 3 files\n\n")
    rows = [line for line in text.splitlines() if line.startswith("| error")]
    assert len(rows) == 12
    assert (
        "| warning | CAT301 | <code>custodians/catalogue.xlsx&#91;datasets&#93;!F7</code> | "
        "datasets&#58; classification 'x' &#124; is bad |  |" in text
    )
