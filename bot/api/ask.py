"""The bridge to the answering engine (``paved.bot.answer``, written separately).

Contract expected from the engine: ``paved.bot.answer.answer(question: str) -> Answer`` where
``Answer`` has ``text: str``, ``citations`` (a sequence of dataclasses or mappings with
at least ``title`` and ``url``) and ``answered: bool`` (False when nothing relevant was
found). The engine is imported on first use, so the API runs without it (503)."""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Answerer = Callable[[str], object]


class EngineUnavailable(Exception):
    """The answering engine is not installed in this build."""


@dataclass(frozen=True)
class AnswerPayload:
    """What the API returns and records, whatever the engine's own classes look like."""

    text: str
    citations: list[dict[str, object]]
    answered: bool


def load_engine() -> Answerer:
    """Import ``paved.bot.answer.answer``; EngineUnavailable when that module does not exist."""
    try:
        module = importlib.import_module("paved.bot.answer")
    except ModuleNotFoundError as error:
        if error.name in ("paved.bot.answer", "paved.bot"):
            raise EngineUnavailable(
                "the answering engine (paved.bot.answer) is not installed"
            ) from None
        raise
    engine = getattr(module, "answer", None)
    if not callable(engine):
        raise EngineUnavailable("paved.bot.answer has no answer(question) function")
    return engine  # type: ignore[no-any-return]


def _citation(item: object) -> dict[str, object]:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    if isinstance(item, Mapping):
        return {str(k): v for k, v in item.items()}
    return {"title": str(item)}


def to_payload(answer: object) -> AnswerPayload:
    """Read an engine answer through the contract above."""
    text = str(getattr(answer, "text", "") or "")
    raw = [_citation(c) for c in getattr(answer, "citations", ()) or ()]
    citations: list[dict[str, object]] = json.loads(json.dumps(raw, default=str))
    answered = bool(getattr(answer, "answered", bool(text)))
    return AnswerPayload(text=text, citations=citations, answered=answered)
