"""The Slack app: Bolt's ``AsyncApp`` with the bot's listeners, and the notifier the
service uses to forward portal feedback. ``paved.bot.service.build_service`` calls both.

The Web API client retries on its own: a 429 is retried after the ``Retry-After`` Slack
sends (twice at most), and a dropped connection once, so a burst of answers or a blip
of the network does not lose a reply."""

from __future__ import annotations

import secrets
import weakref

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.api.ask import Answerer
from paved.bot.listeners import register_listeners
from paved.bot.listeners.answering import EngineAnswerer
from paved.bot.listeners.claims import EventClaims
from paved.bot.listeners.deps import Deps
from paved.bot.listeners.directory import Directory, LazyDirectory, load_directory
from paved.bot.notify import SlackNotifier, SlackPeople
from paved.bot.settings import Settings, SettingsError, SlackSettings
from paved.bot.store import Store

#: Slack's default Web API address; ``SLACK_API_URL`` replaces it (a local fake in tests)
DEFAULT_API_URL = "https://slack.com/api/"
RATE_LIMIT_RETRIES = 2

# The notifier shares the listeners' client and people directory; build_service hands
# us back the app, so the app is the key.
_DEPS: weakref.WeakKeyDictionary[AsyncApp, Deps] = weakref.WeakKeyDictionary()


def build_client(slack: SlackSettings) -> AsyncWebClient:
    """The bot's Web API client, with Slack's rate-limit and connection retry handlers."""
    return AsyncWebClient(
        token=slack.bot_token,
        base_url=slack.api_url or DEFAULT_API_URL,
        retry_handlers=[
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
            AsyncConnectionErrorRetryHandler(max_retry_count=1),
        ],
    )


def build_bolt_app(
    settings: Settings,
    store: Store,
    *,
    answerer: Answerer | None = None,
    client: AsyncWebClient | None = None,
    directory: Directory | None = None,
) -> AsyncApp:
    """The Bolt app with every listener. ``answerer`` defaults to ``paved.bot.answer.answer``
    (imported on the first question); ``directory`` (pages and owners) to the
    repository at ``PAVED_REPO_ROOT``, loaded on first use."""
    slack = settings.slack
    if slack is None:
        raise SettingsError("Slack is not configured: set SLACK_BOT_TOKEN and its companions")
    client = client or build_client(slack)
    # Socket Mode has no signing secret. Requests that still reach /slack/events over
    # HTTP must fail verification, never skip it: a random secret nobody knows does that.
    signing_secret = slack.signing_secret or secrets.token_hex(32)
    app = AsyncApp(signing_secret=signing_secret, client=client)
    people = SlackPeople(
        client, LazyDirectory((lambda: directory) if directory is not None else load_directory)
    )
    deps = Deps(
        store=store,
        answerer=EngineAnswerer(answerer),
        people=people,
        notifier=SlackNotifier(
            client, channel=slack.support_channel, people=people, portal_url=settings.portal_url
        ),
        support_channel=slack.support_channel,
        portal_url=settings.portal_url,
        claims=EventClaims(store),
    )
    register_listeners(app, deps)
    _DEPS[app] = deps
    return app


def build_notifier(settings: Settings, store: Store, bolt_app: AsyncApp) -> SlackNotifier:
    """The notifier for portal 👎 comments, sharing the app's client and directory."""
    deps = _DEPS.get(bolt_app)
    if deps is not None:
        return deps.notifier
    slack = settings.slack
    if slack is None:
        raise SettingsError("Slack is not configured: there is nowhere to forward feedback")
    client = bolt_app.client
    people = SlackPeople(client, LazyDirectory(load_directory))
    return SlackNotifier(
        client, channel=slack.support_channel, people=people, portal_url=settings.portal_url
    )
