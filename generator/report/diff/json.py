"""``paved diff --format json``: one object with stable keys for tools."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from paved.generator.core.diff.changes import Change, DiffResult, Level
from paved.generator.report.escape import json_text


def change_dict(change: Change) -> dict[str, Any]:
    data = asdict(change)
    data["area"] = change.area.value
    data["level"] = change.level.value
    data["effective_level"] = change.effective_level.value
    loc = change.location
    data["location"] = None if loc is None else {**asdict(loc), "text": str(loc)}
    return data


def render(result: DiffResult, *, fail_on: str, failed: bool) -> str:
    payload = {
        "base": result.base,
        "head": result.head,
        "fail_on": fail_on,
        "failed": failed,
        "counts": {level.value: result.count(level) for level in Level},
        "notes": list(result.notes),
        "changes": [change_dict(c) for c in result.changes],
    }
    return json_text(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"
