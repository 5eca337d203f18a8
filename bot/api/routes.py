"""Starlette endpoints for ``/api/feedback``, ``/api/ask`` and ``/healthz``.

CORS is Starlette's ``CORSMiddleware``, on the two browser routes only (not on
``/healthz``, nor on Bolt's ``/slack/events``): it answers preflights and adds the
``Access-Control-*`` headers for the origins in ``PAVED_ALLOWED_ORIGINS``. It lets other
origins' requests through without those headers; these routes refuse them (403).

Order of checks on a browser route: origin (403), rate (429), content type (415), body
size (413), JSON (400: not UTF-8, not JSON, a duplicate key, numbers past Python's
4,300-digit limit, nesting too deep), fields (422); then the store call, and the answer
only after the commit. ``GET /api/ask`` takes one parameter, ``q``, from a query string
of at most 4 KB of valid percent-encoded UTF-8 (414, 400, 422 otherwise). Malformed input
is always a 4xx, never a 500. Store calls are blocking, so they run in Starlette's
thread pool."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from paved.bot.answer import answer as default_answerer
from paved.bot.api.ask import Answerer, to_payload
from paved.bot.api.limits import BodyTooLarge, RateLimiter, read_capped, retry_after_header
from paved.bot.api.notify import LoggingNotifier, Notifier
from paved.bot.api.validation import (
    FieldError,
    validate_ask_body,
    validate_feedback,
    validate_question,
)
from paved.bot.settings import Settings
from paved.bot.store import NewFeedback, Store
from paved.bot.urls import origin_of

logger = logging.getLogger("paved.bot.api")

Endpoint = Callable[[Request], Awaitable[Response]]
#: how long a browser may cache a preflight's answer, in seconds
PREFLIGHT_MAX_AGE = 600
#: the longest query string ``GET /api/ask`` reads (a question is 500 characters, each
#: at most 12 bytes percent-encoded, with room to spare)
MAX_QUERY_BYTES = 8192
#: the query parameters ``GET /api/ask`` knows
ASK_PARAMETERS = ("q",)


def _error(
    status: int, error: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": error, "message": message}, status, headers=headers)


def _no_constant(name: str) -> object:
    """NaN and Infinity are not JSON, though Python's parser accepts them."""
    raise ValueError(f"{name} is not a JSON value")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """JSON objects without duplicate keys: with one, the last would silently win."""
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            shown = key.encode("utf-8", "backslashreplace").decode("utf-8")
            raise ValueError(f"duplicate key {shown!r}")
        result[key] = value
    return result


def _invalid(errors: list[FieldError]) -> JSONResponse:
    body = {
        "error": "invalid_request",
        "message": "; ".join(f"{e.field}: {e.message}" for e in errors),
        "fields": [e.as_json() for e in errors],
    }
    return JSONResponse(body, 422)


#: Sec-Fetch-Site values of a request a page of another origin caused.
_OTHER_SITES = frozenset({"cross-site", "same-site"})


class Api:
    """The routes' shared state: settings, store, limits, notifier and answer engine."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        notifier: Notifier | None = None,
        answerer: Answerer | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.notifier: Notifier = notifier or LoggingNotifier()
        self.answerer: Answerer = answerer or default_answerer
        self.feedback_limiter = RateLimiter(store, "feedback", settings.rate_limit_per_minute)
        self.ask_limiter = RateLimiter(store, "ask", settings.rate_limit_per_minute)
        self._salt: str | None = None
        # the page a reader rated is on the portal, or on a site allowed to embed the widget
        self.url_origins = frozenset(
            [origin_of(settings.portal_url), *(origin_of(o) for o in settings.allowed_origins)]
        )

    # shared checks --------------------------------------------------------------------

    async def _guard(self, request: Request, limiter: RateLimiter) -> Response | None:
        """Origin and rate checks: an error response, or None to go on. No Origin header
        (curl, server to server) is allowed; a browser's must be listed. A browser sends
        no Origin with a GET another site causes (``<img src=...>``, a link): it says
        so in Sec-Fetch-Site, and such a request is refused as a listed origin's is not."""
        origin = request.headers.get("origin")
        if origin is not None and origin not in self.settings.allowed_origins:
            return _error(403, "origin_not_allowed", f"origin {origin} is not allowed")
        if origin is None and request.headers.get("sec-fetch-site") in _OTHER_SITES:
            return _error(
                403, "cross_site_request", "requests another site makes a browser send are refused"
            )
        client = request.client.host if request.client else "unknown"
        wait = await run_in_threadpool(limiter.acquire, client)
        if wait > 0:
            headers = {"Retry-After": retry_after_header(wait)}
            return _error(429, "rate_limited", "too many requests; retry later", headers)
        return None

    async def _json_body(self, request: Request) -> tuple[object, Response | None]:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return None, _error(
                415, "unsupported_media_type", "send Content-Type: application/json"
            )
        limit = self.settings.max_body_bytes
        try:
            raw = await read_capped(request.headers.get("content-length"), request.stream(), limit)
        except BodyTooLarge:
            return None, _error(413, "body_too_large", f"the body must be at most {limit} bytes")
        try:
            payload = json.loads(raw, parse_constant=_no_constant, object_pairs_hook=_unique_keys)
        # ValueError: JSONDecodeError, and integers past Python's 4,300-digit limit
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            return None, _error(400, "invalid_json", f"the body is not valid JSON: {error}")
        return payload, None

    def _user_ref(self, request: Request, salt: str) -> str:
        """A salted hash of client address and user agent: counts repeat raters without
        storing who they are. The salt lives in the store so replicas agree."""
        client = request.client.host if request.client else ""
        agent = request.headers.get("user-agent", "")
        return hashlib.sha256(f"{salt}\n{client}\n{agent}".encode()).hexdigest()[:20]

    async def _get_salt(self) -> str:
        if self._salt is None:
            self._salt = await run_in_threadpool(
                self.store.setdefault_value, "feedback_user_salt", secrets.token_hex(16)
            )
        return self._salt

    # endpoints ------------------------------------------------------------------------

    async def feedback(self, request: Request) -> Response:
        refused = await self._guard(request, self.feedback_limiter)
        if refused is not None:
            return refused
        payload, refused = await self._json_body(request)
        if refused is not None:
            return refused
        valid, errors = validate_feedback(payload, self.url_origins)
        if valid is None:
            return _invalid(errors)
        user_ref = self._user_ref(request, await self._get_salt())
        merged_id = None
        if valid.rating == 0 and valid.comment:
            # the widget's follow-up comment to a 👎 it already sent: one click, one row
            merged_id = await run_in_threadpool(
                self.store.attach_comment, valid.page, user_ref, valid.comment
            )
        if merged_id is None:
            record = NewFeedback(
                page=valid.page,
                rating=valid.rating,
                url=valid.url,
                title=valid.title,
                comment=valid.comment,
                source="portal",
                user_ref=user_ref,
                owner=valid.owner,
                kind=valid.kind,
                subject=valid.subject,
            )
            feedback_id = await run_in_threadpool(self.store.add_feedback, record)  # committed
        else:
            feedback_id = merged_id
        task = None
        if valid.rating == 0 and valid.comment:
            task = BackgroundTask(self._notify, feedback_id)
        if merged_id is not None:
            body: dict[str, object] = {"id": feedback_id, "merged": True}
            return JSONResponse(body, 200, background=task)
        return JSONResponse({"id": feedback_id}, 201, background=task)

    async def _notify(self, feedback_id: int) -> None:
        # Runs after the 201 was sent. The row is committed, so a failed notification
        # loses nothing: it is logged with its traceback rather than raised into a
        # request that has already finished.
        try:
            stored = await run_in_threadpool(self.store.get_feedback, feedback_id)
            if stored is not None:
                await self.notifier.on_negative_feedback(stored)
        except Exception:
            logger.exception("could not forward negative feedback #%s", feedback_id)

    async def ask(self, request: Request) -> Response:
        refused = await self._guard(request, self.ask_limiter)
        if refused is not None:
            return refused
        if request.method == "GET":
            params, refused = self._query(request)
            if refused is not None:
                return refused
            question, errors = validate_question(params.get("q"), "q")
            errors += [FieldError(name, "unknown parameter") for name in params if name != "q"]
            if errors:
                question = None
        else:
            payload, refused = await self._json_body(request)
            if refused is not None:
                return refused
            question, errors = validate_ask_body(payload)
        if question is None:
            return _invalid(errors)
        # the engine builds its index on the first question: keep that off the event loop
        answer = to_payload(await run_in_threadpool(self.answerer, question))
        answer_id = None
        if answer.answered:
            answer_id = await run_in_threadpool(
                self.store.record_answer, question, answer.text, answer.citations
            )
        else:
            await run_in_threadpool(self.store.record_unanswered, question)
        body = {
            "answered": answer.answered,
            "text": answer.text,
            "citations": answer.citations,
            "answer_id": answer_id,
        }
        return JSONResponse(body, 200)

    def _query(self, request: Request) -> tuple[dict[str, str], Response | None]:
        """The query string, strictly: at most :data:`MAX_QUERY_BYTES`, ASCII on the wire,
        valid UTF-8 once decoded, each parameter given once."""
        raw: bytes = request.scope.get("query_string", b"")
        if len(raw) > MAX_QUERY_BYTES:
            message = f"the query string must be at most {MAX_QUERY_BYTES} bytes"
            return {}, _error(414, "uri_too_long", message)
        try:
            pairs = parse_qsl(
                raw.decode("ascii"),
                keep_blank_values=True,
                errors="strict",
                max_num_fields=len(ASK_PARAMETERS) + 8,
            )
        except (UnicodeDecodeError, ValueError):
            message = "the query string must be percent-encoded UTF-8 with few parameters"
            return {}, _error(400, "invalid_query", message)
        params: dict[str, str] = {}
        for name, value in pairs:
            if name in params:
                return {}, _error(400, "invalid_query", f"{name} is given more than once")
            params[name] = value
        return params, None

    async def healthz(self, request: Request) -> Response:  # noqa: ARG002 - a route's signature
        """200 when the store answers and accepts a write (probed in a transaction that
        is rolled back); 503 otherwise. The reason goes to the log, not to the caller."""
        try:
            await run_in_threadpool(self.store.ping)
        except Exception:  # the point of a health check: report, don't crash
            logger.exception("health check: the store does not answer or refuses writes")
            body = {"status": "error", "store": self.store.dialect, "writable": False}
            return JSONResponse(body, 503)
        return JSONResponse({"status": "ok", "store": self.store.dialect})


def api_routes(
    settings: Settings,
    store: Store,
    *,
    notifier: Notifier | None = None,
    answerer: Answerer | None = None,
) -> list[BaseRoute]:
    """The API's routes, sharing one :class:`Api` state: ``/api/*`` behind CORS."""
    api = Api(settings, store, notifier=notifier, answerer=answerer)
    cors = Middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        # the portal's widget tells a rate-limited reader when to try again
        expose_headers=["Retry-After"],
        max_age=PREFLIGHT_MAX_AGE,
    )
    browser = [
        Route("/feedback", api.feedback, methods=["POST"]),
        Route("/ask", api.ask, methods=["GET", "POST"]),
    ]
    return [
        Mount("/api", routes=browser, middleware=[cors]),
        Route("/healthz", api.healthz, methods=["GET"]),
    ]
