"""The plain data the views render: what the bot says, independent of the engine's classes."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Slack's limits (Block Kit reference): section text 3,000 characters, button value
#: 2,000, plain-text input initial value 3,000. Views cut text before these.
SECTION_TEXT_LIMIT = 3000
BUTTON_VALUE_LIMIT = 2000

Block = dict[str, object]


@dataclass(frozen=True)
class Citation:
    """A page an answer relies on. ``url`` is absolute (the portal URL already joined)."""

    title: str
    url: str
    status: str | None = None


@dataclass(frozen=True)
class BotAnswer:
    """One reply of the bot. ``answer_id`` is the stored answer's id (None when the bot
    declined); ``owner`` is the Slack handle or email of whoever answers for the top
    cited page, for "ask a human"."""

    question: str
    text: str
    answered: bool
    citations: tuple[Citation, ...] = ()
    owner: str | None = None
    answer_id: int | None = None


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn reserves (``&``, ``<``, ``>``), so that
    text from documents or users cannot forge links or mentions."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def link(url: str, label: str) -> str:
    """An mrkdwn link; the label is escaped and may not contain ``|``."""
    return f"<{url}|{escape(label).replace('|', '¦')}>"


_CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{6,}")


def channel_ref(channel: str) -> str:
    """A channel as mrkdwn: ``<#C…>`` (a link Slack renders with the name) for an id,
    ``#name`` for a name."""
    return f"<#{channel}>" if _CHANNEL_ID.fullmatch(channel) else f"#{channel.lstrip('#')}"
