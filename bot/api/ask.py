"""What the API returns and records for an answer of ``paved.bot.answer``: its text, its
citations as JSON objects, and whether it answered at all."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from paved.bot.answer.types import Answer

#: ``paved.bot.answer.answer`` in production; tests pass an engine built on their content.
Answerer = Callable[[str], Answer]


@dataclass(frozen=True)
class AnswerPayload:
    text: str
    citations: list[dict[str, object]]
    answered: bool


def to_payload(answer: Answer) -> AnswerPayload:
    citations = [dataclasses.asdict(c) for c in answer.citations]
    return AnswerPayload(text=answer.text, citations=citations, answered=answer.answered)
