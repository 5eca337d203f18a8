"""The real Bolt app, wired by ``paved.bot.slack_app.build_slack_app`` and mounted by
``paved.bot.service.create_app``, served by a real uvicorn on a random loopback port, talking to
the fake Slack of ``fake_slack.py``. Answers come from the real engine over the bundled
Halden example (built once per session: it takes a fraction of a second)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_slack import FakeSlack
from slack_harness import MEMBERS, PORTAL, ROOT, SECRET, SUPPORT, Bot, serve

from paved.bot.answer.engine import Engine
from paved.bot.listeners.directory import Directory, directory_from_platform
from paved.bot.service import create_app
from paved.bot.settings import Settings, SlackSettings
from paved.bot.slack_app import build_slack_app
from paved.bot.store import open_store


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_root(ROOT)


@pytest.fixture(scope="session")
def directory(engine: Engine) -> Directory:
    return directory_from_platform(engine.platform)


@pytest.fixture(scope="module")
def bot(
    tmp_path_factory: pytest.TempPathFactory, engine: Engine, directory: Directory
) -> Iterator[Bot]:
    fake = FakeSlack(MEMBERS).start()
    data = tmp_path_factory.mktemp("slack")
    settings = Settings(
        database_url=f"sqlite:///{data / 'bot.db'}",
        data_dir=data,
        portal_url=PORTAL,
        allowed_origins=(PORTAL,),
        slack=SlackSettings(
            bot_token="xoxb-test",
            support_channel=SUPPORT,
            signing_secret=SECRET,
            api_url=fake.base_url,
        ),
    )
    store = open_store(settings.database_url)
    slack = build_slack_app(settings, store, answerer=engine.ask, directory=directory)
    app = create_app(settings, store, bolt_app=slack.bolt, notifier=slack.notifier)
    server, port = serve(app)
    try:
        yield Bot(f"http://127.0.0.1:{port}", fake, store)
    finally:
        server.should_exit = True
        fake.stop()
        store.close()


@pytest.fixture
def slack(bot: Bot) -> Bot:
    """The module's bot with the fake's record cleared for this test."""
    bot.fake.reset()
    return bot
