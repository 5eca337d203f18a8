"""Synonyms to add, suggested from questions the bot declined that it now answers.

A declined question is recorded; when the docs or the synonyms change, the same
question may be answered. The words the asker used that the answering section does
not, next to the words of that section's heading the asker did not use, are what the
team may want in ``synonyms.yml`` ("drop-in" next to "office hours"), so the next
person's wording is understood before the docs change again. Suggestions only: a
person decides what goes into the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from paved.bot.answer.intents import INTENT_WORDS, read
from paved.bot.answer.ranking import stem, words
from paved.bot.answer.text import content_words

if TYPE_CHECKING:
    from paved.bot.answer.engine import Engine

MAX_SUGGESTIONS = 20


class Asked(Protocol):
    """A recorded question group (``paved.bot.store.QuestionGroup``)."""

    @property
    def kind(self) -> str: ...
    @property
    def example(self) -> str: ...
    @property
    def count(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Suggestion:
    asked: tuple[str, ...]  # the asker's words the answering section does not use
    docs: tuple[str, ...]  # the words of the section's heading the asker did not use
    question: str
    count: int
    section: str  # "Page › Section"
    url: str


def suggest(engine: Engine, groups: Sequence[Asked]) -> list[Suggestion]:
    """For each declined question the engine answers today: the words to pair."""
    sections = {s.url: s for s in engine.sections}
    found: list[Suggestion] = []
    for group in groups:
        if group.kind != "unanswered" or len(found) >= MAX_SUGGESTIONS:
            continue
        answer = engine.ask(group.example)
        if not answer.answered or not answer.citations:
            continue
        section = sections.get(answer.citations[0].url)
        if section is None:
            continue
        reading = read(engine.vocabulary.corrected(group.example, keep=engine.keep))
        held = {stem(w) for w in words(f"{section.title} {section.page_title} {section.text}")}
        asked_stems = {stem(w) for w in reading.terms}
        asked = tuple(w for w in reading.terms if stem(w) not in held)
        docs = tuple(
            w for w in content_words(section.title, drop=INTENT_WORDS) if stem(w) not in asked_stems
        )
        if asked and docs:
            where = section.page_title
            if section.title != section.page_title:
                where += f" › {section.title}"
            found.append(Suggestion(asked, docs, group.example, group.count, where, section.url))
    return found
