"""The store's one interface, and the SQL both implementations share.

Every write is a single statement committed before the method returns, so a caller that
acknowledges a row to a client after the call returns never acknowledges a lost row.
Errors propagate: nothing here catches and logs."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, cast

from paved.bot.store.types import (
    NewFeedback,
    PageComment,
    PageSummary,
    QuestionGroup,
    StoredAnswer,
    StoredFeedback,
    normalise_question,
)
from paved.bot.urls import safe_url

WEEK = timedelta(days=7)


class Store(Protocol):
    """What the API, the Slack listeners and the reports need from storage."""

    dialect: str

    def add_feedback(self, feedback: NewFeedback, *, at: datetime | None = None) -> int: ...
    def get_feedback(self, feedback_id: int) -> StoredFeedback | None: ...
    def attach_comment(
        self, page: str, user_ref: str, comment: str, *, within: timedelta = ...
    ) -> int | None: ...
    def feedback_summary(
        self,
        since: datetime | None = None,
        *,
        now: datetime | None = None,
        limit: int | None = None,
    ) -> list[PageSummary]: ...
    def feedback_report(
        self,
        keep: Collection[str],
        *,
        limit: int,
        since: datetime | None = None,
        now: datetime | None = None,
    ) -> tuple[list[PageSummary], int]: ...
    def feedback_comments(
        self, since: datetime | None = None, *, limit: int = ...
    ) -> list[PageComment]: ...
    def record_answer(
        self,
        question: str,
        answer_text: str,
        citations: Sequence[Mapping[str, object]] = (),
        *,
        channel: str | None = None,
        user: str | None = None,
        source: str = "api",
    ) -> int: ...
    def get_answer(self, answer_id: int) -> StoredAnswer | None: ...
    def rate_answer(self, answer_id: int, rating: int) -> bool: ...
    def record_unanswered(
        self,
        question: str,
        *,
        channel: str | None = None,
        user: str | None = None,
        source: str = "api",
    ) -> int: ...
    def unanswered_summary(self, *, limit: int | None = None) -> list[QuestionGroup]: ...
    def questions_report(self, *, limit: int) -> tuple[list[QuestionGroup], int]: ...
    def claim_event(self, event_id: str) -> bool: ...
    def prune_events(self, older_than: timedelta = ...) -> int: ...
    def count_request(self, key: str, window_start: int, window: int) -> tuple[int, int]: ...
    def uncount_request(self, key: str, window_start: int) -> None: ...
    def prune_request_counts(self, before: int) -> int: ...
    def get_value(self, key: str) -> str | None: ...
    def set_value(self, key: str, value: str) -> None: ...
    def setdefault_value(self, key: str, value: str) -> str: ...
    def ping(self) -> None: ...
    def close(self) -> None: ...


Row = tuple[Any, ...]


def utcnow() -> datetime:
    return datetime.now(UTC)


class SqlStore(ABC):
    """The shared SQL (written with ``?`` placeholders); subclasses run it.

    Subclasses provide three primitives: run one statement and return its rows, and
    convert timestamps to and from the database's representation."""

    dialect: str = "sql"
    #: A subquery of the strings of one bound parameter holding a JSON array: one
    #: parameter however many pages the portal has (SQLite caps bound parameters).
    _JSON_STRINGS = "SELECT value FROM json_each(?)"

    @abstractmethod
    def _run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Execute one statement in its own committed transaction; return all rows."""

    @abstractmethod
    def _to_db_time(self, moment: datetime) -> object: ...

    @abstractmethod
    def _from_db_time(self, value: object) -> datetime: ...

    def _citations_param(self, citations: Sequence[Mapping[str, object]]) -> object:
        return json.dumps([dict(c) for c in citations], ensure_ascii=False)

    def _citations_value(self, value: object) -> list[dict[str, object]]:
        loaded = json.loads(value) if isinstance(value, str) else value
        return cast(list[dict[str, object]], loaded or [])

    # feedback -------------------------------------------------------------------------

    def add_feedback(self, feedback: NewFeedback, *, at: datetime | None = None) -> int:
        """Store one rating, committed before returning; ``at`` (default now) lets imports
        and tests date it."""
        if feedback.rating not in (0, 1):
            raise ValueError(f"rating must be 0 or 1, not {feedback.rating!r}")
        rows = self._run(
            "INSERT INTO feedback (page, url, title, rating, comment, source, user_ref,"
            " owner, kind, subject, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " RETURNING id",
            (
                feedback.page,
                feedback.url,
                feedback.title,
                feedback.rating,
                feedback.comment,
                feedback.source,
                feedback.user_ref,
                feedback.owner,
                feedback.kind,
                feedback.subject,
                self._to_db_time(at or utcnow()),
            ),
        )
        return int(rows[0][0])

    def get_feedback(self, feedback_id: int) -> StoredFeedback | None:
        rows = self._run(
            "SELECT id, page, url, title, rating, comment, source, user_ref, created_at,"
            " owner, kind, subject FROM feedback WHERE id = ?",
            (feedback_id,),
        )
        if not rows:
            return None
        r = rows[0]
        return StoredFeedback(
            id=int(r[0]),
            page=r[1],
            url=r[2],
            title=r[3],
            rating=int(r[4]),
            comment=r[5],
            source=r[6],
            user_ref=r[7],
            created_at=self._from_db_time(r[8]),
            owner=r[9],
            kind=r[10],
            subject=r[11],
        )

    def attach_comment(
        self, page: str, user_ref: str, comment: str, *, within: timedelta = timedelta(minutes=30)
    ) -> int | None:
        """Give the latest comment-less 👎 by the same rater on the same page (within
        ``within``) this comment; its id, or None when there is no such rating.

        The portal's widget sends a 👎 at once and the optional comment later, as a
        second request: merging keeps one rating per click."""
        rows = self._run(
            "UPDATE feedback SET comment = ? WHERE id = (SELECT id FROM feedback"
            " WHERE page = ? AND user_ref = ? AND rating = 0 AND comment IS NULL"
            " AND created_at >= ? ORDER BY id DESC LIMIT 1) RETURNING id",
            (comment, page, user_ref, self._to_db_time(utcnow() - within)),
        )
        return int(rows[0][0]) if rows else None

    def _summary_sql(
        self, since: datetime | None, now: datetime | None
    ) -> tuple[str, tuple[object, ...]]:
        """The per-page summary query (unordered) and its parameters: one row per page
        with a rating in the period or in the last two weeks."""
        now = now or utcnow()
        week, previous = self._to_db_time(now - WEEK), self._to_db_time(now - 2 * WEEK)
        start = self._to_db_time(since) if since else None
        in_period = "created_at >= ?" if start is not None else "1 = 1"
        period_params: tuple[object, ...] = (start,) if start is not None else ()
        # Only fixed SQL fragments are interpolated; every value is a bound parameter.
        # The pages left out are filtered before any cut, so they take no place in it.
        sql = (
            "SELECT page, url, up, down, comments, week_up, week_down, prev_up, prev_down"  # noqa: S608
            " FROM (SELECT page, MAX(url) AS url,"
            f" SUM(CASE WHEN {in_period} AND rating = 1 THEN 1 ELSE 0 END) AS up,"
            f" SUM(CASE WHEN {in_period} AND rating = 0 THEN 1 ELSE 0 END) AS down,"
            f" SUM(CASE WHEN {in_period} AND comment IS NOT NULL AND comment <> ''"
            " THEN 1 ELSE 0 END) AS comments,"
            " SUM(CASE WHEN created_at >= ? AND rating = 1 THEN 1 ELSE 0 END) AS week_up,"
            " SUM(CASE WHEN created_at >= ? AND rating = 0 THEN 1 ELSE 0 END) AS week_down,"
            " SUM(CASE WHEN created_at >= ? AND created_at < ? AND rating = 1"
            " THEN 1 ELSE 0 END) AS prev_up,"
            " SUM(CASE WHEN created_at >= ? AND created_at < ? AND rating = 0"
            " THEN 1 ELSE 0 END) AS prev_down"
            " FROM feedback GROUP BY page) AS pages"
            " WHERE up > 0 OR down > 0 OR week_up > 0 OR week_down > 0"
        )
        params = (*period_params * 3, week, week, previous, week, previous, week)
        return sql, params

    @staticmethod
    def _summary(r: Row) -> PageSummary:
        # A URL that fails the API's rule (a row stored before the rule existed) is not
        # handed out. No title: each rating's title is its sender's word (MAX(title) let
        # the one who sorts last name the page in the report; the latest, the last
        # sender). The portal knows its own pages' titles (``paved.bot.reports.titled``)
        # and links only to its own pages (``url`` is one sender's, never a link target).
        return PageSummary(
            page=r[0],
            title=None,
            url=safe_url(r[1]),
            up=int(r[2]),
            down=int(r[3]),
            comments=int(r[4]),
            this_week_up=int(r[5]),
            this_week_down=int(r[6]),
            previous_week_up=int(r[7]),
            previous_week_down=int(r[8]),
        )

    def feedback_summary(
        self,
        since: datetime | None = None,
        *,
        now: datetime | None = None,
        limit: int | None = None,
    ) -> list[PageSummary]:
        """Per page: ratings and comments since ``since`` (all time when None), and the
        ratings of the last 7 days and the 7 days before, for the trend. A page with none
        of these is left out.

        ``limit`` keeps the ``limit`` pages with the most 👎, then by path, and the
        database makes the cut (``ORDER BY`` / ``LIMIT``): any script can rate a new page
        path, so a caller that shows a bounded report must not load every row first."""
        sql, params = self._summary_sql(since, now)
        if limit is None:
            sql += " ORDER BY page"
        else:
            sql += " ORDER BY down DESC, page LIMIT ?"
            params = (*params, max(limit, 0))
        return [self._summary(r) for r in self._run(sql, params)]

    def feedback_report(
        self,
        keep: Collection[str],
        *,
        limit: int,
        since: datetime | None = None,
        now: datetime | None = None,
    ) -> tuple[list[PageSummary], int]:
        """What the portal's report page lists: the summary of every rated page in
        ``keep`` (the portal's own pages, recorded with or without a leading ``/``), then
        of the others the ``limit`` with the most 👎 (then by path); and how many others
        were left out. The database makes the cut (``ORDER BY`` / ``LIMIT``, the count
        by a window function): any script can rate a new page path, so the build must not
        load every row to keep 500 of them."""
        sql, params = self._summary_sql(since, now)
        wanted = sorted(set(keep))
        # The portal's pages first (``mine``), then the worst others; ``others`` is the
        # count of the others before the cut. The API takes at most one leading "/", so
        # the portal's pages are at most two rows each: the LIMIT never cuts one of them.
        sql = (
            "SELECT page, url, up, down, comments, week_up, week_down, prev_up, prev_down,"  # noqa: S608
            " mine, SUM(1 - mine) OVER () AS others FROM (SELECT rated.*,"
            f" CASE WHEN LTRIM(page, '/') IN ({self._JSON_STRINGS}) THEN 1 ELSE 0 END"
            f" AS mine FROM ({sql}) AS rated) AS marked"
            " ORDER BY mine DESC, down DESC, page LIMIT ?"
        )
        bound = 2 * len(wanted) + max(limit, 0)
        rows = self._run(sql, (json.dumps(wanted), *params, bound))
        ours = [self._summary(r) for r in rows if int(r[9]) == 1]
        others = [self._summary(r) for r in rows if int(r[9]) == 0][: max(limit, 0)]
        total_others = int(rows[0][10]) if rows else 0
        return [*ours, *others], total_others - len(others)

    def feedback_comments(
        self, since: datetime | None = None, *, limit: int = 1000
    ) -> list[PageComment]:
        """The comments readers left (since ``since``), newest first, at most ``limit``:
        the reports list them under their page. Bounded, since anyone can post one."""
        period = " AND created_at >= ?" if since else ""
        params: tuple[object, ...] = (self._to_db_time(since),) if since else ()
        rows = self._run(
            "SELECT page, title, url, rating, comment, created_at FROM feedback"  # noqa: S608
            f" WHERE comment IS NOT NULL AND comment <> ''{period}"
            " ORDER BY created_at DESC, id DESC LIMIT ?",
            (*params, limit),
        )
        return [
            PageComment(
                page=r[0],
                title=r[1],
                url=safe_url(r[2]),
                rating=int(r[3]),
                comment=r[4],
                created_at=self._from_db_time(r[5]),
            )
            for r in rows
        ]

    # answers and questions ------------------------------------------------------------

    def record_answer(
        self,
        question: str,
        answer_text: str,
        citations: Sequence[Mapping[str, object]] = (),
        *,
        channel: str | None = None,
        user: str | None = None,
        source: str = "api",
    ) -> int:
        rows = self._run(
            "INSERT INTO answers (question, normalised, answer_text, citations, channel,"
            " user_ref, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                question,
                normalise_question(question),
                answer_text,
                self._citations_param(citations),
                channel,
                user,
                source,
                self._to_db_time(utcnow()),
            ),
        )
        return int(rows[0][0])

    def get_answer(self, answer_id: int) -> StoredAnswer | None:
        rows = self._run(
            "SELECT id, question, answer_text, citations, channel, user_ref, source,"
            " created_at, rating FROM answers WHERE id = ?",
            (answer_id,),
        )
        if not rows:
            return None
        r = rows[0]
        return StoredAnswer(
            id=int(r[0]),
            question=r[1],
            answer_text=r[2],
            citations=self._citations_value(r[3]),
            channel=r[4],
            user_ref=r[5],
            source=r[6],
            created_at=self._from_db_time(r[7]),
            rating=None if r[8] is None else int(r[8]),
        )

    def rate_answer(self, answer_id: int, rating: int) -> bool:
        """Set (or change) an answer's rating; False when there is no such answer."""
        if rating not in (0, 1):
            raise ValueError(f"rating must be 0 or 1, not {rating!r}")
        rows = self._run(
            "UPDATE answers SET rating = ?, rated_at = ? WHERE id = ? RETURNING id",
            (rating, self._to_db_time(utcnow()), answer_id),
        )
        return bool(rows)

    def record_unanswered(
        self,
        question: str,
        *,
        channel: str | None = None,
        user: str | None = None,
        source: str = "api",
    ) -> int:
        rows = self._run(
            "INSERT INTO unanswered (question, normalised, channel, user_ref, source,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (
                question,
                normalise_question(question),
                channel,
                user,
                source,
                self._to_db_time(utcnow()),
            ),
        )
        return int(rows[0][0])

    def unanswered_summary(self, *, limit: int | None = None) -> list[QuestionGroup]:
        """Unanswered questions, then questions whose answer was rated 👎, each grouped by
        normalised text, most frequent first; at most ``limit`` groups of each kind (cut
        by the database) when given."""
        return self._question_groups(limit)[0]

    def questions_report(self, *, limit: int) -> tuple[list[QuestionGroup], int]:
        """The ``limit`` most asked groups of each kind (as :meth:`unanswered_summary`),
        and how many groups were left out: what the portal's report page lists. Any
        script can ask a new question, so the database makes the cut (``LIMIT``) and
        counts the rest (a window function) instead of the build loading every group."""
        return self._question_groups(limit)

    def _question_groups(self, limit: int | None) -> tuple[list[QuestionGroup], int]:
        groups: list[QuestionGroup] = []
        left_out = 0
        for kind, source in (
            ("unanswered", "unanswered"),
            ("rated_down", "answers WHERE rating = 0"),
        ):
            # Only the two fixed table expressions above are interpolated.
            sql = (
                "SELECT normalised, MIN(question), COUNT(*), MAX(created_at),"  # noqa: S608
                f" COUNT(*) OVER () FROM {source} GROUP BY normalised"
                " ORDER BY COUNT(*) DESC, normalised"
            )
            params: tuple[object, ...] = ()
            if limit is not None:
                sql += " LIMIT ?"
                params = (max(limit, 0),)
            rows = self._run(sql, params)
            if rows:
                left_out += int(rows[0][4]) - len(rows)
            groups.extend(
                QuestionGroup(
                    kind=kind,  # type: ignore[arg-type]
                    normalised=r[0],
                    example=r[1],
                    count=int(r[2]),
                    last_asked=self._from_db_time(r[3]),
                )
                for r in rows
            )
        return groups, left_out

    # Slack events ---------------------------------------------------------------------

    def claim_event(self, event_id: str) -> bool:
        """True for the first caller (any replica) that claims this Slack event id."""
        rows = self._run(
            "INSERT INTO processed_events (event_id, claimed_at) VALUES (?, ?)"
            " ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
            (event_id, self._to_db_time(utcnow())),
        )
        return bool(rows)

    def prune_events(self, older_than: timedelta = timedelta(days=7)) -> int:
        """Forget claimed event ids older than ``older_than`` (Slack retries within
        minutes); returns how many were removed."""
        rows = self._run(
            "DELETE FROM processed_events WHERE claimed_at < ? RETURNING event_id",
            (self._to_db_time(utcnow() - older_than),),
        )
        return len(rows)

    # rate limit counters --------------------------------------------------------------

    def count_request(self, key: str, window_start: int, window: int) -> tuple[int, int]:
        """Count one request for ``key`` in the window starting at ``window_start``
        (seconds since the epoch, a multiple of ``window``): one atomic upsert, so
        replicas counting at once all land in the same row. Returns this window's count,
        this request included, and the previous window's (0 when the row is older)."""
        rows = self._run(
            "INSERT INTO rate_limits (key, window_start, hits, previous_hits)"
            " VALUES (?, ?, 1, 0) ON CONFLICT (key) DO UPDATE SET"
            " previous_hits = CASE"
            " WHEN rate_limits.window_start = excluded.window_start"
            " THEN rate_limits.previous_hits"
            " WHEN rate_limits.window_start = excluded.window_start - ?"
            " THEN rate_limits.hits ELSE 0 END,"
            " hits = CASE WHEN rate_limits.window_start = excluded.window_start"
            " THEN rate_limits.hits + 1 ELSE 1 END,"
            " window_start = excluded.window_start"
            " RETURNING hits, previous_hits",
            (key, window_start, window),
        )
        return int(rows[0][0]), int(rows[0][1])

    def uncount_request(self, key: str, window_start: int) -> None:
        """Take back a request :meth:`count_request` counted but the limit refused, so
        only admitted requests use up the limit."""
        self._run(
            "UPDATE rate_limits SET hits = hits - 1"
            " WHERE key = ? AND window_start = ? AND hits > 0",
            (key, window_start),
        )

    def prune_request_counts(self, before: int) -> int:
        """Forget counters whose current window started before ``before``."""
        return len(
            self._run("DELETE FROM rate_limits WHERE window_start < ? RETURNING key", (before,))
        )

    # key/value ------------------------------------------------------------------------

    def get_value(self, key: str) -> str | None:
        rows = self._run("SELECT value FROM kv WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_value(self, key: str, value: str) -> None:
        self._run(
            "INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at",
            (key, value, self._to_db_time(utcnow())),
        )

    def setdefault_value(self, key: str, value: str) -> str:
        """Store ``value`` unless the key exists; return what is stored (replicas agree)."""
        self._run(
            "INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
            (key, value, self._to_db_time(utcnow())),
        )
        stored = self.get_value(key)
        assert stored is not None
        return stored

    #: what the write probe of :meth:`ping` writes (and rolls back)
    _PROBE_SQL = (
        "INSERT INTO kv (key, value, updated_at) VALUES ('paved:health-probe', '', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )

    def ping(self) -> None:
        """Raise unless the store answers and accepts writes. Reading is not enough: a
        read-only file or replica answers every read and refuses every write. The write
        is a real one, in a transaction that is rolled back, so nothing changes."""
        self._run("SELECT 1 FROM schema_migrations LIMIT 1")
        self._probe_write()

    @abstractmethod
    def _probe_write(self) -> None:
        """Run :attr:`_PROBE_SQL` in a transaction, then roll it back."""
