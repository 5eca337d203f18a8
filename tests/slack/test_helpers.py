"""The Slack layer's pure helpers: question text, DM filter, handoff values, the owner
directory built from the real example, and member handles."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from slack_harness import ROOT

from paved.bot.listeners.actions.ask_human import Handoff, read_handoff
from paved.bot.listeners.actions.rate import answer_id_of
from paved.bot.listeners.answering import MAX_QUESTION, absolute_url, question_text
from paved.bot.listeners.claims import EventClaims
from paved.bot.listeners.directory import Directory, LazyDirectory, PageInfo, load_directory
from paved.bot.listeners.errors import Apology, apology_for
from paved.bot.listeners.events.direct_message import is_question_in_dm
from paved.bot.listeners.shortcuts.page_feedback import message_text
from paved.bot.notify import member_handles
from paved.bot.store import open_store


def test_question_text_drops_mentions_and_spaces() -> None:
    assert question_text("<@UPAVEDBOT>   who owns\n pos? ") == "who owns pos?"
    assert question_text("<@U123|paved> hi <@U456>") == "hi"
    assert question_text(None) == ""
    assert question_text("<!here> who owns R&amp;D &lt;data&gt;?") == "who owns R&D <data>?"
    assert question_text("is <https://p.example/access/|this page> current?") == (
        "is this page current?"
    )
    assert question_text("see <https://p.example/a/> in <#C123|data-help>") == (
        "see https://p.example/a/ in #data-help"
    )
    assert len(question_text("x" * 2000)) == MAX_QUESTION


def test_absolute_url() -> None:
    assert absolute_url("https://p.example/", "access/#a") == "https://p.example/access/#a"
    assert absolute_url("https://p.example", "/access/") == "https://p.example/access/"
    assert absolute_url("https://p.example", "https://p.example/a/") == "https://p.example/a/"
    # the bot links only to the portal: an absolute URL elsewhere gives no link at all
    assert absolute_url("https://p.example", "https://o.example/") == ""
    assert absolute_url("https://p.example", "https://p.example.evil/") == ""


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"channel_type": "im", "user": "U1", "text": "hi"}, True),
        ({"channel_type": "im", "user": "U1", "subtype": "message_changed"}, False),
        ({"channel_type": "im", "user": "U1", "bot_id": "B1"}, False),
        ({"channel_type": "im", "bot_id": "B1"}, False),
        ({"channel_type": "channel", "user": "U1"}, False),
    ],
)
def test_is_question_in_dm(event: dict[str, str], expected: bool) -> None:
    assert is_question_in_dm(event) is expected


def test_read_handoff() -> None:
    value = '{"answer_id": 3, "question": "q?", "owner": "@a", "sources": ["u", 5]}'
    assert read_handoff(value) == Handoff("q?", "@a", 3, ("u",))
    assert read_handoff('{"answer_id": null, "question": "q"}') == Handoff("q", None, None, ())
    assert read_handoff("not json") is None
    assert read_handoff('{"owner": "@a"}') is None
    assert read_handoff(None) is None


def test_answer_id_of() -> None:
    assert answer_id_of({"value": "42"}) == 42
    assert answer_id_of({"value": "x"}) is None
    assert answer_id_of({}) is None


def test_message_text_searches_blocks_too() -> None:
    text = message_text({"text": "hello", "blocks": [{"type": "context", "x": "<https://p/|P>"}]})
    assert text.startswith("hello ")
    assert "https://p/" in text


def test_directory_from_the_example(directory: Directory) -> None:
    assert directory.handle_for("ingrid-solberg") == "@ingrid.solberg"
    assert directory.handle_for("INGRID.SOLBERG@haldencycles.example") == "@ingrid.solberg"
    assert directory.handle_for("@ingrid.solberg") == "@ingrid.solberg"
    assert directory.handle_for("hanne.krogh@haldencycles.example") == "@hanne.krogh"
    assert directory.handle_for("nobody@example.com") is None
    assert directory.handle_for(None) is None
    page = directory.page("/products/wid-0001/#value-proposition")
    assert page is not None
    assert (page.src_uri, page.owner, page.subject) == (
        "products/wid-0001.md",
        "ingrid-solberg",
        "WID-0001",
    )
    assert directory.page("products/wid-0001.md") == page
    assert directory.page("products/wid-0001") == page
    docs = directory.page("/access/")
    assert docs is not None
    assert docs.kind == "doc"
    assert directory.page("/no/such/page/") is None


def test_directory_indexes_pages_by_source() -> None:
    info = PageInfo("access.md", "Access", "x@example.com", "doc")
    directory = Directory(pages={"/access/": info})
    assert directory.page("access.md") is info


def test_member_handles() -> None:
    member = {"id": "U1", "name": "ingrid.solberg", "profile": {"display_name": "@Ingrid "}}
    assert member_handles(member) == ["ingrid.solberg", "ingrid"]
    assert member_handles({"id": "U2"}) == []


def test_load_directory_reads_paved_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAVED_REPO_ROOT", str(ROOT))
    loaded = load_directory()
    assert loaded.handle_for("mikkel-haugen") == "@mikkel.haugen"
    assert loaded.page("/access/") is not None


def test_lazy_directory_loads_once() -> None:
    calls: list[int] = []

    def loader() -> Directory:
        calls.append(1)
        return Directory()

    lazy = LazyDirectory(loader)

    async def twice() -> tuple[Directory, Directory]:
        return await lazy.get(), await lazy.get()

    first, second = asyncio.run(twice())
    assert first is second
    assert calls == [1]


def test_event_claims_answer_once_and_prune_old_claims(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'claims.db'}")
    try:
        claims = EventClaims(store, prune_every=3)

        async def deliver(*ids: str) -> list[bool]:
            return [await claims.first_delivery({"event_id": i}) for i in ids]

        assert asyncio.run(deliver("Ev-old", "Ev-old")) == [True, False]
        with sqlite3.connect(tmp_path / "claims.db") as db:  # a claim from last month
            db.execute("UPDATE processed_events SET claimed_at = '2000-01-01T00:00:00.000000Z'")
        # the third claim prunes claims older than a week: Ev-old may be claimed again
        assert asyncio.run(deliver("Ev-new", "Ev-old")) == [True, True]
        assert asyncio.run(claims.first_delivery({"type": "no id"})) is True
    finally:
        store.close()


def test_apology_goes_where_the_asker_waits() -> None:
    in_channel = {"event": {"channel": "C1", "ts": "1.1", "user": "U1"}}
    in_thread = {"event": {"channel": "C1", "ts": "1.2", "thread_ts": "1.1", "user": "U1"}}
    in_dm = {"event": {"channel": "D1", "ts": "1.1", "user": "U1", "channel_type": "im"}}
    from_bot = {"event": {"channel": "C1", "ts": "1.1", "bot_id": "B1"}}
    assert apology_for(in_channel) == Apology(channel="C1", thread_ts="1.1")
    assert apology_for(in_thread) == Apology(channel="C1", thread_ts="1.1")
    assert apology_for(in_dm) == Apology(channel="D1", thread_ts=None)
    assert apology_for(from_bot) is None
    assert apology_for({"response_url": "https://hooks/x"}) == Apology(
        response_url="https://hooks/x"
    )
    assert apology_for({"type": "view_submission"}) is None
