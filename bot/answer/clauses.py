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
from dataclasses import dataclass

from paved.bot.answer.text import word_set

# Sentences: after ? or !, after a full stop followed by a space (not inside
# "webshop.orders"), at line breaks, semicolons, colons and dashes between spaces.
_SENTENCES = re.compile(r"(?<=[?!])\s*|(?<=\.)\s+|\s*[;\n]\s*|:\s+|\s+[-–—]+\s+|\s+[-–—]+$")
_COMMA = re.compile(r",\s*")
# Clauses within a sentence: at commas, and before "and" / "but" joining a second
# question without one ("where is it and how long does it take", "is there a form and
# who signs it"): an interrogative, or an auxiliary and its subject, after the joiner.
_CLAUSES = re.compile(
    r",\s*|\s+(?:and|but|also|plus)\s+(?=(?:who|whom|whose|what|what's|whats|which|where|"
    r"when|why|how)\b|(?:do|does|did|is|are|can|could|should|will|would|must)\s+"
    r"(?:i|we|you|it|they|there|he|she|my|our|your|the|this|that)\b)"
)
# Chat lead-ins before the question proper.
LEAD = re.compile(
    r"^((so|ok|okay|hey|hi|hello|and|but|or|also|then|plus|btw|anyway|well|quick one|"
    r"quick question|question|one more thing|follow[- ]up|second|secondly|i was wondering|"
    r"i wonder|just wondering|wondering|does anyone know|do you know|anyone know|"
    r"can (someone|anyone|you) tell me|any idea|i'd like to know|i want to know|"
    # Adverbs before the interrogative: "roughly how long", "honestly, why".
    r"roughly|approximately|honestly|seriously|really|actually|basically|generally|"
    r"realistically|typically|usually|just|out of curiosity)"
    r"[\s,:!]+)+"
)
_ASKS = re.compile(
    r"^(who|whom|whose|who's|whos|what|what's|whats|which|where|where's|when|why|how|"
    r"how's|is|are|isn't|aren't|was|were|can|can't|could|may|might|should|shall|must|"
    r"do|does|doesn't|don't|did|will|would|has|have|had|am|any|anyone|anybody)\b"
)
# Words pointing back to something named before: the question needs that clause.
_POINTS_BACK = re.compile(r"\b(it|its|that|this|they|them|their|those|these)\b")
# "It" that refers to nothing: "how long does it take", "is it ok to", "is it possible".
_DUMMY_IT = re.compile(
    r"\bit (take|takes|took|cost|costs|work|works|matter|matters|depend|depends)\b"
    r"|\b(is|was|would|will|isn't) it (ok|okay|possible|allowed|true|worth|fine|normal|"
    r"necessary|required|better|best|enough|safe|bad|wrong|too late|too early)\b"
    r"|\bit'?s (ok|okay|possible|allowed|fine|true|worth)\b"
)
# ... unless it ends the question: "how long does it take" after another question asks
# how long that thing takes ("how long does it take to get a locker" names it).
_LAST_IT = re.compile(r"\bit (take|takes|took|cost|costs|work|works)\W*$")
# A yes/no question: an auxiliary first, not an interrogative.
_YES_NO = re.compile(
    r"^(is|are|isn't|aren't|was|were|can|can't|could|may|might|should|shall|must|do|does|"
    r"doesn't|don't|did|will|would|has|have|had|am)\b"
)
# Words ahead of a pronoun that name nothing it could refer to.
_FUNCTION = word_set(
    """
    who whom whose what which where when why how is are was were can could may might should
    shall must does did will would has have had the and but not any all our your you
    """
)
# A question shorter than this many words says too little to be answered on its own
# ("or is that not allowed"); it is read with the clause before it.
MIN_WORDS = 4
_OR = re.compile(r"^or\b", re.IGNORECASE)
MAX_QUESTIONS = 3


def _clean(clause: str) -> str:
    return LEAD.sub("", clause.strip().lower().replace("’", "'")).strip(" ,")


def without_lead(text: str) -> str:
    """``text`` lower-cased less its chat lead-in ("quick one: which ..." → "which ..."),
    for patterns reading a question from its start."""
    return _clean(text)


def _points_back(clause: str, *, anywhere: bool = False) -> bool:
    """Whether ``clause`` refers to something named before it: a pronoun (``anywhere``)
    or one with no content word ahead of it in the clause ("is that owned by a team");
    one after a noun usually refers to that noun ("how long is raw data kept before it
    is deleted")."""
    if anywhere and _LAST_IT.search(clause):
        return True  # "..., and how long does it take": the "it" is what was asked before
    found = _POINTS_BACK.search(_DUMMY_IT.sub(" ", clause))
    if found is None:
        return False
    if anywhere:
        return True
    ahead = _ASKS.sub("", clause[: found.start()], count=1)
    return not any(len(w) > 2 and w not in _FUNCTION for w in re.findall(r"[a-z]+", ahead))


def asks(clause: str) -> bool:
    """Whether ``clause`` asks something: it starts (after chat lead-ins) with an
    interrogative or an inverted auxiliary ("is there", "can I"). A question mark marks
    a sentence, not each of its clauses ("storage, compute, or both?")."""
    return bool(_ASKS.match(_clean(clause)))


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a message: the clause that asks, and the clause before it when the
    question points back to it ("the event bus - is that owned by a team?") or is too
    short to say anything alone ("or is that allowed"). An "it" that refers to nothing
    ("how long does it take", "is it ok to") points nowhere."""

    text: str
    context: str = ""
    # Also asked alone when asked with its context is declined: a yes/no question after
    # another ("what happens if a load breaks the contract? does the load fail?") most
    # often offers an answer to it, and may also be a question of its own.
    alone: bool = False

    @property
    def readings(self) -> tuple[str, ...]:
        """The texts to ask, in order: the question alone, or with the clause it points
        back to (then only so: "do we delete it" alone asks about anything deleted)."""
        if not self.context:
            return (self.text,)
        joined = f"{self.context.rstrip(' ?.!,')}, {self.text}"
        return (joined, self.text) if self.alone else (joined,)


def questions(message: str) -> list[Question]:
    """The questions of ``message``, in order; empty when the message is a single
    question or asks nothing recognisable, so a caller never asks the same text twice."""
    found: list[Question] = []
    marked_only: list[int] = []  # questions by their mark alone, not their wording
    previous = ""  # the last clause read, asking or not: what "that" may refer to
    for sentence in _SENTENCES.split(message):
        sentence = sentence.strip()
        if not sentence:
            continue
        marked = sentence.endswith("?")
        parts = [p.strip() for p in _CLAUSES.split(sentence) if p.strip()]
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
            cleaned = _clean(question).strip(" ,")
            if not cleaned:
                continue
            short = len(cleaned.split()) < MIN_WORDS
            # A later question's pronoun most often means the earlier question's subject
            # ("..., do we delete it"); the first question's, a noun of its own.
            points = _points_back(cleaned, anywhere=bool(found))
            follows = bool(found) and bool(_YES_NO.match(cleaned))
            back = previous if previous and (short or points or follows) else ""
            found.append(Question(cleaned, back, alone=follows and not (short or points)))
            previous = cleaned
        if not current and not marked:
            previous = sentence
    if len(marked_only) < len(found):
        # Beside a clause that asks, a sentence asking only by its mark is an aside
        # ("... next week? need her to review my PR?"), not a question of its own.
        found = [q for i, q in enumerate(found) if i not in marked_only]
    found = list(dict.fromkeys(found))[:MAX_QUESTIONS]
    whole = " ".join(message.lower().split()).strip(" ?")
    if len(found) == 1 and whole in {r.strip(" ?") for r in found[0].readings[:1]}:
        return []
    return found
