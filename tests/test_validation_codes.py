"""Every code any module can raise is registered with a title and a hint."""

from __future__ import annotations

import re
from pathlib import Path

from paved.generator.core.codes import VALIDATION_CODES, registry

SOURCE = Path(__file__).resolve().parent.parent / "generator"
CODE = re.compile(r"[\"']((?:WID|ADR|CAT|DOC|SEC|FILE|YAML|SHEET)\d{3})[\"']")


def raised_codes() -> set[str]:
    found: set[str] = set()
    for file in SOURCE.rglob("*.py"):
        found |= set(CODE.findall(file.read_text(encoding="utf-8")))
    return found


def test_every_code_in_the_source_is_registered() -> None:
    missing = raised_codes() - set(registry())
    assert not missing, f"unregistered codes: {sorted(missing)}"


def test_every_validation_code_is_documented_and_in_its_family() -> None:
    families = {"WID": "1", "ADR": "2", "CAT": "3", "DOC": "4", "SEC": "5"}
    for code, info in VALIDATION_CODES.items():
        assert info.code == code
        assert info.title, code
        assert info.hint, code
        assert info.rule, code
        assert code[3] == families[code[:3]], code


def test_loader_codes_are_merged() -> None:
    assert "YAML001" in registry()
    assert "SHEET004" in registry()
