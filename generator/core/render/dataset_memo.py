"""Dataset pages kept from one rendering to the next in one process (``paved serve``).

A large catalogue has 10,000 dataset pages; rendering them all was most of
``render_site`` on every save of a preview (40 of 65 s of a profiled one-WID rebuild
under load), though a WID, an ADR or a docs page reaches only the few dataset pages
that show it. ``DatasetPages.render`` gives exactly ``datasets.render(ctx)`` (same
pages, same order) and renders again only the pages whose inputs may differ.

What a dataset page reads (``datasets.render_dataset`` and its helpers):

- *shared*, the same for every page: the catalogue's part of the model (datasets,
  systems, domains, custodians, lineage, sheet paths: compared by identity, since
  ``LoadMemo`` hands back the very same objects while ``custodians/`` is unchanged),
  the datasets sheet's git history, the access guide (from the docs) and the render
  options. Any change there renders every page, except a change of some datasets' own
  values (a description, a column), which renders only their pages
  (``model_memo.catalogue_changes``);
- *the products using it* (``Lineage.used_by``): their ids, hops and the products
  themselves (title, status, domain, what they read, retention);
- *the decisions naming it or its system* (``decisions_of``), each with its successor.

A page is kept only when its shared inputs are the same objects or equal values, its
products and decisions are the same list, and none of those products or decisions
changed (dataclass equality). Anything else renders the page again.

Each dataset's list of decisions (``decisions_of``, with each one's successor) is
itself kept while what it is made from is the same (``_listing_inputs``: which
decisions name each dataset and affect each system, their numbers and successors): an
ADR's text or status, or a dataset's own value, lists none again or that dataset's
alone, where every edit of a decision listed them for all 10,000 datasets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from paved.generator.core.lineage import Hops
from paved.generator.core.model import Dataset, Decision, Product
from paved.generator.core.render import paths
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.datasets import (
    access_guide,
    decisions_of,
    folder_links,
    render_dataset,
    render_index,
)
from paved.generator.core.render.model_memo import catalogue_changes, catalogue_identity
from paved.generator.core.render.types import Page

#: A dataset's decisions as its page shows them: id, why listed, successor's id.
DecisionsSlice = tuple[tuple[str, str, "str | None"], ...]


@dataclass
class DatasetPages:
    """Lives as long as the process; hand the same one to every ``render_site``."""

    _shared: tuple[object, ...] = ()
    _identity: tuple[object, ...] = ()
    _pages: dict[str, Page] = field(default_factory=dict)
    _index: Page | None = None
    _used: dict[str, Hops] = field(default_factory=dict)
    _reads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _decided: dict[str, DecisionsSlice] = field(default_factory=dict)
    _products: Mapping[str, Product] = field(default_factory=dict)
    _decisions: Mapping[str, Decision] = field(default_factory=dict)
    #: What the datasets' decisions were listed from (``_listing_inputs``).
    _listing: tuple[object, ...] = ()
    #: Dataset pages rendered (not kept) by the last ``render``.
    rendered: int = 0
    #: Datasets whose decisions the last ``render`` listed again (not kept).
    decisions_listed: int = 0

    def render(self, ctx: RenderContext) -> list[Page]:
        """``datasets.render(ctx)``: the index, then a page per dataset."""
        platform = ctx.platform
        guide = access_guide(platform)
        source = platform.sheet_paths.get("datasets")
        identity = catalogue_identity(platform)
        shared = (
            ctx.git.files.get(source or ""),
            guide,
            ctx.site_url,
            ctx.link_style,
            ctx.access_url,
            ctx.today,
            ctx.site_name,
        )
        changed_datasets = catalogue_changes(self._identity, identity)
        same = bool(self._pages) and changed_datasets is not None and shared == self._shared
        reads = {pid: p.upstream_datasets for pid, p in platform.products.items()}
        lineage = ctx.lookups.lineage
        if same and reads == self._reads:
            used = self._used
        else:
            used = {ds_id: lineage.used_by(ds_id) for ds_id in platform.datasets}
        changed_products = _changed(self._products, platform.products)
        changed_decisions = _changed(self._decisions, platform.decisions)
        # Each dataset's decisions follow from its id and system and, of the decisions,
        # from which name each dataset and system (``Lookups``), their numbers (the
        # order) and who supersedes whom (the successor): listed again for 10,000
        # datasets only when one of those changed, not for any edit of a decision.
        listing = _listing_inputs(ctx)
        if same and listing == self._listing:
            decided = dict(self._decided)
            for ds_id in changed_datasets or ():  # a value of its own; its system is kept
                decided[ds_id] = _decided(ctx, platform.datasets[ds_id])
            self.decisions_listed = len(changed_datasets or ())
        else:
            decided = {ds.id: _decided(ctx, ds) for ds in platform.datasets.values()}
            self.decisions_listed = len(decided)

        kept_index = same and not changed_datasets and self._index is not None
        index = self._index if kept_index and self._index is not None else render_index(ctx)
        pages: dict[str, Page] = {}
        links = None
        self.rendered = 0
        for ds in platform.datasets.values():
            old = self._pages.get(ds.id) if same else None
            if (
                old is not None
                and ds.id not in (changed_datasets or ())
                and used[ds.id] == self._used.get(ds.id)
                and decided[ds.id] == self._decided.get(ds.id)
                and not changed_products.intersection(used[ds.id])
                and not changed_decisions.intersection(d for d, _, _ in decided[ds.id])
            ):
                pages[ds.id] = old
                continue
            if links is None:
                links = folder_links(ctx, paths.dataset(ds.id))
            pages[ds.id] = render_dataset(ctx, ds, guide, links)
            self.rendered += 1

        self._identity, self._shared = identity, shared
        self._pages, self._index = pages, index
        self._used, self._reads, self._decided = used, reads, decided
        self._listing = listing
        self._products, self._decisions = platform.products, platform.decisions
        return [index, *pages.values()]


def _decided(ctx: RenderContext, ds: Dataset) -> DecisionsSlice:
    """The decisions ``ds``'s page lists: id, why listed, successor's id."""
    return tuple((d.id, why, _successor(ctx, d.id)) for d, why in decisions_of(ctx, ds))


def _listing_inputs(ctx: RenderContext) -> tuple[object, ...]:
    """All that ``_decided`` reads besides the dataset's id and system: the ids of the
    decisions naming each dataset and affecting each system, in order, and each
    decision's number and successor."""
    lookups = ctx.lookups
    return (
        {key: tuple(d.id for d in found) for key, found in lookups.decisions_by_dataset.items()},
        {key: tuple(d.id for d in found) for key, found in lookups.decisions_by_system.items()},
        tuple((d.id, d.number, _successor(ctx, d.id)) for d in ctx.platform.decisions.values()),
    )


def _changed(old: Mapping[str, object], new: Mapping[str, object]) -> set[str]:
    """Ids whose object was added, removed or differs."""
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _successor(ctx: RenderContext, adr_id: str) -> str | None:
    successor = ctx.platform.successor_of(adr_id)
    return successor.id if successor is not None else None
