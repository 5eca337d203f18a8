"""The seam through which critical feedback leaves the service. The Slack app provides a
notifier that posts a 👎 with a comment to the page owner; without Slack the service uses
:class:`LoggingNotifier`, which only logs."""

from __future__ import annotations

import logging
from typing import Protocol

from paved.bot.store.types import StoredFeedback

logger = logging.getLogger("paved.bot.feedback")


class Notifier(Protocol):
    async def on_negative_feedback(self, feedback: StoredFeedback) -> None:
        """Called after a thumbs-down with a comment has been committed."""


class LoggingNotifier:
    """The no-Slack notifier: one log line per negative comment, nothing sent anywhere."""

    async def on_negative_feedback(self, feedback: StoredFeedback) -> None:
        logger.info(
            "negative feedback #%s on %s (Slack is not configured; not forwarded)",
            feedback.id,
            feedback.page,
        )
