"""Markdown links from one generated page to others, or plain text when the target is missing.

The model is built even from a repository with validation errors, so a reference may
point at nothing; rendering it as escaped text keeps ``mkdocs build --strict`` free of
broken links while the validator reports the real problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from paved.generator.core.markdown_structure import heading_anchor
from paved.generator.core.model import Contact, Platform
from paved.generator.core.render import paths
from paved.generator.core.render.badges import decision_badge
from paved.generator.core.render.escape import link_target, mailto, md_escape


class Links:
    """Link builders bound to the page being rendered (``from_uri``); all output is escaped."""

    __slots__ = ("from_uri", "people", "platform")

    def __init__(
        self, platform: Platform, from_uri: str, people: Mapping[str, str] | None = None
    ) -> None:
        self.platform = platform
        self.from_uri = from_uri
        # Custodian id, lower-case name or email → custodian id (``Lookups.people``).
        self.people: Mapping[str, str] = people or {}

    def to(self, src_uri: str, text: str, anchor: str = "") -> str:
        # A docs page's path is its file's name, contributed text like its anchor: a
        # space or parenthesis in it left ``[text](target)`` unconverted, as raw text,
        # in the HTML blocks ``card.inline_html`` makes (which skip the sanitiser).
        target = paths.relative(self.from_uri, src_uri)
        if src_uri == self.from_uri:
            target = ""
        fragment = f"#{anchor}" if anchor else ""
        return f"[{md_escape(text)}]({link_target(target + fragment)})"

    def product(self, wid_id: str, *, title: bool = False) -> str:
        prod = self.platform.products.get(wid_id)
        if prod is None:
            return md_escape(wid_id)
        text = f"{prod.id} · {prod.title}" if title else prod.id
        return self.to(paths.product(prod.id), text)

    def decision(self, adr_id: str, *, title: bool = False) -> str:
        dec = self.platform.decisions.get(adr_id)
        if dec is None:
            return md_escape(adr_id)
        text = f"{dec.id} · {dec.title}" if title else dec.id
        return self.to(paths.decision(dec.id), text)

    def domain(self, domain_id: str | None) -> str:
        if not domain_id:
            return ""
        dom = self.platform.domains.get(domain_id)
        if dom is None:
            return md_escape(domain_id)
        return self.to(paths.domain(dom.id), dom.name or dom.id)

    def custodian(self, custodian_id: str | None) -> str:
        if not custodian_id:
            return ""
        cus = self.platform.custodians.get(custodian_id)
        if cus is None:
            return md_escape(custodian_id)
        return self.to(paths.custodian(cus.id), cus.name or cus.id)

    def system(self, system_id: str | None) -> str:
        if not system_id:
            return ""
        sys = self.platform.systems.get(system_id)
        if sys is None:
            return md_escape(system_id)
        return self.to(paths.system(sys.id), sys.id)

    def dataset(self, dataset_id: str) -> str:
        if dataset_id not in self.platform.datasets:
            return md_escape(dataset_id)
        return self.to(paths.dataset(dataset_id), dataset_id)

    def tag(self, tag: str) -> str:
        return self.to(paths.TAGS, tag, heading_anchor(md_escape(tag)))

    def doc(self, path: str, title: str) -> str:
        return self.to(path, title)

    def person(self, who: str | None) -> str:
        """A person named by custodian id, name or email: a link to their custodian page
        when the catalogue knows them, else the text as written."""
        if not who:
            return ""
        ident = self.people.get(who.strip()) or self.people.get(who.strip().lower())
        if ident is None:
            return md_escape(who)
        return self.custodian(ident)

    def people_list(self, names: Iterable[str]) -> str:
        """People written by name or id (an ADR's decision-makers), each linked when known."""
        return join(self.person(n) for n in names)

    def owner(self, contact: Contact | None) -> str:
        """A contact's name, linked to their custodian page when they are one."""
        if contact is None:
            return ""
        ident = self.people.get(contact.email.strip().lower()) or self.people.get(
            contact.name.strip().lower()
        )
        return self.custodian(ident) if ident else md_escape(contact.name or contact.email)

    def contact(self, contact: Contact | None) -> str:
        """Name (linked to their custodian page when they are one, else a ``mailto:``
        link), then the email when the name is the page link, then the Slack handle."""
        if contact is None:
            return ""
        ident = self.people.get(contact.email.strip().lower()) or self.people.get(
            contact.name.strip().lower()
        )
        if ident is not None:
            text = (
                f"{self.custodian(ident)} ([{md_escape(contact.email)}]({mailto(contact.email)}))"
            )
        else:
            text = f"[{md_escape(contact.name)}]({mailto(contact.email)})"
        if contact.slack:
            text += f" ({md_escape(contact.slack)} on Slack)"
        return text

    def decision_with_status(self, adr_id: str) -> str:
        """A related ADR with its status badge, and its successor when it is superseded."""
        dec = self.platform.decisions.get(adr_id)
        if dec is None:
            return md_escape(adr_id)
        status = decision_badge(dec.status, dec.status_label)
        text = f"{self.decision(adr_id, title=True)} {status}"
        successor = self.platform.successor_of(adr_id)
        if successor is not None:
            text += f" → replaced by {self.decision(successor.id)}"
        return text


def join(items: Iterable[str], sep: str = ", ") -> str:
    return sep.join(i for i in items if i)
