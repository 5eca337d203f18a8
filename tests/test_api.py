"""The feedback and ask API, in process through httpx's ASGI transport, on a real SQLite
store. Every refusal is checked with its exact status and body."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from bot_samples import FEEDBACK, PORTAL, RecordingNotifier, make_settings, small_engine

from paved.bot.service import create_app
from paved.bot.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'api.db'}")
    yield opened
    opened.close()


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
async def client(
    tmp_path: Path, store: Store, notifier: RecordingNotifier
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(make_settings(tmp_path), store, notifier=notifier, answerer=small_engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as c:
        yield c


async def test_feedback_is_stored_before_201(
    client: httpx.AsyncClient, store: Store, notifier: RecordingNotifier
) -> None:
    response = await client.post("/api/feedback", json=FEEDBACK, headers={"Origin": PORTAL})
    assert response.status_code == 201
    assert response.headers["access-control-allow-origin"] == PORTAL
    feedback_id = response.json()["id"]
    stored = store.get_feedback(feedback_id)
    assert stored is not None
    assert (stored.page, stored.rating, stored.title, stored.source) == (
        "/products/store-footfall/",
        1,
        "Store footfall",
        "portal",
    )
    assert stored.user_ref is not None
    assert len(stored.user_ref) == 20
    assert notifier.received == []  # a 👍 is not forwarded


async def test_the_portal_widget_payload_is_accepted_and_its_comment_merged(
    client: httpx.AsyncClient, store: Store, notifier: RecordingNotifier
) -> None:
    """The widget (overrides/partials/integrations/analytics/custom.html) sends a 👎 at
    once, then the optional comment as a second request: one click is one rating."""
    widget = {
        "page": "wids/WID-0001-store-footfall.md",
        "rating": 0,
        "url": "http://127.0.0.1:8000/wids/WID-0001/",
        "title": "Store footfall",
        "owner": "sales-custodian@halden.example",
        "kind": "wid",
        "subject": "WID-0001",
    }
    headers = {"Origin": PORTAL}
    first = await client.post("/api/feedback", json=widget, headers=headers)
    assert first.status_code == 201
    second = await client.post(
        "/api/feedback", json={**widget, "comment": "No refresh schedule"}, headers=headers
    )
    assert second.status_code == 200
    assert second.json() == {"id": first.json()["id"], "merged": True}
    stored = store.get_feedback(first.json()["id"])
    assert stored is not None
    assert (stored.comment, stored.owner, stored.kind, stored.subject) == (
        "No refresh schedule",
        "sales-custodian@halden.example",
        "wid",
        "WID-0001",
    )
    [summary] = store.feedback_summary()
    assert (summary.down, summary.comments) == (1, 1)
    assert [f.owner for f in notifier.received] == ["sales-custodian@halden.example"]


async def test_negative_feedback_with_comment_is_forwarded(
    client: httpx.AsyncClient, notifier: RecordingNotifier
) -> None:
    body = {**FEEDBACK, "rating": 0, "comment": "  The owner left in 2025  "}
    response = await client.post("/api/feedback", json=body)
    assert response.status_code == 201
    assert [(f.id, f.comment) for f in notifier.received] == [
        (response.json()["id"], "The owner left in 2025")
    ]
    silent = await client.post("/api/feedback", json={**FEEDBACK, "rating": 0})
    assert silent.status_code == 201
    assert len(notifier.received) == 1  # a 👎 without a comment is only counted


async def test_validation_errors_name_every_field(client: httpx.AsyncClient) -> None:
    body = {"page": "https://evil.example/x", "rating": True, "colour": "red", "comment": 5}
    response = await client.post("/api/feedback", json=body)
    assert response.status_code == 422
    assert response.json() == {
        "error": "invalid_request",
        "message": "colour: unknown field; page: must be a path inside the site such as "
        "/products/store-footfall/; rating: must be 1 (helpful) or 0 (not helpful); "
        "comment: must be a string or null",
        "fields": [
            {"field": "colour", "message": "unknown field"},
            {
                "field": "page",
                "message": "must be a path inside the site such as /products/store-footfall/",
            },
            {"field": "rating", "message": "must be 1 (helpful) or 0 (not helpful)"},
            {"field": "comment", "message": "must be a string or null"},
        ],
    }


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"page": None}, "page", "must be a string"),
        ({"page": "/" + "a" * 512}, "page", "must be at most 512 characters"),
        ({"page": "//evil.example/"}, "page", "must be a path inside the site"),
        ({"page": "/a/../../etc/"}, "page", "must be a path inside the site"),
        ({"page": "a page"}, "page", "must be a path inside the site"),
        ({"owner": "o" * 201}, "owner", "must be at most 200 characters, not 201"),
        ({"kind": ["wid"]}, "kind", "must be a string or null"),
        ({"rating": 2}, "rating", "must be 1 (helpful) or 0 (not helpful)"),
        ({"comment": "x" * 2001}, "comment", "must be at most 2000 characters, not 2001"),
        ({"comment": "nul\x00"}, "comment", "must not contain control characters"),
        ({"url": "javascript:alert(1)"}, "url", "must be an absolute http(s) URL"),
        ({"title": "t" * 301}, "title", "must be at most 300 characters, not 301"),
    ],
)
async def test_each_field_is_validated(
    client: httpx.AsyncClient, change: dict[str, object], field: str, message: str
) -> None:
    response = await client.post("/api/feedback", json={**FEEDBACK, **change})
    assert response.status_code == 422
    [error] = response.json()["fields"]
    assert error["field"] == field
    assert error["message"].startswith(message)


async def test_missing_fields_and_non_object(client: httpx.AsyncClient) -> None:
    missing = await client.post("/api/feedback", json={"comment": "hi"})
    assert [e["field"] for e in missing.json()["fields"]] == ["page", "rating"]
    not_object = await client.post("/api/feedback", json=[1, 2])
    assert not_object.json()["fields"] == [
        {"field": "$", "message": "the body must be a JSON object"}
    ]


@pytest.mark.parametrize(
    ("path", "raw", "status", "where"),
    [
        ("/api/feedback", b'{"page": "/a/", "rating": 1, "comment": "\\ud800"}', 422, "comment"),
        ("/api/feedback", b'{"page": "/\\udc00/", "rating": 1}', 422, "page"),
        ("/api/feedback", b'{"page": "/a/", "rating": 1, "\\ud800": 1}', 422, "\\ud800"),
        ("/api/ask", b'{"question": "hi \\ud800"}', 422, "question"),
        ("/api/feedback", b'{"page": "/a/", "rating": ' + b"9" * 5000 + b"}", 400, None),
        ("/api/ask", b'{"question": ' + b"1" * 5000 + b"}", 400, None),
        ("/api/feedback", b'{"page": "/a/", "rating": NaN}', 400, None),
        ("/api/feedback", b'{"page": "/a/", "rating": 1e999}', 422, "rating"),
        ("/api/feedback", b'{"page": "/a/", "rating": 1.0}', 422, "rating"),
        ("/api/feedback", b'{"page": "/a/", "rating": "1"}', 422, "rating"),
        ("/api/ask", b'{"question": ["hi"]}', 422, "question"),
    ],
)
async def test_malformed_input_is_a_4xx_naming_the_field(
    client: httpx.AsyncClient,
    store: Store,
    path: str,
    raw: bytes,
    status: int,
    where: str | None,
) -> None:
    """Wrong types, lone surrogates (which no store can encode) and numbers past
    Python's 4,300-digit limit are the caller's mistake, never a 500."""
    response = await client.post(path, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == status, response.text
    if where is None:
        assert response.json()["error"] == "invalid_json"
    else:
        assert where in [e["field"] for e in response.json()["fields"]]
    assert store.feedback_summary() == []


async def test_json_only(client: httpx.AsyncClient) -> None:
    form = await client.post("/api/feedback", data={"page": "/a/", "rating": "1"})
    assert form.status_code == 415
    assert form.json()["error"] == "unsupported_media_type"
    broken = await client.post(
        "/api/feedback", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 400
    assert broken.json()["error"] == "invalid_json"
    deep = await client.post(
        "/api/feedback", content=b"[" * 8000, headers={"Content-Type": "application/json"}
    )
    assert deep.status_code == 400


async def test_body_over_the_cap_is_413(client: httpx.AsyncClient, store: Store) -> None:
    big = json.dumps({**FEEDBACK, "comment": "x" * 9000}).encode()
    response = await client.post(
        "/api/feedback", content=big, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json() == {
        "error": "body_too_large",
        "message": "the body must be at most 8192 bytes",
    }

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as read
        for start in range(0, len(big), 1000):
            yield big[start : start + 1000]

    chunked = await client.post(
        "/api/feedback", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413
    assert store.feedback_summary() == []


async def test_cors_allowed_origin_gets_the_headers_on_every_answer(
    client: httpx.AsyncClient,
) -> None:
    headers = {"Origin": PORTAL}
    created = await client.post("/api/feedback", json=FEEDBACK, headers=headers)
    invalid = await client.post("/api/feedback", json={"rating": 3}, headers=headers)
    asked = await client.get("/api/ask", params={"q": "access"}, headers=headers)
    for response, status in ((created, 201), (invalid, 422), (asked, 200)):
        assert response.status_code == status
        assert response.headers["access-control-allow-origin"] == PORTAL
        assert "Origin" in response.headers["vary"]


async def test_cors_denied_origin_is_refused(client: httpx.AsyncClient, store: Store) -> None:
    for origin in ("https://evil.example", f"{PORTAL}.evil.example", "null"):
        response = await client.post("/api/feedback", json=FEEDBACK, headers={"Origin": origin})
        assert response.status_code == 403
        assert "access-control-allow-origin" not in response.headers
        assert response.json() == {
            "error": "origin_not_allowed",
            "message": f"origin {origin} is not allowed",
        }
    assert store.feedback_summary() == []


@pytest.mark.parametrize("path", ["/api/feedback", "/api/ask"])
async def test_preflight(client: httpx.AsyncClient, path: str) -> None:
    request_headers = {
        "Origin": "http://localhost:8000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = await client.options(path, headers=request_headers)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:8000"
    assert "POST" in allowed.headers["access-control-allow-methods"]
    assert "content-type" in allowed.headers["access-control-allow-headers"].lower()
    assert allowed.headers["access-control-max-age"] == "600"
    denied = await client.options(
        path, headers={**request_headers, "Origin": "https://evil.example"}
    )
    assert denied.status_code == 400
    assert "access-control-allow-origin" not in denied.headers
    other_header = await client.options(
        path, headers={**request_headers, "Access-Control-Request-Headers": "x-admin"}
    )
    assert other_header.status_code == 400


async def test_cors_is_scoped_to_the_browser_routes(client: httpx.AsyncClient) -> None:
    """/healthz (and Bolt's /slack/events, tests/test_service.py) never answer CORS."""
    health = await client.get("/healthz", headers={"Origin": PORTAL})
    assert health.status_code == 200
    assert "access-control-allow-origin" not in health.headers
    preflight = await client.options(
        "/healthz", headers={"Origin": PORTAL, "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers


async def test_rate_limit_answers_429_with_retry_after(tmp_path: Path, store: Store) -> None:
    app = create_app(make_settings(tmp_path, rate_limit_per_minute=2), store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client:
        statuses = [(await client.post("/api/feedback", json=FEEDBACK)).status_code for _ in "ab"]
        limited = await client.post("/api/feedback", json=FEEDBACK)
    assert statuses == [201, 201]
    assert limited.status_code == 429
    # sliding window: the two admitted this minute weigh until a minute after it ends
    assert 30 < int(limited.headers["retry-after"]) <= 90
    assert limited.json()["error"] == "rate_limited"
    assert len(store.feedback_summary()) == 1
    assert store.feedback_summary()[0].up == 2


async def test_ask_records_answers_and_unanswered(client: httpx.AsyncClient, store: Store) -> None:
    answered = await client.post("/api/ask", json={"question": "How do I get access?"})
    assert answered.status_code == 200
    body = answered.json()
    assert body["answered"] is True
    assert body["citations"] == [
        {"title": "Access", "url": "/access/", "kind": "doc", "status": None}
    ]
    stored = store.get_answer(body["answer_id"])
    assert stored is not None
    assert stored.answer_text == "Request it with a WID."

    unknown = await client.get("/api/ask", params={"q": "What is the meaning of life?"})
    assert unknown.json()["answered"] is False
    assert unknown.json()["answer_id"] is None
    assert [(g.kind, g.count) for g in store.unanswered_summary()] == [("unanswered", 1)]


async def test_ask_validation(client: httpx.AsyncClient) -> None:
    empty = await client.get("/api/ask", params={"q": "  "})
    assert empty.status_code == 422
    assert empty.json()["fields"] == [{"field": "q", "message": "is required: a non-empty string"}]
    extra = await client.post("/api/ask", json={"question": "hi", "user": "me"})
    assert extra.json()["fields"] == [{"field": "user", "message": "unknown field"}]


async def test_healthz(client: httpx.AsyncClient, store: Store) -> None:
    healthy = await client.get("/healthz")
    assert healthy.json() == {"status": "ok", "store": "sqlite"}
    store.close()
    broken = await client.get("/healthz")
    assert broken.status_code == 503
    assert broken.json()["status"] == "error"
