"""``paved bot``: serve the feedback/ask API and, when Slack is configured, the Slack bot."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import uvicorn
    from slack_bolt.async_app import AsyncApp

#: Errors that mean "the store cannot be opened" (bad URL, unreachable server, bad file):
#: shown as a one-line message, not a traceback.
_STORE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, OSError)


def _store_errors() -> tuple[type[BaseException], ...]:
    from paved.bot.store import StoreError

    errors: tuple[type[BaseException], ...] = (*_STORE_ERRORS, StoreError)
    try:
        import psycopg
    except ImportError:  # pragma: no cover - PostgreSQL support not installed
        return errors
    return (*errors, psycopg.Error)


@click.command("bot")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--socket",
    "socket_mode",
    is_flag=True,
    help="Connect to Slack in Socket Mode (development; needs SLACK_APP_TOKEN).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
)
@click.option(
    "--access-log/--no-access-log",
    default=False,
    show_default=True,
    help="Log every HTTP request (off by default: it records client addresses).",
)
def bot(host: str, port: int, socket_mode: bool, log_level: str, access_log: bool) -> None:
    """Run the bot service: the portal's feedback API, /api/ask, and the Slack bot.

    Settings come from the environment (PAVED_DATABASE_URL, PAVED_ALLOWED_ORIGINS,
    SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, PAVED_SUPPORT_CHANNEL, ...).
    Without any Slack variable it serves the API alone.

    \b
    Example:
        paved bot --port 8001
        SLACK_BOT_TOKEN=xoxb-... SLACK_APP_TOKEN=xapp-... \\
          PAVED_SUPPORT_CHANNEL=data-platform-help paved bot --socket
    """
    import uvicorn

    from paved.bot.service import build_service
    from paved.bot.settings import Settings, SettingsError

    logging.basicConfig(
        level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = Settings.from_env(socket_mode=socket_mode)
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    if socket_mode and settings.slack is None:
        raise click.ClickException(
            "--socket needs Slack: set SLACK_BOT_TOKEN, SLACK_APP_TOKEN and PAVED_SUPPORT_CHANNEL"
        )
    try:
        service = build_service(settings, mount_slack=not socket_mode)
    except _store_errors() as error:
        raise click.ClickException(f"cannot open the store: {error}") from None
    config = uvicorn.Config(
        service.app, host=host, port=port, log_level=log_level, access_log=access_log
    )
    try:
        socket = None
        if socket_mode and settings.slack is not None and service.bolt_app is not None:
            socket = (service.bolt_app, settings.slack.app_token)
        asyncio.run(_serve(uvicorn.Server(config), socket))
    finally:
        service.store.close()


async def _serve(server: uvicorn.Server, socket: tuple[AsyncApp, str | None] | None) -> None:
    """Serve HTTP; in Socket Mode also hold the Slack WebSocket open until shutdown."""
    handler = None
    if socket is not None:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(socket[0], app_token=socket[1])
        await handler.connect_async()  # type: ignore[no-untyped-call]
    try:
        await server.serve()
    finally:
        if handler is not None:
            await handler.close_async()  # type: ignore[no-untyped-call]
