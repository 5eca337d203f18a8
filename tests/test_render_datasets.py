"""Dataset pages, the dataset index and system pages that link to them
(paved.generator.core.render.datasets, .catalogue), people links and "Edit this page"."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from example_site import html_of, pages_of
from sample_platform import product, small_git, small_platform

from paved.generator.core.model import (
    Classification,
    Contact,
    Dataset,
    DocPage,
    LineageEdge,
    Platform,
)
from paved.generator.core.render import datasets, paths
from paved.generator.core.render.badges import badge
from paved.generator.core.render.catalogue import system_used_by_html
from paved.generator.core.render.escape import md_escape
from paved.generator.core.render.htmllinks import HtmlLinks
from paved.generator.core.render.site import render_site
from paved.generator.mkdocs_plugin.blocks import lift, put_back
from paved.generator.mkdocs_plugin.pages import edit_source, edit_url, owner_meta
from paved.generator.mkdocs_plugin.sanitize import sanitize

ORDERS = paths.dataset("pos.orders")
STORES = paths.dataset("pos.stores")


def ds(ident: str, **overrides: Any) -> Dataset:
    values: dict[str, Any] = {
        "id": ident,
        "system": ident.split(".", 1)[0],
        "domain": "sales",
        "custodian": "maria",
        "description": f"About {ident}",
        "classification": Classification.INTERNAL,
        "refresh": None,
        "columns": (),
    }
    values.update(overrides)
    return Dataset(**values)


def converted(markdown: str) -> str:
    """As the adapter converts a dataset page: blocks lifted, Markdown, blocks back."""
    light, blocks = lift(markdown)
    return put_back(html_of(light), blocks)


# ---------------------------------------------------------------- one page per dataset


def test_every_dataset_has_a_page_titled_by_its_id() -> None:
    pages = pages_of()
    platform = small_platform()
    for ident in platform.datasets:
        page = pages[paths.dataset(ident)]
        assert page.title == ident
        assert page.subject_id == ident
        assert page.markdown.startswith(f"# {ident}\n")
    assert paths.dataset("pos.orders") == "catalogue/datasets/pos.orders.md"


def test_hostile_description_and_columns_are_escaped_once_and_inject_nothing() -> None:
    page = pages_of()[ORDERS].markdown
    html = converted(page)
    assert "<script" not in html
    assert re.search(r"<[^>]*\sonclick=", html) is None  # the text stays, as text
    assert 'href="javascript' not in html
    assert "&amp;#124;" not in html  # escaped once, not twice
    assert "Orders &#124; refunds &lt;script&gt;" in html  # shown as text by the browser
    row = re.search(r"<tr><td><code>customer_id</code></td>(.*?)</tr>", html)
    assert row is not None
    assert row.group(0).count("<td>") == 4
    # The sanitiser every page passes through leaves the page's links and text alone.
    cleaned = sanitize(html)
    assert "Orders &#124; refunds &lt;script&gt;" in cleaned or "Orders | refunds" in cleaned
    assert cleaned.count("<a ") == html.count("<a ")


def test_facts_name_system_domain_custodian_classification_and_retention() -> None:
    page = pages_of()[ORDERS].markdown
    assert '<tr><td>Custodian</td><td><a href="../../custodians/maria/">Maria Solberg</a>' in page
    assert '<tr><td>System</td><td><a href="../../systems/pos/">pos</a> · Point of sale' in page
    assert "paved-badge--confidential" in page
    assert "<tr><td>Personal data</td><td>yes: customer_id</td></tr>" in page
    # Retention as the WIDs reading it directly state it (WID-0001 and WID-0003).
    assert "24 months (" in page
    assert '<a href="../../../products/wid-0001/">WID-0001</a>' in page


def test_lineage_crosses_hops_in_lists_diagram_and_products() -> None:
    page = pages_of()[STORES].markdown
    # pos.stores → pos.orders → lake.sales_daily: two hops downstream.
    assert '1 hop</strong> (1): <a href="../pos.orders/">pos.orders</a>' in page
    assert '2 hops</strong> (1): <a href="../lake.sales_daily/">lake.sales_daily</a>' in page
    assert "2 downstream datasets over 2 hops" in page
    graph = page.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert graph.startswith("flowchart LR")
    assert '"lake.sales_daily"' in graph
    assert 'click d2 "../lake.sales_daily/"' in graph
    # Products reading pos.orders use pos.stores too, one hop further.
    products = page.split("## Used by products", 1)[1]
    assert "WID-0001 · Store sales daily" in products
    assert "WID-0003 · Dealer orders" in products  # retired, shown with its badge
    assert "paved-badge--retired" in products
    assert "<td>2</td>" in products
    assert 'reads <a href="../pos.orders/">pos.orders</a>' in products


def test_a_dataset_with_forty_neighbours_collapses_past_the_drawn_depth() -> None:
    sources = [f"src.t{i:02d}" for i in range(40)]
    far = [f"far.f{i:02d}" for i in range(5)]
    edges = [LineageEdge(s, "hub.center", "ingest") for s in sources]
    edges += [LineageEdge(f, sources[i], "ingest") for i, f in enumerate(far)]
    edges += [LineageEdge("far.top", far[0], "ingest")]
    platform = Platform(
        datasets={d: ds(d) for d in ["hub.center", *sources, *far, "far.top"]},
        lineage=tuple(edges),
    )
    pages = {p.src_uri: p for p in render_site(platform, small_git())}
    page = pages[paths.dataset("hub.center")].markdown
    graph = page.split("```mermaid\n", 1)[1].split("```", 1)[0]
    nodes = re.findall(r'^    (\w+)\["([^"]*)"\]$', graph, re.MULTILINE)
    drawn = {label for _, label in nodes}
    assert len(nodes) <= 1 + 2 * datasets.DIAGRAM_PER_HOP + 3
    assert f"+{40 - datasets.DIAGRAM_PER_HOP} more upstream 1 hop away" in drawn
    assert "+1 more upstream beyond 2 hops" in drawn  # far.top, three hops up
    assert re.search(r'click u1m "#upstream"', graph)
    # The lists stay complete: every neighbour linked, the third hop too.
    upstream = page.split('id="upstream"', 1)[1].split('id="downstream"', 1)[0]
    for name in [*sources, *far, "far.top"]:
        assert f'<a href="../{name}/">{name}</a>' in upstream
    # Solid edges are real lineage edges; dashed ones touch a collapsed node.
    label = dict(nodes)
    real = {(e.upstream, e.downstream) for e in edges}
    for a, arrow, b in re.findall(r"^    (\w+) (-->|-\.->) (\w+)$", graph, re.MULTILINE):
        if arrow == "-->":
            assert (label[a], label[b]) in real
        else:
            assert "more" in label[a] or "more" in label[b]


def test_diagram_links_become_absolute_under_a_site_url() -> None:
    pages = render_site(small_platform(), small_git(), site_url="https://data.example/portal/")
    by_uri = {p.src_uri: p.markdown for p in pages}
    assert (
        'click d2 "https://data.example/portal/catalogue/datasets/lake.sales_daily/"'
        in (by_uri[STORES])
    )
    assert 'click n0 "https://data.example/portal/decisions/adr-0001/"' in by_uri[paths.DECISIONS]


def test_decisions_naming_the_dataset_or_affecting_its_system_are_listed() -> None:
    base = small_platform()
    naming = dataclasses.replace(
        base.decisions["ADR-0004"], body="We would model `shop.baskets` in a vault."
    )
    platform = dataclasses.replace(base, decisions={**base.decisions, naming.id: naming})
    pages = pages_of(platform)
    baskets = pages[paths.dataset("shop.baskets")].markdown.split("## Decisions", 1)[1]
    assert "ADR-0004" in baskets
    assert "names this dataset" in baskets
    assert "ADR-0003" in baskets  # affects the shop system
    assert "affects the system shop" in baskets
    assert "ADR-0004" not in pages[ORDERS].markdown.split("## Decisions", 1)[1]


# ---------------------------------------------------------------- request access


def test_request_access_points_at_the_access_guide_by_default() -> None:
    base = small_platform()
    guide = DocPage(
        "access/index.md",
        "Access",
        None,
        None,
        (_section("Request access to a dataset", "request-access-to-a-dataset"),),
        "",
    )
    platform = dataclasses.replace(base, docs={**base.docs, guide.path: guide})
    page = pages_of(platform)[ORDERS].markdown
    assert (
        '<a class="md-button md-button--primary paved-access" '
        'href="../../../access/#request-access-to-a-dataset">Request access</a>'
    ) in page
    # Without a guide and without a target there is no button, only who decides.
    bare = pages_of()[ORDERS].markdown
    assert "paved-access" not in bare
    assert "The dataset's custodian" in bare


def test_request_access_fills_a_configured_target_encoded_once() -> None:
    hostile = ds("pos.orders", custodian='a"b&c', domain="sales <x>")
    url = datasets.access_target("https://svc.example/new?d={dataset}&c={custodian}", hostile)
    assert url == "https://svc.example/new?d=pos.orders&c=a%22b%26c"
    assert datasets.access_target("javascript:alert(1)//{dataset}", hostile) is None
    assert datasets.access_target("//evil.example/{dataset}", hostile) is None
    assert datasets.access_target("{dataset.__class__}", hostile) == "{dataset.__class__}"
    pages = render_site(
        small_platform(), small_git(), access_url="https://svc.example/a?x={dataset}&y={domain}"
    )
    page = next(p for p in pages if p.src_uri == ORDERS).markdown
    assert 'href="https://svc.example/a?x=pos.orders&amp;y=sales">Request access</a>' in page


def _section(title: str, anchor: str) -> Any:
    from paved.generator.core.load.types import Section

    return Section(title=title, level=2, anchor=anchor, line=1, text="")


# ---------------------------------------------------------------- index and system pages


def test_dataset_index_is_one_filterable_table_of_every_dataset() -> None:
    page = pages_of()[paths.DATASETS].markdown
    opening = (
        '<div class="paved-table" id="paved-dataset-index" '
        'data-filters="Domain,System,Classification,Personal data,Custodian" data-search-exclude>'
    )
    assert opening in page
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", page)
    assert header is not None
    names = re.findall(r"<th>(.*?)</th>", header.group(1))
    for column in datasets.INDEX_FILTERS.split(","):
        assert column in names  # the script finds each filter by its header text
    rows = re.findall(r"<tr><td><a href=\"([^\"]+)\">", page)
    assert rows == [f"{d}/" for d in sorted(small_platform().datasets)]
    assert pages_of()[paths.DATASETS].wide  # the adapter hides the table of contents
    # Lifted whole: Python-Markdown never parses the rows.
    light, blocks = lift(page)
    assert "<tr>" not in light
    assert any(b.startswith(opening) for b in blocks)


def test_system_page_lists_its_datasets_and_links_instead_of_embedding_them() -> None:
    page = pages_of()["catalogue/systems/pos.md"].markdown
    assert '<a href="../../datasets/pos.orders/">pos.orders</a>' in page
    assert '<a href="../../datasets/pos.stores/">pos.stores</a>' in page
    assert "customer_id" not in page  # columns live on the dataset page now
    assert "```mermaid" not in page
    assert 'data-filters="Classification,Personal data,Custodian"' in page
    lake = pages_of()["catalogue/systems/lake.md"].markdown
    assert "| Feeds | — |" in lake
    assert "[pos](pos.md)" in lake.split("| Depends on |", 1)[1].split("\n", 1)[0]
    # Used by follows lineage: WID-0002 reads shop.baskets; WID-0001 reads only pos data.
    shop = pages_of()["catalogue/systems/shop.md"].markdown
    used = shop.split("## Used by products", 1)[1]
    assert "WID-0002" in used
    assert "WID-0001" not in used
    assert "| Feeds | [lake](lake.md) |" in shop


def test_links_to_a_dataset_go_to_its_page() -> None:
    page = pages_of()["products/wid-0001.md"].markdown
    assert "../catalogue/datasets/pos.orders/" in page or (
        "../catalogue/datasets/pos.orders.md" in page
    )


# ---------------------------------------------------------------- people


def test_contacts_and_decision_makers_link_to_their_custodian_page() -> None:
    base = small_platform()
    owner = Contact("Maria Solberg", "MARIA@halden.example", "@maria")
    wid = product("WID-0001", "Store sales daily", business_owner=owner)
    adr = dataclasses.replace(
        base.decisions["ADR-0003"], decision_makers=("Maria Solberg", "Someone Else", "jon")
    )
    platform = dataclasses.replace(
        base,
        products={**base.products, wid.id: wid},
        decisions={**base.decisions, adr.id: adr},
    )
    pages = pages_of(platform)
    card = pages["products/wid-0001.md"].markdown
    assert '<a href="../../catalogue/custodians/maria/">Maria Solberg</a>' in card
    assert 'href="mailto:MARIA@halden.example"' in card
    decision = pages["decisions/adr-0003.md"].markdown
    makers = decision.split("Decision-makers</td><td>", 1)[1].split("</td>", 1)[0]
    assert '<a href="../../catalogue/custodians/maria/">Maria Solberg</a>' in makers
    assert '<a href="../../catalogue/custodians/jon/">Jon Berg</a>' in makers
    assert "Someone Else" in makers  # not in the catalogue: plain text


def test_page_footer_owner_links_to_the_custodian_or_mails_the_address() -> None:
    platform = small_platform()
    assert owner_meta("maria", platform) == {
        "paved_owner_name": "Maria Solberg",
        "paved_owner_url": "catalogue/custodians/maria/",
    }
    assert owner_meta("team@x.example", platform)["paved_owner_mailto"] == "mailto:team@x.example"
    assert owner_meta("Some team", platform) == {}


# ---------------------------------------------------------------- edit this page


def _config(repo: str, edit: str, docs: Path) -> Any:
    return SimpleNamespace(repo_url=repo, edit_uri=edit, docs_dir=str(docs))


def test_generated_pages_edit_their_source_file(tmp_path: Path) -> None:
    platform = dataclasses.replace(
        small_platform(), sheet_paths={"datasets": "custodians/catalogue.xlsx"}
    )
    pages = {p.src_uri: p for p in render_site(platform, small_git())}
    config = _config("https://git.example/org/repo", "-/edit/main/docs/", tmp_path / "docs")

    def url(uri: str) -> str | None:
        return edit_url(config, tmp_path, edit_source(pages[uri], platform))

    assert (
        url("products/wid-0001.md") == "https://git.example/org/repo/-/edit/main/wids/WID-0001-x.md"
    )
    assert url(ORDERS) == "https://git.example/org/repo/-/blob/main/custodians/catalogue.xlsx"
    assert url(paths.PRODUCTS) == "https://git.example/org/repo/-/tree/main/wids/"
    assert url(paths.HOME) == "https://git.example/org/repo/-/tree/main/"
    github = _config("https://github.com/o/r/", "edit/main/docs/", tmp_path / "docs")
    assert edit_url(github, tmp_path, "adrs/0001-x.md") == (
        "https://github.com/o/r/edit/main/adrs/0001-x.md"
    )
    assert edit_url(_config("", "", tmp_path / "docs"), tmp_path, "wids/x.md") is None


def test_search_reads_the_facts_but_not_the_link_lists_or_column_rows() -> None:
    from paved.generator.mkdocs_plugin.heavy import restore, set_aside

    # The diagram is the site's mermaid fence (excluded too); here only the blocks count.
    page = re.sub(r"```mermaid\n.*?```\n", "", pages_of()[STORES].markdown, flags=re.DOTALL)
    html = converted(page)
    light, blocks = set_aside(html)
    assert "Internal" in light or "internal" in light  # the facts, as a paragraph of text
    assert "lake.sales_daily" not in light  # the lineage lists and products are excluded
    assert "WID-0001" not in light
    assert restore(light, blocks) == html


def test_dataset_placeholders_are_tokens_no_description_can_forge() -> None:
    from paved.generator.mkdocs_plugin import pages as plugin_pages

    light, blocks = lift(pages_of()[ORDERS].markdown)
    tokens = plugin_pages.as_tokens(light)
    assert "<!--paved-html:" not in tokens
    html = html_of(tokens)
    assert "<!--paved-html:0-->" in plugin_pages.from_tokens(html)
    via_tokens = put_back(plugin_pages.from_tokens(html), blocks)
    via_comments = converted(pages_of()[ORDERS].markdown)
    assert re.sub(r"\s+", "", via_tokens) == re.sub(r"\s+", "", via_comments)
    forged = html_of("pavedx0\n\n<!--paved-html:0-->\n")
    assert plugin_pages.from_tokens(forged) == forged  # only this process's nonce counts


def test_product_page_names_what_its_datasets_are_built_from_across_hops() -> None:
    # WID-0001 reads pos.orders; pos.stores feeds pos.orders: one hop past the read.
    page = pages_of()[paths.product("WID-0001")].markdown
    row = page.split("Further upstream (lineage)", 1)[1].split("</tr>", 1)[0]
    assert "2 hops:" in row
    assert 'href="../../catalogue/datasets/pos.stores/"' in row
    assert "pos.orders" not in row  # read directly: listed under Upstream datasets
    # With nothing upstream of the reads, the row is left out.
    lone = Platform(datasets={"pos.orders": ds("pos.orders")}, products=small_platform().products)
    alone = {p.src_uri: p for p in render_site(lone, small_git())}
    assert "Further upstream" not in alone[paths.product("WID-0001")].markdown


def test_a_systems_used_by_table_is_the_html_of_the_markdown_table_it_replaces() -> None:
    """The template wrote a Markdown table that Python-Markdown and the sanitiser made
    into HTML (50 ms a page on a large portal); the HTML is now written directly and
    lifted: the same bytes, escaped text included."""
    platform = small_platform()
    tricky = dataclasses.replace(
        platform.products["WID-0001"], title="Sales & <returns> 'daily' #1 · 100%"
    )
    platform = dataclasses.replace(platform, products={**platform.products, tricky.id: tricky})
    used = list(platform.products.values())
    hops = {p.id: number for number, p in enumerate(used, start=1)}
    links = HtmlLinks(platform, paths.system("pos"))

    def cell(to_uri: str, text: str) -> str:
        return f"[{md_escape(text)}]({links.href(to_uri)})"

    rows = "".join(
        f"| {cell(paths.product(p.id), f'{p.id} · {p.title}')} | {badge(p.status)} | "
        f"{cell(paths.domain(p.domain), platform.domains[p.domain].name)} | {hops[p.id]} |\n"
        for p in used
    )
    table = f"| Product | Status | Domain | Hops |\n|---|---|---|---|\n{rows}"
    assert system_used_by_html(links, used, hops) == sanitize(html_of(table))
    assert "Sales &amp; &lt;returns&gt;" in system_used_by_html(links, used, hops)
