"""The Slack app: Bolt's ``AsyncApp`` with the bot's listeners, and the notifier the
service uses to forward portal feedback, built together by :func:`build_slack_app` so
both share one Web API client and one people directory.

The Web API client retries on its own: a 429 is retried after the ``Retry-After`` Slack
sends (twice at most), and a dropped connection once, so a burst of answers or a blip
of the network does not lose a reply."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.answer import answer as default_answerer
from paved.bot.api.ask import Answerer
from paved.bot.listeners import register_listeners
from paved.bot.listeners.claims import EventClaims
from paved.bot.listeners.deps import Deps
from paved.bot.listeners.directory import Directory, LazyDirectory, load_directory
from paved.bot.notify import SlackNotifier, SlackPeople
from paved.bot.settings import Settings, SettingsError, SlackSettings
from paved.bot.store import Store

#: Slack's default Web API address; ``SLACK_API_URL`` replaces it (a local fake in tests)
DEFAULT_API_URL = "https://slack.com/api/"
RATE_LIMIT_RETRIES = 2


@dataclass(frozen=True)
class SlackApp:
    """The Bolt app (mounted at ``/slack/events`` or run over Socket Mode) and the
    notifier ``create_app`` gives the feedback API."""

    bolt: AsyncApp
    notifier: SlackNotifier


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


def build_slack_app(
    settings: Settings,
    store: Store,
    *,
    answerer: Answerer | None = None,
    client: AsyncWebClient | None = None,
    directory: Directory | None = None,
) -> SlackApp:
    """The Bolt app with every listener, and its notifier. ``answerer`` defaults to
    ``paved.bot.answer.answer`` (the engine builds its index on the first question);
    ``directory`` (pages and owners) to the repository at ``PAVED_REPO_ROOT``, loaded on
    first use."""
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
    notifier = SlackNotifier(
        client, channel=slack.support_channel, people=people, portal_url=settings.portal_url
    )
    deps = Deps(
        store=store,
        answerer=answerer or default_answerer,
        people=people,
        notifier=notifier,
        support_channel=slack.support_channel,
        portal_url=settings.portal_url,
        claims=EventClaims(store),
    )
    register_listeners(app, deps)
    return SlackApp(app, notifier)
