"""The PostgreSQL store, for several bot replicas: psycopg 3 with a psycopg-pool pool.

Connections are in autocommit mode, so every write commits before the method returns.
Migrations run in one transaction holding a transaction-level advisory lock
(``pg_advisory_xact_lock``), so replicas starting together apply each file once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache

from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from paved.bot.store.base import Row, SqlStore
from paved.bot.store.migrate import SCHEMA_MIGRATIONS_SQL, load_migrations

#: Advisory lock key for migrations ("paved" in ASCII): any constant shared by replicas.
MIGRATION_LOCK_KEY = 0x7061766564


@lru_cache(maxsize=128)
def _placeholders(sql: str) -> str:
    """The shared SQL uses ``?``; psycopg uses ``%s``."""
    return sql.replace("?", "%s")


class PostgresStore(SqlStore):
    dialect = "postgresql"
    _JSON_STRINGS = "SELECT jsonb_array_elements_text(?::jsonb)"

    def __init__(
        self, url: str, *, min_size: int = 1, max_size: int = 10, timeout: float = 10.0
    ) -> None:
        self._pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            timeout=timeout,
            kwargs={"autocommit": True},
            open=False,
        )
        self._pool.open()
        try:
            self.migrate()
        except BaseException:
            self._pool.close()
            raise

    def migrate(self) -> list[int]:
        """Apply pending migrations under the advisory lock; return the versions applied."""
        applied_now: list[int] = []
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))
            conn.execute(SCHEMA_MIGRATIONS_SQL["postgresql"])
            done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
            for migration in load_migrations("postgresql"):
                if migration.version in done:
                    continue
                conn.execute(migration.sql.encode())
                conn.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                    (migration.version, migration.name),
                )
                applied_now.append(migration.version)
        return applied_now

    def _probe_write(self) -> None:
        with self._pool.connection() as conn, conn.transaction(force_rollback=True):
            conn.execute(_placeholders(self._PROBE_SQL), (datetime.now(UTC),))

    def _run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        with self._pool.connection() as conn:
            cursor = conn.execute(_placeholders(sql), tuple(params))
            return cursor.fetchall() if cursor.description else []

    def _to_db_time(self, moment: datetime) -> object:
        return moment

    def _from_db_time(self, value: object) -> datetime:
        assert isinstance(value, datetime)
        return value.astimezone(UTC)

    def _citations_param(self, citations: Sequence[Mapping[str, object]]) -> object:
        return Jsonb([dict(c) for c in citations])

    def close(self) -> None:
        self._pool.close()
