"""The messages that bring a person in: the support-channel handoff and forwarded
page feedback."""

from __future__ import annotations

from paved.bot.views.handoff import (
    feedback_text,
    handoff_blocks,
    handoff_confirmation,
    handoff_failed,
    handoff_text,
    handoff_thread_blocks,
    negative_feedback_blocks,
    quote,
)


def _texts(blocks: list[dict[str, object]]) -> list[str]:
    out = []
    for block in blocks:
        if block["type"] == "section":
            out.append(block["text"]["text"])  # type: ignore[index]
        else:
            out.append(block["elements"][0]["text"])  # type: ignore[index]
    return out


def test_handoff_mentions_asker_and_owner() -> None:
    blocks = handoff_blocks("UASKER", "<@UOWNER>")
    assert [b["type"] for b in blocks] == ["section", "context"]
    assert "<@UASKER>" in _texts(blocks)[0]
    assert "<@UOWNER>, can you help?" in _texts(blocks)[0]
    assert handoff_text("UASKER", "<@UOWNER>") == _texts(blocks)[0]


def test_handoff_without_owner_asks_anyone() -> None:
    blocks = handoff_blocks(None, None)
    assert [b["type"] for b in blocks] == ["section"]
    assert _texts(blocks)[0].startswith("🙋 Someone asked")
    assert "Can someone help?" in _texts(blocks)[0]


def test_thread_quotes_question_answer_and_sources() -> None:
    blocks = handoff_thread_blocks(
        "who owns <pos>?\nand why?", "Tomas does.", ["https://p.example/a/"]
    )
    texts = _texts(blocks)
    assert texts[0] == "*Question*\n&gt; who owns &lt;pos&gt;?\n&gt; and why?"
    assert texts[1] == "*The bot answered*\n&gt; Tomas does."
    assert texts[2] == "*Sources it cited*\n• <https://p.example/a/|https://p.example/a/>"
    assert len(handoff_thread_blocks("q", None, [])) == 1


def test_quote_of_empty_text_is_one_marker() -> None:
    assert quote("") == "&gt; "


def test_confirmation_links_channel_ids_and_names() -> None:
    assert "<#C0SUPPORT01>" in handoff_confirmation("C0SUPPORT01")
    assert "#data-platform-help" in handoff_confirmation("data-platform-help")
    assert "#data-platform-help" in handoff_confirmation("#data-platform-help")


def test_negative_feedback_mentions_the_owner_and_quotes_the_comment() -> None:
    blocks = negative_feedback_blocks(
        page_title="WID-0001 · Store sales",
        page_url="https://p.example/products/wid-0001/",
        comment="Footfall is <stale>",
        owner="<@UINGRID>",
        source="portal",
    )
    texts = _texts(blocks)
    assert texts[0] == (
        "👎 <@UINGRID>, a reader rated <https://p.example/products/wid-0001/|"
        "WID-0001 · Store sales> not helpful on the portal:"
    )
    assert texts[1] == "&gt; Footfall is &lt;stale&gt;"
    assert len(blocks) == 2


def test_negative_feedback_without_owner_says_how_to_add_one() -> None:
    blocks = negative_feedback_blocks(
        page_title="Access", page_url=None, comment="c", owner=None, source="slack"
    )
    texts = _texts(blocks)
    assert texts[0] == "👎 A reader rated *Access* not helpful in Slack:"
    assert "names no owner" in texts[2]
    assert feedback_text("Access", None) == (
        "A reader found “Access” not helpful and left a comment."
    )
    assert feedback_text("Access", "@x").startswith("@x: a reader found")


def test_failed_handoff_tells_the_asker_where_to_go() -> None:
    assert "<#C0SUPPORT01>" in handoff_failed("C0SUPPORT01")
    assert "#data-platform-help" in handoff_failed("data-platform-help")
    assert "couldn't" in handoff_failed("data-platform-help")
