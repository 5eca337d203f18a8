"""The bot service: one Starlette app serving the feedback/ask API and, when Slack is
configured, Bolt's ``POST /slack/events``. ``create_app`` only assembles parts it is
given; ``build_service`` opens the store and builds the Slack app from settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paved.bot.api import api_routes
from paved.bot.api.ask import Answerer
from paved.bot.api.notify import Notifier
from paved.bot.settings import Settings
from paved.bot.slack_app import build_slack_app
from paved.bot.store import Store, open_store, redact_url

logger = logging.getLogger("paved.bot")


class ServiceError(RuntimeError):
    """The service cannot be assembled from these settings. Nothing raises it since the
    Slack app always ships; ``paved bot`` still catches it (paved.generator.cli.bot)."""


def create_app(
    settings: Settings,
    store: Store,
    *,
    bolt_app: AsyncApp | None = None,
    notifier: Notifier | None = None,
    answerer: Answerer | None = None,
) -> Starlette:
    """The ASGI app. Without ``bolt_app`` there is no ``/slack/events`` route; without a
    ``notifier`` negative feedback is only logged; without an ``answerer`` questions go to
    ``paved.bot.answer.answer``."""
    routes = api_routes(settings, store, notifier=notifier, answerer=answerer)
    if bolt_app is not None:
        handler = AsyncSlackRequestHandler(bolt_app)

        async def slack_events(request: Request) -> Response:
            return await handler.handle(request)

        routes.append(Route("/slack/events", slack_events, methods=["POST"]))
    app = Starlette(routes=routes)
    app.state.settings = settings
    app.state.store = store
    return app


@dataclass
class Service:
    """Everything ``paved bot`` runs: the ASGI app, its store and the Bolt app, if any."""

    app: Starlette
    store: Store
    bolt_app: AsyncApp | None


def build_service(settings: Settings, *, mount_slack: bool = True) -> Service:
    """Open the store (migrating it) and, when Slack is configured, build the Bolt app and
    its notifier with :func:`paved.bot.slack_app.build_slack_app`. ``mount_slack=False``
    (Socket Mode) keeps the Bolt app off the HTTP routes."""
    store = open_store(settings.database_url)
    logger.info("store: %s", redact_url(settings.database_url))
    bolt_app: AsyncApp | None = None
    notifier: Notifier | None = None
    try:
        if settings.slack is None:
            logger.info("Slack is not configured: serving the feedback and ask API only")
        else:
            slack = build_slack_app(settings, store)
            bolt_app, notifier = slack.bolt, slack.notifier
    except BaseException:
        store.close()
        raise
    # Socket Mode receives events over Slack's websocket: an HTTP route would only be a
    # second door, and its signing secret is not configured there.
    mounted = bolt_app if mount_slack else None
    return Service(
        create_app(settings, store, bolt_app=mounted, notifier=notifier), store, bolt_app
    )
