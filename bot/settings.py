"""The bot service's settings, read once from environment variables into a typed, frozen
dataclass. Anything missing or malformed fails fast with a message naming the variable.

Slack is optional: with none of ``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET`` and
``SLACK_APP_TOKEN`` set the service runs the feedback and ask API alone; with some of
them set, every variable that mode needs must be set too."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from paved.bot.store.types import StoreError

DEFAULT_ALLOWED_ORIGINS = ("http://127.0.0.1:8000", "http://localhost:8000")
DEFAULT_PORTAL_URL = "http://127.0.0.1:8000"
DEFAULT_DATA_DIR = ".paved"
SLACK_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the environment variable."""


class DatabaseUrlError(SettingsError, StoreError):
    """``PAVED_DATABASE_URL`` names no usable store: a settings error, and a store error
    for the callers (``paved report``) that only expect the latter."""


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str
    support_channel: str
    signing_secret: str | None = None  # HTTP mode (POST /slack/events)
    app_token: str | None = None  # Socket Mode
    api_url: str | None = None  # e.g. a local fake Slack in tests; ends with "/"


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    allowed_origins: tuple[str, ...] = DEFAULT_ALLOWED_ORIGINS
    portal_url: str = DEFAULT_PORTAL_URL
    slack: SlackSettings | None = None
    #: feedback (and ask) requests per client IP per minute; 0 disables the limit.
    rate_limit_per_minute: int = 30
    #: largest request body accepted by the JSON routes, in bytes.
    max_body_bytes: int = 8192

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, socket_mode: bool = False
    ) -> Settings:
        """Read the settings; ``socket_mode`` asks for ``SLACK_APP_TOKEN`` instead of
        ``SLACK_SIGNING_SECRET`` when Slack is configured."""
        env = os.environ if env is None else env
        data_dir = Path(_get(env, "PAVED_DATA_DIR") or DEFAULT_DATA_DIR)
        database_url = database_url_from_env(env)
        origins = _get(env, "PAVED_ALLOWED_ORIGINS")
        return cls(
            database_url=database_url,
            data_dir=data_dir,
            allowed_origins=_origins(origins) if origins else DEFAULT_ALLOWED_ORIGINS,
            portal_url=(_get(env, "PAVED_PORTAL_URL") or DEFAULT_PORTAL_URL).rstrip("/"),
            slack=_slack(env, socket_mode=socket_mode),
            rate_limit_per_minute=_int(env, "PAVED_RATE_LIMIT_PER_MINUTE", 30),
            max_body_bytes=_int(env, "PAVED_MAX_BODY_BYTES", 8192, minimum=256),
        )


def database_url_from_env(env: Mapping[str, str] | None = None) -> str:
    """``PAVED_DATABASE_URL``, else SQLite in ``PAVED_DATA_DIR`` (default ``.paved/``):
    all the reports need, without the Slack checks. Checked by :func:`check_database_url`."""
    env = os.environ if env is None else env
    data_dir = Path(_get(env, "PAVED_DATA_DIR") or DEFAULT_DATA_DIR)
    url = _get(env, "PAVED_DATABASE_URL")
    return check_database_url(url) if url else f"sqlite:///{data_dir / 'paved.db'}"


def check_database_url(url: str) -> str:
    """``url`` when it names a store; a :class:`SettingsError` naming
    ``PAVED_DATABASE_URL`` and the fix otherwise. An SQLite URL without a file
    (``sqlite:``, ``sqlite://``, ``sqlite:///``, ``sqlite:///:memory:``) is refused:
    SQLite would keep the store in memory, losing every rating at each restart and
    giving each replica its own. Messages show the URL through ``redact_url``."""
    from paved.bot.store import redact_url, sqlite_path

    scheme, colon, rest = url.partition(":")
    shown = redact_url(url)
    if not colon or scheme.lower() not in ("sqlite", "postgresql", "postgres"):
        raise DatabaseUrlError(
            f"PAVED_DATABASE_URL {shown!r} is not a database URL: use"
            " sqlite:///path/to/paved.db or postgresql://user@host/dbname"
        )
    if scheme.lower() != "sqlite":
        return url
    why = (
        "names no file, so SQLite would keep the store in memory and lose it at every"
        " restart: set PAVED_DATABASE_URL=sqlite:///path/to/paved.db (three slashes, then"
        " the path), or unset it for .paved/paved.db"
    )
    if rest in ("", "/"):
        raise DatabaseUrlError(f"PAVED_DATABASE_URL {shown!r} {why}")
    try:
        path = sqlite_path(url) if rest.startswith("//") else None
    except StoreError:
        path = None
    if path is None:
        raise DatabaseUrlError(
            f"PAVED_DATABASE_URL {shown!r} must look like sqlite:///path/to/paved.db"
        )
    if path in ("", ":memory:") or path.startswith("file::memory:"):
        raise DatabaseUrlError(f"PAVED_DATABASE_URL {shown!r} {why}")
    return url


def _get(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


def _require(env: Mapping[str, str], name: str, why: str) -> str:
    value = _get(env, name)
    if value is None:
        raise SettingsError(f"{name} is not set: {why}")
    return value


def _int(env: Mapping[str, str], name: str, default: int, *, minimum: int = 0) -> int:
    raw = _get(env, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, not {value}")
    return value


def _origins(raw: str) -> tuple[str, ...]:
    origins = tuple(o.strip().rstrip("/") for o in raw.split(",") if o.strip())
    for origin in origins:
        if not origin.startswith(("http://", "https://")) or origin.count("/") != 2:
            raise SettingsError(
                f"PAVED_ALLOWED_ORIGINS: {origin!r} is not an origin like https://docs.example.com"
            )
    return origins


def _slack(env: Mapping[str, str], *, socket_mode: bool) -> SlackSettings | None:
    if not any(_get(env, name) for name in SLACK_VARIABLES):
        return None
    why = "Slack is partly configured (set all its variables, or none to run the API alone)"
    bot_token = _require(env, "SLACK_BOT_TOKEN", why)
    if not bot_token.startswith("xoxb-"):
        raise SettingsError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    signing_secret = app_token = None
    if socket_mode:
        app_token = _require(env, "SLACK_APP_TOKEN", "Socket Mode needs an app-level token")
        if not app_token.startswith("xapp-"):
            raise SettingsError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
    else:
        signing_secret = _require(
            env, "SLACK_SIGNING_SECRET", "HTTP mode verifies Slack's signed requests with it"
        )
    support_channel = _require(
        env, "PAVED_SUPPORT_CHANNEL", "the bot hands questions it cannot answer to this channel"
    )
    api_url = _get(env, "SLACK_API_URL")
    if api_url is not None and not api_url.endswith("/"):
        api_url += "/"
    return SlackSettings(
        bot_token=bot_token,
        support_channel=support_channel,
        signing_secret=signing_secret,
        app_token=app_token,
        api_url=api_url,
    )
