"""Negative fixture cases: each folder under tests/fixtures/validation/bad/ holds the
files that differ from the clean mini repository (plus ``remove:`` paths); the
whole pipeline must report exactly the expected code, at the expected location."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from paved.generator.core.api import check

ROOT = Path(__file__).parent / "fixtures" / "validation"
CASES = sorted(p for p in (ROOT / "bad").iterdir() if p.is_dir())


def overlay(case: Path, target: Path) -> dict[str, Any]:
    shutil.copytree(ROOT / "mini", target)
    want: dict[str, Any] = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    for rel in want.get("remove", []):
        (target / rel).unlink()
    for file in case.rglob("*"):
        if file.is_file() and file.name != "expected.yaml":
            dest = target / file.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, dest)
    return want


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_reports_its_code_at_its_location(case: Path, tmp_path: Path) -> None:
    want = overlay(case, tmp_path / "repo")
    found = check(tmp_path / "repo").diagnostics
    assert {d.code for d in found} == {want["code"]}, [str(d.location) + d.code for d in found]
    assert want["location"] in {str(d.location) for d in found}


def test_there_are_cases() -> None:
    assert len(CASES) >= 10
