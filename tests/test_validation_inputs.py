"""What each cross-document rule reads (``core/validate/inputs.py``): every rule declares
it, and a rule handed the run's context sees only what it declares, so a rule that reads
more than it says fails here (and in every test that validates anything) instead of its
findings being kept by the cache when that input changes."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.repository import load_repository
from paved.generator.core.validate import RULES, Rule, rule_diagnostics
from paved.generator.core.validate.context import Context, build_context
from paved.generator.core.validate.inputs import (
    ADR,
    CATALOGUE,
    CONFIG,
    DOC,
    KINDS,
    WID,
    UndeclaredInputError,
    reads,
    rule_name,
    run,
)

EXAMPLE = Path(__file__).resolve().parent.parent  # the Halden Cycles example


def test_every_rule_declares_what_it_reads() -> None:
    for rule in RULES:
        declared = getattr(rule, "__reads__", None)
        if declared is None:
            declared = getattr(sys.modules[rule.__module__], "READS", None)
        assert declared is not None, f"{rule.__module__} has no READS"
        assert declared, rule.__module__
        assert set(declared) <= KINDS, rule.__module__
        assert reads(rule) == declared


def test_the_rules_that_skip_whole_kinds_declare_so() -> None:
    """What lets the cache skip them: a docs page edit runs no WID or ADR rule, a WID
    edit not the decision log's."""
    by_name = {rule_name(rule): reads(rule) for rule in RULES}
    assert by_name["decisions.check"] == {ADR, CONFIG}
    assert by_name["identity.adr_records"] == {ADR}
    assert by_name["identity.check"] == {WID, CATALOGUE}
    # the catalogue's own checks: kept while the catalogue is unchanged, whatever the edit
    for name in ("references.between_sheets", "personal_data.public_datasets", "catalogue.check"):
        assert by_name[name] == {CATALOGUE}
    assert by_name["docs.check"] == {DOC}
    assert by_name["synonyms.check"] == {CONFIG}
    assert DOC not in by_name["references.check"]


@pytest.fixture
def declared_rule(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Rule]:
    """A rule in a module of its own that declares ``kinds`` and runs ``body``."""

    def make(kinds: set[str], body: Callable[[Context], object]) -> Rule:
        module = types.ModuleType("paved_test_rule")
        module.READS = frozenset(kinds)  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, module.__name__, module)

        def check(ctx: Context) -> list[Diagnostic]:
            body(ctx)
            return []

        check.__module__ = module.__name__
        return check

    return make


@pytest.fixture(scope="module")
def example_context() -> Context:
    loaded, _ = load_repository(EXAMPLE)
    assert all((loaded.wids, loaded.adrs, loaded.docs, loaded.sheets))
    return build_context(loaded)


@pytest.mark.parametrize(
    ("kinds", "reading"),
    [
        ({DOC}, lambda ctx: ctx.loaded.wids),
        ({DOC}, lambda ctx: list(ctx.wids)),
        ({WID}, lambda ctx: ctx.loaded.adrs),
        ({WID}, lambda ctx: ctx.adrs.get("ADR-0001")),
        ({WID, ADR}, lambda ctx: ctx.loaded.docs),
        ({WID, ADR}, lambda ctx: ctx.sheet("datasets")),
        ({WID, ADR}, lambda ctx: ctx.has("systems")),
        ({WID, ADR}, lambda ctx: ctx.ids("systems")),
        ({WID, ADR}, lambda ctx: ctx.keys.items()),
        ({WID, CATALOGUE}, lambda ctx: ctx.loaded.root),
        ({ADR}, lambda ctx: ctx.loaded.adr_settings),
    ],
)
def test_an_undeclared_read_is_refused(
    declared_rule: Callable[..., Rule],
    example_context: Context,
    kinds: set[str],
    reading: Callable[[Context], object],
) -> None:
    rule = declared_rule(kinds, reading)
    with pytest.raises(UndeclaredInputError, match="which it does not declare"):
        run(example_context, rule)


def test_a_declared_read_is_served(
    declared_rule: Callable[..., Rule], example_context: Context
) -> None:
    seen: list[object] = []

    def body(ctx: Context) -> None:
        seen.extend([len(ctx.loaded.wids), len(ctx.wids), ctx.ids("systems"), ctx.loaded.root])

    run(example_context, declared_rule({WID, CATALOGUE, CONFIG}, body))
    loaded = example_context.loaded
    assert seen == [
        len(loaded.wids),
        len(example_context.wids),
        example_context.ids("systems"),
        loaded.root,
    ]


def test_the_example_validates_with_every_rule_on_its_declared_inputs() -> None:
    """Each real rule on the example reads only what it declares (else it raises), and
    finds what it finds on the whole context."""
    loaded, _ = load_repository(EXAMPLE)
    ctx = build_context(loaded)
    whole = [d for rule in RULES for d in rule(ctx)]
    assert rule_diagnostics(loaded) == whole
