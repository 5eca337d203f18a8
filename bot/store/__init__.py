"""The bot's store: one interface (:class:`Store`), SQLite and PostgreSQL behind it,
chosen by the database URL. ``open_store`` applies pending migrations before returning."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from paved.bot.store.base import Store
from paved.bot.store.types import (
    NewFeedback,
    PageSummary,
    QuestionGroup,
    StoredAnswer,
    StoredFeedback,
    StoreError,
)

__all__ = [
    "NewFeedback",
    "PageSummary",
    "QuestionGroup",
    "Store",
    "StoreError",
    "StoredAnswer",
    "StoredFeedback",
    "open_store",
    "redact_url",
    "sqlite_path",
]


def sqlite_path(url: str) -> str:
    """``sqlite:///relative.db`` → ``relative.db``; ``sqlite:////abs.db`` → ``/abs.db``;
    ``sqlite://`` or ``sqlite:///:memory:`` → ``:memory:``."""
    rest = url[len("sqlite://") :]
    if rest in ("", "/", "/:memory:"):
        return ":memory:"
    if not rest.startswith("/"):
        raise StoreError(f"SQLite URL must look like sqlite:///path/to/file.db, not {url!r}")
    return rest[1:]


def open_store(url: str) -> Store:
    """Open (and migrate) the store a database URL names."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        from paved.bot.store.sqlite import SqliteStore

        return SqliteStore(sqlite_path(url))
    if scheme in ("postgresql", "postgres"):
        try:
            from paved.bot.store.postgres import PostgresStore
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise StoreError(
                "PostgreSQL needs psycopg and psycopg-pool: pip install 'paved[postgres]'"
            ) from error
        return PostgresStore(url)
    raise StoreError(
        f"unsupported database URL {redact_url(url)!r}: use sqlite:///path or postgresql://..."
    )


def redact_url(url: str) -> str:
    """The URL with its password replaced by ``***``, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
