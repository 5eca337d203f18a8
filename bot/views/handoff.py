"""Messages that bring a person in: "ask a human" in the support channel, and critical
page feedback forwarded to the page's owner. ``owner`` arrives already rendered as
:data:`~paved.bot.views.types.Mrkdwn` (a ``<@U…>`` mention, or ``@handle`` / an email
escaped as text when it could not be resolved); every other value is escaped here."""

from __future__ import annotations

from collections.abc import Sequence

from paved.bot.views.types import (
    SECTION_TEXT_LIMIT,
    Block,
    Mrkdwn,
    channel_ref,
    escape,
    link,
    truncate,
    user_mention,
)


def _section(text: str) -> Block:
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": truncate(text, SECTION_TEXT_LIMIT)},
    }


def quote(text: str) -> str:
    """The text as an mrkdwn block quote, escaped, every line marked."""
    return "\n".join("&gt; " + line for line in escape(text).splitlines() or [""])


def handoff_text(asker: str | None, owner: Mrkdwn | None) -> str:
    """The support-channel message that opens the thread (and its notification text).
    ``asker`` is a Slack member id (anything else shows as "Someone")."""
    who = user_mention(asker) or "Someone"
    if owner:
        return f"🙋 {who} asked a question the bot could not settle. {owner}, can you help?"
    return f"🙋 {who} asked a question the bot could not settle. Can someone help?"


def handoff_blocks(asker: str | None, owner: Mrkdwn | None) -> list[Block]:
    """The thread's first message: who asks, and the owner of the top cited page."""
    blocks = [_section(handoff_text(asker, owner))]
    if owner:
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {"type": "mrkdwn", "text": "Mentioned as the owner of the page the bot cited."}
                ],
            }
        )
    return blocks


def handoff_thread_blocks(
    question: str, answer_text: str | None, sources: Sequence[str]
) -> list[Block]:
    """The threaded reply: the question, what the bot said, and the pages it cited."""
    blocks = [_section(f"*Question*\n{quote(question)}")]
    if answer_text:
        blocks.append(_section(f"*The bot answered*\n{quote(answer_text)}"))
    if sources:
        listed = "\n".join(f"• {link(url, url)}" for url in sources)
        blocks.append(_section(f"*Sources it cited*\n{listed}"))
    return blocks


def handoff_confirmation(channel: str) -> str:
    """What the asker is told, privately, once the question is in the support channel."""
    where = channel_ref(channel)
    return f"I've asked in {where}; someone from the platform team will reply in the thread there."


def handoff_failed(channel: str) -> str:
    """What the asker is told when the question could not be posted to the channel."""
    where = channel_ref(channel)
    return (
        f"Sorry, I couldn't post your question in {where} (is the bot a member of it?). "
        "Please ask there directly."
    )


def handoff_thread_text(question: str) -> str:
    """The notification text of the threaded reply: the question, escaped."""
    return truncate(escape(question), SECTION_TEXT_LIMIT)


def feedback_text(page_title: str, owner: Mrkdwn | None) -> str:
    """The notification text of a forwarded 👎 comment (the title escaped; ``owner``
    arrives rendered, as in the blocks)."""
    lead = f"{owner}: a reader" if owner else "A reader"
    title = truncate(escape(page_title), 300)
    return f"{lead} found “{title}” not helpful and left a comment."


def negative_feedback_blocks(
    *,
    page_title: str,
    page_url: str | None,
    comment: str,
    owner: Mrkdwn | None,
    source: str,
) -> list[Block]:
    """A thumbs-down comment forwarded to the support channel, mentioning the page owner."""
    page = link(page_url, page_title) if page_url else f"*{escape(page_title)}*"
    lead = f"{owner}, a reader" if owner else "A reader"
    where = "in Slack" if source == "slack" else "on the portal"
    blocks = [
        _section(f"👎 {lead} rated {page} not helpful {where}:"),
        _section(quote(comment)),
    ]
    if not owner:
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": "The page names no owner: add one to its front matter "
                        "or the catalogue so feedback reaches them.",
                    }
                ],
            }
        )
    return blocks
