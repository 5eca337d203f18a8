"""Mass mentions and masked links in Slack: hostile questions, comments, titles, page
names, owners and answer text go through the real views and, end to end, through the
real Bolt app and notifier (``build_slack_app`` + ``create_app`` under uvicorn) to the
fake Slack of tests/slack. No message, fallback ``text`` or context block may carry a
``<!channel>``/``<!here>``/``<!subteam…>``, a ``<@U…>`` the bot did not mean, or a
``<http…|…>`` link to anywhere but the portal."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "slack"))

from fake_slack import Call, FakeSlack
from slack_harness import MEMBERS, PORTAL, ROOT, SECRET, SUPPORT, Bot, mention_event, serve

from paved.bot.answer.engine import Engine
from paved.bot.listeners.actions.ask_human import portal_only
from paved.bot.listeners.answering import absolute_url, question_text
from paved.bot.listeners.directory import directory_from_platform
from paved.bot.service import create_app
from paved.bot.settings import Settings, SlackSettings
from paved.bot.slack_app import build_slack_app
from paved.bot.store import open_store
from paved.bot.views.answer import (
    ACTION_ASK_HUMAN,
    answer_blocks,
    answer_fallback_text,
    source_line,
)
from paved.bot.views.handoff import (
    feedback_text,
    handoff_blocks,
    handoff_text,
    handoff_thread_blocks,
    handoff_thread_text,
    negative_feedback_blocks,
)
from paved.bot.views.types import (
    SECTION_TEXT_LIMIT,
    BotAnswer,
    Citation,
    channel_ref,
    escape,
    link,
)

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "endpoint_cases.yaml").read_text())
KNOWN_PAGE = "/catalogue/systems/webshop/"

OWN = [
    "<!channel>",
    "<!here|here> <!everyone>",
    "<!subteam^S0123|@security>",
    "<@U0BOSS> <@W0BOSS|boss>",
    "<#C0GENERAL|general>",
    "<https://evil.example/sso|Reset your password>",
    "<http://evil.example>",
    "<mailto:a@evil.example|it-support@company.example>",
    "&lt;!channel&gt; &amp;lt;!here&amp;gt;",
    "&#60;!channel&#62;",
    "<<!channel>>",
    "< !channel >",
    "\u003c!channel\u003e",
    "<!channel" + "x" * 10 + ">",
    "```\n<!channel>\n```",
    "> <!here> quoted",
    "*bold* <https://evil.example|_italic_>",
    "x" * (SECTION_TEXT_LIMIT - 3) + "<!channel>",
    "&" * 2000 + "<!here>",
]


def corpus_strings() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for case in CASES:
        payload = case.get("payload")
        if case["class"] not in ("slack-mrkdwn", "api-stored") or not payload:
            continue
        if payload.startswith("GET "):
            found += [
                (case["id"], q) for q in parse_qs(urlsplit(payload[4:].strip()).query).get("q", [])
            ]
        elif payload.startswith("{"):
            values = json.loads(payload).values()
            found += [(case["id"], v) for v in values if isinstance(v, str)]
        elif not payload.startswith("<form"):
            found.append((case["id"], payload))
    # SK-010's generator: a 45,000-character comment ending with a broadcast
    found.append(("SK-010", "y" * 44990 + "<!channel>"))
    return [(i, s) for i, s in found if not re.search(r"[\ud800-\udfff\x00]", s)]


STRINGS = corpus_strings() + [(f"OWN-{i:02d}", s) for i, s in enumerate(OWN, 1)]
IDS = [f"{c}-{i}" for i, (c, _) in enumerate(STRINGS)]

#: the only <…> sequences the bot writes: mentions of known members (and the asker),
#: the support channel, links to the portal
_ALLOWED = re.compile(
    r"<(?:@(?:UMIKKEL|UINGRID|UASKER)|#"
    + SUPPORT
    + r"|"
    + re.escape(PORTAL)
    + r"/[^<>|\s]*\|[^<>]*)>"
)


def live_sequences(text: str) -> list[str]:
    """Every ``<…>`` in mrkdwn ``text`` that Slack would turn into a mention or a link
    the bot did not mean; also any raw ``<`` left over."""
    found = [m for m in re.findall(r"<[^<>]*>", text) if not _ALLOWED.fullmatch(m)]
    rest = _ALLOWED.sub("", text)
    return found + (["<"] if "<" in rest else [])


#: block fields Slack never renders: data it hands back to the bot
_DATA_KEYS = {"value", "action_id", "block_id", "private_metadata", "callback_id"}


def texts(value: object) -> Iterator[str]:
    """Every string a message shows (its blocks' text fields, at any depth)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in _DATA_KEYS:
                yield from texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from texts(v)


def assert_no_live(*messages: object) -> None:
    for message in messages:
        for text in texts(message):
            assert not live_sequences(text), (live_sequences(text), text[:200])
            assert "<!" not in text


# the views, one hostile value in every slot ---------------------------------------------


@pytest.mark.parametrize(("case", "text"), STRINGS, ids=IDS)
def test_views_escape_every_slot(case: str, text: str) -> None:
    answer = BotAnswer(
        question=text,
        text=text,
        answered=True,
        citations=(Citation(title=text, url=PORTAL + "/p/", status=text),),
        owner=text,
        answer_id=7,
    )
    blocks = answer_blocks(answer)
    # the button value is JSON read back by the bot, never shown: leave it out
    shown = [b for b in blocks if b["type"] != "actions"]
    assert_no_live(
        shown,
        answer_fallback_text(answer),
        source_line(Citation(title=text, url=absolute_url(PORTAL, text), status=text)),
        link(absolute_url(PORTAL, text) or None, text),
        handoff_text(text, escape(text)),
        handoff_blocks(text, escape(text)),
        handoff_thread_text(text),
        handoff_thread_blocks(text, text, portal_only(PORTAL, (text, PORTAL + "/p/"))),
        feedback_text(text, escape(text)),
        negative_feedback_blocks(
            page_title=text,
            page_url=absolute_url(PORTAL, text) or None,  # the notifier builds it
            comment=text,
            owner=escape(text),
            source=text,
        ),
        channel_ref(text),
    )
    for block in [
        *shown,
        *negative_feedback_blocks(
            page_title=text, page_url=None, comment=text, owner=None, source="portal"
        ),
    ]:
        for t in texts(block):
            assert len(t) <= SECTION_TEXT_LIMIT
            assert not re.search(r"&[a-z]{0,3}…$", t)  # an escape never cut in two


@pytest.mark.parametrize(("case", "text"), STRINGS, ids=IDS)
def test_links_go_to_the_portal_only(case: str, text: str) -> None:
    url = absolute_url(PORTAL, text)
    assert url == "" or url.startswith(PORTAL + "/")
    assert all(s.startswith(PORTAL + "/") for s in portal_only(PORTAL, (text,)))


def test_escape_starts_with_the_ampersand() -> None:  # SK-006
    assert escape("&lt;!channel&gt;") == "&amp;lt;!channel&amp;gt;"


# end to end: the real Bolt app, notifier and API against the fake Slack ------------------


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    engine = Engine.from_root(ROOT)
    fake = FakeSlack(MEMBERS).start()
    data = tmp_path_factory.mktemp("slack-escaping")
    settings = Settings(
        database_url=f"sqlite:///{data / 'bot.db'}",
        data_dir=data,
        portal_url=PORTAL,
        allowed_origins=(PORTAL,),
        rate_limit_per_minute=0,
        slack=SlackSettings(
            bot_token="xoxb-test",
            support_channel=SUPPORT,
            signing_secret=SECRET,
            api_url=fake.base_url,
        ),
    )
    store = open_store(settings.database_url)
    directory = directory_from_platform(engine.platform)
    slack = build_slack_app(settings, store, answerer=engine.ask, directory=directory)
    server, port = serve(create_app(settings, store, bolt_app=slack.bolt, notifier=slack.notifier))
    try:
        yield Bot(f"http://127.0.0.1:{port}", fake, store)
    finally:
        server.should_exit = True
        fake.stop()
        store.close()


def message_parts(call: Call) -> list[object]:
    return [call.params.get("text") or "", call.blocks()]


def wait_posts(fake: FakeSlack, count: int, timeout: float = 10.0) -> list[Call]:
    return fake.wait_for("chat.postMessage", count, timeout=timeout)


@pytest.mark.parametrize(("case", "text"), STRINGS, ids=IDS)
def test_forwarded_feedback_has_no_live_sequence(bot: Bot, case: str, text: str) -> None:
    """A 👎 with a hostile comment and title, on a known page and on an unknown one."""
    bot.fake.reset()
    comment, title = text[:2000], text[:300]
    sent = 0
    for page in (KNOWN_PAGE, "/unknown-page/"):
        body = {"page": page, "rating": 0, "comment": comment, "title": title}
        response = httpx.post(f"{bot.url}/api/feedback", json=body, headers={"Origin": PORTAL})
        assert response.status_code in (201, 422), response.text
        sent += response.status_code == 201
    if not sent:
        return
    for call in wait_posts(bot.fake, sent):
        assert call.params.get("unfurl_links") in (False, "false", "0", 0)
        assert_no_live(*message_parts(call))


def test_foreign_url_is_never_linked(bot: Bot) -> None:  # EP-004
    bot.fake.reset()
    body = {
        "page": "/unknown-page/",
        "rating": 0,
        "title": "Reset password",
        "url": "https://evil.example/reset",
        "comment": "please read",
    }
    refused = httpx.post(f"{bot.url}/api/feedback", json=body)
    assert refused.status_code == 422
    assert refused.json()["fields"][0]["field"] == "url"
    on_portal = {**body, "url": PORTAL + "/unknown-page/"}
    assert httpx.post(f"{bot.url}/api/feedback", json=on_portal).status_code == 201
    [call] = wait_posts(bot.fake, 1)
    assert "evil.example" not in call.all_text()
    assert f"<{PORTAL}/unknown-page/|Reset password>" in call.all_text()


QUESTIONS = [(c, s) for c, s in STRINGS if len(s) <= 500][:40]


@pytest.mark.parametrize(
    ("case", "text"), QUESTIONS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(QUESTIONS)]
)
def test_question_and_handoff_have_no_live_sequence(bot: Bot, case: str, text: str) -> None:
    """A hostile question by mention (written as Slack would deliver it: escaped),
    answered in the channel, then handed to a human: nothing in the answer, the support
    channel's message or its thread carries a live sequence."""
    bot.fake.reset()
    delivered = escape(text)  # what Slack sends for what a person typed
    event_id = f"Ev-{abs(hash((case, text)))}"
    assert bot.event(mention_event(delivered), event_id).status_code == 200
    [answer] = wait_posts(bot.fake, 1)
    assert_no_live(*message_parts(answer))
    button = next(
        e
        for b in answer.blocks()
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == ACTION_ASK_HUMAN
    )
    assert json.loads(button["value"])["question"] == question_text(delivered)
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": "THALDEN"},
        "user": {"id": "UASKER", "team_id": "THALDEN"},
        "api_app_id": "APAVED",
        "trigger_id": "111.222.trigger",
        "channel": {"id": "CGENERAL"},
        "container": {"type": "message", "channel_id": "CGENERAL"},
        "message": {"ts": "1700000000.000200", "text": "answer"},
        "response_url": bot.fake.response_url("human"),
        "actions": [{**button, "block_id": "b", "type": "button", "action_ts": "1"}],
    }
    assert bot.interaction(payload).status_code == 200
    posts = wait_posts(bot.fake, 3)
    for call in posts[1:]:
        assert_no_live(*message_parts(call))
    confirmation = bot.fake.wait_for("response_url:human")[0]
    assert_no_live(confirmation.params.get("text") or "")


def forwarded_with_owner(bot: Bot, page: str, owner: str) -> str:
    bot.fake.reset()
    body = {"page": page, "rating": 0, "comment": "Please check", "owner": owner}
    response = httpx.post(f"{bot.url}/api/feedback", json=body, headers={"Origin": PORTAL})
    assert response.status_code == 201, response.text
    [call] = wait_posts(bot.fake, 1)
    return call.all_text()


def test_the_sender_cannot_choose_whom_the_bot_mentions(bot: Bot) -> None:
    """``owner`` is a field of the anonymous feedback API, and it was preferred to the
    model's owner: any script could have the bot notify any workspace member
    (``"owner": "@ceo"``) in the support channel, under a comment the script wrote, 30
    times a minute. A page the model knows is routed to the owner the model gives it; on
    another page the sender's owner is mentioned only when it is a person of the
    catalogue or the WIDs, else shown as plain text."""
    known = forwarded_with_owner(bot, KNOWN_PAGE, "@ingrid.solberg")
    assert "<@UMIKKEL>" in known  # the model's owner of the web shop system
    assert "<@UINGRID>" not in known
    stranger = forwarded_with_owner(bot, "/unknown-page/", "@Mikkel")  # a display name
    assert "<@UMIKKEL>" not in stranger
    assert "@Mikkel" in stranger
    person = forwarded_with_owner(bot, "/unknown-page/", "ingrid-solberg")
    assert "<@UINGRID>" in person
