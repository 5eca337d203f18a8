"""Every code any module can raise is registered, once, with a title and a hint."""

from __future__ import annotations

import re
from pathlib import Path

from paved.generator.core.codes import CODES, registry

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


def test_every_code_is_documented_and_in_its_family() -> None:
    """Loader codes (rule ``load``) number from 0 in their family; the rules' families
    are WID1xx, ADR2xx, CAT3xx, DOC4xx, SEC5xx, OWN6xx, SYN7xx."""
    families = {"WID": "1", "ADR": "2", "CAT": "3", "DOC": "4", "SEC": "5", "OWN": "6", "SYN": "7"}
    for code, info in CODES.items():
        assert info.code == code
        assert info.title, code
        assert info.hint, code
        assert info.rule, code
        prefix, number = code[:-3], code[-3:]
        if info.rule == "load":
            assert prefix in {"FILE", "YAML", "SHEET", "ADR"}, code
            assert number[0] == "0", code
        else:
            assert number[0] == families[prefix], code


def test_one_registry_holds_the_loaders_codes_too() -> None:
    assert registry() is CODES
    assert CODES["YAML001"].rule == "load"
    assert CODES["SHEET004"].rule == "load"
    assert not (SOURCE / "core" / "load" / "codes.py").exists()
