"""The module names Paved had before the ``paved`` namespace, for configurations that
still name them.

A ``mkdocs.yml`` written for an earlier Paved says, for example,
``format: !!python/name:generator.plugin_mermaid.format_flowchart``. Paved no longer
installs top-level ``generator`` and ``bot`` packages (generic names that shadow or are
shadowed by other projects' modules), so ``paved build`` and ``paved serve`` install this
finder before MkDocs reads the configuration: an old name resolves to its new module,
with a warning that names the replacement. Plain ``mkdocs build`` does not run it; the
warning says what to write instead.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import logging
import sys
import types
from collections.abc import Sequence
from typing import Any

log = logging.getLogger("mkdocs.plugins.paved")

#: Old first component after ``generator.`` → its module under ``paved.generator``.
MOVED: dict[str, str] = {
    "api": "core.api",
    "build": "core.build_model",
    "codes": "core.codes",
    "diagnostics": "core.diagnostics",
    "gitfacts": "core.gitfacts",
    "index": "core.index",
    "model": "core.model",
    "load": "core.load",
    "render": "core.render",
    "validation": "core.validate",
    "scaffold": "core.scaffold",
    "report": "report",
    "cli": "cli",
    "commands": "cli",
    "plugin": "mkdocs_plugin.plugin",
    "plugin_blocks": "mkdocs_plugin.blocks",
    "plugin_mermaid": "mkdocs_plugin.mermaid",
    "plugin_pages": "mkdocs_plugin.navigation",
    "plugin_tables": "mkdocs_plugin.tables",
}


def new_name(old: str) -> str | None:
    """``generator.plugin_mermaid`` → ``paved.generator.mkdocs_plugin.mermaid``; ``None``
    for a name that is not one of Paved's old modules."""
    head, _, rest = old.partition(".")
    if head == "bot":
        return f"paved.{old}"
    if head != "generator":
        return None
    if not rest:
        return "paved.generator"
    first, _, tail = rest.partition(".")
    moved = MOVED.get(first)
    if moved is None:
        return None
    return ".".join(part for part in ("paved.generator", moved, tail) if part)


class _Alias(importlib.abc.Loader):
    """An alias module that forwards every attribute to the module under the new name."""

    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None  # the default: a fresh, empty module under the old name

    def exec_module(self, module: types.ModuleType) -> None:
        target = importlib.import_module(self.target)
        log.warning(
            "paved: '%s' is an old module name; write '%s' instead (the old name works "
            "under 'paved build' and 'paved serve' only)",
            module.__name__,
            self.target,
        )

        def forward(name: str) -> Any:
            return getattr(target, name)

        module.__getattr__ = forward  # type: ignore[method-assign]
        if hasattr(target, "__path__"):
            module.__path__ = []  # a package: its submodules come through the finder too


class OldNames(importlib.abc.MetaPathFinder):
    """Finds ``generator.*`` and ``bot.*`` only when nothing else on the path has them."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        new = new_name(fullname)
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Alias(new))


def install() -> None:
    """Resolve old names last, after every real module of that name (idempotent)."""
    if not any(isinstance(finder, OldNames) for finder in sys.meta_path):
        sys.meta_path.append(OldNames())
