"""The modals and the readers of their submitted values."""

from __future__ import annotations

import json

import pytest

from paved.bot.views.modals import (
    COMMENT_ACTION,
    COMMENT_BLOCK,
    DOWNVOTE_CALLBACK,
    PAGE_ACTION,
    PAGE_BLOCK,
    PAGE_FEEDBACK_CALLBACK,
    RATING_ACTION,
    RATING_BLOCK,
    REASON_ACTION,
    REASON_BLOCK,
    PageFeedbackInput,
    downvote_modal,
    guess_page,
    page_feedback_modal,
    page_path,
    read_metadata,
    read_page_feedback,
    submitted_option,
    submitted_text,
)

PORTAL = "https://paved.halden.example"


def state(page: str | None, rating: str | None, comment: str | None = None) -> dict[str, object]:
    values: dict[str, object] = {
        PAGE_BLOCK: {PAGE_ACTION: {"type": "plain_text_input", "value": page}},
        RATING_BLOCK: {
            RATING_ACTION: {
                "type": "radio_buttons",
                "selected_option": {"value": rating} if rating else None,
            }
        },
        COMMENT_BLOCK: {COMMENT_ACTION: {"type": "plain_text_input", "value": comment}},
    }
    return {"values": values}


def test_downvote_modal_asks_why_and_remembers_the_answer() -> None:
    modal = downvote_modal(42, channel="CGENERAL", question="who owns pos?")
    assert modal["type"] == "modal"
    assert modal["callback_id"] == DOWNVOTE_CALLBACK
    assert json.loads(str(modal["private_metadata"])) == {"answer_id": 42, "channel": "CGENERAL"}
    blocks = modal["blocks"]
    assert isinstance(blocks, list)
    assert [b["type"] for b in blocks] == ["context", "input"]
    reason = blocks[1]
    assert (reason["block_id"], reason["element"]["action_id"]) == (REASON_BLOCK, REASON_ACTION)
    assert reason["element"]["multiline"] is True
    assert "optional" not in reason


def test_downvote_modal_without_question_has_only_the_input() -> None:
    blocks = downvote_modal(1, channel=None)["blocks"]
    assert isinstance(blocks, list)
    assert [b["type"] for b in blocks] == ["input"]


def test_page_feedback_modal_prefills_the_page() -> None:
    modal = page_feedback_modal(page=f"{PORTAL}/access/", channel="C1", message_ts="1.2")
    assert modal["callback_id"] == PAGE_FEEDBACK_CALLBACK
    blocks = modal["blocks"]
    assert isinstance(blocks, list)
    assert [b["block_id"] for b in blocks] == [PAGE_BLOCK, RATING_BLOCK, COMMENT_BLOCK]
    assert blocks[0]["element"]["initial_value"] == f"{PORTAL}/access/"
    assert [o["value"] for o in blocks[1]["element"]["options"]] == ["1", "0"]
    assert blocks[2]["optional"] is True
    assert read_metadata(str(modal["private_metadata"])) == {"channel": "C1", "message_ts": "1.2"}


def test_page_feedback_modal_without_a_page_has_no_initial_value() -> None:
    blocks = page_feedback_modal(page="", channel=None, message_ts=None)["blocks"]
    assert isinstance(blocks, list)
    assert "initial_value" not in blocks[0]["element"]


def test_guess_page_takes_the_first_portal_link() -> None:
    text = f"see <https://other.example/a|x> and <{PORTAL}/products/wid-0001/#owner|WID-0001>"
    assert guess_page(text, PORTAL) == f"{PORTAL}/products/wid-0001/#owner"
    assert guess_page("no links here", PORTAL) == ""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (f"{PORTAL}/products/wid-0001/#owner", "/products/wid-0001/"),
        (f"{PORTAL}/access/?q=1", "/access/"),
        (PORTAL, "/"),
        ("/decisions/adr-0003/", "/decisions/adr-0003/"),
        ("access/", "/access/"),
        ("https://elsewhere.example/access/", None),
        (f"{PORTAL}.evil.example/access/", None),
        ("/a page/", None),
    ],
)
def test_page_path(given: str, expected: str | None) -> None:
    assert page_path(given, PORTAL) == expected


def test_read_page_feedback_accepts_a_complete_submission() -> None:
    submitted, errors = read_page_feedback(
        state(f"{PORTAL}/access/", "0", "  Out of date  "), PORTAL
    )
    assert errors == {}
    assert submitted == PageFeedbackInput(
        page="/access/", url=f"{PORTAL}/access/", rating=0, comment="Out of date"
    )


def test_read_page_feedback_names_each_bad_field() -> None:
    submitted, errors = read_page_feedback(state("https://elsewhere.example/", None), PORTAL)
    assert submitted is None
    assert set(errors) == {PAGE_BLOCK, RATING_BLOCK}
    assert PORTAL in errors[PAGE_BLOCK]
    _, missing = read_page_feedback(state(None, "1"), PORTAL)
    assert set(missing) == {PAGE_BLOCK}


def test_value_readers_tolerate_missing_parts() -> None:
    assert submitted_text({}, "a", "b") is None
    assert submitted_text({"values": {"a": {"b": {"value": "   "}}}}, "a", "b") is None
    assert submitted_option({"values": "broken"}, "a", "b") is None
    assert read_metadata("not json") == {}
    assert read_metadata("[1, 2]") == {}
    assert read_metadata(None) == {}
