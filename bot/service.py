"""The bot service: one Starlette app serving the feedback/ask API and, when Slack is
configured, Bolt's ``POST /slack/events``. ``create_app`` only assembles parts it is
given; ``build_service`` opens the store and builds the Slack app from settings."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from dataclasses import dataclass

from slack_bolt.adapter.starlette.async_handler import (
    to_async_bolt_request,
    to_starlette_response,
)
from slack_bolt.async_app import AsyncApp
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from paved.bot.api import api_routes
from paved.bot.api.ask import Answerer
from paved.bot.api.limits import BodyTooLarge, read_capped
from paved.bot.api.notify import Notifier
from paved.bot.settings import Settings
from paved.bot.slack_app import build_slack_app
from paved.bot.store import Store, open_store, redact_url

logger = logging.getLogger("paved.bot")
slack_logger = logging.getLogger("paved.bot.slack.http")

#: the largest body ``/slack/events`` reads (Slack's largest payloads, modal states with
#: long inputs, are tens of kilobytes)
SLACK_MAX_BODY_BYTES = 1024 * 1024
#: how old (or how far ahead) a signed request's timestamp may be. Bolt, which checks
#: the signature again, allows 300 s: ours is shorter so a request that passes here
#: never fails there (Bolt would log the whole body at debug level).
SLACK_MAX_AGE_SECONDS = 290
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def body_digest(body: bytes) -> str:
    """What the log says about a request body: never its content, only a digest."""
    return f"sha256:{hashlib.sha256(body).hexdigest()[:16]} ({len(body)} bytes)"


def slack_signature_valid(
    secret: str, timestamp: str | None, signature: str | None, body: bytes, now: float
) -> bool:
    """Slack's v0 request signature, checked strictly: a timestamp of ASCII digits
    within :data:`SLACK_MAX_AGE_SECONDS` of ``now``, a signature of the form
    ``v0=<64 hex digits>``, compared in constant time. Malformed headers are just
    invalid (``slack_sdk``'s verifier raises on a non-numeric timestamp)."""
    if timestamp is None or signature is None:
        return False
    if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
        return False
    if abs(now - int(timestamp)) > SLACK_MAX_AGE_SECONDS:
        return False
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii"))


class SlackEvents:
    """``POST /slack/events``: nothing of an unsigned request is parsed or logged.

    The body is read up to :data:`SLACK_MAX_BODY_BYTES` (413 beyond, refused on a large
    Content-Length before reading, and never buffered past the cap); the signature is
    verified over the raw bytes (401); the body must be UTF-8 (400); only then does
    Bolt see it (and verify it again). The log gets a digest of the body, never the
    body. Without a signing secret (Socket Mode) every request is refused."""

    def __init__(self, bolt_app: AsyncApp, signing_secret: str | None) -> None:
        self.bolt_app = bolt_app
        self.signing_secret = signing_secret

    async def handle(self, request: Request) -> Response:
        if self.signing_secret is None:
            return _refusal(401, "invalid_request", "this service takes no HTTP events")
        try:
            body = await read_capped(
                request.headers.get("content-length"), request.stream(), SLACK_MAX_BODY_BYTES
            )
        except BodyTooLarge:
            slack_logger.warning("refused a request body over %d bytes", SLACK_MAX_BODY_BYTES)
            message = f"the body must be at most {SLACK_MAX_BODY_BYTES} bytes"
            return _refusal(413, "body_too_large", message)
        digest = body_digest(body)
        valid = slack_signature_valid(
            self.signing_secret,
            request.headers.get("x-slack-request-timestamp"),
            request.headers.get("x-slack-signature"),
            body,
            time.time(),
        )
        if not valid:
            slack_logger.warning("refused a request with no valid signature: %s", digest)
            return _refusal(401, "invalid_request", "invalid request")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            slack_logger.warning("refused a signed request that is not UTF-8: %s", digest)
            return _refusal(400, "invalid_request", "the body must be UTF-8")
        slack_logger.debug("signed Slack request: %s", digest)
        bolt_request = to_async_bolt_request(request, body)
        return to_starlette_response(await self.bolt_app.async_dispatch(bolt_request))


def _refusal(status: int, error: str, message: str) -> Response:
    return JSONResponse({"error": error, "message": message}, status)


class SecurityHeaders:
    """Every response says ``X-Content-Type-Options: nosniff`` (a JSON answer quoting a
    question is never sniffed as HTML) and ``Cache-Control: private, no-cache`` (never
    served from a shared cache or without asking again). Not ``no-store``: the answers
    are the portal's own content, and Chromium's DevTools protocol cannot read the body
    of a no-store response, which hung the browser test of the feedback widget."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"cache-control", b"private, no-cache"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in self.HEADERS if n not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    settings: Settings,
    store: Store,
    *,
    bolt_app: AsyncApp | None = None,
    notifier: Notifier | None = None,
    answerer: Answerer | None = None,
) -> Starlette:
    """The ASGI app. Without ``bolt_app`` there is no ``/slack/events`` route; with one,
    the route verifies requests with ``settings.slack.signing_secret`` (:class:`SlackEvents`;
    none set refuses them all); without a ``notifier`` negative feedback is only logged;
    without an ``answerer`` questions go to ``paved.bot.answer.answer``."""
    routes = api_routes(settings, store, notifier=notifier, answerer=answerer)
    if bolt_app is not None:
        secret = settings.slack.signing_secret if settings.slack is not None else None
        routes.append(
            Route("/slack/events", SlackEvents(bolt_app, secret).handle, methods=["POST"])
        )
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
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
