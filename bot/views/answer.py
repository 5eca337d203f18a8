"""The bot's reply to a question: the answer, its sources, and the buttons to rate it or
to hand the question to a person."""

from __future__ import annotations

import json

from paved.bot.views.types import (
    BUTTON_VALUE_LIMIT,
    SECTION_TEXT_LIMIT,
    Block,
    BotAnswer,
    Citation,
    channel_ref,
    escape,
    link,
    truncate,
)

ACTION_HELPFUL = "paved_answer_helpful"
ACTION_NOT_HELPFUL = "paved_answer_not_helpful"
ACTION_ASK_HUMAN = "paved_ask_human"
#: the actions block's id carries the answer id, so a shortcut on the message finds it
ANSWER_BLOCK_PREFIX = "paved_answer:"
MAX_SOURCES = 3
#: longest page title and status a source line shows
_TITLE_ROOM, _STATUS_ROOM = 150, 40
#: room left in a button value for the question once the other fields are encoded
_QUESTION_ROOM = 1500


def source_line(citation: Citation) -> str:
    """``<url|Title>`` with the status in italics when the page has one (``_superseded_``):
    a reader must see at once that a source is not the current state."""
    text = link(citation.url or None, truncate(citation.title, _TITLE_ROOM))
    if not citation.status:
        return text
    return f"{text} _{escape(truncate(citation.status, _STATUS_ROOM))}_"


def sources_text(citations: tuple[Citation, ...]) -> str | None:
    """ "Sources: a · b · c", as many of the first three as fit in a context element
    (links are never cut: one that does not fit is left out)."""
    text = None
    for citation in citations[:MAX_SOURCES]:
        line = source_line(citation)
        longer = f"{text} · {line}" if text else f"Sources: {line}"
        if len(longer) > SECTION_TEXT_LIMIT:
            break
        text = longer
    return text


def handoff_value(answer: BotAnswer) -> str:
    """The "Ask a human" button's value: what the handoff needs, without a store lookup.
    The question is cut so the JSON stays under Slack's 2,000-character limit."""
    value = json.dumps(
        {
            "answer_id": answer.answer_id,
            "question": truncate(answer.question, _QUESTION_ROOM),
            "owner": answer.owner,
            "sources": [c.url for c in answer.citations[:MAX_SOURCES]],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    if len(value) > BUTTON_VALUE_LIMIT:  # many long source URLs: drop them, keep the rest
        value = json.dumps(
            {"answer_id": answer.answer_id, "question": truncate(answer.question, 1000)},
            ensure_ascii=False,
            separators=(",", ":"),
        )
    return value


def _button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def answer_blocks(answer: BotAnswer) -> list[Block]:
    """The reply: the answer text, up to three sources, then 👍 / 👎 / "Ask a human".

    A declined question gets only "Ask a human": there is no answer to rate."""
    blocks: list[Block] = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": truncate(escape(answer.text), SECTION_TEXT_LIMIT)},
        }
    ]
    sources = sources_text(answer.citations)
    if sources:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": sources}]})
    buttons: list[Block] = []
    if answer.answered and answer.answer_id is not None:
        rated = str(answer.answer_id)
        buttons += [
            _button("👍 Helpful", ACTION_HELPFUL, rated),
            _button("👎 Not helpful", ACTION_NOT_HELPFUL, rated),
        ]
    buttons.append(_button("Ask a human", ACTION_ASK_HUMAN, handoff_value(answer), "primary"))
    actions: Block = {"type": "actions", "elements": buttons}
    if answer.answer_id is not None:
        actions["block_id"] = f"{ANSWER_BLOCK_PREFIX}{answer.answer_id}"
    blocks.append(actions)
    return blocks


def answer_fallback_text(answer: BotAnswer) -> str:
    """The notification text (and what screen readers and old clients show): mrkdwn
    too, so escaped like the blocks."""
    return truncate(escape(answer.text), SECTION_TEXT_LIMIT)


def thanks_text(helpful: bool) -> str:
    if helpful:
        return "Thanks! Glad it helped."
    return "Thanks for telling us. The platform team reviews answers rated 👎."


HELP_TEXT = (
    "Ask me about the data platform: “who is the custodian of the orders table?”, "
    "“what did we decide about streaming?”, “how do I get access to sales data?”. "
    "Mention me in a channel, write to me directly, or use `/paved <question>`."
)


def help_blocks() -> list[Block]:
    """What the bot says to an empty question."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": HELP_TEXT}}]


def error_text(support_channel: str) -> str:
    """The apology when answering failed after the request was acknowledged."""
    return (
        "Sorry, something went wrong while I was answering; the error is in my log. "
        f"Please try again in a moment, or ask in {channel_ref(support_channel)}."
    )
