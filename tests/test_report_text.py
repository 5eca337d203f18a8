"""The text reporter: compiler-style lines, an indented hint, a summary line."""

from __future__ import annotations

from paved.generator.core.diagnostics import Diagnostic, Location, Severity
from paved.generator.report import summary
from paved.generator.report.text import render

WID = Diagnostic(
    "WID103",
    Severity.ERROR,
    Location("wids/WID-0007-orders.md", line=12, column=14),
    "id WID-0008 does not match the file name",
    hint="rename the file",
    rule="wid-id-matches-file",
)
CELL = Diagnostic(
    "CAT306",
    Severity.WARNING,
    Location("custodians/catalogue.xlsx", sheet="datasets", row=7, column=4),
    "datasets: pos.x has no custodian",
)


def test_plain_output_is_exact() -> None:
    assert render([WID, CELL], 57) == (
        "wids/WID-0007-orders.md:12:14: error WID103 id WID-0008 does not match the file name\n"
        "    hint: rename the file\n"
        "custodians/catalogue.xlsx[datasets]!D7: warning CAT306 datasets: pos.x has no "
        "custodian\n"
        "1 error, 1 warning in 57 files\n"
    )


def test_clean_run_prints_only_the_summary() -> None:
    assert render([], 1) == "0 errors, 0 warnings in 1 file\n"


def test_summary_pluralises() -> None:
    assert summary([WID, WID, CELL], 2) == "2 errors, 1 warning in 2 files"


def test_colour_adds_ansi_codes_only_when_asked() -> None:
    coloured = render([WID], 1, colour=True)
    assert "\x1b[31m" in coloured
    assert "\x1b[" not in render([WID], 1)


def test_related_locations_follow_the_hint() -> None:
    dup = Diagnostic(
        "WID102",
        Severity.ERROR,
        Location("wids/WID-0001-b.md", line=2, column=5),
        "WID id WID-0001 is already used by wids/WID-0001-a.md",
        hint="renumber it",
        related=(Location("wids/WID-0001-a.md", line=2, column=5),),
    )
    assert render([dup], 2).splitlines()[1:3] == [
        "    hint: renumber it",
        "    see: wids/WID-0001-a.md:2:5",
    ]
