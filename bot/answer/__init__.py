"""The answering engine behind the Slack bot, ``paved ask`` and ``POST /api/ask``.

``answer(question)`` answers about the repository at ``PAVED_REPO_ROOT`` (default: the
current directory). The engine is built on the first question and cached: loading,
rendering and indexing a large repository takes seconds, a question milliseconds.
Tests build their own with ``Engine(platform, pages)`` or ``Engine.from_root(root)``.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answer.types import Answer, Citation

if TYPE_CHECKING:
    from bot.answer.engine import Engine

__all__ = ["Answer", "Citation", "Engine", "answer", "engine_for", "repository_root"]

ROOT_VARIABLE = "PAVED_REPO_ROOT"
# The HTTP API asks from a thread pool: the first questions must not each build an engine.
_BUILDING = threading.Lock()


def __getattr__(name: str) -> object:
    """``bot.answer.Engine`` without importing the engine (rapidfuzz, the index, the
    renderer) for callers that only need the dataclasses."""
    if name == "Engine":
        from bot.answer.engine import Engine

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


@lru_cache(maxsize=4)
def engine_for(root: Path) -> Engine:
    """The engine for ``root``, built once per process."""
    from bot.answer.engine import Engine

    return Engine.from_root(root)


def answer(question: str) -> Answer:
    """Answer ``question`` from the repository at ``PAVED_REPO_ROOT``."""
    root = repository_root()
    with _BUILDING:
        engine = engine_for(root)
    return engine.ask(question)
