"""How ``paved bot`` assembles the Slack app: from settings alone (default engine over
``PAVED_REPO_ROOT``, directory loaded on first use), the Web API client's retry handlers,
Socket Mode's closed HTTP door, and mentions that degrade to text."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fake_slack import FakeSlack
from slack_harness import MEMBERS, ROOT, SECRET, Bot, mention_event, serve, sign
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)

from paved.bot.answer import Answer
from paved.bot.listeners.directory import Directory, LazyDirectory
from paved.bot.notify import SlackPeople
from paved.bot.service import build_service, create_app
from paved.bot.settings import Settings, SettingsError, SlackSettings
from paved.bot.slack_app import build_client, build_slack_app
from paved.bot.store import open_store


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    started = FakeSlack(MEMBERS).start()
    yield started
    started.stop()


def settings_for(tmp_path: Path, fake: FakeSlack, *, secret: str | None = SECRET) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        data_dir=tmp_path,
        slack=SlackSettings(
            bot_token="xoxb-test",
            support_channel="C0SUPPORT01",
            signing_secret=secret,
            app_token=None if secret else "xapp-test",
            api_url=fake.base_url,
        ),
    )


def test_build_service_wires_slack_from_settings(
    tmp_path: Path, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAVED_REPO_ROOT", str(ROOT))
    service = build_service(settings_for(tmp_path, fake))
    server, port = serve(service.app)
    try:
        assert service.bolt_app is not None
        body = json.dumps(
            {
                "type": "event_callback",
                "event_id": "Ev-wired",
                "event": mention_event("who owns pos?"),
            }
        ).encode()
        headers = {**sign(body), "Content-Type": "application/json"}
        response = httpx.post(
            f"http://127.0.0.1:{port}/slack/events", content=body, headers=headers
        )
        assert response.status_code == 200
        posted = fake.wait_for("chat.postMessage")[0]
        assert posted.params["channel"] == "CGENERAL"
        assert "pos" in posted.all_text().lower()
        # the service forwards a portal 👎 comment through the Slack notifier
        feedback = {"page": "products/wid-0001.md", "rating": 0, "comment": "Stale numbers"}
        response = httpx.post(
            f"http://127.0.0.1:{port}/api/feedback",
            json=feedback,
            headers={"Origin": "http://127.0.0.1:8000"},
        )
        assert response.status_code == 201
        forwarded = fake.wait_for("chat.postMessage", 2)[1]
        assert forwarded.params["channel"] == "C0SUPPORT01"
        assert "<@UINGRID>" in forwarded.all_text(), "owner found from the page, not the widget"
    finally:
        server.should_exit = True
        service.store.close()


def test_client_retries_rate_limits_and_dropped_connections(fake: FakeSlack) -> None:
    slack = SlackSettings(bot_token="xoxb-test", support_channel="C1", api_url=fake.base_url)
    client = build_client(slack)
    assert client.base_url == fake.base_url
    kinds = {type(h): h for h in client.retry_handlers}
    assert set(kinds) == {AsyncRateLimitErrorRetryHandler, AsyncConnectionErrorRetryHandler}
    assert kinds[AsyncRateLimitErrorRetryHandler].max_retry_count == 2


def test_socket_mode_app_refuses_http_requests(tmp_path: Path, fake: FakeSlack) -> None:
    settings = settings_for(tmp_path, fake, secret=None)
    store = open_store(settings.database_url)
    try:
        bolt = build_slack_app(settings, store, directory=Directory()).bolt
        server, port = serve(create_app(settings, store, bolt_app=bolt))
        try:
            body = json.dumps({"type": "url_verification", "challenge": "c"}).encode()
            for secret in (SECRET, ""):
                headers = {**sign(body, secret=secret or "x"), "Content-Type": "application/json"}
                url = f"http://127.0.0.1:{port}/slack/events"
                assert httpx.post(url, content=body, headers=headers).status_code == 401
        finally:
            server.should_exit = True
    finally:
        store.close()


def test_build_slack_app_needs_slack_settings(tmp_path: Path) -> None:
    settings = Settings(database_url="sqlite://", data_dir=tmp_path)
    store = open_store(settings.database_url)
    try:
        with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN"):
            build_slack_app(settings, store)
    finally:
        store.close()


def test_notifier_is_shared_with_the_app(tmp_path: Path, fake: FakeSlack) -> None:
    settings = settings_for(tmp_path, fake)
    store = open_store(settings.database_url)
    try:
        slack = build_slack_app(settings, store, directory=Directory())
        assert slack.notifier.client is slack.bolt.client
        assert slack.notifier.channel == "C0SUPPORT01"
    finally:
        store.close()


def test_mentions_fall_back_to_text_when_users_list_fails(
    fake: FakeSlack, directory: Directory
) -> None:
    fake.fail("users.list", "missing_scope")
    client = build_client(
        SlackSettings(bot_token="xoxb-test", support_channel="C1", api_url=fake.base_url)
    )
    people = SlackPeople(client, LazyDirectory(lambda: directory))

    async def mentions() -> list[str | None]:
        return [
            await people.mention("ingrid-solberg"),
            await people.mention("someone@else.example"),
            await people.mention("@not.in.catalogue"),
            await people.mention(None),
        ]

    assert asyncio.run(mentions()) == [
        "@ingrid.solberg",
        "someone@else.example",
        "@not.in.catalogue",
        None,
    ]


def test_mentions_resolve_members_and_cache_the_list(fake: FakeSlack, directory: Directory) -> None:
    client = build_client(
        SlackSettings(bot_token="xoxb-test", support_channel="C1", api_url=fake.base_url)
    )
    people = SlackPeople(client, LazyDirectory(lambda: directory))

    async def mentions() -> list[str | None]:
        return [
            await people.mention("ingrid-solberg"),
            await people.mention("mikkel.haugen@haldencycles.example"),
            await people.mention("@someone.left"),
        ]

    started = time.monotonic()
    assert asyncio.run(mentions()) == ["<@UINGRID>", "<@UMIKKEL>", "@someone.left"]
    assert time.monotonic() - started < 5
    assert len(fake.calls_to("users.list")) == 1


def test_a_failing_engine_gets_the_asker_an_apology(
    tmp_path: Path, fake: FakeSlack, directory: Directory, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_engine(question: str) -> Answer:
        raise RuntimeError(f"the index is corrupt (asked {question!r})")

    settings = settings_for(tmp_path, fake)
    store = open_store(settings.database_url)
    server, port = serve(
        create_app(
            settings,
            store,
            bolt_app=build_slack_app(
                settings, store, answerer=broken_engine, directory=directory
            ).bolt,
        )
    )
    try:
        bot = Bot(f"http://127.0.0.1:{port}", fake, store)
        assert bot.event(mention_event("who owns pos?"), "Ev-broken").status_code == 200
        apology = fake.wait_for("chat.postMessage")[0]
        assert apology.params["thread_ts"] == "1700000000.000100"
        assert "something went wrong" in apology.params["text"]
        assert "<#C0SUPPORT01>" in apology.params["text"]
        command = {
            "command": "/paved",
            "text": "who owns pos?",
            "user_id": "UASKER",
            "channel_id": "CGENERAL",
            "response_url": fake.response_url("broken"),
        }
        assert bot.form(command).status_code == 200
        private = fake.wait_for("response_url:broken")[0]
        assert private.params["response_type"] == "ephemeral"
        assert "something went wrong" in private.params["text"]
        assert "the index is corrupt" in caplog.text, "the traceback is logged"
    finally:
        server.should_exit = True
        store.close()


def test_socket_mode_builds_bolt_but_serves_no_events_route(
    tmp_path: Path, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Socket Mode gets its events over Slack's websocket; /slack/events is not served."""
    monkeypatch.setenv("PAVED_REPO_ROOT", str(ROOT))
    service = build_service(settings_for(tmp_path, fake, secret=None), mount_slack=False)
    try:
        assert service.bolt_app is not None
        paths = {getattr(route, "path", "") for route in service.app.routes}
        assert paths == {"/api", "/healthz"}  # /api mounts /api/feedback and /api/ask
    finally:
        service.store.close()
