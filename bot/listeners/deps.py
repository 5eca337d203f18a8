"""What the listeners share: the store, the answering engine, the people directory and
the few settings they read. Built once by ``paved.bot.slack_app.build_bolt_app``."""

from __future__ import annotations

from dataclasses import dataclass

from paved.bot.listeners.answering import EngineAnswerer
from paved.bot.listeners.claims import EventClaims
from paved.bot.notify import SlackNotifier, SlackPeople
from paved.bot.store import Store


@dataclass(frozen=True)
class Deps:
    store: Store
    answerer: EngineAnswerer
    people: SlackPeople
    notifier: SlackNotifier
    support_channel: str
    portal_url: str
    claims: EventClaims
