"""``render_site``: the whole generated part of the portal, as a list of Markdown pages.

Pure: the same model, git facts and date give the same pages, so the MkDocs plugin,
the search index and golden-file tests all see exactly one rendering.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.model import Platform
from paved.generator.core.render import (
    catalogue,
    datasets,
    decisions,
    home,
    paths,
    products,
    reports,
    tags,
)
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.lookups import Lookups, LookupsMemo
from paved.generator.core.render.types import Page

if TYPE_CHECKING:
    from paved.generator.core.render.dataset_memo import DatasetPages
    from paved.generator.core.render.model_memo import ModelPages

DEFAULT_SITE_NAME = "Data platform portal"

NavItem = dict[str, "str | list[NavItem]"]
"""One MkDocs ``nav`` entry: a title mapped to a page or to a nested section."""


def render_site(
    platform: Platform,
    git: GitFacts,
    *,
    site_url: str = "",
    today: date | None = None,
    site_name: str = DEFAULT_SITE_NAME,
    link_style: paths.LinkStyle = paths.LinkStyle.SERVED,
    access_url: str = "",
    dataset_pages: DatasetPages | None = None,
    model_pages: ModelPages | None = None,
    share: datasets.Share | None = None,
    lookups: LookupsMemo | None = None,
) -> list[Page]:
    """Every generated page: home, products, decisions, catalogue, tags and reports.

    ``today`` is injectable so tests (and reproducible builds) do not depend on the clock;
    ``site_url``, when set, makes Mermaid click targets absolute; ``link_style`` says how
    links in raw HTML are written (served URLs for MkDocs, ``.md`` paths for Zensical);
    ``access_url`` is the "Request access" target of dataset pages (see
    ``datasets.access_target``); ``dataset_pages`` (``paved serve``) keeps the dataset
    pages whose inputs did not change since the previous rendering of this process, and
    ``model_pages`` the product, decision and catalogue pages; ``share`` (``paved
    build``) spreads the dataset pages' rendering over processes (``datasets.Share``);
    ``lookups`` (``paved serve``) keeps the indexes of an unchanged catalogue.
    """
    ctx = RenderContext(
        platform=platform,
        git=git,
        lookups=Lookups.build(platform, lookups),
        site_url=site_url,
        today=today or date.today(),
        site_name=site_name,
        link_style=link_style,
        access_url=access_url,
    )
    pages: list[Page] = []
    pages.extend(home.render(ctx))
    if model_pages is None:
        pages.extend(products.render(ctx))
        pages.extend(decisions.render(ctx))
        pages.extend(catalogue.render(ctx))
    else:  # the same pages, those whose inputs did not change kept from the last time
        model_pages.begin(ctx)
        pages.extend(model_pages.products())
        pages.extend(model_pages.decisions())
        pages.extend(model_pages.catalogue())
        model_pages.end()
    pages.extend(
        datasets.render(ctx, share) if dataset_pages is None else dataset_pages.render(ctx)
    )
    pages.extend(tags.render(ctx))
    pages.extend(reports.render(ctx))
    return pages


def nav_sections() -> list[NavItem]:
    """The generated part of the navigation: index pages only, in MkDocs ``nav`` form.

    MkDocs renders the whole nav into every page, so per-item pages (thousands at scale)
    are reached from the index tables instead.
    """
    return [
        {"Home": paths.HOME},
        {"Products": paths.PRODUCTS},
        {"Decisions": paths.DECISIONS},
        {"Catalogue": paths.CATALOGUE},
        {"Datasets": paths.DATASETS},
        {"Tags": paths.TAGS},
        {"Reports": [{"Ownership": paths.OWNERSHIP}, {"Onboarding": paths.ONBOARDING}]},
    ]
