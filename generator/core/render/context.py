"""What every page family receives: the model, git facts, shared lookups and options."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from paved.generator.core.gitfacts import GitFacts, StatusChange
from paved.generator.core.model import Platform, Product
from paved.generator.core.render import paths
from paved.generator.core.render.body import page_body
from paved.generator.core.render.bodylinks import rewrite_links
from paved.generator.core.render.links import Links
from paved.generator.core.render.lookups import Lookups
from paved.generator.core.render.templating import template


@dataclass(frozen=True, slots=True)
class RenderContext:
    platform: Platform
    git: GitFacts
    lookups: Lookups
    site_url: str
    today: date
    site_name: str
    # Raw-HTML links: served URLs (MkDocs) or source-relative ``.md`` paths (Zensical).
    link_style: paths.LinkStyle = paths.LinkStyle.SERVED
    # Where a dataset page's "Request access" points: a URL template with {dataset},
    # {system}, {domain}, {custodian} and {classification}; empty: the access guide.
    access_url: str = ""

    def links(self, src_uri: str) -> Links:
        return Links(self.platform, src_uri, self.lookups.people)

    def render(self, name: str, src_uri: str, **values: Any) -> str:
        """Render template ``name`` for the page at ``src_uri`` (``links`` bound to it)."""
        text = template(name).render(links=self.links(src_uri), ctx=self, **values)
        return text.rstrip() + "\n"

    def click_url(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        """A browser URL for a Mermaid ``click`` (MkDocs does not rewrite those): absolute
        under ``site_url`` when one is configured, else relative to the served page (or,
        with ``LinkStyle.SOURCE``, the ``.md`` path relative to the source page)."""
        if not self.site_url:
            return paths.html_link(from_uri, to_uri, anchor, self.link_style)
        fragment = f"#{anchor}" if anchor else ""
        return self.site_url.rstrip("/") + "/" + paths.url_of(to_uri) + fragment

    def body(self, text: str, source: str, page_uri: str, drop: Collection[int] = ()) -> str:
        """An author's body, ready to sit under the generated header of ``page_uri``, without
        the lines ``drop`` names (``page_body``)."""
        return rewrite_links(page_body(text, drop), source, page_uri, self.lookups.page_of_file)

    def status_history(self, product: Product) -> tuple[StatusChange, ...]:
        """A WID's status changes. The contract leaves the key open: ``gitfacts`` keys by
        the WID file's path, hand-built facts often by WID id; both are accepted."""
        history = self.git.status_history
        return history.get(product.path) or history.get(product.id) or ()

    def history_date(self, path: str, which: str) -> str | None:
        facts = self.git.files.get(path)
        if facts is None:
            return None
        value = facts.created if which == "created" else facts.updated
        return value[:10] if value else None
