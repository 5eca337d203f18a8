"""Plain records that go into and come out of the store. They carry no behaviour beyond
small pure helpers, so the API, the Slack listeners and the reports share one vocabulary."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Source = Literal["portal", "slack"]
Trend = Literal["better", "worse", "steady", "new", "quiet"]
QuestionKind = Literal["unanswered", "rated_down"]

#: A change in the helpful share smaller than this (5 points) is reported as "steady".
TREND_THRESHOLD = 0.05


class StoreError(Exception):
    """The store cannot be opened or its URL is not understood (bad configuration)."""


@dataclass(frozen=True)
class NewFeedback:
    """One rating of one page, as validated by the API or the Slack listener."""

    page: str
    rating: int
    url: str | None = None
    title: str | None = None
    comment: str | None = None
    source: Source = "portal"
    user_ref: str | None = None
    owner: str | None = None  # custodian id, email or Slack handle, from the portal
    kind: str | None = None  # wid, adr, dataset, doc, ...
    subject: str | None = None  # WID-0001, ADR-0004, ...


@dataclass(frozen=True)
class StoredFeedback(NewFeedback):
    """Feedback as stored, with its id and its creation time (UTC)."""

    id: int = 0
    created_at: datetime | None = None


@dataclass(frozen=True)
class StoredAnswer:
    """An answer the bot gave, with the rating it received, if any."""

    id: int
    question: str
    answer_text: str
    citations: list[dict[str, object]]
    channel: str | None
    user_ref: str | None
    source: str
    created_at: datetime
    rating: int | None


@dataclass(frozen=True)
class PageSummary:
    """Feedback counts for one page. ``up``/``down``/``comments`` cover the requested
    period; the week counts always cover the last 7 days and the 7 days before.

    ``title`` is the page's title from the portal's own data, never from the ratings
    (any sender writes those): the store leaves it None, ``paved.bot.reports.titled``
    fills it for the pages the caller knows."""

    page: str
    title: str | None
    url: str | None
    up: int
    down: int
    comments: int
    this_week_up: int
    this_week_down: int
    previous_week_up: int
    previous_week_down: int

    @property
    def trend(self) -> Trend:
        return trend(
            self.this_week_up, self.this_week_down, self.previous_week_up, self.previous_week_down
        )


@dataclass(frozen=True)
class PageComment:
    """A comment a reader left with a rating of one page (stored text: escape it where
    it is shown)."""

    page: str
    title: str | None
    url: str | None
    rating: int
    comment: str
    created_at: datetime


@dataclass(frozen=True)
class QuestionGroup:
    """Questions that read the same once normalised, with how often they were asked."""

    kind: QuestionKind
    normalised: str
    example: str
    count: int
    last_asked: datetime


def trend(this_up: int, this_down: int, previous_up: int, previous_down: int) -> Trend:
    """Compare the helpful share of this week with the previous week's.

    "new" when only this week has ratings, "quiet" when this week has none."""
    this_total = this_up + this_down
    previous_total = previous_up + previous_down
    if this_total == 0:
        return "quiet"
    if previous_total == 0:
        return "new"
    change = this_up / this_total - previous_up / previous_total
    if change > TREND_THRESHOLD:
        return "better"
    if change < -TREND_THRESHOLD:
        return "worse"
    return "steady"


_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalise_question(text: str) -> str:
    """Fold a question so that trivially different spellings group together in reports:
    Unicode NFKC, lower case, punctuation dropped, whitespace collapsed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", folded)).strip()
