"""The plain data the views render: what the bot says, independent of the engine's classes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NewType

from paved.bot.urls import safe_url

#: Slack's limits (Block Kit reference): section text 3,000 characters, button value
#: 2,000, plain-text input initial value 3,000. Views cut text before these.
SECTION_TEXT_LIMIT = 3000
BUTTON_VALUE_LIMIT = 2000

Block = dict[str, object]
#: text that is already Slack mrkdwn (escaped, or a mention the bot built): the views
#: take values of this type as they are and escape every plain ``str``.
Mrkdwn = NewType("Mrkdwn", str)


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


def escape(text: str) -> Mrkdwn:
    """Escape the three characters Slack's mrkdwn reserves (``&``, ``<``, ``>``), so that
    text from documents or users cannot forge links or mentions (``<!channel>``,
    ``<@U…>``, ``<https://…|label>``). The one escaping function for Slack: every value
    that did not come from the bot's own code goes through it exactly once, in text
    objects, context blocks, link labels and the fallback ``text`` alike. ``&`` first, so
    text that is already escaped stays literal (``&lt;`` shows as ``&lt;``)."""
    return Mrkdwn(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


_ENTITY_TAIL = re.compile(r"&[a-z]{0,3}$")


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when it was cut. A cut never
    splits an escape (``&lt;`` → ``&l``): text is escaped first, then cut."""
    if len(text) <= limit:
        return text
    head = _ENTITY_TAIL.sub("", text[: limit - 1])
    return head + "…"


def link(url: str | None, label: str) -> str:
    """An mrkdwn link; the label is escaped and may not contain ``|``. A URL that is not
    a plain http(s) URL (:func:`paved.bot.urls.safe_url`) gives the escaped label alone, never a
    masked link to somewhere else."""
    target = safe_url(url)
    text = escape(label).replace("|", "¦")
    return f"<{escape(target)}|{text}>" if target else text


_CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{6,}")


def channel_ref(channel: str) -> str:
    """A channel as mrkdwn: ``<#C…>`` (a link Slack renders with the name) for an id,
    ``#name`` for a name."""
    if _CHANNEL_ID.fullmatch(channel):
        return f"<#{channel}>"
    return "#" + escape(channel.lstrip("#"))


_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


def user_mention(user_id: str | None) -> Mrkdwn | None:
    """``<@U…>`` for a Slack member id, None for anything else (never a forged mention)."""
    if user_id is None or not _USER_ID.fullmatch(user_id):
        return None
    return Mrkdwn(f"<@{user_id}>")
