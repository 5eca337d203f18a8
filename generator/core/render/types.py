"""What rendering produces, and what the search index and the bot consume.

URL contract (MkDocs ``use_directory_urls``): ``src_uri`` "products/wid-0001.md" is served
at "products/wid-0001/"; a section's anchor is the heading slug made by Python-Markdown's
``toc`` slugify (lower case, punctuation dropped, spaces to '-').

Generated page locations:
    index.md (home)                      products/index.md, products/<wid-id lower>.md
    decisions/index.md, decisions/<adr-id lower>.md
    catalogue/index.md, catalogue/domains/<id>.md, catalogue/custodians/<id>.md,
    catalogue/systems/<id>.md, catalogue/datasets/index.md,
    catalogue/datasets/<dataset id lower>.md (title = the dataset id)
    tags.md, reports/*.md, schemas/ (JSON files)
Hand-written pages keep their docs/ paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PageKind(StrEnum):
    HOME = "home"
    DOC = "doc"
    PRODUCT = "product"
    DECISION = "decision"
    DOMAIN = "domain"
    CUSTODIAN = "custodian"
    SYSTEM = "system"
    DATASET = "dataset"
    INDEX = "index"
    REPORT = "report"


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the portal. ``status`` is the WID/ADR status when the page is one,
    ``owner`` the custodian id or email responsible for the page (feedback routing),
    ``source`` the repository file the page is made from ("Edit this page"), when one is."""

    src_uri: str
    title: str
    markdown: str
    kind: PageKind
    status: str | None = None
    owner: str | None = None
    subject_id: str | None = None
    source: str | None = None
    #: A page of one wide table: the adapter gives it the table of contents' width.
    wide: bool = False

    @property
    def url(self) -> str:
        if self.src_uri == "index.md":
            return ""
        if self.src_uri.endswith("/index.md"):
            return self.src_uri[: -len("index.md")]
        return self.src_uri[: -len(".md")] + "/"
