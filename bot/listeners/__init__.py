"""Bolt listeners, one package per kind of Slack request, as Slack's Bolt starter
template lays them out. Each package's ``register(app, deps)`` adds its listeners; the
shared dependencies travel in :class:`paved.bot.listeners.deps.Deps` instead of globals.

The packages are imported inside :func:`register_listeners`, not here, so that the
helpers in this package (``directory``) import without pulling in Bolt's listeners."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from paved.bot.listeners.deps import Deps


def register_listeners(app: AsyncApp, deps: Deps) -> None:
    """Add every listener of the bot to ``app``."""
    from paved.bot.listeners import actions, commands, errors, events, shortcuts, views

    errors.register(app, deps)
    events.register(app, deps)
    commands.register(app, deps)
    actions.register(app, deps)
    shortcuts.register(app, deps)
    views.register(app, deps)
