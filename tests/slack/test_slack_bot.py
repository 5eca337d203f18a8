"""End to end: signed Slack requests over real HTTP to the real Bolt app under uvicorn,
Web API calls answered (and recorded) by the fake Slack, effects checked in the store."""

from __future__ import annotations

import json
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from slack_harness import PORTAL, SUPPORT, Bot, mention_event, sign

from paved.bot.views.answer import ACTION_ASK_HUMAN, ACTION_HELPFUL, ACTION_NOT_HELPFUL
from paved.bot.views.modals import (
    DOWNVOTE_CALLBACK,
    PAGE_FEEDBACK_CALLBACK,
    REASON_ACTION,
    REASON_BLOCK,
)

CUSTODIAN_QUESTION = "who is the custodian of the orders table?"


mention = mention_event


def buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    actions = [b for b in blocks if b["type"] == "actions"]
    return {e["action_id"]: e for e in actions[0]["elements"]} if actions else {}


def ask_by_mention(slack: Bot, event_id: str) -> tuple[int, dict[str, dict[str, Any]]]:
    """Mention the bot with the custodian question; the stored answer id and its buttons."""
    assert slack.event(mention(CUSTODIAN_QUESTION), event_id).status_code == 200
    posted = slack.fake.wait_for("chat.postMessage")[-1]
    found = buttons(posted.blocks())
    return int(found[ACTION_HELPFUL]["value"]), found


def block_action(action: dict[str, Any], *, response: str) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": "THALDEN"},
        "user": {"id": "UASKER", "team_id": "THALDEN"},
        "api_app_id": "APAVED",
        "trigger_id": "111.222.trigger",
        "channel": {"id": "CGENERAL"},
        "container": {"type": "message", "channel_id": "CGENERAL"},
        "message": {"ts": "1700000000.000200", "text": "answer"},
        "response_url": response,
        "actions": [{**action, "block_id": "b", "type": "button", "action_ts": "1"}],
    }


def view_submission(callback_id: str, metadata: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": "THALDEN"},
        "user": {"id": "UASKER", "team_id": "THALDEN"},
        "api_app_id": "APAVED",
        "trigger_id": "333.444.trigger",
        "view": {
            "id": "VFAKE",
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": metadata,
            "state": {"values": values},
        },
    }


def wait_until(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


# questions ----------------------------------------------------------------------------


def test_mention_is_answered_in_thread_with_buttons(slack: Bot) -> None:
    response = slack.event(mention(CUSTODIAN_QUESTION, ts="1700000001.000100"), "Ev-mention")
    assert response.status_code == 200
    posted = slack.fake.wait_for("chat.postMessage")[0]
    assert posted.params["channel"] == "CGENERAL"
    assert posted.params["thread_ts"] == "1700000001.000100"
    assert "Mikkel Haugen" in posted.params["text"]
    found = buttons(posted.blocks())
    assert set(found) == {ACTION_HELPFUL, ACTION_NOT_HELPFUL, ACTION_ASK_HUMAN}
    # Datasets have their own pages (issue 12): the answer cites the dataset, not a system anchor.
    assert f"{PORTAL}/catalogue/datasets/webshop.orders/" in posted.all_text()
    stored = slack.store.get_answer(int(found[ACTION_HELPFUL]["value"]))
    assert stored is not None
    assert (stored.question, stored.source, stored.channel) == (
        CUSTODIAN_QUESTION,
        "slack",
        "CGENERAL",
    )
    assert slack.fake.calls_to("auth.test"), slack.fake.methods()


def test_direct_message_is_answered(slack: Bot) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "DASKER",
        "user": "UASKER",
        "text": "how do I get access to sales data?",
        "ts": "1700000002.000100",
    }
    assert slack.event(event, "Ev-dm").status_code == 200
    posted = slack.fake.wait_for("chat.postMessage")[0]
    assert posted.params["channel"] == "DASKER"
    assert "thread_ts" not in posted.params
    assert f"{PORTAL}/get-started/onboarding-exercise/" in posted.all_text()


def test_bot_messages_and_edits_in_dms_are_not_answered(slack: Bot) -> None:
    base = {"type": "message", "channel_type": "im", "channel": "DASKER", "ts": "1.2"}
    own = {**base, "bot_id": "BPAVED", "text": "an answer the bot posted"}
    edited = {**base, "subtype": "message_changed", "user": "UASKER", "text": "x"}
    in_channel = {**base, "channel_type": "channel", "user": "UASKER", "text": "hello"}
    for number, event in enumerate((own, edited, in_channel)):
        assert slack.event(event, f"Ev-ignored-{number}").status_code == 200
    time.sleep(0.5)
    assert slack.fake.calls_to("chat.postMessage") == []


def test_slash_command_acks_then_responds_privately(slack: Bot) -> None:
    response = slack.form(
        {
            "command": "/paved",
            "text": "what did we decide about streaming?",
            "user_id": "UASKER",
            "channel_id": "CGENERAL",
            "team_id": "THALDEN",
            "trigger_id": "555.666.trigger",
            "response_url": slack.fake.response_url("command"),
        }
    )
    assert response.status_code == 200
    assert "Looking that up" in response.text
    reply = slack.fake.wait_for("response_url:command")[0]
    assert reply.params["response_type"] == "ephemeral"
    assert buttons(reply.blocks()), "the answer carries its buttons"
    assert "/decisions/" in reply.all_text()


def test_empty_slash_command_gets_help_in_the_ack(slack: Bot) -> None:
    response = slack.form(
        {
            "command": "/paved",
            "text": "  ",
            "user_id": "UASKER",
            "channel_id": "CGENERAL",
            "response_url": slack.fake.response_url("empty"),
        }
    )
    assert response.status_code == 200
    assert "/paved <question>" in response.text


def test_unanswerable_question_is_recorded_and_offers_only_a_human(slack: Bot) -> None:
    question = "what is the airspeed of an unladen swallow?"
    assert slack.event(mention(question), "Ev-unanswerable").status_code == 200
    posted = slack.fake.wait_for("chat.postMessage")[0]
    assert set(buttons(posted.blocks())) == {ACTION_ASK_HUMAN}
    groups = slack.store.unanswered_summary()
    assert any(g.kind == "unanswered" and g.example == question for g in groups)


# ratings and handoff ------------------------------------------------------------------


def test_thumbs_up_stores_the_rating(slack: Bot) -> None:
    answer_id, found = ask_by_mention(slack, "Ev-up")
    payload = block_action(found[ACTION_HELPFUL], response=slack.fake.response_url("up"))
    assert slack.interaction(payload).status_code == 200
    thanks = slack.fake.wait_for("response_url:up")[0]
    assert thanks.params["response_type"] == "ephemeral"
    stored = slack.store.get_answer(answer_id)
    assert stored is not None
    assert stored.rating == 1


def test_thumbs_down_opens_the_modal_and_stores_the_comment(slack: Bot) -> None:
    answer_id, found = ask_by_mention(slack, "Ev-down")
    payload = block_action(found[ACTION_NOT_HELPFUL], response=slack.fake.response_url("d"))
    assert slack.interaction(payload).status_code == 200
    opened = slack.fake.wait_for("views.open")[0]
    assert opened.params["trigger_id"] == "111.222.trigger"
    view = opened.view()
    assert view["callback_id"] == DOWNVOTE_CALLBACK
    wait_until(lambda: _rating(slack, answer_id) == 0)

    values = {REASON_BLOCK: {REASON_ACTION: {"type": "plain_text_input", "value": "Wrong table"}}}
    submitted = view_submission(DOWNVOTE_CALLBACK, view["private_metadata"], values)
    response = slack.interaction(submitted)
    assert response.status_code == 200
    wait_until(lambda: _comments(slack, "Wrong table"))
    page, kind, subject, source = _comments(slack, "Wrong table")[0]
    assert (page, kind, subject, source) == (
        "catalogue/datasets/webshop.orders.md",
        "bot-answer",
        f"answer-{answer_id}",
        "slack",
    )


def _rating(slack: Bot, answer_id: int) -> int | None:
    stored = slack.store.get_answer(answer_id)
    return stored.rating if stored else None


def _comments(slack: Bot, comment: str) -> list[tuple[str, str, str, str]]:
    """(page, kind, subject, source) of every stored feedback row with ``comment``."""
    rows: list[tuple[str, str, str, str]] = []
    number = 1
    while (stored := slack.store.get_feedback(number)) is not None:
        if stored.comment == comment:
            rows.append((stored.page, stored.kind or "", stored.subject or "", stored.source))
        number += 1
    return rows


def test_ask_a_human_posts_to_support_mentioning_the_owner(slack: Bot) -> None:
    _answer_id, found = ask_by_mention(slack, "Ev-human")
    payload = block_action(found[ACTION_ASK_HUMAN], response=slack.fake.response_url("human"))
    payload["user"] = {"id": "UASKER"}
    assert slack.interaction(payload).status_code == 200
    posts = slack.fake.wait_for("chat.postMessage", 3)  # the answer, then parent and thread
    parent, thread = posts[1], posts[2]
    assert parent.params["channel"] == SUPPORT
    assert "<@UMIKKEL>" in parent.all_text()
    assert "<@UASKER>" in parent.all_text()
    assert thread.params["thread_ts"]
    assert CUSTODIAN_QUESTION in thread.all_text()
    confirmation = slack.fake.wait_for("response_url:human")[0]
    assert f"<#{SUPPORT}>" in confirmation.params["text"]


def test_ask_a_human_tells_the_asker_when_the_support_channel_refuses(slack: Bot) -> None:
    _answer_id, found = ask_by_mention(slack, "Ev-human-refused")
    slack.fake.fail("chat.postMessage", "not_in_channel")
    payload = block_action(found[ACTION_ASK_HUMAN], response=slack.fake.response_url("refused"))
    assert slack.interaction(payload).status_code == 200
    apology = slack.fake.wait_for("response_url:refused")[0]
    assert apology.params["response_type"] == "ephemeral"
    assert "couldn't post" in apology.params["text"]
    assert len(slack.fake.calls_to("chat.postMessage")) == 2  # the answer, the refused post


# shortcut and page feedback -----------------------------------------------------------


def test_message_shortcut_opens_the_page_feedback_modal(slack: Bot) -> None:
    shortcut = {
        "type": "message_action",
        "callback_id": "paved_page_feedback_shortcut",
        "team": {"id": "THALDEN"},
        "user": {"id": "UASKER"},
        "channel": {"id": "CGENERAL"},
        "trigger_id": "777.888.trigger",
        "message_ts": "1700000003.000100",
        "response_url": slack.fake.response_url("shortcut"),
        "message": {
            "ts": "1700000003.000100",
            "text": f"See <{PORTAL}/products/wid-0001/#value-proposition|WID-0001>",
        },
    }
    assert slack.interaction(shortcut).status_code == 200
    opened = slack.fake.wait_for("views.open")[0]
    view = opened.view()
    assert view["callback_id"] == PAGE_FEEDBACK_CALLBACK
    page = view["blocks"][0]["element"]["initial_value"]
    assert page == f"{PORTAL}/products/wid-0001/#value-proposition"


def test_page_feedback_is_stored_and_forwarded_to_the_owner(slack: Bot) -> None:
    values = {
        "page": {"page_input": {"value": f"{PORTAL}/products/wid-0001/"}},
        "rating": {"rating_input": {"selected_option": {"value": "0"}}},
        "comment": {"comment_input": {"value": "The footfall section is out of date"}},
    }
    metadata = json.dumps({"channel": "CGENERAL", "message_ts": "1.1"})
    response = slack.interaction(view_submission(PAGE_FEEDBACK_CALLBACK, metadata, values))
    assert response.status_code == 200
    forwarded = slack.fake.wait_for("chat.postMessage")[0]
    assert forwarded.params["channel"] == SUPPORT
    assert "<@UINGRID>" in forwarded.all_text()  # custodian of WID-0001
    assert "footfall section is out of date" in forwarded.all_text()
    slack.fake.wait_for("chat.postEphemeral")
    summary = {s.page: s for s in slack.store.feedback_summary()}
    assert summary["products/wid-0001.md"].down >= 1


def test_page_feedback_errors_are_shown_in_the_modal(slack: Bot) -> None:
    values = {
        "page": {"page_input": {"value": "https://elsewhere.example/page"}},
        "rating": {"rating_input": {"selected_option": None}},
    }
    response = slack.interaction(view_submission(PAGE_FEEDBACK_CALLBACK, "{}", values))
    assert response.status_code == 200
    body = response.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"page", "rating"}


def test_portal_thumbs_down_is_forwarded_to_the_page_owner(slack: Bot) -> None:
    response = httpx.post(
        f"{slack.url}/api/feedback",
        json={
            "page": "products/wid-0001.md",
            "rating": 0,
            "comment": "Which store ids are excluded?",
            "owner": "ingrid-solberg",
        },
        headers={"Origin": PORTAL},
    )
    assert response.status_code == 201
    forwarded = slack.fake.wait_for("chat.postMessage")[0]
    assert forwarded.params["channel"] == SUPPORT
    assert "<@UINGRID>" in forwarded.all_text()
    assert f"{PORTAL}/products/wid-0001/" in forwarded.all_text()


# security, retries and rate limits ----------------------------------------------------


def test_forged_and_stale_requests_are_refused_without_effect(slack: Bot) -> None:
    body = json.dumps(
        {"type": "event_callback", "event_id": "Ev-forged", "event": mention("forged?")}
    ).encode()
    forged = {**sign(body, secret="not-the-secret"), "Content-Type": "application/json"}
    stale = {**sign(body, age=6 * 60), "Content-Type": "application/json"}
    for headers in (forged, stale):
        response = httpx.post(f"{slack.url}/slack/events", content=body, headers=headers)
        assert response.status_code == 401
    time.sleep(0.5)
    assert slack.fake.calls == []
    assert slack.store.claim_event("Ev-forged"), "no listener claimed the forged event"


def test_a_retried_event_is_answered_once(slack: Bot) -> None:
    event = mention("who owns pos?", ts="1700000004.000100")
    assert slack.event(event, "Ev-retried").status_code == 200
    slack.fake.wait_for("chat.postMessage")
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert slack.event(event, "Ev-retried", **retry).status_code == 200
    time.sleep(0.5)
    assert len(slack.fake.calls_to("chat.postMessage")) == 1


def test_concurrent_deliveries_of_one_event_are_answered_once(slack: Bot) -> None:
    event = mention("who owns pos?", ts="1700000006.000100")
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    with ThreadPoolExecutor(max_workers=3) as pool:
        sent = [
            pool.submit(slack.event, event, "Ev-concurrent", **(retry if n else {}))
            for n in range(3)
        ]
        assert [f.result().status_code for f in sent] == [200, 200, 200]
    slack.fake.wait_for("chat.postMessage")
    time.sleep(0.5)
    assert len(slack.fake.calls_to("chat.postMessage")) == 1


def test_a_retry_whose_first_delivery_was_lost_is_answered(slack: Bot) -> None:
    event = mention("who owns pos?", ts="1700000005.000100")
    retry = {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"}
    assert slack.event(event, "Ev-lost-first", **retry).status_code == 200
    assert slack.fake.wait_for("chat.postMessage")[0].params["channel"] == "CGENERAL"


def test_a_rate_limited_post_is_retried_after_retry_after(slack: Bot) -> None:
    slack.fake.rate_limit_once("chat.postMessage")
    started = time.monotonic()
    assert slack.event(mention(CUSTODIAN_QUESTION), "Ev-429").status_code == 200
    posted = slack.fake.wait_for("chat.postMessage")[0]
    assert "Mikkel Haugen" in posted.params["text"]
    assert len(slack.fake.calls_to("chat.postMessage", status=429)) == 1
    assert time.monotonic() - started >= 1.0, "the retry waited for Retry-After"


def test_store_is_sqlite(slack: Bot) -> None:
    assert slack.store.dialect == "sqlite"
    assert sqlite3.sqlite_version
