"""What the answering engine returns: a short text, the sections it rests on, and
who to ask when it is not enough. Plain dataclasses, so the HTTP API serialises them
with ``dataclasses.asdict`` and the Slack views read the same fields."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Citation:
    """A page section an answer rests on. ``url`` is relative to the portal root and
    carries the section anchor; ``status`` is the WID/ADR status label when the page
    has one (``superseded``, ``draft``...), so no reader mistakes history for the
    current state."""

    title: str
    url: str
    kind: str
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """``answered`` is False when nothing scored well enough: the text then says so and
    the caller records the question as unanswered. ``owner`` is the Slack handle or
    e-mail of whoever answers for the top cited page ("ask a human"). ``confidence``
    (0–1) is how closely a name matched for answers from the model, and the IDF-weighted
    share of the question's words found in the quoted section for full-text answers.
    ``intent`` says which kind of answer it is (owner, status, decision, howto...)."""

    text: str
    citations: tuple[Citation, ...] = ()
    confidence: float = 0.0
    answered: bool = False
    owner: str | None = None
    intent: str = field(default="search")
