"""The store's contract, run against SQLite (a temporary file) and PostgreSQL (a fresh
schema per test at PAVED_TEST_POSTGRES_URL; skipped, with the reason, when unreachable)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bot_samples import postgres_schema

from paved.bot.store import NewFeedback, Store, StoreError, open_store, redact_url, sqlite_path
from paved.bot.store.migrate import load_migrations, split_statements

POSTGRES_URL = os.environ.get(
    "PAVED_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)

StoreFactory = Callable[[], Store]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store' / 'paved.db'}"
    else:
        yield from postgres_schema()


@pytest.fixture
def make_store(store_url: str) -> Iterator[StoreFactory]:
    opened: list[Store] = []

    def factory() -> Store:
        opened.append(open_store(store_url))
        return opened[-1]

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: StoreFactory) -> Store:
    return make_store()


def test_feedback_round_trip(store: Store) -> None:
    new = NewFeedback(
        page="/products/store-footfall/",
        rating=0,
        url="http://127.0.0.1:8000/products/store-footfall/",
        title="Store footfall",
        comment="The refresh schedule is missing",
        user_ref="abc123",
    )
    feedback_id = store.add_feedback(new)
    stored = store.get_feedback(feedback_id)
    assert stored is not None
    assert (stored.id, stored.page, stored.rating, stored.comment, stored.source) == (
        feedback_id,
        "/products/store-footfall/",
        0,
        "The refresh schedule is missing",
        "portal",
    )
    assert stored.created_at is not None
    assert stored.created_at.tzinfo == UTC
    assert store.get_feedback(feedback_id + 1000) is None


def test_attach_comment_to_the_raters_last_thumbs_down(store: Store) -> None:
    old = store.add_feedback(
        NewFeedback(page="/a/", rating=0, user_ref="u1"), at=datetime.now(UTC) - timedelta(hours=2)
    )
    recent = store.add_feedback(NewFeedback(page="/a/", rating=0, user_ref="u1", owner="o"))
    store.add_feedback(NewFeedback(page="/a/", rating=0, user_ref="u2"))
    assert store.attach_comment("/a/", "u1", "too vague") == recent
    assert store.attach_comment("/a/", "u1", "again") is None  # old one is too old
    assert store.attach_comment("/b/", "u2", "other page") is None
    stored = store.get_feedback(recent)
    assert stored is not None
    assert (stored.comment, stored.owner) == ("too vague", "o")
    old_row = store.get_feedback(old)
    assert old_row is not None
    assert old_row.comment is None


def test_feedback_rejects_a_rating_other_than_0_or_1(store: Store) -> None:
    with pytest.raises(ValueError, match="rating"):
        store.add_feedback(NewFeedback(page="/a/", rating=2))


def test_feedback_summary_counts_and_trend(store: Store) -> None:
    def add(page: str, rating: int, days_ago: float, comment: str | None = None) -> None:
        store.add_feedback(
            NewFeedback(page=page, rating=rating, comment=comment),
            at=NOW - timedelta(days=days_ago),
        )

    # /a/: last week 1 of 3 helpful, this week 3 of 3 → better
    for rating in (1, 0, 0):
        add("/a/", rating, 10)
    for _ in range(3):
        add("/a/", 1, 1)
    add("/a/", 0, 2, comment="outdated owner")
    add("/a/", 1, 40, comment="")  # an empty comment does not count
    # /b/: only this week → new; /c/: only long ago → quiet
    add("/b/", 0, 0.5, comment="broken link")
    add("/c/", 1, 30)

    summary = {s.page: s for s in store.feedback_summary(now=NOW)}
    a = summary["/a/"]
    assert (a.up, a.down, a.comments) == (5, 3, 1)
    assert (a.this_week_up, a.this_week_down, a.previous_week_up, a.previous_week_down) == (
        3,
        1,
        1,
        2,
    )
    assert a.trend == "better"
    assert summary["/b/"].trend == "new"
    assert summary["/c/"].trend == "quiet"

    recent = {s.page: s for s in store.feedback_summary(since=NOW - timedelta(days=3), now=NOW)}
    assert (recent["/a/"].up, recent["/a/"].down, recent["/a/"].comments) == (3, 1, 1)
    assert "/c/" not in recent


def test_answers_are_recorded_and_rated(store: Store) -> None:
    answer_id = store.record_answer(
        "Who is the custodian of the orders table?",
        "The sales custodian.",
        [{"title": "Orders", "url": "/catalogue/datasets/orders/"}],
        channel="C123",
        user="U456",
        source="slack",
    )
    assert store.rate_answer(answer_id, 0) is True
    assert store.rate_answer(answer_id + 1000, 1) is False
    answer = store.get_answer(answer_id)
    assert answer is not None
    assert answer.rating == 0
    assert answer.citations == [{"title": "Orders", "url": "/catalogue/datasets/orders/"}]
    assert (answer.channel, answer.user_ref, answer.source) == ("C123", "U456", "slack")


def test_unanswered_summary_groups_by_normalised_text(store: Store) -> None:
    for question in ("How do I get access?", "how do I  get ACCESS", "What is WID?"):
        store.record_unanswered(question)
    rated_down = store.record_answer("Streaming decision?", "See ADR-0004.")
    store.rate_answer(rated_down, 0)
    store.rate_answer(store.record_answer("Streaming decision", "See ADR-0004."), 1)

    groups = [(g.kind, g.normalised, g.count) for g in store.unanswered_summary()]
    assert groups == [
        ("unanswered", "how do i get access", 2),
        ("unanswered", "what is wid", 1),
        ("rated_down", "streaming decision", 1),
    ]


def test_claim_event_only_once(store: Store) -> None:
    assert store.claim_event("Ev01") is True
    assert store.claim_event("Ev01") is False
    assert store.claim_event("Ev02") is True


def test_prune_events_keeps_recent_claims(store: Store) -> None:
    store.claim_event("Ev-recent")
    assert store.prune_events(timedelta(days=7)) == 0
    assert store.prune_events(timedelta(seconds=-1)) == 1  # everything is older than "future"
    assert store.claim_event("Ev-recent") is True


def test_claim_event_under_concurrency_one_winner(make_store: StoreFactory) -> None:
    """Two threads on two store objects (two replicas) race for the same ids."""
    replicas = [make_store(), make_store()]
    ids = [f"Ev{i}" for i in range(40)]
    wins: list[list[str]] = [[], []]
    barrier = threading.Barrier(2)

    def claim(index: int) -> None:
        barrier.wait()
        wins[index].extend(e for e in ids if replicas[index].claim_event(e))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(wins[0] + wins[1]) == sorted(ids)
    assert not set(wins[0]) & set(wins[1])


def test_key_value(store: Store) -> None:
    assert store.get_value("k") is None
    assert store.setdefault_value("k", "first") == "first"
    assert store.setdefault_value("k", "second") == "first"
    store.set_value("k", "third")
    assert store.get_value("k") == "third"


def test_migrations_twice_are_a_no_op(make_store: StoreFactory) -> None:
    first = make_store()
    assert first.migrate() == []  # type: ignore[attr-defined]
    first.add_feedback(NewFeedback(page="/kept/", rating=1))
    second = make_store()  # a second start on the same database
    assert second.migrate() == []  # type: ignore[attr-defined]
    assert [s.page for s in second.feedback_summary()] == ["/kept/"]
    second.ping()


def test_replicas_starting_together_apply_each_migration_once(
    make_store: StoreFactory, store_url: str
) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def start() -> None:
        barrier.wait()
        try:
            make_store()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    store = make_store()
    rows = store._run("SELECT version FROM schema_migrations ORDER BY version")  # type: ignore[attr-defined]
    dialect = "sqlite" if store_url.startswith("sqlite") else "postgresql"
    assert [r[0] for r in rows] == [m.version for m in load_migrations(dialect)]


def test_migration_files_match_between_dialects() -> None:
    sqlite, postgres = load_migrations("sqlite"), load_migrations("postgresql")
    assert [(m.version, m.name) for m in sqlite] == [(m.version, m.name) for m in postgres]
    assert sqlite[0].version == 1


def test_split_statements() -> None:
    script = "-- comment\nCREATE TABLE a (x TEXT DEFAULT ';');\nCREATE INDEX i ON a (x);\n"
    assert split_statements(script) == [
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "CREATE INDEX i ON a (x);",
    ]
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE b (x TEXT")


def test_urls() -> None:
    assert sqlite_path("sqlite:///.paved/paved.db") == ".paved/paved.db"
    assert sqlite_path("sqlite:////var/lib/paved.db") == "/var/lib/paved.db"
    assert sqlite_path("sqlite://") == ":memory:"
    assert (
        redact_url("postgresql://bot:s3cret@db:5432/paved") == "postgresql://bot:***@db:5432/paved"
    )
    with pytest.raises(StoreError, match="unsupported database URL 'mysql://x'"):
        open_store("mysql://x")


def test_sqlite_is_in_wal_mode(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        rows = store._run("PRAGMA journal_mode")  # type: ignore[attr-defined]
        assert rows == [("wal",)]
    finally:
        store.close()


def test_request_counts_roll_over_by_window(make_store: StoreFactory) -> None:
    first, second = make_store(), make_store()  # two replicas, one row per key
    assert first.count_request("feedback:a", 600, 60) == (1, 0)
    assert second.count_request("feedback:a", 600, 60) == (2, 0)
    second.uncount_request("feedback:a", 600)
    assert first.count_request("feedback:a", 660, 60) == (1, 1)  # last window's count moves
    assert first.count_request("feedback:a", 780, 60) == (1, 0)  # a gap forgets it
    assert first.count_request("ask:a", 780, 60) == (1, 0)
    assert second.prune_request_counts(780) == 0
    assert second.prune_request_counts(781) == 2
    assert first.count_request("ask:a", 840, 60) == (1, 0)


def test_request_counts_under_concurrency_are_exact(make_store: StoreFactory) -> None:
    stores = [make_store(), make_store()]
    seen: list[int] = []
    barrier = threading.Barrier(4)

    def count(index: int) -> None:
        barrier.wait()
        for _ in range(25):
            seen.append(stores[index % 2].count_request("feedback:c", 600, 60)[0])

    threads = [threading.Thread(target=count, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(seen) == list(range(1, 101))


def test_feedback_summary_limit_is_the_worst_pages_cut_in_sql(store: Store) -> None:
    """``limit`` keeps the pages with the most 👎 (then by path), counted before the cut:
    a page with nothing in the period and the last two weeks takes no place in it."""
    for n in range(12):
        for _ in range(n % 4):
            store.add_feedback(NewFeedback(page=f"/p{n:02}/", rating=0), at=NOW - timedelta(days=1))
        store.add_feedback(NewFeedback(page=f"/p{n:02}/", rating=1), at=NOW - timedelta(days=1))
    # rated long ago only: outside ``since`` and the two weeks, so not a row at all
    for _ in range(9):
        store.add_feedback(NewFeedback(page="/old/", rating=0), at=NOW - timedelta(days=90))

    since = NOW - timedelta(days=30)
    every = store.feedback_summary(since=since, now=NOW)
    assert len(every) == 12
    worst = store.feedback_summary(since=since, now=NOW, limit=5)
    assert [(s.page, s.down) for s in worst] == [
        ("/p03/", 3),
        ("/p07/", 3),
        ("/p11/", 3),
        ("/p02/", 2),
        ("/p06/", 2),
    ]
    assert store.feedback_summary(since=since, now=NOW, limit=0) == []
    assert len(store.feedback_summary(since=since, now=NOW, limit=100)) == 12


def test_feedback_summary_label_is_not_chosen_by_a_sender(store: Store) -> None:
    """The title field of a rating is the sender's word: the summary carries none (the
    portal fills its own pages' titles), so the report labels the page by its path."""
    store.add_feedback(NewFeedback(page="get-started/index.md", rating=1, title="Get started"))
    store.add_feedback(
        NewFeedback(page="get-started/index.md", rating=0, title="\uffff Moved: see evil.example")
    )
    store.add_feedback(NewFeedback(page="new/index.md", rating=0, title="Only one sender"))
    summary = {s.page: s for s in store.feedback_summary()}
    assert summary["get-started/index.md"].title is None
    assert summary["new/index.md"].title is None


def _repository_with_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A repository (the working directory) and a folder outside it."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir()
    outside.mkdir()
    monkeypatch.chdir(repo)
    return repo, outside


def test_sqlite_store_in_a_linked_folder_of_the_repository_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, outside = _repository_with_link(tmp_path, monkeypatch)
    (repo / ".paved").symlink_to(outside, target_is_directory=True)
    for url in ("sqlite:///.paved/paved.db", f"sqlite:///{repo / '.paved' / 'paved.db'}"):
        with pytest.raises(StoreError) as caught:
            open_store(url)
        assert str(caught.value).startswith(
            "the store .paved/paved.db is in .paved, a symbolic link to"
        ), caught.value
        assert "PAVED_DATABASE_URL" in str(caught.value)
    assert list(outside.iterdir()) == []  # nothing written through the link


def test_sqlite_store_that_is_a_link_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, outside = _repository_with_link(tmp_path, monkeypatch)
    (repo / ".paved").mkdir()
    (repo / ".paved" / "paved.db").symlink_to(outside / "elsewhere.db")  # dangling
    with pytest.raises(StoreError, match=r"^the store \.paved/paved\.db is a symbolic link to "):
        open_store("sqlite:///.paved/paved.db")
    assert not (outside / "elsewhere.db").exists()  # SQLite would have created it
    # a link is refused wherever the store is, since the operator can name the real file
    (outside / "real.db").touch()
    (outside / "link.db").symlink_to(outside / "real.db")
    with pytest.raises(StoreError, match="is a symbolic link"):
        open_store(f"sqlite:///{outside / 'link.db'}")
    assert (outside / "real.db").stat().st_size == 0


def test_sqlite_store_below_a_link_outside_the_repository_is_the_operators_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo, outside = _repository_with_link(tmp_path, monkeypatch)
    (tmp_path / "data").symlink_to(outside, target_is_directory=True)  # as /var -> /private/var
    store = open_store(f"sqlite:///{tmp_path / 'data' / 'paved.db'}")
    store.close()
    assert (outside / "paved.db").is_file()
