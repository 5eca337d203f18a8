"""Machine-readable output: a JSON list of ``Diagnostic.as_dict()`` (``[]`` when clean)."""

from __future__ import annotations

import json

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.report.escape import json_text


def render(diagnostics: list[Diagnostic]) -> str:
    rendered = json.dumps([d.as_dict() for d in diagnostics], indent=2, ensure_ascii=False)
    return json_text(rendered) + "\n"
