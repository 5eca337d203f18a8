"""JSON output: a list of Diagnostic.as_dict(), valid JSON even when clean."""

from __future__ import annotations

import json

from paved.generator.core.diagnostics import Diagnostic, Location, Severity
from paved.generator.report.json import render


def test_clean_is_an_empty_list() -> None:
    assert json.loads(render([])) == []


def test_keys_are_stable() -> None:
    d = Diagnostic(
        "WID104",
        Severity.ERROR,
        Location("wids/WID-0001-a.md", line=5, column=9),
        "domain 'sale' does not exist",
        hint="did you mean 'sales'?",
        rule="wid-domain-exists",
    )
    [item] = json.loads(render([d]))
    assert item == {
        "code": "WID104",
        "severity": "error",
        "rule": "wid-domain-exists",
        "message": "domain 'sale' does not exist",
        "hint": "did you mean 'sales'?",
        "location": {
            "path": "wids/WID-0001-a.md",
            "line": 5,
            "column": 9,
            "sheet": None,
            "row": None,
            "text": "wids/WID-0001-a.md:5:9",
        },
        "related": [],
    }
