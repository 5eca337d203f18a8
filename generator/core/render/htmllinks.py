"""Links as HTML anchors from every page of one folder, cached by target.

A large catalogue renders 10,000 dataset pages with about eighty links each. Written as
Markdown links and turned into anchors by ``card.inline_html``, each link cost a regex
match, a path join and a URL computation: most of the time of rendering those pages.
Every dataset page sits in the same folder at the same depth, so the URL from any of
them to a given page is the same: this builder computes it once per target and writes
the anchor directly. Text is escaped once (``md_escape``), URLs with ``html.escape``,
exactly as ``Links`` + ``inline_html`` would, so the output is byte for byte the same.
"""

from __future__ import annotations

import html

from paved.generator.core.model import Platform
from paved.generator.core.render import paths
from paved.generator.core.render.badges import badge
from paved.generator.core.render.card import folder_page, inline_html
from paved.generator.core.render.escape import md_escape
from paved.generator.core.render.links import Links


class HtmlLinks:
    """Anchors from any page in the folder of ``sample_uri`` (not to a page of itself:
    such links are same-page fragments, written by the caller)."""

    __slots__ = (
        "_anchors",
        "_datasets",
        "_decisions",
        "_href",
        "_links",
        "_rep",
        "_site_url",
        "_style",
        "platform",
    )

    def __init__(
        self,
        platform: Platform,
        sample_uri: str,
        style: paths.LinkStyle = paths.LinkStyle.SERVED,
        site_url: str = "",
        links: Links | None = None,
    ) -> None:
        self.platform = platform
        self._rep = folder_page(sample_uri)
        self._style = style
        self._site_url = site_url.rstrip("/")
        self._links = links or Links(platform, sample_uri)
        self._href: dict[tuple[str, str], str] = {}
        self._anchors: dict[tuple[str, str, str], str] = {}
        self._datasets: dict[str, str] = {}
        self._decisions: dict[str, str] = {}

    def href(self, to_uri: str, anchor: str = "") -> str:
        """The escaped URL of ``to_uri`` (``#anchor``) from a page of the folder."""
        key = (to_uri, anchor)
        url = self._href.get(key)
        if url is None:
            url = self._href[key] = html.escape(
                paths.html_link(self._rep, to_uri, anchor, self._style)
            )
        return url

    def click(self, to_uri: str) -> str:
        """A Mermaid ``click`` target, as ``RenderContext.click_url`` writes it
        (absolute under the site URL when there is one); not escaped."""
        if self._site_url:
            return f"{self._site_url}/{paths.url_of(to_uri)}"
        return html.unescape(self.href(to_uri))

    def a(self, to_uri: str, text: str, anchor: str = "") -> str:
        # Written once per target and text: 10,000 dataset pages of a large catalogue
        # link the same few thousand datasets some 600,000 times.
        key = (to_uri, text, anchor)
        found = self._anchors.get(key)
        if found is None:
            found = self._anchors[key] = (
                f'<a href="{self.href(to_uri, anchor)}">{md_escape(text)}</a>'
            )
        return found

    def dataset(self, dataset_id: str) -> str:
        found = self._datasets.get(dataset_id)
        if found is None:
            found = self._datasets[dataset_id] = (
                self.a(paths.dataset(dataset_id), dataset_id)
                if dataset_id in self.platform.datasets
                else md_escape(dataset_id)
            )
        return found

    def product(self, wid_id: str, *, title: bool = False) -> str:
        prod = self.platform.products.get(wid_id)
        if prod is None:
            return md_escape(wid_id)
        return self.a(paths.product(prod.id), f"{prod.id} · {prod.title}" if title else prod.id)

    def domain(self, domain_id: str | None) -> str:
        if not domain_id:
            return ""
        dom = self.platform.domains.get(domain_id)
        if dom is None:
            return md_escape(domain_id)
        return self.a(paths.domain(dom.id), dom.name or dom.id)

    def custodian(self, custodian_id: str | None) -> str:
        if not custodian_id:
            return ""
        cus = self.platform.custodians.get(custodian_id)
        if cus is None:
            return md_escape(custodian_id)
        return self.a(paths.custodian(cus.id), cus.name or cus.id)

    def system(self, system_id: str | None) -> str:
        if not system_id:
            return ""
        sys = self.platform.systems.get(system_id)
        if sys is None:
            return md_escape(system_id)
        return self.a(paths.system(sys.id), sys.id)

    def decision_with_status(self, adr_id: str) -> str:
        """``Links.decision_with_status`` as HTML, once per decision."""
        found = self._decisions.get(adr_id)
        if found is None:
            markdown = self._links.decision_with_status(adr_id)
            found = self._decisions[adr_id] = inline_html(markdown, self._rep, self._style)
        return found

    def badge(self, value: object, kind: str = "status") -> str:
        return badge(value, kind)
