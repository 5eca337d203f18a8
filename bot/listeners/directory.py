"""Who answers for what, read from the platform model: each portal page's source file,
title and owner, and each owner's Slack handle.

Owners reach the bot in three spellings: a custodian id (``ingrid-solberg``, from the
catalogue and WIDs), an email (docs front matter, WID contacts) or a Slack handle. The
catalogue and the WIDs give every person's handle, so all three resolve to one handle.
Built once per process from ``paved.generator.core.api.check`` (under a second for the example);
the page map also turns a portal link pasted in Slack into the page key the portal's own
feedback widget uses (the Markdown source path), so reports count both sources together.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from paved.generator.core.model import Platform


@dataclass(frozen=True)
class PageInfo:
    src_uri: str
    title: str
    owner: str | None
    kind: str
    subject: str | None = None


@dataclass(frozen=True)
class Directory:
    """``pages`` is keyed by the portal path (``/products/wid-0001/``); ``handles`` maps
    every known spelling of a person (id, email, handle, all lower case) to ``@handle``."""

    pages: dict[str, PageInfo] = field(default_factory=dict)
    handles: dict[str, str] = field(default_factory=dict)
    sources: dict[str, PageInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.sources:
            self.sources.update({info.src_uri: info for info in self.pages.values()})

    def handle_for(self, owner: str | None) -> str | None:
        """The ``@handle`` of an owner given as custodian id, email or handle; None when
        the owner is unknown (the caller then shows the owner as written)."""
        if not owner:
            return None
        key = owner.strip().lower()
        found = self.handles.get(key) or self.handles.get(key.lstrip("@"))
        if found:
            return found
        return None

    def page(self, path: str) -> PageInfo | None:
        """The page at a portal path (anchor and query ignored, trailing slash optional)
        or with a Markdown source path (``products/wid-0001.md``, the portal's page key)."""
        clean = path.split("#", 1)[0].split("?", 1)[0]
        if clean.endswith(".md"):
            return self.sources.get(clean.lstrip("/"))
        if not clean.startswith("/"):
            clean = "/" + clean
        return self.pages.get(clean) or self.pages.get(clean.rstrip("/") + "/")


def _handle(slack: str | None) -> str | None:
    if not slack or not slack.strip().lstrip("@"):
        return None
    return "@" + slack.strip().lstrip("@")


def directory_from_platform(platform: Platform) -> Directory:
    """Pure: the page and people maps of one platform (generated pages and docs)."""
    from paved.generator.core.gitfacts import GitFacts
    from paved.generator.core.index import page_url
    from paved.generator.core.render.site import render_site
    from paved.generator.core.render.types import PageKind

    handles: dict[str, str] = {}
    for custodian in platform.custodians.values():
        handle = _handle(custodian.slack)
        if handle:
            for key in (custodian.id, custodian.email, handle.lstrip("@")):
                handles.setdefault(key.lower(), handle)
    for product in platform.products.values():
        for contact in (product.business_owner, product.technical_contact):
            handle = _handle(contact.slack) if contact else None
            if contact and handle:
                for key in (contact.email, handle.lstrip("@")):
                    handles.setdefault(key.lower(), handle)
    pages: dict[str, PageInfo] = {}
    for page in render_site(platform, GitFacts.empty()):
        pages["/" + page.url] = PageInfo(
            page.src_uri, page.title, page.owner, str(page.kind), page.subject_id
        )
    for doc in platform.docs.values():
        pages["/" + page_url(doc.path)] = PageInfo(
            doc.path, doc.title, doc.owner, str(PageKind.DOC)
        )
    return Directory(pages=pages, handles=handles)


def load_directory(root: Path | None = None) -> Directory:
    """Load the repository (default: the one the answering engine reads,
    ``PAVED_REPO_ROOT`` or the current directory) and build its directory. Content errors
    do not stop it: ``check`` builds the model from whatever could be read."""
    from paved.bot.answer import repository_root
    from paved.generator.core.api import check

    return directory_from_platform(check(root or repository_root()).platform)


class LazyDirectory:
    """The directory, loaded on first use in a worker thread and then kept: the first
    question pays the load, later ones do not, and the event loop never blocks on it."""

    def __init__(self, loader: Callable[[], Directory] = load_directory) -> None:
        self._loader = loader
        self._loaded: Directory | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Directory:
        if self._loaded is None:
            async with self._lock:
                if self._loaded is None:
                    self._loaded = await asyncio.to_thread(self._loader)
        return self._loaded
