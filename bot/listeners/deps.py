"""What the listeners share: the store, the answering engine, the people directory and
the few settings they read. Built once by ``paved.bot.slack_app.build_slack_app``."""

from __future__ import annotations

from dataclasses import dataclass

from paved.bot.api.ask import Answerer
from paved.bot.listeners.claims import EventClaims
from paved.bot.notify import SlackNotifier, SlackPeople
from paved.bot.store import Store


@dataclass(frozen=True)
class Deps:
    store: Store
    answerer: Answerer
    people: SlackPeople
    notifier: SlackNotifier
    support_channel: str
    portal_url: str
    claims: EventClaims
