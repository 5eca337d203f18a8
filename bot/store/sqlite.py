"""The SQLite store: one connection in autocommit mode guarded by a lock, WAL journal.

Durability: each write is its own transaction, committed before the method returns.
With WAL and ``synchronous=NORMAL`` a committed transaction is in the WAL file (the
operating system's cache) before the call returns, so it survives the process being
killed (``kill -9``); only a power cut or an OS crash can lose the last commits. Set
``synchronous="FULL"`` to survive those too, at the price of one fsync per write."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from paved.bot.store.base import Row, SqlStore, utcnow
from paved.bot.store.migrate import SCHEMA_MIGRATIONS_SQL, load_migrations, split_statements
from paved.bot.store.types import StoreError
from paved.generator.report.escape import terminal

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


_INSTEAD = "set PAVED_DATABASE_URL=sqlite:///path/to/paved.db to a real file"


def refuse_links(path: str | Path, root: Path | None = None) -> None:
    """Raise :class:`StoreError` when the SQLite file ``path`` is a symbolic link, or when
    a folder on the way to it inside the repository ``root`` (the working directory,
    where the default ``.paved/paved.db`` lives) is one.

    A link can be committed: ``.paved -> .git/hooks`` or ``paved.db -> ~/.bashrc`` would
    make the bot create and write its database wherever the link points. A link in a
    folder above the repository (``/var -> /private/var``) is the machine's, not the
    repository's, and is followed. The message names the link and how to fix it."""
    if str(path) == ":memory:" or str(path).startswith("file:"):
        return
    root = Path.cwd() if root is None else root
    given = Path(path)
    full = given if given.is_absolute() else root / given
    real_root = root.resolve()

    def shown(entry: Path) -> str:
        try:
            return terminal(entry.relative_to(root).as_posix())
        except ValueError:
            return terminal(entry.as_posix())

    here = Path(full.parts[0])
    for part in full.parts[1:]:
        here = here / part
        if not here.is_symlink():
            continue
        target = terminal(here.readlink().as_posix())
        if here == full:
            raise StoreError(
                f"the store {shown(full)} is a symbolic link to {target}: the store is"
                f" written only to a real file; remove the link, or {_INSTEAD}"
            )
        parent = here.parent.resolve()
        if parent == real_root or real_root in parent.parents:
            raise StoreError(
                f"the store {shown(full)} is in {shown(here)}, a symbolic link to {target}"
                " inside the repository, so the store would be written where it points;"
                f" replace the link with a real folder, or {_INSTEAD} outside the repository"
            )


class SqliteStore(SqlStore):
    dialect = "sqlite"

    def __init__(
        self, path: str | Path, *, synchronous: Literal["NORMAL", "FULL"] = "NORMAL"
    ) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            refuse_links(self.path)
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self._conn.execute("PRAGMA busy_timeout = 30000")
        self._enable_wal()
        self._conn.execute(f"PRAGMA synchronous = {synchronous}")
        self.migrate()

    def _enable_wal(self, patience: float = 30.0) -> None:
        """Switch to WAL. Two processes doing this at once on a new file can get "database
        is locked" without SQLite's busy handler being consulted, so retry briefly."""
        deadline = time.monotonic() + patience
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
            else:
                return

    def migrate(self) -> list[int]:
        """Apply pending migrations in one transaction; return the versions applied."""
        applied_now: list[int] = []
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(SCHEMA_MIGRATIONS_SQL["sqlite"])
                done = {r[0] for r in self._conn.execute("SELECT version FROM schema_migrations")}
                for migration in load_migrations("sqlite"):
                    if migration.version in done:
                        continue
                    for statement in split_statements(migration.sql):
                        self._conn.execute(statement)
                    self._conn.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at)"
                        " VALUES (?, ?, ?)",
                        (migration.version, migration.name, self._to_db_time(utcnow())),
                    )
                    applied_now.append(migration.version)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return applied_now

    def _probe_write(self) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(self._PROBE_SQL, (self._to_db_time(utcnow()),))
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")

    def _run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    def _to_db_time(self, moment: datetime) -> object:
        return moment.astimezone(UTC).strftime(_TIME_FORMAT)

    def _from_db_time(self, value: object) -> datetime:
        return datetime.strptime(str(value), _TIME_FORMAT).replace(tzinfo=UTC)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
