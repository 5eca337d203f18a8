"""Stored XSS through the reports: hostile questions, comments, titles and pages go in
through the real API (and, for rows stored before the API's rules, straight into the
real store), the reports are rendered by ``paved.bot.reports`` and placed by the portal's
own ``paved.generator.mkdocs_plugin.reports``, and the Markdown is turned into HTML by
Python-Markdown with the site's extensions from ``mkdocs.yml``.

The HTML must hold no live markup from stored text (no ``<script>``, no element the
report does not write itself, no ``on*=`` attribute, no ``javascript:``/``data:`` link),
and each value must read back as it was typed: escaped exactly once."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import markdown
import pytest
import uvicorn
import yaml
from mkdocs.config import load_config

from paved.bot.answer import Answer
from paved.bot.reports import feedback_markdown, questions_markdown
from paved.bot.service import create_app
from paved.bot.settings import Settings
from paved.bot.store import NewFeedback, Store, open_store
from paved.generator.mkdocs_plugin.reports import feedback_page, questions_page

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "endpoint_cases.yaml").read_text())
PORTAL = "http://127.0.0.1:8000"
POSTGRES_URL = os.environ.get(
    "PAVED_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)

#: our own variants, per class of trick
OWN = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><iframe src="javascript:alert(1)">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "[x]( javascript:alert(1) )",
    "<javascript:alert(1)>",
    "<https://evil.example/login>",
    "https://evil.example/login",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "**bold** _it_ `code` ~~del~~ ==mark== ^sup^",
    "{: onclick=alert(1) }",
    "x{: .admin onmouseover=alert(1) }",
    ":smile: :material-alert:",
    "a | b | c\n| --- | --- |\n| <script>alert(2)</script> |",
    '--8<-- "/etc/passwd"',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script>alert(1)\\</script>",
    "<!-- a comment --><div markdown>*md in html*</div>",
    "[^1]\n\n[^1]: <script>alert(3)</script>",
    "line one\r\nline two\u2028line three",
    "evil\u202egnp.exe",
    "`<script>alert(1)</script>`",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
]


def corpus_strings() -> list[tuple[str, str]]:
    """(id, hostile text) from every api-stored and slack-mrkdwn case."""
    found: list[tuple[str, str]] = []
    for case in CASES:
        payload = case.get("payload")
        if case["class"] not in ("api-stored", "slack-mrkdwn") or not payload:
            continue
        if payload.startswith("GET "):
            query = parse_qs(urlsplit(payload[4:].strip()).query)
            found += [(case["id"], q) for q in query.get("q", [])]
        elif payload.startswith("{"):
            data = json.loads(payload)
            found += [(case["id"], v) for v in data.values() if isinstance(v, str)]
        elif payload.startswith("<form"):
            found.append((case["id"], payload))
        else:
            found.append((case["id"], payload))
    return found


def storable(text: str) -> bool:
    """Lone surrogates fit no store, NUL not PostgreSQL: the API refuses both."""
    return not re.search(r"[\ud800-\udfff\x00]", text)


STRINGS = corpus_strings() + [(f"OWN-{i:02d}", s) for i, s in enumerate(OWN, 1)]


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


def postgres_reachable() -> str | None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except Exception as error:  # any failure to connect means: no server here
        return f"PostgreSQL at PAVED_TEST_POSTGRES_URL is unreachable: {error}"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    if request.param == "postgresql":
        reason = postgres_reachable()
        if reason:
            print(reason)
            pytest.skip(reason)
        opened = open_store(POSTGRES_URL)
    else:
        opened = open_store(f"sqlite:///{tmp_path_factory.mktemp('reports') / 'bot.db'}")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def token() -> str:
    """Marks this run's rows (the PostgreSQL test database is shared)."""
    return "run" + secrets.token_hex(4)


def decline(question: str) -> Answer:
    return Answer("I do not know.")


@pytest.fixture(scope="module")
def filled(store: Store, token: str, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Every hostile string sent through the real API, and stored raw as a legacy row."""
    data = tmp_path_factory.mktemp("api")
    settings = Settings(
        database_url="sqlite:///unused.db",
        data_dir=data,
        portal_url=PORTAL,
        allowed_origins=(PORTAL,),
        rate_limit_per_minute=0,
    )
    server, port = serve(create_app(settings, store, answerer=decline))
    base = f"http://127.0.0.1:{port}"
    try:
        for number, (_case, text) in enumerate(STRINGS):
            marked = f"{text} {token}"
            page = f"/{token}/api-{number}/"
            body = {"page": page, "rating": 0, "title": marked[-300:], "comment": marked[-2000:]}
            sent = httpx.post(
                f"{base}/api/feedback",
                content=json.dumps(body).encode(),  # lone surrogates as \\ud800 escapes
                headers={"Content-Type": "application/json"},
            )
            assert sent.status_code in (201, 422)
            if not storable(text):
                assert sent.status_code == 422  # AS-007, AS-008: refused, named
                continue
            asked = httpx.get(f"{base}/api/ask", params={"q": marked[-500:]})
            assert asked.status_code in (200, 422)
            # rows from before the API's rules: the report must be safe on its own
            store.add_feedback(
                NewFeedback(page=marked, rating=0, title=marked, url=marked, comment=marked)
            )
            store.record_unanswered(marked)
    finally:
        server.should_exit = True
    return store


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )


class Inspector(HTMLParser):
    """Every element, attribute and table cell text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


#: the elements the reports write themselves (headings with their permalinks, the
#: tables, the page links, the list of comments)
REPORT_TAGS = {"h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "a", "em",
               "ul", "li"}  # fmt: skip
_SCHEME = re.compile(r"^[\x00-\x20]*([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def assert_inert(html: str) -> Inspector:
    inspector = Inspector()
    inspector.feed(html)
    assert "<script" not in html.lower()
    for tag, attrs in inspector.tags:
        assert tag in REPORT_TAGS, (tag, attrs)
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name, value)
            assert name in ("href", "id", "class", "title", "style"), (tag, name)
            if name == "style":
                assert value in ("text-align: right;", "text-align: left;"), value
            if name == "href" and value is not None:
                cleaned = re.sub(r"[\t\n\r]", "", value)
                scheme = _SCHEME.match(cleaned)
                assert scheme is None or scheme.group(1).lower() in ("http", "https"), value
                if scheme is not None:  # only the portal's own pages are linked
                    assert cleaned.startswith(PORTAL + "/"), value
    return inspector


def as_read(text: str) -> str:
    """What a reader must see of ``text``: one line, no bidi controls, spaces collapsed."""
    flat = re.sub(r"[\r\n\v\f\x85\u2028\u2029]+", " ", text)
    flat = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", flat)
    return " ".join(flat.split())


def render(md: markdown.Markdown, text: str) -> str:
    md.reset()
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # the front matter
    return md.convert(body)


def our_rows(store: Store, token: str) -> tuple[list[Any], list[Any]]:
    summaries = [s for s in store.feedback_summary() if token in s.page or token in (s.title or "")]
    groups = [g for g in store.unanswered_summary() if token in g.example]
    return summaries, groups


def test_every_hostile_value_was_stored(filled: Store, token: str) -> None:
    summaries, groups = our_rows(filled, token)
    assert len(summaries) >= len(STRINGS)  # the legacy rows at least, one page each
    assert len(groups) >= len(STRINGS) // 2


def test_questions_report_is_inert_and_reads_as_typed(
    filled: Store, token: str, site_markdown: markdown.Markdown
) -> None:
    _, groups = our_rows(filled, token)
    for html in (
        render(site_markdown, questions_markdown(groups)),
        render(site_markdown, questions_page(groups, dt.date(2026, 1, 1))),
    ):
        cells = assert_inert(html).cells
        shown = {" ".join(c.split()) for c in cells}
        for group in groups:
            assert as_read(group.example) in shown, group.example


def test_feedback_report_is_inert_and_reads_as_typed(
    filled: Store, token: str, site_markdown: markdown.Markdown
) -> None:
    summaries, _ = our_rows(filled, token)
    known = {"get-started/index.md"}
    for html in (
        render(site_markdown, feedback_markdown(summaries)),
        render(site_markdown, feedback_page(summaries, known, dt.date(2026, 1, 1))),
    ):
        cells = assert_inert(html).cells
        # A page the portal does not have is marked so after its (unlinked) label.
        shown = {" ".join(c.split()).removesuffix(" (not in the portal)") for c in cells}
        for summary in summaries:
            assert as_read(summary.title or summary.page) in shown, summary.title


@pytest.mark.parametrize(
    ("case", "text"), STRINGS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(STRINGS)]
)
def test_each_value_alone_is_inert(
    site_markdown: markdown.Markdown, tmp_path: Path, case: str, text: str
) -> None:
    """One value per report, so a failure names its case."""
    if not storable(text):
        pytest.skip("no store can hold it; the API refuses it (test_endpoints.py)")
    store = open_store(f"sqlite:///{tmp_path / 'one.db'}")
    try:
        store.add_feedback(NewFeedback(page=text, rating=0, title=text, url=text, comment=text))
        store.record_unanswered(text)
        summaries, groups = store.feedback_summary(), store.unanswered_summary()
    finally:
        store.close()
    assert summaries[0].url is None or summaries[0].url.startswith("http")
    for page in (
        feedback_page(summaries, set(), dt.date(2026, 1, 1)),
        questions_page(groups, dt.date(2026, 1, 1)),
    ):
        cells = assert_inert(render(site_markdown, page)).cells
        shown = {" ".join(c.split()).removesuffix(" (not in the portal)") for c in cells}
        assert as_read(text) in shown


@pytest.mark.parametrize(
    ("case", "text"), STRINGS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(STRINGS)]
)
def test_each_comment_is_inert_and_reads_as_typed(
    site_markdown: markdown.Markdown, tmp_path: Path, case: str, text: str
) -> None:
    """A reader's comment, listed under its page in reports/feedback.md."""
    if not storable(text):
        pytest.skip("no store can hold it; the API refuses it (test_endpoints.py)")
    store = open_store(f"sqlite:///{tmp_path / 'one.db'}")
    try:
        store.add_feedback(
            NewFeedback(page="get-started/index.md", rating=0, title="Get started", comment=text)
        )
        summaries, comments = store.feedback_summary(), store.feedback_comments()
    finally:
        store.close()
    page = feedback_page(summaries, {"get-started/index.md"}, dt.date(2026, 1, 1), comments)
    html = render(site_markdown, page)
    assert_inert(html)
    items = [
        " ".join(unescape(re.sub(r"<[^>]+>", "", item)).split())
        for item in re.findall(r"<li>(.*?)</li>", html, flags=re.DOTALL)
    ]
    assert len(items) == (1 if text.strip() else 0), case
    for item in items:
        assert item.endswith(as_read(text)), item
