"""The bot's store: one interface (:class:`Store`), SQLite and PostgreSQL behind it,
chosen by the database URL. ``open_store`` applies pending migrations before returning."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from paved.bot.store.base import Store
from paved.bot.store.types import (
    NewFeedback,
    PageComment,
    PageSummary,
    QuestionGroup,
    StoredAnswer,
    StoredFeedback,
    StoreError,
)

__all__ = [
    "SECRET_PARAMETERS",
    "NewFeedback",
    "PageComment",
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


#: query parameters of a database URL that carry a secret (libpq's ``password``,
#: ``passfile``, ``sslpassword``; and spellings other drivers use)
SECRET_PARAMETERS = frozenset(
    {"password", "passfile", "sslpassword", "pass", "pwd", "secret", "token", "sslkey"}
)
_SECRET_IN_TEXT = re.compile(r"(?i)\b(" + "|".join(sorted(SECRET_PARAMETERS)) + r")=[^&\s;]*")


def redact_url(url: str) -> str:
    """The URL as it may be logged or shown: the userinfo's password and the value of
    every secret query parameter (:data:`SECRET_PARAMETERS`, any case) replaced by
    ``***``. The one function for this: everything that logs or shows a database URL
    calls it. A URL too malformed to parse is redacted by pattern instead."""
    try:
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return _redact_text(url)
    netloc = parts.netloc
    userinfo, at, host = netloc.rpartition("@")
    if at and ":" in userinfo:
        netloc = userinfo.split(":", 1)[0] + ":***@" + host
    redacted = [(k, "***" if k.lower() in SECRET_PARAMETERS else v) for k, v in query]
    if netloc == parts.netloc and redacted == query:
        return url
    new_query = urlencode(redacted, safe="*/:") if redacted != query else parts.query
    # joined by hand: urlunsplit writes "sqlite:///x" as "sqlite:/x"
    head = (
        f"{parts.scheme}://{netloc}"
        if "://" in url
        else urlunsplit((parts.scheme, netloc, "", "", ""))
    )
    tail = (f"?{new_query}" if new_query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return head + parts.path + tail


def _redact_text(text: str) -> str:
    text = re.sub(r"(//[^/:@\s]*):[^@/\s]*@", r"\1:***@", text)
    return _SECRET_IN_TEXT.sub(lambda m: m.group(1) + "=***", text)
