"""Product, decision and catalogue pages kept from one rendering to the next in one
process (``paved serve``), as ``DatasetPages`` keeps the dataset pages.

On the large benchmark these pages were 45 % of a one-ADR rebuild (profiled: system
pages 10.6 s, most of it the lineage of each system; products 5.4 s; custodians 3.1 s;
decisions 1.8 s), though one WID or ADR reaches only the few pages that show it.
``ModelPages`` gives exactly what ``products.render``, ``decisions.render`` and
``catalogue.render`` give (same pages, same order) and renders again only the pages
whose inputs may differ.

What these pages read besides their own subject:

- *shared*, the same for every page: the catalogue's part of the model besides the
  datasets' own values (compared by identity: ``LoadMemo`` hands back the very same
  objects while ``custodians/`` is unchanged; else by value, ``catalogue_changes``),
  the git facts, the render options, the ids of every product and
  decision (in order), what each product reads and names (the lineage), how decisions
  supersede one another and their statuses, and which file is which page (links in
  bodies). Any change there renders every page;
- *per page*, the products and decisions it shows (``_needs``): a product page its
  related decisions and their successors; a decision page the decisions it names and
  the products it affects; a system page the products using it or naming it and the
  decisions about it, and its datasets; a custodian or domain page its products and
  datasets.

A page is kept when the shared inputs are unchanged, it needs the same products,
decisions and datasets as before, and none of them changed (dataclass equality). Index pages are
always rendered (they read everything). ``tests/test_serve_memos.py`` compares the
result with a rendering without the memo after edits of every kind;
``tests/test_incremental_build.py`` compares whole sites.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from paved.generator.core.lineage import Hops
from paved.generator.core.model import Dataset, Decision, Platform, Product
from paved.generator.core.render import catalogue, decisions, paths, products
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.datasets import folder_links
from paved.generator.core.render.lookups import catalogue_objects
from paved.generator.core.render.types import Page

T = TypeVar("T")

#: The products, decisions and datasets one page shows (ids, in the order read).
Needs = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@dataclass
class ModelPages:
    """Lives as long as the process; ``begin`` with each rendering's context, then ask
    for ``products``, ``decisions`` and ``catalogue`` pages."""

    _identity: tuple[object, ...] = ()
    _shared: tuple[object, ...] = ()
    _pages: dict[str, Page] = field(default_factory=dict)
    _needs: dict[str, Needs] = field(default_factory=dict)
    _products: Mapping[str, Product] = field(default_factory=dict)
    _decisions: Mapping[str, Decision] = field(default_factory=dict)
    #: Each system's products using it (the lineage walk), while the lineage is the same.
    _used: dict[str, Hops] = field(default_factory=dict)
    _same = False
    _pending: tuple[tuple[object, ...], tuple[object, ...]] = ((), ())
    _new_used: dict[str, Hops] = field(default_factory=dict)
    _ctx: RenderContext | None = None
    _new_pages: dict[str, Page] = field(default_factory=dict)
    _new_needs: dict[str, Needs] = field(default_factory=dict)
    _changed_products: set[str] = field(default_factory=set)
    _changed_decisions: set[str] = field(default_factory=set)
    _changed_datasets: set[str] = field(default_factory=set)
    #: Pages rendered (not kept) by the last rendering.
    rendered: int = 0

    def begin(self, ctx: RenderContext) -> None:
        platform = ctx.platform
        identity = catalogue_identity(platform)
        shared = (
            ctx.git,
            ctx.site_url,
            ctx.link_style,
            ctx.access_url,
            ctx.today,
            ctx.site_name,
            tuple(platform.products),
            tuple(platform.decisions),
            _lineage_reads(platform),
            _supersedes(platform),
            ctx.lookups.page_of_file,
        )
        changed_datasets = catalogue_changes(self._identity, identity)
        self._same = bool(self._pages) and changed_datasets is not None and shared == self._shared
        self._changed_datasets = changed_datasets or set()
        # Committed by ``end`` only: a rendering that fails half-way leaves the memo as
        # the last complete one left it.
        self._pending = (identity, shared)
        self._new_used = dict(self._used) if self._same else {}
        self._ctx = ctx
        self._changed_products = _changed(self._products, platform.products)
        self._changed_decisions = _changed(self._decisions, platform.decisions)
        self._new_pages, self._new_needs = {}, {}
        self.rendered = 0

    def products(self) -> list[Page]:
        """``products.render(ctx)``."""
        ctx = self._context()
        pages = [products.render_index(ctx)]
        for p in ctx.platform.products.values():
            needs: Needs = ((p.id,), _shown_decisions(ctx.platform, p.related_adrs), ())
            pages.append(self._page(paths.product(p.id), needs, products.render_product, p))
        return pages

    def decisions(self) -> list[Page]:
        """``decisions.render(ctx)``."""
        ctx = self._context()
        platform = ctx.platform
        pages = [decisions.render_index(ctx)]
        for d in platform.decisions.values():
            named = [d.id, *d.supersedes]
            if d.superseded_by:
                named.append(d.superseded_by)
            needs: Needs = (
                tuple(decisions.affected_products(ctx, d)),
                _shown_decisions(platform, named),
                (),
            )
            pages.append(self._page(paths.decision(d.id), needs, decisions.render_decision, d))
        return pages

    def catalogue(self) -> list[Page]:
        """``catalogue.render(ctx)``."""
        ctx = self._context()
        platform, lk = ctx.platform, ctx.lookups
        pages = [catalogue.render_index(ctx)]
        for dom in platform.domains.values():
            needs: Needs = (
                _ids(lk.products_by_domain.get(dom.id, [])),
                (),
                _ids(lk.datasets_by_domain.get(dom.id, [])),
            )
            pages.append(self._page(paths.domain(dom.id), needs, catalogue.render_domain, dom))
        for c in platform.custodians.values():
            needs = (
                _ids(lk.products_by_custodian.get(c.id, [])),
                (),
                _ids(lk.datasets_by_custodian.get(c.id, [])),
            )
            pages.append(self._page(paths.custodian(c.id), needs, catalogue.render_custodian, c))
        systems = list(platform.systems.values())
        if systems:
            links = None
            for s in systems:
                used = self._new_used.get(s.id)
                if used is None:
                    used = self._new_used[s.id] = lk.lineage.system_used_by(s.id)
                touching = _ids(lk.products_by_system.get(s.id, []))
                needs = (
                    (*used, *touching),
                    _ids(lk.decisions_by_system.get(s.id, [])),
                    _ids(lk.datasets_by_system.get(s.id, [])),
                )
                src = paths.system(s.id)
                old = self._kept(src, needs)
                if old is None:
                    if links is None:  # one set of URLs for the folder, as catalogue.render
                        links = folder_links(ctx, paths.system(systems[0].id))
                    old = catalogue.render_system(ctx, s, links)
                    self.rendered += 1
                self._keep(src, needs, old)
                pages.append(old)
        return pages

    def end(self) -> None:
        """The rendering is complete: its pages are what the next one compares with."""
        ctx = self._context()
        self._pages, self._needs = self._new_pages, self._new_needs
        self._identity, self._shared = self._pending
        self._used, self._new_used = self._new_used, {}
        self._new_pages, self._new_needs = {}, {}
        self._products, self._decisions = ctx.platform.products, ctx.platform.decisions
        self._ctx = None

    def _context(self) -> RenderContext:
        assert self._ctx is not None, "begin() first"
        return self._ctx

    def _page(
        self,
        src: str,
        needs: Needs,
        render: Callable[[RenderContext, T], Page],
        subject: T,
    ) -> Page:
        page = self._kept(src, needs)
        if page is None:
            page = render(self._context(), subject)
            self.rendered += 1
        self._keep(src, needs, page)
        return page

    def _kept(self, src: str, needs: Needs) -> Page | None:
        if not self._same or self._needs.get(src) != needs:
            return None
        shown_products, shown_decisions, shown_datasets = needs
        if self._changed_products.intersection(shown_products):
            return None
        if self._changed_decisions.intersection(shown_decisions):
            return None
        if self._changed_datasets.intersection(shown_datasets):
            return None
        return self._pages.get(src)

    def _keep(self, src: str, needs: Needs, page: Page) -> None:
        self._new_pages[src] = page
        self._new_needs[src] = needs


def catalogue_identity(platform: Platform) -> tuple[object, ...]:
    """The catalogue's part of the model, in the order ``catalogue_changes`` compares it:
    (datasets, systems, domains, custodians, lineage, sheet paths)."""
    return (*catalogue_objects(platform), platform.sheet_paths)


def catalogue_changes(old: tuple[object, ...], new: tuple[object, ...]) -> set[str] | None:
    """The datasets whose values differ between two catalogues, each given as (datasets,
    systems, domains, custodians, lineage, sheet paths); None when anything else differs
    (the ids of the datasets or their order, a dataset's system, a system, a domain, a
    custodian, an edge, a sheet's path): then every page that reads the catalogue is
    rendered again. The loader hands back the very same objects while ``custodians/``
    is unchanged, so the usual comparison is by identity; a catalogue edit compares
    values."""
    if not old or len(old) != len(new):
        return None
    if all(a is b for a, b in zip(old, new, strict=True)):
        return set()
    if any(a is not b and a != b for a, b in zip(old[1:], new[1:], strict=True)):
        return None
    before, after = old[0], new[0]
    assert isinstance(before, Mapping)
    assert isinstance(after, Mapping)
    if list(before) != list(after):
        return None
    changed = {
        key for key, value in after.items() if before[key] is not value and before[key] != value
    }
    # A dataset's system is in the lineage of systems and products (``Lineage``): a
    # dataset moved to another system changes pages that do not show the dataset.
    for key in changed:
        if getattr(before[key], "system", None) != getattr(after[key], "system", None):
            return None
    return changed


def _ids(items: Iterable[Product | Decision | Dataset]) -> tuple[str, ...]:
    return tuple(item.id for item in items)


def _shown_decisions(platform: Platform, named: Iterable[str]) -> tuple[str, ...]:
    """The decisions ``named`` and each one's chain of successors (a link to a
    decision shows its title and status, and what replaced it)."""
    out: dict[str, None] = {}
    for adr_id in named:
        current = platform.decisions.get(adr_id)
        out[adr_id] = None
        while current is not None and current.superseded_by and current.superseded_by not in out:
            out[current.superseded_by] = None
            current = platform.decisions.get(current.superseded_by)
    return tuple(out)


def _lineage_reads(platform: Platform) -> tuple[object, ...]:
    """What the lineage takes from the products (``Lineage.__init__``), in order."""
    return tuple(
        (p.id, tuple(p.upstream_datasets), tuple(p.upstream_systems))
        for p in platform.products.values()
    )


def _supersedes(platform: Platform) -> tuple[object, ...]:
    """How decisions replace one another, with their statuses (banners and links follow
    chains of any length)."""
    return tuple(
        (d.id, d.superseded_by, tuple(d.supersedes), d.status, d.status_label)
        for d in platform.decisions.values()
    )


def _changed(old: Mapping[str, object], new: Mapping[str, object]) -> set[str]:
    """Ids whose object was added, removed or differs."""
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
