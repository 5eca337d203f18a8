"""The service's endpoints under hostile input, over real HTTP: the real Starlette app
of ``paved.bot.service.create_app`` (with the real Bolt app at /slack/events) served by
uvicorn on a loopback port, on a real SQLite store (and PostgreSQL when reachable).

Every malformed request is a 4xx, never a 500; /slack/events reads at most 1 MB and
nothing of an unsigned request is parsed or logged; /healthz fails when the store
refuses writes; database URLs are checked and never logged with their secrets."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import uvicorn
import yaml
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.answer import Answer
from paved.bot.service import SLACK_MAX_BODY_BYTES, build_service, create_app
from paved.bot.settings import Settings, SettingsError, SlackSettings, database_url_from_env
from paved.bot.store import Store, open_store, redact_url

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "endpoint_cases.yaml").read_text())
PORTAL = "http://127.0.0.1:8000"
SECRET = "security-signing-secret"
POSTGRES_URL = os.environ.get(
    "PAVED_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def cases(*classes: str) -> list[dict[str, Any]]:
    return [c for c in CASES if c["class"] in classes and c.get("payload")]


def engine(question: str) -> Answer:
    """Declines everything: the questions are stored as unanswered (another module's
    engine is not what these tests are about)."""
    return Answer("I do not know.")


def serve(app: Any) -> tuple[uvicorn.Server, int]:
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    return server, int(server.servers[0].sockets[0].getsockname()[1])


@dataclasses.dataclass
class Served:
    url: str
    port: int
    store: Store


def _bolt() -> AsyncApp:
    client = AsyncWebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/")
    return AsyncApp(signing_secret=SECRET, client=client)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data = tmp_path_factory.mktemp("endpoints")
    settings = Settings(
        database_url=f"sqlite:///{data / 'bot.db'}",
        data_dir=data,
        portal_url=PORTAL,
        allowed_origins=(PORTAL,),
        rate_limit_per_minute=0,
        slack=SlackSettings(bot_token="xoxb-test", support_channel="C1", signing_secret=SECRET),
    )
    store = open_store(settings.database_url)
    server, port = serve(create_app(settings, store, bolt_app=_bolt(), answerer=engine))
    try:
        yield Served(f"http://127.0.0.1:{port}", port, store)
    finally:
        server.should_exit = True
        store.close()


def raw_request(port: int, head: bytes, body: bytes = b"", *, read_timeout: float = 10) -> bytes:
    """Send bytes as they are (headers no client library would send) and read the reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as sock:
        sock.sendall(head + body)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks):
                break
        return b"".join(chunks)


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


# the corpus -----------------------------------------------------------------------------


def send_case(served: Served, payload: str) -> httpx.Response:
    """A corpus payload as the corpus means it: a request line, a form, or a JSON body."""
    if payload.startswith("GET "):
        path = payload[4:].strip()
        return httpx.get(served.url + path.replace(" ", "%20").replace("'", "%27"), timeout=10)
    if payload.startswith("<form"):
        # the cross-site form post: text/plain, which needs no CORS preflight
        body = '{"page":"/","rating":1,"comment":"<img src=x onerror=alert(1)>","x":"="}'
        headers = {"Content-Type": "text/plain", "Origin": "https://attacker.example"}
        return httpx.post(served.url + "/api/feedback", content=body, headers=headers)
    if payload.startswith("{"):
        headers = {"Content-Type": "application/json"}
        return httpx.post(served.url + "/api/feedback", content=payload.encode(), headers=headers)
    return httpx.get(served.url + "/api/ask", params={"q": payload}, timeout=10)


@pytest.mark.parametrize("case", cases("api-stored", "slack-mrkdwn"), ids=lambda c: c["id"])
def test_corpus_case_is_stored_or_refused_never_a_500(served: Served, case: dict[str, Any]) -> None:
    response = send_case(served, case["payload"])
    assert 200 <= response.status_code < 500, (case["id"], response.status_code, response.text)
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    if response.status_code >= 400:
        assert set(response.json()) >= {"error", "message"}


def test_cross_site_text_plain_post_is_refused(served: Served) -> None:  # AS-012
    [case] = [c for c in CASES if c["id"] == "AS-012"]
    response = send_case(served, case["payload"])
    assert response.status_code == 403  # the foreign Origin first; text/plain is a 415
    same_origin = httpx.post(
        served.url + "/api/feedback",
        content=b'{"page":"/","rating":1}',
        headers={"Content-Type": "text/plain", "Origin": PORTAL},
    )
    assert same_origin.status_code == 415


@pytest.mark.parametrize(
    "rating",
    [
        b'"5<script>window.__pwned=1</script>"',
        b"-1",
        b"6",
        b"3.5",
        b"1e309",
        b"NaN",
        b"Infinity",
        b"true",
        b"null",
        b"[]",
        b"{}",
        b"9" * 5000,
        b"-" + b"1" * 4301,
    ],
)
def test_hostile_ratings_are_4xx(served: Served, rating: bytes) -> None:  # AS-006
    body = b'{"page": "/", "rating": ' + rating + b"}"
    response = httpx.post(
        served.url + "/api/feedback", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code in (400, 422), response.text


@pytest.mark.parametrize("field", ["timestamp", "created_at", "ts"])
@pytest.mark.parametrize(
    "value",
    [
        "9999-99-99T99:99:99Z",
        "2024-02-30",
        "-1",
        1e20,
        "0000-00-00",
        "2024-01-01T00:00:00+25:00",
        '<img src=x onerror=window.__pwned="AS-009">',
    ],
)
def test_client_timestamps_are_refused(served: Served, field: str, value: object) -> None:
    response = httpx.post(  # AS-009: the server dates every row; a client's is unknown
        served.url + "/api/feedback", json={"page": "/", "rating": 1, field: value}
    )
    assert response.status_code == 422
    assert response.json()["fields"] == [{"field": field, "message": "unknown field"}]


def test_duplicate_keys_are_refused(served: Served) -> None:  # AS-013
    body = b'{"page": "/", "rating": 1, "rating": "<b>dup</b>"}'
    response = httpx.post(
        served.url + "/api/feedback", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "duplicate key 'rating'" in response.json()["message"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[" * 100_000 + b"]" * 100_000, 413),  # AS-014: too big before too deep
        (b"[" * 4000 + b"]" * 4000, 400),  # too deep for the parser, within the size
        (b'{"page": "/", "rating": 1, "comment": "\xff\xfe"}', 400),  # not UTF-8
        (b'{"page": "/", "rating": 1, "comment": "a\\u0000b"}', 422),  # AS-008: NUL
        (b'{"page": "/", "rating": 1, "comment": "\\ud800 x \\udfff"}', 422),  # AS-007
        (b"\xef\xbb\xbf{}", 422),  # json.loads skips a UTF-8 BOM: an empty object
        (b"", 400),
    ],
)
def test_malformed_bodies_are_4xx(served: Served, body: bytes, status: int) -> None:
    response = httpx.post(
        served.url + "/api/feedback", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == status, response.text


def test_ten_megabyte_comment_is_refused_before_it_is_read(served: Served) -> None:  # AS-014
    head = (
        b"POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 10485760\r\n\r\n"
    )
    reply = raw_request(served.port, head, b'{"page": "/", "rating": 1, "comment": "')
    assert status_of(reply) == 413  # answered while 10 MB were still to come


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("q=" + "a" * 9000, 414),  # a huge query string
        ("q=" + "9" * 5000, 422),  # 5,000 digits: a string, too long a question
        ("q=" + "9" * 600, 422),  # too long a question
        ("q=%FF%FE", 400),  # not UTF-8
        ("q=%ED%A0%80", 400),  # a lone surrogate, as UTF-8 would spell it
        ("q=a&q=b", 400),  # twice
        ("q=hi&callback=alert", 422),  # AS-011: no JSONP, no unknown parameter
        ("q=%00", 422),  # NUL
        ("q=%E2%80%AE", 200),  # a bidi control is text (escaped where shown)
        ("q=" + "&x" * 20, 400),  # too many parameters
        ("", 422),  # no question
    ],
)
def test_ask_query_strings(served: Served, query: str, status: int) -> None:
    response = httpx.get(f"{served.url}/api/ask?{query}", timeout=10)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"


def test_reflected_question_is_json_not_html(served: Served) -> None:  # AS-010
    question = "<img src=x onerror=\"window.__pwned='AS-010'\">"
    response = httpx.get(f"{served.url}/api/ask", params={"q": question})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "header",
    [
        b"Content-Type: application/json\xff\r\n",
        b"Content-Type: text/html\r\n",
        b"Content-Type: application/x-www-form-urlencoded\r\n",
        b"Content-Type: multipart/form-data; boundary=x\r\n",
        b"Origin: https://\xe9vil.example\r\n",
        b"Origin: null\r\n",
        b"User-Agent: " + b"\xff" * 200 + b"\r\n",
    ],
)
def test_odd_headers_are_4xx(served: Served, header: bytes) -> None:
    body = b'{"page": "/", "rating": 1}'
    head = (
        b"POST /api/feedback HTTP/1.1\r\nHost: x\r\n"
        + (b"" if header.startswith(b"Content-Type") else b"Content-Type: application/json\r\n")
        + header
        + b"Content-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
    )
    status = status_of(raw_request(served.port, head, body))
    assert status in (201, 403, 415) if b"User-Agent" not in header else status == 201


@pytest.mark.parametrize(
    "length", [b"\xc2\xb2", b"1_0", b" 1", b"9" * 5000, b"-1", b"0x10", b"1e3"]
)
def test_malformed_content_length_is_a_4xx(served: Served, length: bytes) -> None:
    head = (
        b"POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + length + b"\r\n\r\n"
    )
    reply = raw_request(served.port, head, b"{}")
    assert 400 <= status_of(reply) < 500


# /slack/events ------------------------------------------------------------------------


def signed(body: bytes, *, secret: str = SECRET, age: int = 0) -> dict[str, str]:
    timestamp = str(int(time.time()) - age)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    assert signature is not None
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
        "Content-Type": "application/json",
    }


MARKER = "BODY-MARKER-must-never-be-logged"


def test_unsigned_fifty_megabytes_are_refused_unread(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    head = (
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 52428800\r\n\r\n"
    )
    reply = raw_request(served.port, head, json.dumps({"text": MARKER}).encode())
    assert status_of(reply) == 413  # answered with 50 MB still to come
    assert MARKER not in caplog.text


def test_chunked_body_over_the_cap_is_refused_without_content_length(served: Served) -> None:
    """No Content-Length to refuse early: the reader stops at the cap, mid-stream."""
    sent = 0
    reply = b""
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        sock.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"x" * 65536
        sock.settimeout(0.5)
        while sent < 8 * SLACK_MAX_BODY_BYTES:
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
            try:
                reply = sock.recv(4096)
            except TimeoutError:
                continue
            if reply:
                break
        assert reply, "no answer while the body kept coming"
    assert status_of(reply) == 413
    assert sent < 2 * SLACK_MAX_BODY_BYTES  # refused near the cap, not at the end


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=" + "0" * 64},
        {"X-Slack-Request-Timestamp": "9" * 5000, "X-Slack-Signature": "v0=" + "0" * 64},
        {"X-Slack-Request-Timestamp": "-1", "X-Slack-Signature": "v0=" + "0" * 64},
        {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=" + "0" * 64},
        {"X-Slack-Request-Timestamp": "+17", "X-Slack-Signature": "v0=" + "0" * 64},
        {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": ""},
        {"X-Slack-Signature": "v0=" + "0" * 64},
        "stale",
        "wrong-secret",
        "future",
    ],
    ids=lambda h: h if isinstance(h, str) else ",".join(f"{k}={v[:12]}" for k, v in h.items()),
)
def test_unsigned_slack_requests_are_401_and_never_logged(
    served: Served, caplog: pytest.LogCaptureFixture, headers: dict[str, str] | str
) -> None:
    caplog.set_level(logging.DEBUG)
    body = json.dumps({"type": "url_verification", "challenge": MARKER}).encode()
    if headers == "stale":
        sent = signed(body, age=600)
    elif headers == "wrong-secret":
        sent = signed(body, secret="not-the-secret")
    elif headers == "future":
        sent = signed(body, age=-600)
    else:
        assert isinstance(headers, dict)
        sent = {"Content-Type": "application/json", **headers}
    response = httpx.post(served.url + "/slack/events", content=body, headers=sent)
    assert response.status_code == 401
    assert MARKER not in response.text
    assert MARKER not in caplog.text
    assert "sha256:" in caplog.text  # what the log says instead: a digest and a length


def test_non_ascii_signature_header_is_401(served: Served) -> None:
    body = b'{"type": "url_verification", "challenge": "c"}'
    head = (
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"X-Slack-Request-Timestamp: " + str(int(time.time())).encode() + b"\r\n"
        b"X-Slack-Signature: v0=\xe9\xe9\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
    )
    assert status_of(raw_request(served.port, head, body)) == 401


def test_signed_request_that_is_not_utf8_is_400(served: Served) -> None:
    body = b'{"type": "url_verification", "challenge": "\xff"}'
    timestamp = str(int(time.time()))  # slack_sdk's signer decodes the body: sign by hand
    digest = hmac.new(SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256)
    headers = {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": "v0=" + digest.hexdigest(),
        "Content-Type": "application/json",
    }
    response = httpx.post(served.url + "/slack/events", content=body, headers=headers)
    assert response.status_code == 400


def test_signed_request_reaches_bolt(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    body = json.dumps({"type": "url_verification", "challenge": MARKER}).encode()
    response = httpx.post(served.url + "/slack/events", content=body, headers=signed(body))
    assert response.status_code == 200
    assert response.json() == {"challenge": MARKER}
    assert MARKER not in caplog.text


# /healthz -----------------------------------------------------------------------------


def test_healthz_reports_a_sqlite_store_that_refuses_writes(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'h.db'}", data_dir=tmp_path)
    store = open_store(settings.database_url)
    server, port = serve(create_app(settings, store))
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        # what a read-only file, a read-only remount or a full disk do to SQLite: every
        # write fails with SQLITE_READONLY while every read still answers
        store._conn.execute("PRAGMA query_only = ON")  # type: ignore[attr-defined]
        assert store.feedback_summary() == []  # reads work
        broken = httpx.get(f"http://127.0.0.1:{port}/healthz")
        assert broken.status_code == 503
        assert broken.json() == {"status": "error", "store": "sqlite", "writable": False}
        store._conn.execute("PRAGMA query_only = OFF")  # type: ignore[attr-defined]
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        assert store.get_value("paved:health-probe") is None  # the probe was rolled back
    finally:
        server.should_exit = True
        store.close()


def postgres_or_skip() -> str:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            pass
    except Exception as error:  # any failure to connect means: no server here
        reason = f"PostgreSQL at {redact_url(POSTGRES_URL)} is unreachable: {error}"
        print(reason)
        pytest.skip(reason)
    return POSTGRES_URL


def test_healthz_reports_a_postgres_store_that_refuses_writes(tmp_path: Path) -> None:
    url = postgres_or_skip()
    from paved.bot.store.postgres import PostgresStore

    store = PostgresStore(url, min_size=1, max_size=1)  # one session to make read-only
    settings = Settings(database_url=url, data_dir=tmp_path)
    server, port = serve(create_app(settings, store))
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        with store._pool.connection() as conn:  # a read-only replica, as PostgreSQL sees it
            conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        broken = httpx.get(f"http://127.0.0.1:{port}/healthz")
        assert broken.status_code == 503
        assert broken.json()["writable"] is False
        with store._pool.connection() as conn:
            conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
    finally:
        server.should_exit = True
        store.close()


# database URLs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["sqlite:", "sqlite:/", "sqlite://", "sqlite:///", "sqlite:///:memory:", "SQLite://"]
)
def test_sqlite_without_a_file_is_refused(url: str) -> None:
    with pytest.raises(SettingsError) as raised:
        database_url_from_env({"PAVED_DATABASE_URL": url})
    message = str(raised.value)
    assert message.startswith("PAVED_DATABASE_URL")
    assert "sqlite:///path/to/paved.db" in message
    with pytest.raises(SettingsError, match="PAVED_DATABASE_URL"):
        Settings.from_env({"PAVED_DATABASE_URL": url})


@pytest.mark.parametrize(
    ("url", "secrets"),
    [
        ("postgresql://bot:s3cret-pw@db:5432/paved", ["s3cret-pw"]),
        ("postgresql://bot@db/paved?password=hunter2-pw&sslmode=require", ["hunter2-pw"]),
        (
            "postgresql://db/p?PASSWORD=a1-pw&sslpassword=b2-pw&passfile=/c3/.pgpass",
            ["a1-pw", "b2-pw", "c3"],
        ),
        ("postgresql://u:p4-pw@[::1/p?password=q5-pw", ["p4-pw", "q5-pw"]),  # unparseable
        ("mysql://u:m6-pw@db/x?password=m7-pw", ["m6-pw", "m7-pw"]),
    ],
)
def test_redacted_urls_keep_no_secret(url: str, secrets: list[str]) -> None:
    shown = redact_url(url)
    assert all(secret not in shown for secret in secrets), shown
    assert "***" in shown


def test_settings_errors_show_urls_redacted() -> None:
    with pytest.raises(SettingsError) as raised:
        database_url_from_env({"PAVED_DATABASE_URL": "mysql://u:m6-pw@db/x?password=m7-pw"})
    assert "m6-pw" not in str(raised.value)
    assert "m7-pw" not in str(raised.value)


def test_service_logs_the_postgres_url_redacted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = postgres_or_skip()
    with_secret = url + ("&" if "?" in url else "?") + "password=hunter2-in-query"
    caplog.set_level(logging.DEBUG)
    service = build_service(Settings(database_url=with_secret, data_dir=tmp_path))
    try:
        assert "hunter2-in-query" not in caplog.text
        assert "password=***" in caplog.text
    finally:
        service.store.close()


def test_page_is_percent_safe_in_every_accepted_form(served: Served) -> None:
    """What the API accepts as a page needs no quoting as a link target."""
    for page in ("/", "/products/store-footfall/", "wids/WID-0001.md", "/été/"):
        response = httpx.post(served.url + "/api/feedback", json={"page": page, "rating": 1})
        assert response.status_code == 201, page
        assert quote(page, safe="/") == page or not page.isascii()


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        (PORTAL + "/a(b)/x'y/", PORTAL + "/a%28b%29/x%27y/"),
        (PORTAL + "/a b/<i>", PORTAL + "/a%20b/%3Ci%3E"),
        (PORTAL + "/été/", PORTAL + "/%C3%A9t%C3%A9/"),
    ],
)
def test_page_url_is_stored_percent_encoded(served: Served, sent: str, stored: str) -> None:
    """What a browser's location.href leaves unencoded is encoded once, on the way in."""
    body = {"page": "/", "rating": 1, "url": sent}
    response = httpx.post(served.url + "/api/feedback", json=body)
    assert response.status_code == 201
    feedback = served.store.get_feedback(response.json()["id"])
    assert feedback is not None
    assert feedback.url == stored


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/", 'https://evil"x/', "javascript:alert(1)", "https://a.example@evil/"],
)
def test_page_url_elsewhere_is_refused(served: Served, url: str) -> None:
    response = httpx.post(served.url + "/api/feedback", json={"page": "/", "rating": 1, "url": url})
    assert response.status_code == 422
    assert response.json()["fields"][0]["field"] == "url"


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/ask?q=zqxw+who+owns+the+moon", None),
        ("POST", "/api/feedback", b'{"page": "/", "rating": 0}'),
    ],
)
def test_a_request_another_site_makes_the_browser_send_is_refused(
    served: Served, site: str, method: str, path: str, body: bytes | None
) -> None:
    """``<img src="https://bot/api/ask?q=...">`` on any web page makes each reader's browser
    send the question, with no Origin header (a GET from an image, a link or a form
    never has one): it was answered and stored among the unanswered questions of the
    report. The browser says where the request comes from (Sec-Fetch-Site); a request
    another site caused is refused. The portal's own requests carry an Origin."""
    asked_before = sum(g.count for g in served.store.unanswered_summary())
    headers = {"Sec-Fetch-Site": site, "Sec-Fetch-Mode": "no-cors"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    response = httpx.request(method, served.url + path, headers=headers, content=body)
    assert response.status_code == 403, response.text
    assert response.json()["error"] == "cross_site_request"
    assert sum(g.count for g in served.store.unanswered_summary()) == asked_before


@pytest.mark.parametrize("site", [None, "none", "same-origin"])
def test_requests_no_other_site_caused_are_answered(served: Served, site: str | None) -> None:
    """curl and scripts send no Sec-Fetch-Site; a typed address sends ``none``."""
    headers = {"Sec-Fetch-Site": site} if site else {}
    response = httpx.get(served.url + "/api/ask", params={"q": "who owns pos"}, headers=headers)
    assert response.status_code == 200, response.text
