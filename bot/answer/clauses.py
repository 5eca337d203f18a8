"""The questions inside a chat message: the clauses that ask, without the situation.

People write "we're opening a new store next month, who keeps the store master data up
to date" or "can I bring a draft to office hours? and how often do they meet". The words
of the situation ("opening", "store", "month") are in no section that answers, so the
share of the message a section covers falls under the decline threshold and a question
the portal answers is declined. Reading the message as sentences and clauses, the
clauses that ask something are the message's questions: each can be answered on its own,
and held to the same bar as any question.

A clause asks when it starts with an interrogative or an inverted auxiliary ("who",
"how", "is there", "can I", "does it") once the chat lead-ins are set aside ("hey", "so",
"quick one:", "I was wondering"), or when its sentence ends with a question mark. Within
a sentence, a question runs from its asking clause to the next asking clause or the end
of the sentence: "is the allocation based on storage, compute, or both" is one question.
A question that points back ("is that owned by the platform team", "does it include
returns") is read with the clause before it, which names what "that" is.
"""

from __future__ import annotations

import re

# Sentences: after ? or !, after a full stop followed by a space (not inside
# "webshop.orders"), at line breaks, semicolons, colons and dashes between spaces.
_SENTENCES = re.compile(r"(?<=[?!])\s*|(?<=\.)\s+|\s*[;\n]\s*|:\s+|\s+[-–—]+\s+|\s+[-–—]+$")
_COMMA = re.compile(r",\s*")
# Chat lead-ins before the question proper.
_LEAD = re.compile(
    r"^((so|ok|okay|hey|hi|hello|and|but|or|also|then|plus|btw|anyway|well|quick one|"
    r"quick question|question|one more thing|follow[- ]up|second|secondly|i was wondering|"
    r"i wonder|just wondering|wondering|does anyone know|do you know|anyone know|"
    r"can (someone|anyone|you) tell me|any idea|i'd like to know|i want to know)"
    r"[\s,:!]+)+"
)
_ASKS = re.compile(
    r"^(who|whom|whose|who's|whos|what|what's|whats|which|where|where's|when|why|how|"
    r"how's|is|are|isn't|aren't|was|were|can|can't|could|may|might|should|shall|must|"
    r"do|does|doesn't|don't|did|will|would|has|have|had|am|any|anyone|anybody)\b"
)
# Words pointing back to something named before: the question needs that clause.
_POINTS_BACK = re.compile(r"\b(it|its|that|this|they|them|their|those|these)\b")
# A question shorter than this many words says too little to be answered on its own
# ("or is that not allowed"); it is read with the clause before it.
MIN_WORDS = 4
_OR = re.compile(r"^or\b", re.IGNORECASE)
MAX_QUESTIONS = 3


def _clean(clause: str) -> str:
    return _LEAD.sub("", clause.strip().lower().replace("’", "'")).strip(" ,")


def asks(clause: str) -> bool:
    """Whether ``clause`` asks something: it starts (after chat lead-ins) with an
    interrogative or an inverted auxiliary ("is there", "can I"). A question mark marks
    a sentence, not each of its clauses ("storage, compute, or both?")."""
    return bool(_ASKS.match(_clean(clause)))


def questions(message: str) -> list[str]:
    """The questions of ``message``, in order, each as a clause of its own text (with the
    clause before it when it points back to it); empty when the message is a single
    question or asks nothing recognisable, so a caller never asks the same text twice."""
    found: list[str] = []
    marked_only: list[int] = []  # questions by their mark alone, not their wording
    previous = ""  # the last clause read, asking or not: what "that" may refer to
    for sentence in _SENTENCES.split(message):
        sentence = sentence.strip()
        if not sentence:
            continue
        marked = sentence.endswith("?")
        parts = [p.strip() for p in _COMMA.split(sentence) if p.strip()]
        # Asking clauses start a question; the clauses after one (up to the next) are
        # part of it; clauses before the first one are situation.
        current: list[str] = []
        pending: list[str] = []
        for part in parts:
            if current and _OR.match(part):
                current.append(part)  # "X, or is that not allowed": one question
            elif asks(part):
                if current:
                    pending.append(", ".join(current))
                current = [part]
            elif current:
                current.append(part)
            else:
                previous = part
        if current:
            pending.append(", ".join(current))
        elif marked:
            marked_only.append(len(found))  # "Mikkel's mobile number?": a question if alone
            pending.append(sentence)
        for question in pending:
            cleaned = _clean(question)
            short = len(cleaned.split()) < MIN_WORDS
            if previous and (short or _POINTS_BACK.search(cleaned)):
                question = f"{previous.rstrip(' ?.!')}, {cleaned}"
            else:
                question = cleaned
            found.append(question.strip(" ,"))
            previous = question
        if not current and not marked:
            previous = sentence
    if len(marked_only) < len(found):
        # Beside a clause that asks, a sentence asking only by its mark is an aside
        # ("... next week? need her to review my PR?"), not a question of its own.
        found = [q for i, q in enumerate(found) if i not in marked_only]
    found = list(dict.fromkeys(q for q in found if q))[:MAX_QUESTIONS]
    whole = " ".join(message.lower().split()).strip(" ?")
    if len(found) == 1 and found[0].strip(" ?") == whole:
        return []
    return found
