"""What each cross-document rule reads, declared by the rule and enforced.

Each rule module says which kinds of input its ``check`` reads, in ``READS`` (another
rule function of the module says its own with ``@declares(...)``):

- ``WID``, ``ADR``, ``DOC``: the loaded WIDs, ADRs and docs pages (``ctx.loaded.wids``,
  ``.adrs``, ``.docs``; ``ctx.wids``/``ctx.adrs`` are the first two by id);
- ``CATALOGUE``: the custodian catalogue's sheets (``ctx.loaded.sheets``, ``ctx.keys``,
  ``ctx.sheet``, ``ctx.ids``...);
- ``CONFIG``: the repository folder itself (``ctx.loaded.root``, to read ``mkdocs.yml``,
  ``CODEOWNERS``, ``synonyms.yml``, or list a folder of a kind it also declares) and the
  decision log's settings (``ctx.loaded.adr_settings``).

A rule is always handed a view of the run's context that holds only what it declares
(``view``): reading anything else raises ``UndeclaredInput``, in every run, so a rule
that reads more than it says fails its tests instead of going stale. That is what lets
``paved validate``'s cache keep the findings of a rule none of whose kinds of input
changed since the last run (``validate.incremental``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

if TYPE_CHECKING:
    from paved.generator.core.diagnostics import Diagnostic
    from paved.generator.core.load.types import LoadedRepository
    from paved.generator.core.validate.context import Context

WID = "wid"
ADR = "adr"
DOC = "doc"
CATALOGUE = "catalogue"
CONFIG = "config"
#: Every kind of input, in the order they are named in messages.
KINDS: frozenset[str] = frozenset({WID, ADR, DOC, CATALOGUE, CONFIG})

_LOADED = {"wids": WID, "adrs": ADR, "docs": DOC, "sheets": CATALOGUE}
_LOADED_CONFIG = ("root", "adr_settings")


class UndeclaredInputError(RuntimeError):
    """A rule read a kind of input its module's ``READS`` does not name (a bug in Paved:
    its findings could be kept when that input changes)."""


RuleT = TypeVar("RuleT", bound=Callable[..., object])


def declares(*kinds: str) -> Callable[[RuleT], RuleT]:
    """Declare what a rule function reads, when it is not its module's ``READS``."""

    def mark(rule: RuleT) -> RuleT:
        rule.__reads__ = frozenset(kinds)  # type: ignore[attr-defined]
        return rule

    return mark


def reads(rule: Callable[[Context], list[Diagnostic]]) -> frozenset[str]:
    """The kinds of input ``rule`` declares (``@declares``, else its module's ``READS``);
    a rule that declares nothing is taken to read everything (re-run after any change)."""
    declared = getattr(rule, "__reads__", None)
    if declared is None:
        declared = getattr(sys.modules.get(rule.__module__), "READS", None)
    if declared is None:
        return KINDS
    unknown = set(declared) - KINDS
    if unknown:
        raise ValueError(f"{rule_name(rule)} declares unknown inputs {sorted(unknown)}")
    return frozenset(declared)


def _refuse(rule: str, kind: str, what: str) -> NoReturn:
    raise UndeclaredInputError(
        f"rule {rule} read {what} ({kind}), which it does not declare (READS, @declares)"
    )


class _Refused(dict[Any, Any]):
    """A mapping a rule may not read: any look-up raises."""

    def __init__(self, rule: str, kind: str, what: str) -> None:
        super().__init__()
        self._why = (rule, kind, what)

    def _no(self, *_args: object, **_kwargs: object) -> NoReturn:
        _refuse(*self._why)

    __getitem__ = __contains__ = __iter__ = __len__ = __bool__ = _no
    get = items = keys = values = setdefault = _no


class _LoadedView:
    """``LoadedRepository`` as one rule may see it."""

    __slots__ = ("_loaded", "_reads", "_rule")

    def __init__(self, loaded: LoadedRepository, declared: frozenset[str], rule: str) -> None:
        self._loaded = loaded
        self._reads = declared
        self._rule = rule

    def __getattr__(self, name: str) -> Any:
        kind = _LOADED.get(name) or (CONFIG if name in _LOADED_CONFIG else None)
        if kind is None:
            raise AttributeError(name)
        if kind not in self._reads:
            _refuse(self._rule, kind, f"loaded.{name}")
        return getattr(self._loaded, name)


def rule_name(rule: Callable[..., object]) -> str:
    return f"{rule.__module__.rsplit('.', 1)[-1]}.{getattr(rule, '__name__', '?')}"


def view(ctx: Context, rule: Callable[[Context], list[Diagnostic]]) -> Context:
    """``ctx`` holding only what ``rule`` declares it reads."""
    from paved.generator.core.validate.context import Context

    declared = reads(rule)
    if declared == KINDS:
        return ctx
    name = rule_name(rule)
    loaded = cast("LoadedRepository", _LoadedView(ctx.loaded, declared, name))
    return Context(
        loaded,
        wids=ctx.wids if WID in declared else _Refused(name, WID, "ctx.wids"),
        adrs=ctx.adrs if ADR in declared else _Refused(name, ADR, "ctx.adrs"),
        keys=ctx.keys if CATALOGUE in declared else _Refused(name, CATALOGUE, "ctx.keys"),
        _values=ctx._values if CATALOGUE in declared else _Refused(name, CATALOGUE, "ids"),  # noqa: SLF001
    )


def run(ctx: Context, rule: Callable[[Context], list[Diagnostic]]) -> list[Diagnostic]:
    """``rule`` on the part of ``ctx`` it declares."""
    return rule(view(ctx, rule))
