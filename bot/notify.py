"""Reaching the people behind the pages: turning an owner into a Slack mention, and the
notifier the service calls when a portal reader leaves a 👎 with a comment.

How owners become mentions (a decision): the catalogue and the WIDs give every owner's
Slack handle; the bot finds the member with that handle through ``users.list`` (scope
``users:read``, already needed) and writes ``<@U…>``, which notifies them. It does not
use ``users.lookupByEmail``: that needs the extra ``users:read.email`` scope. When the
handle matches nobody (or the lookup fails) the message carries ``@handle`` as plain
text: readable, though Slack will not notify anyone."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from urllib.parse import quote

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from paved.bot.listeners.directory import LazyDirectory
from paved.bot.store.types import StoredFeedback
from paved.bot.urls import safe_url
from paved.bot.views.handoff import feedback_text, negative_feedback_blocks
from paved.bot.views.types import Mrkdwn, escape, user_mention

logger = logging.getLogger("paved.bot.slack")

#: how long the handle → member id map from users.list is trusted
MEMBERS_TTL_SECONDS = 900.0


def member_handles(member: Mapping[str, object]) -> list[str]:
    """The names a workspace member answers to, lower case, without ``@``: the username
    and the display name (what people type after ``@``)."""
    names: list[str] = []
    name = member.get("name")
    if isinstance(name, str):
        names.append(name)
    profile = member.get("profile")
    if isinstance(profile, Mapping):
        for key in ("display_name", "display_name_normalized"):
            value = profile.get(key)
            if isinstance(value, str):
                names.append(value)
    return [n.strip().lstrip("@").lower() for n in names if n.strip()]


class SlackPeople:
    """Owner (custodian id, email or handle) → the text that mentions them."""

    def __init__(self, client: AsyncWebClient, directory: LazyDirectory) -> None:
        self.client = client
        self.directory = directory
        self._members: dict[str, str] = {}
        self._loaded_at = float("-inf")

    async def _member_ids(self) -> dict[str, str]:
        if time.monotonic() - self._loaded_at < MEMBERS_TTL_SECONDS:
            return self._members
        members: dict[str, str] = {}
        cursor: str | None = None
        try:
            while True:
                page = await self.client.users_list(limit=200, cursor=cursor)
                for member in page.get("members") or []:
                    if member.get("deleted") or not member.get("id"):
                        continue
                    for handle in member_handles(member):
                        members.setdefault(handle, str(member["id"]))
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
                if not cursor:
                    break
        except SlackApiError as error:
            # Mentions degrade to plain @handle text; the message itself still goes out.
            logger.warning("users.list failed (%s): owners shown as plain text", error)
            return self._members
        self._members, self._loaded_at = members, time.monotonic()
        return members

    async def mention(self, owner: str | None) -> Mrkdwn | None:
        """``<@U…>`` when the owner's handle is a workspace member, else ``@handle`` or
        the owner as written (escaped); None when there is no owner."""
        if not owner or not owner.strip():
            return None
        directory = await self.directory.get()
        handle = directory.handle_for(owner)
        if handle is None and owner.strip().startswith("@"):
            handle = owner.strip()
        if handle is None:
            return escape(owner.strip())
        member = (await self._member_ids()).get(handle.lstrip("@").lower())
        return user_mention(member) or escape(handle)

    async def mention_known(self, owner: str | None) -> Mrkdwn | None:
        """Like :meth:`mention` for an owner someone outside the model named (the
        feedback API's ``owner`` field): a mention only when the owner is a person of
        the catalogue or the WIDs, else the owner as written, escaped, which notifies
        nobody."""
        if not owner or not owner.strip():
            return None
        if (await self.directory.get()).handle_for(owner) is None:
            return escape(owner.strip())
        return await self.mention(owner)


class SlackNotifier:
    """Forwards a portal 👎 with a comment to the support channel, mentioning the page's
    owner: the one the model gives a page it knows; for another page the one the widget
    sent, mentioned only when the model knows that person (the feedback API is open to
    any script, which must not choose whom the bot notifies)."""

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        channel: str,
        people: SlackPeople,
        portal_url: str,
    ) -> None:
        self.client = client
        self.channel = channel
        self.people = people
        self.portal_url = portal_url.rstrip("/")

    async def on_negative_feedback(self, feedback: StoredFeedback) -> None:
        if not feedback.comment:
            return
        page = (await self.people.directory.get()).page(feedback.page)
        if page is not None:
            owner = await self.people.mention(page.owner)
        else:
            owner = await self.people.mention_known(feedback.owner)
        # the model's title when the page is known: the sender's is only a fallback
        title = (page.title if page else None) or feedback.title or feedback.page
        url = self.page_url(feedback.url, page.src_uri if page else None)
        await self.client.chat_postMessage(
            channel=self.channel,
            text=feedback_text(title, owner),
            blocks=negative_feedback_blocks(
                page_title=title,
                page_url=url,
                comment=feedback.comment,
                owner=owner,
                source=feedback.source,
            ),
            unfurl_links=False,
        )

    def page_url(self, given: str | None, src_uri: str | None) -> str | None:
        """The link of the forwarded message: built by the bot from the page's source
        when the page is known; else the URL the reader sent, only when it is a plain URL
        on the portal. A URL elsewhere is never linked (it would be a phishing link
        under a label the sender chose)."""
        if src_uri is not None:
            return safe_url(self.portal_url + "/" + quote(_url_of(src_uri), safe="/#"))
        url = safe_url(given)
        if url is not None and url.startswith(self.portal_url + "/"):
            return url
        return None


def _url_of(src_uri: str) -> str:
    from paved.generator.core.index import page_url

    return page_url(src_uri)
