"""The answering engine behind the Slack bot, ``paved ask`` and ``POST /api/ask``.

``answer(question)`` answers about the repository at ``PAVED_REPO_ROOT`` (default: the
current directory). The engine is built on the first question and cached (loading,
rendering and indexing a large repository takes seconds, a question milliseconds), and
rebuilt when the repository's content changes (``paved.bot.answer.cache``).
Tests build their own with ``Engine(platform, pages)`` or ``Engine.from_root(root)``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from paved.bot.answer.cache import EngineCache
from paved.bot.answer.types import Answer, Citation

if TYPE_CHECKING:
    from paved.bot.answer.engine import Engine

__all__ = ["Answer", "Citation", "Engine", "answer", "engine_for", "repository_root"]

ROOT_VARIABLE = "PAVED_REPO_ROOT"


def _build(root: Path) -> Engine:
    from paved.bot.answer.engine import Engine

    return Engine.from_root(root)


_ENGINES: EngineCache[Engine] = EngineCache(_build)


def __getattr__(name: str) -> object:
    """``paved.bot.answer.Engine`` without importing the engine (rapidfuzz, the index, the
    renderer) for callers that only need the dataclasses."""
    if name == "Engine":
        from paved.bot.answer.engine import Engine

        return Engine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def repository_root() -> Path:
    """``PAVED_REPO_ROOT`` or the current directory; a root that is not a directory is a
    configuration error, reported with the variable's name rather than as empty answers."""
    configured = os.environ.get(ROOT_VARIABLE, "").strip()
    root = Path(configured) if configured else Path.cwd()
    if not root.is_dir():
        raise ValueError(f"{ROOT_VARIABLE}={configured!r} is not a directory")
    return root.resolve()


def engine_for(root: Path) -> Engine:
    """The engine for ``root``: built on first use, rebuilt when its content changed."""
    return _ENGINES.get(root)


def answer(question: str) -> Answer:
    """Answer ``question`` from the repository at ``PAVED_REPO_ROOT``."""
    return engine_for(repository_root()).ask(question)
