"""Every view, at its largest, passes slack_sdk's own Block Kit models: they parse the
JSON back, check Slack's length limits (``validate_json``) and serialise it unchanged.
A block Slack would refuse (an over-long button value, a modal title over 24
characters...) fails here instead of in a workspace."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.basic_objects import JsonObject
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from paved.bot.views.answer import answer_blocks, help_blocks
from paved.bot.views.handoff import handoff_blocks, handoff_thread_blocks, negative_feedback_blocks
from paved.bot.views.modals import downvote_modal, page_feedback_modal
from paved.bot.views.types import BotAnswer, Citation

LONG = "ø" * 5000
URL = "https://paved.halden.example/decisions/adr-0003/#" + "a" * 300
BIG_ANSWER = BotAnswer(
    question=LONG,
    text=LONG,
    answered=True,
    citations=tuple(Citation(LONG[:400], URL, "superseded") for _ in range(5)),
    owner="@" + "o" * 80,
    answer_id=2**31,
)

MESSAGES = {
    "answer": answer_blocks(BIG_ANSWER),
    "declined": answer_blocks(BotAnswer(question=LONG, text=LONG, answered=False)),
    "help": help_blocks(),
    "handoff": handoff_blocks("UASKER", "<@UOWNER>"),
    "thread": handoff_thread_blocks(LONG, LONG, [URL] * 3),
    "feedback": negative_feedback_blocks(
        page_title=LONG[:300], page_url=URL, comment=LONG[:2000], owner=None, source="portal"
    ),
}
MODALS = {
    "downvote": downvote_modal(2**31, channel="C0123456789", question=LONG),
    "page": page_feedback_modal(page=URL + LONG, channel="C0123456789", message_ts="1.2"),
}


def validate_deep(obj: JsonObject) -> None:
    """``validate_json`` on the object and every object inside it: slack_sdk does not
    descend into an actions block's buttons or a modal's inputs by itself."""
    obj.validate_json()
    for name in obj.attributes:
        value = getattr(obj, name, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, JsonObject):
                validate_deep(item)


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_message_blocks_are_valid_block_kit(name: str) -> None:
    for raw in MESSAGES[name]:
        parsed = Block.parse(raw)
        assert parsed is not None
        validate_deep(parsed)
        assert parsed.to_dict() == raw


@pytest.mark.parametrize("name", sorted(MODALS))
def test_modals_are_valid_views(name: str) -> None:
    view = View(**MODALS[name])  # type: ignore[arg-type]
    validate_deep(view)
    assert view.to_dict() == MODALS[name]


def test_validation_would_catch_an_oversized_block() -> None:
    raw = answer_blocks(BIG_ANSWER)[-1]
    elements = raw["elements"]
    assert isinstance(elements, list)
    broken = {**raw, "elements": [{**elements[0], "value": "x" * 2001}]}
    parsed = Block.parse(broken)
    assert parsed is not None
    with pytest.raises(SlackObjectFormationError, match="value"):
        validate_deep(parsed)
