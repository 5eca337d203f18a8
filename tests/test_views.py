"""The answer view: text, sources with status, and the buttons each kind of reply gets."""

from __future__ import annotations

import json

from paved.bot.views.answer import (
    ACTION_ASK_HUMAN,
    ACTION_HELPFUL,
    ACTION_NOT_HELPFUL,
    HELP_TEXT,
    answer_blocks,
    answer_fallback_text,
    error_text,
    handoff_value,
    help_blocks,
    source_line,
    thanks_text,
)
from paved.bot.views.types import BotAnswer, Citation, escape, link, truncate

PORTAL = "https://paved.halden.example"
ANSWERED = BotAnswer(
    question="what did we decide about streaming?",
    text="We stream web shop orders through Kafka (ADR-0003).",
    answered=True,
    citations=(
        Citation("ADR-0003 · Stream web shop orders", f"{PORTAL}/decisions/adr-0003/", "accepted"),
        Citation("ADR-0001 · Nightly batch", f"{PORTAL}/decisions/adr-0001/", "superseded"),
        Citation("Ingestion", f"{PORTAL}/ingestion/#streaming"),
        Citation("A fourth source", f"{PORTAL}/x/"),
    ),
    owner="@mikkel.haugen",
    answer_id=42,
)


def _actions(blocks: list[dict[str, object]]) -> dict[str, object]:
    found = [b for b in blocks if b["type"] == "actions"]
    assert len(found) == 1
    return found[0]


def _action_ids(blocks: list[dict[str, object]]) -> list[str]:
    elements = _actions(blocks)["elements"]
    assert isinstance(elements, list)
    return [e["action_id"] for e in elements]


def test_answer_has_text_sources_and_three_buttons() -> None:
    blocks = answer_blocks(ANSWERED)
    assert [b["type"] for b in blocks] == ["section", "context", "actions"]
    assert blocks[0]["text"] == {"type": "mrkdwn", "text": ANSWERED.text}
    assert _action_ids(blocks) == [ACTION_HELPFUL, ACTION_NOT_HELPFUL, ACTION_ASK_HUMAN]
    assert _actions(blocks)["block_id"] == "paved_answer:42"
    elements = _actions(blocks)["elements"]
    assert isinstance(elements, list)
    assert [e["value"] for e in elements[:2]] == ["42", "42"]


def test_sources_are_limited_to_three_and_show_status() -> None:
    context = answer_blocks(ANSWERED)[1]
    text = context["elements"][0]["text"]  # type: ignore[index]
    assert text.startswith("Sources: ")
    assert f"<{PORTAL}/decisions/adr-0001/|ADR-0001 · Nightly batch> _superseded_" in text
    assert f"<{PORTAL}/ingestion/#streaming|Ingestion>" in text
    assert "A fourth source" not in text


def test_declined_question_offers_only_a_human() -> None:
    declined = BotAnswer(question="airspeed?", text="I could not find that.", answered=False)
    blocks = answer_blocks(declined)
    assert [b["type"] for b in blocks] == ["section", "actions"]
    assert _action_ids(blocks) == [ACTION_ASK_HUMAN]
    assert "block_id" not in _actions(blocks)


def test_text_from_documents_cannot_forge_mentions_or_links() -> None:
    sneaky = BotAnswer(question="q", text="<!channel> & <https://evil|click>", answered=False)
    assert answer_blocks(sneaky)[0]["text"]["text"] == (  # type: ignore[index]
        "&lt;!channel&gt; &amp; &lt;https://evil|click&gt;"
    )
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert link("https://x/", "A | B <c>") == "<https://x/|A ¦ B &lt;c&gt;>"


def test_long_answers_are_cut_to_slacks_section_limit() -> None:
    long = BotAnswer(question="q", text="x" * 5000, answered=True, answer_id=1)
    text = answer_blocks(long)[0]["text"]["text"]  # type: ignore[index]
    assert len(text) == 3000
    assert text.endswith("…")
    assert len(answer_fallback_text(long)) == 3000
    assert truncate("short", 10) == "short"


def test_handoff_value_carries_question_owner_and_sources_within_the_limit() -> None:
    data = json.loads(handoff_value(ANSWERED))
    assert data == {
        "answer_id": 42,
        "question": ANSWERED.question,
        "owner": "@mikkel.haugen",
        "sources": [c.url for c in ANSWERED.citations[:3]],
    }
    huge = BotAnswer(
        question="q" * 3000,
        text="t",
        answered=True,
        citations=tuple(Citation("t", "https://x/" + "y" * 900) for _ in range(3)),
        answer_id=7,
    )
    value = handoff_value(huge)
    assert len(value) <= 2000
    assert json.loads(value)["answer_id"] == 7


def test_source_line_without_status() -> None:
    assert source_line(Citation("Access", f"{PORTAL}/access/")) == f"<{PORTAL}/access/|Access>"


def test_help_and_thanks_texts() -> None:
    assert help_blocks()[0]["text"]["text"] == HELP_TEXT  # type: ignore[index]
    assert "/paved" in HELP_TEXT
    assert "👎" in thanks_text(False)
    assert thanks_text(True) != thanks_text(False)


def test_error_text_points_to_the_support_channel() -> None:
    assert "<#C0SUPPORT01>" in error_text("C0SUPPORT01")
    assert "#data-platform-help" in error_text("data-platform-help")
