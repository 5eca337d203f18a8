"""What the listeners share: the store, the answering engine, the people directory and
the few settings they read. Built once by ``bot.slack_app.build_bolt_app``."""

from __future__ import annotations

from dataclasses import dataclass

from bot.listeners.answering import EngineAnswerer
from bot.listeners.claims import EventClaims
from bot.notify import SlackNotifier, SlackPeople
from bot.store import Store


@dataclass(frozen=True)
class Deps:
    store: Store
    answerer: EngineAnswerer
    people: SlackPeople
    notifier: SlackNotifier
    support_channel: str
    portal_url: str
    claims: EventClaims
