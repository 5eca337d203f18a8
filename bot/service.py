"""The bot service: one Starlette app serving the feedback/ask API and, when Slack is
configured, Bolt's ``POST /slack/events``. ``create_app`` only assembles parts it is
given; ``build_service`` opens the store and finds the Slack app from settings."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paved.bot.api import api_routes
from paved.bot.api.ask import Answerer
from paved.bot.api.notify import Notifier
from paved.bot.settings import Settings
from paved.bot.store import Store, open_store, redact_url

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

logger = logging.getLogger("paved.bot")

SLACK_APP_MODULE = "paved.bot.slack_app"


class ServiceError(RuntimeError):
    """The service cannot be assembled from these settings (a configuration problem)."""


def create_app(
    settings: Settings,
    store: Store,
    *,
    bolt_app: AsyncApp | None = None,
    notifier: Notifier | None = None,
    answerer: Answerer | None = None,
) -> Starlette:
    """The ASGI app. Without ``bolt_app`` there is no ``/slack/events`` route; without a
    ``notifier`` negative feedback is only logged; without an ``answerer`` the engine in
    ``paved.bot.answer`` is imported on the first question (503 when it is absent)."""
    routes = api_routes(settings, store, notifier=notifier, answerer=answerer)
    if bolt_app is not None:
        from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler

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


def _slack_module() -> object | None:
    try:
        return importlib.import_module(SLACK_APP_MODULE)
    except ModuleNotFoundError as error:
        if error.name == SLACK_APP_MODULE:
            return None
        raise


def build_service(settings: Settings, *, mount_slack: bool = True) -> Service:
    """Open the store (migrating it) and, when Slack is configured, build the Bolt app
    with ``paved.bot.slack_app.build_bolt_app(settings, store)`` and its notifier with
    ``paved.bot.slack_app.build_notifier(settings, store, bolt_app)`` when that exists.
    ``mount_slack=False`` (Socket Mode) keeps the Bolt app off the HTTP routes."""
    store = open_store(settings.database_url)
    logger.info("store: %s", redact_url(settings.database_url))
    bolt_app: AsyncApp | None = None
    notifier: Notifier | None = None
    try:
        if settings.slack is None:
            logger.info("Slack is not configured: serving the feedback and ask API only")
        else:
            module = _slack_module()
            if module is None:
                raise ServiceError(
                    f"Slack is configured but {SLACK_APP_MODULE} is not installed in this build"
                )
            bolt_app = module.build_bolt_app(settings, store)  # type: ignore[attr-defined]
            build_notifier = getattr(module, "build_notifier", None)
            if build_notifier is not None:
                notifier = build_notifier(settings, store, bolt_app)
    except BaseException:
        store.close()
        raise
    # Socket Mode receives events over Slack's websocket: an HTTP route would only be a
    # second door, and its signing secret is not configured there.
    mounted = bolt_app if mount_slack else None
    return Service(
        create_app(settings, store, bolt_app=mounted, notifier=notifier), store, bolt_app
    )
