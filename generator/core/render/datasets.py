"""A page per dataset and the dataset index: what DataHub or OpenMetadata show, static.

A dataset page holds its description, the facts a reader checks first (system, domain,
custodian, classification, personal data, retention, refresh), its columns, its lineage
across every hop (a diagram that collapses past a depth or width, and lists of the
nearest ``LISTED`` datasets of each side),
the products that use it, the decisions that concern it, the catalogue file's history
and a "Request access" link. The page title is the dataset id (search relies on it).

Scale: a large catalogue has 10,000 datasets, so these pages are most of the portal.
Apart from the description (a Markdown paragraph: the bot's index takes it as the
page's summary) and the headings (MkDocs' own table of contents and anchors), the
body is HTML blocks that the adapter lifts out of Python-Markdown
(``paved.generator.mkdocs_plugin.blocks``): ``<div class="paved-table" ...><table>`` or
``<div class="paved-dataset">`` with no nested ``<div>``. Every value is escaped once,
by ``md_escape`` (HTML character references) or a ``Links`` builder, and Markdown links
become ``<a>`` in ``inline_html`` (or are written as anchors directly by ``HtmlLinks``,
the same bytes, computed once per target for all dataset pages).

Tables sit in ``<div class="paved-table" data-filters="...">``: the portal's table
script gives them sortable headers, a text filter and one select per named column.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from paved.generator.core.lineage import Hops
from paved.generator.core.model import Dataset, Decision, Platform, Product
from paved.generator.core.render import paths
from paved.generator.core.render.badges import badge
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.escape import allowed_target, md_escape, mermaid_label
from paved.generator.core.render.htmllinks import HtmlLinks
from paved.generator.core.render.links import join
from paved.generator.core.render.table_block import table_block, table_rows
from paved.generator.core.render.types import Page, PageKind

#: Hops drawn on each side of a dataset in its diagram; the lists below it go further.
DIAGRAM_HOPS = 2
#: Datasets drawn per hop and side; the others of that hop collapse into one node.
DIAGRAM_PER_HOP = 6
#: Datasets listed on each side of a dataset's page, nearest first. A chain of N
#: datasets in the lineage sheet would otherwise write N pages of N entries each (2,000
#: links: a 495 MB site); past this, the page says the lineage goes on.
LISTED = 200
#: A column table this wide gets a filter box (the table script adds it).
FILTER_COLUMNS_FROM = 12
#: Characters of a description shown in the dataset index (cut before escaping).
INDEX_DESCRIPTION = 90
#: What the dataset index filters on (header texts of its table).
INDEX_FILTERS = "Domain,System,Classification,Personal data,Custodian"

#: The placeholders an ``access_url`` template may use.
ACCESS_FIELDS = ("dataset", "system", "domain", "custodian", "classification")

#: How the dataset pages' rendering is shared out: ``share(work, datasets)`` returns
#: ``work(datasets)``, the pages in the datasets' order, however it spreads the calls
#: (``paved build`` gives a forked child half: the adapter's ``speed.split``). The core
#: itself renders them one after another.
Share = Callable[[Callable[[Sequence[Dataset]], list[Page]], Sequence[Dataset]], list[Page]]


# ---------------------------------------------------------------- access


@dataclass(frozen=True, slots=True)
class AccessGuide:
    """The hand-written page (and section) explaining how to request access."""

    path: str
    anchor: str
    title: str


def access_guide(platform: Platform) -> AccessGuide | None:
    """The first docs section titled "Request access…", preferring ``access/`` pages."""
    docs = sorted(platform.docs.values(), key=lambda d: (not d.path.startswith("access/"), d.path))
    for doc in docs:
        for section in doc.sections:
            if section.title.strip().lower().startswith("request access"):
                return AccessGuide(doc.path, section.anchor, section.title)
    return None


def access_target(template: str, ds: Dataset) -> str | None:
    """``template`` with its placeholders filled (each value percent-encoded), or
    ``None`` when it is empty or not an http(s), mailto or site-relative URL.

    Plain replacement, not ``str.format``: a template is configuration, but it still
    must not reach attributes of the values (``{dataset.__class__}``)."""
    template = template.strip()
    if not template or not allowed_target(template):
        return None
    values = {
        "dataset": ds.id,
        "system": ds.system,
        "domain": ds.domain,
        "custodian": ds.custodian or "",
        "classification": ds.classification.value,
    }
    url = template
    for key in ACCESS_FIELDS:
        url = url.replace("{" + key + "}", quote(values[key], safe=""))
    # Checked again once filled: an empty value joins what was around its placeholder
    # ("javascript{custodian}:..." becomes "javascript:...").
    return url if allowed_target(url) else None


def access_html(
    ctx: RenderContext, links: HtmlLinks, ds: Dataset, guide: AccessGuide | None
) -> str:
    """The "Request access" block: the link (configured target, else the access guide
    ``guide``) and who decides, from the catalogue."""
    target = access_target(ctx.access_url, ds)
    parts: list[str] = []
    if target is not None:
        parts.append(
            f'<a class="md-button md-button--primary paved-access" href="{html.escape(target)}">'
            "Request access</a>"
        )
    elif guide is not None:
        parts.append(
            '<a class="md-button md-button--primary paved-access" '
            f'href="{links.href(guide.path, guide.anchor)}">Request access</a>'
        )
    custodian = links.custodian(ds.custodian)
    domain = ctx.platform.domains.get(ds.domain)
    lead = links.custodian(domain.lead) if domain else ""
    who = (
        f"The dataset's custodian, {custodian}, decides"
        if custodian
        else (
            "✗ No custodian is named: the domain lead decides"
            if lead
            else "✗ No custodian is named: ask the platform team"
        )
    )
    if custodian and lead and domain is not None and domain.lead != ds.custodian:
        who += f"; when they are away, the domain lead {lead}"
    text = f"{who}. Access is granted for a purpose and until an end date"
    if guide is not None:
        text += f" (see {links.a(guide.path, guide.title, guide.anchor)})"
    parts.append(f"<p>{text}.</p>")
    return '<div class="paved-dataset">\n' + "\n".join(parts) + "\n</div>\n"


# ---------------------------------------------------------------- facts


def retention(ctx: RenderContext, links: HtmlLinks, ds: Dataset, used: Hops) -> str:
    """Retention as the WIDs that read this dataset directly (one hop in ``used``) and
    keep personal data state it (the catalogue records none per dataset), escaped."""
    if not ds.has_personal_data:
        return "— (no personal data)"
    readers = [ctx.platform.products[pid] for pid, hops in used.items() if hops == 1]
    stated = [
        f"{md_escape(p.personal_data.retention)} ({links.product(p.id)})"
        for p in readers
        if p.personal_data.present and p.personal_data.retention
    ]
    return join(stated) or "✗ not stated: no WID that reads it directly gives a retention"


def _row(label: str, value: str) -> str:
    return f"<tr><td>{label}</td><td>{value}</td></tr>\n"


def facts_html(ctx: RenderContext, links: HtmlLinks, ds: Dataset, used: Hops) -> str:
    """The facts table, as a lifted HTML block."""
    p = ctx.platform
    personal = [c.name for c in ds.columns if c.personal_data]
    personal_text = "yes: " + ", ".join(md_escape(n) for n in personal) if personal else "no"
    system = links.system(ds.system) or "✗ none"
    if ds.system in p.systems:
        system += f" · {md_escape(p.systems[ds.system].name)}"
    source = p.sheet_paths.get("datasets")
    history = _history(ctx, source)
    rows = [
        ("Id", md_escape(ds.id)),
        ("System", system),
        ("Domain", links.domain(ds.domain) or "—"),
        ("Custodian", links.custodian(ds.custodian) or "✗ none named"),
        ("Classification", badge(ds.classification, "classification")),
        ("Personal data", personal_text),
        ("Retention", retention(ctx, links, ds, used)),
        ("Refresh", md_escape(ds.refresh) if ds.refresh else "—"),
        ("Columns", str(len(ds.columns))),
        ("Used by", f"{len(used)} product{'s' if len(used) != 1 else ''}"),
    ]
    if source:
        rows.append(("Source", f"{md_escape(source)}, sheet datasets{history}"))
    body = "".join(_row(label, value) for label, value in rows)
    return (
        '<div class="paved-dataset">\n<table>\n'
        "<thead><tr><th>Field</th><th>Value</th></tr></thead>\n"
        f"<tbody>\n{body}</tbody>\n</table>\n</div>\n"
    )


def _history(ctx: RenderContext, source: str | None) -> str:
    """ ", last changed … by …" from the catalogue file's git history (per file: git
    does not know rows)."""
    facts = ctx.git.files.get(source or "")
    if facts is None:
        return ""
    text = ""
    if facts.updated:
        text += f"; the file was last changed {md_escape(facts.updated[:10])}"
    if facts.contributors:
        text += " by " + ", ".join(md_escape(c) for c in facts.contributors[:5])
    return text


# ---------------------------------------------------------------- columns


def columns_html(ds: Dataset) -> str:
    """The columns as a sortable table (a filter box once it is wide); kept out of the
    search index like the column tables before it (200,000 rows at scale)."""
    if not ds.columns:
        return ""
    filters = ' data-filters="Type,Personal data"' if len(ds.columns) >= FILTER_COLUMNS_FROM else ""
    rows = "".join(
        f"<tr><td><code>{md_escape(c.name)}</code></td><td>{md_escape(c.type)}</td>"
        f"<td>{'yes' if c.personal_data else 'no'}</td><td>{md_escape(c.description)}</td></tr>\n"
        for c in ds.columns
    )
    headers = ("Column", "Type", "Personal data", "Description")
    return table_block(headers, rows, f"{filters} data-search-exclude")


# ---------------------------------------------------------------- lineage


def lineage_graph(
    ctx: RenderContext, links: HtmlLinks, src: str, ds: Dataset, ups: Hops, downs: Hops
) -> str:
    """``flowchart LR`` of the lineage around ``ds``: up to ``DIAGRAM_HOPS`` hops each
    side and ``DIAGRAM_PER_HOP`` datasets per hop; the rest of a hop, and everything
    further, collapse into one node each that links to the complete list below.

    Drawn as a quotient of the real graph: every lineage edge among the datasets around
    ``ds`` is drawn between the nodes that stand for its two ends, so a collapsed node
    feeds exactly the nodes its datasets feed (dashed), and no edge is invented.
    """
    downs = {d: h for d, h in downs.items() if d not in ups}  # a cycle: drawn upstream
    node_of: dict[str, str] = {ds.id: "n0"}
    labels: dict[str, str] = {"n0": ds.id}
    clicks: dict[str, str] = {}
    collapsed: set[str] = set()
    for side, hops_of, prefix in (("upstream", ups, "u"), ("downstream", downs, "d")):
        count: dict[int, int] = {}
        hidden: dict[str, int] = {}
        # Walked with limit=LISTED + 1: past LISTED, a collapsed node's count is a floor.
        floor = "+" if len(hops_of) > LISTED else ""
        for other, hops in list(hops_of.items())[:LISTED]:
            if hops > DIAGRAM_HOPS:
                key = f"{prefix}x"
                hidden[key] = hidden.get(key, 0) + 1
                node_of[other] = key
                continue
            count[hops] = count.get(hops, 0) + 1
            if count[hops] <= DIAGRAM_PER_HOP:
                node = f"{prefix}{len(labels)}"
                node_of[other], labels[node] = node, other
                target = ctx.platform.datasets.get(other)
                if target is not None:
                    clicks[node] = links.click(paths.dataset(other))
            else:
                key = f"{prefix}{hops}m"
                hidden[key] = hidden.get(key, 0) + 1
                node_of[other] = key
        for key, n in sorted(hidden.items()):
            far = key.endswith("x")
            hop = key[1:-1]
            where = (
                f"beyond {DIAGRAM_HOPS} hops"
                if far
                else f"{hop} hop{'' if hop == '1' else 's'} away"
            )
            labels[key] = f"+{n}{floor} more {side} {where}"
            clicks[key] = ctx.click_url(src, src, side)
            collapsed.add(key)
    lines = ["flowchart LR"]
    lines.extend(f'    {node}["{mermaid_label(text)}"]' for node, text in labels.items())
    drawn: set[tuple[str, str]] = set()
    for edge in ctx.lookups.lineage.edges_among(node_of):
        a, b = node_of[edge.upstream], node_of[edge.downstream]
        if a == b or (a, b) in drawn:
            continue
        drawn.add((a, b))
        arrow = "-.->" if a in collapsed or b in collapsed else "-->"
        lines.append(f"    {a} {arrow} {b}")
    lines.extend(f'    click {node} "{mermaid_label(url)}"' for node, url in clicks.items())
    lines.append("    style n0 stroke-width:3px")
    return "\n".join(lines)


def hops_html(links: HtmlLinks, side: str, hops: Hops, empty: str) -> str:
    """Datasets grouped by distance: one paragraph per hop, under a label whose id the
    diagram's collapsed nodes link to (a label, not a heading: headings are most of
    the Markdown conversion of 10,000 dataset pages). ``hops`` walked with
    ``limit=LISTED + 1``: one more than ``LISTED`` means the lineage goes on."""
    head = (
        f'<div class="paved-dataset" id="{side}" data-search-exclude>\n'
        f"<p><strong>{side.capitalize()}</strong></p>\n"
    )
    if not hops:
        return f"{head}<p>{empty}</p>\n</div>\n"
    by_hop: dict[int, list[str]] = {}
    for other, n in list(hops.items())[:LISTED]:
        by_hop.setdefault(n, []).append(other)
    rows = []
    for n, ids in sorted(by_hop.items()):
        label = f"{n} hop{'s' if n != 1 else ''}"
        items = join(links.dataset(i) for i in ids)
        rows.append(f"<p><strong>{label}</strong> ({len(ids)}): {items}</p>")
    if len(hops) > LISTED:
        rows.append(
            f"<p>… and more {side}: the nearest {LISTED} are listed here. "
            "Every lineage edge is in the portal's <code>api/platform.json</code>.</p>"
        )
    return head + "\n".join(rows) + "\n</div>\n"


def _summary(hops: Hops, side: str) -> str:
    if not hops:
        return f"no {side} dataset"
    if len(hops) > LISTED:
        return f"more than {LISTED} {side} datasets"
    n, far = len(hops), max(hops.values())
    return f"{n} {side} dataset{'s' if n != 1 else ''} over {far} hop{'s' if far != 1 else ''}"


# ---------------------------------------------------------------- products, decisions


def products_html(
    ctx: RenderContext, links: HtmlLinks, ds: Dataset, downs: Hops, used: Hops
) -> str:
    """The products using the dataset, nearest first, with the dataset they read it
    through. Drafts and retired products are shown with their status."""
    if not used:
        return ""
    rows: list[list[str]] = []
    for pid, hops in used.items():
        product: Product | None = ctx.platform.products.get(pid)
        if product is None:
            continue
        if ds.id in product.upstream_datasets:
            how = "reads it directly"
        else:
            through = sorted(
                (r for r in product.upstream_datasets if r in downs), key=lambda r: (downs[r], r)
            )
            if through:
                how = "reads " + join(links.dataset(r) for r in through[:3])
                if len(through) > 3:
                    how += f" and {len(through) - 3} more"
            else:  # past the LISTED nearest downstream datasets the page walked
                how = f"reads a dataset past the {LISTED} listed downstream"
        cells = [
            links.product(pid, title=True),
            badge(product.status),
            links.domain(product.domain) or "—",
            how,
            str(hops),
        ]
        rows.append(cells)
    return table_block(
        ("Product", "Status", "Domain", "How", "Hops"),
        table_rows(rows),
        ' data-filters="Status,Domain" data-search-exclude',
    )


def decisions_of(ctx: RenderContext, ds: Dataset) -> list[tuple[Decision, str]]:
    """Decisions naming the dataset in their text, then those affecting its system."""
    found: dict[str, tuple[Decision, str]] = {}
    for d in ctx.lookups.decisions_by_dataset.get(ds.id, []):
        found.setdefault(d.id, (d, "names this dataset"))
    for d in ctx.lookups.decisions_by_system.get(ds.system, []):
        found.setdefault(d.id, (d, f"affects the system {md_escape(ds.system)}"))
    return sorted(found.values(), key=lambda pair: pair[0].number)


def decisions_html(ctx: RenderContext, links: HtmlLinks, ds: Dataset) -> str:
    found = decisions_of(ctx, ds)
    if not found:
        return ""
    rows = table_rows(
        (links.decision_with_status(d.id), md_escape(d.date), why) for d, why in found
    )
    return table_block(("Decision", "Date", "Why it is listed"), rows, " data-search-exclude")


# ---------------------------------------------------------------- pages


def folder_links(ctx: RenderContext, sample_uri: str) -> HtmlLinks:
    """Anchors for every page in ``sample_uri``'s folder, cached by target."""
    return HtmlLinks(ctx.platform, sample_uri, ctx.link_style, ctx.site_url, ctx.links(sample_uri))


def render_dataset(
    ctx: RenderContext,
    ds: Dataset,
    guide: AccessGuide | None = None,
    links: HtmlLinks | None = None,
) -> Page:
    """One dataset's page; ``links`` (one for all dataset pages) saves recomputing URLs."""
    src = paths.dataset(ds.id)
    links = links or folder_links(ctx, src)
    lineage = ctx.lookups.lineage
    ups = lineage.upstream(ds.id, limit=LISTED + 1)
    downs = lineage.downstream(ds.id, limit=LISTED + 1)
    used = lineage.used_by(ds.id)
    markdown = ctx.render(
        "catalogue/dataset.md.j2",
        src,
        ds=ds,
        facts=facts_html(ctx, links, ds, used),
        access=access_html(ctx, links, ds, guide),
        columns=columns_html(ds),
        personal=sum(1 for c in ds.columns if c.personal_data),
        summary=f"{_summary(ups, 'upstream')}; {_summary(downs, 'downstream')}",
        graph=lineage_graph(ctx, links, src, ds, ups, downs) if ups or downs else "",
        upstream=hops_html(links, "upstream", ups, "Nothing feeds this dataset in the catalogue."),
        downstream=hops_html(
            links, "downstream", downs, "Nothing in the catalogue is built from this dataset."
        ),
        products=products_html(ctx, links, ds, downs, used),
        decisions=decisions_html(ctx, links, ds),
    )
    return Page(
        src,
        ds.id,
        markdown,
        PageKind.DATASET,
        owner=ds.custodian,
        subject_id=ds.id,
        source=ctx.platform.sheet_paths.get("datasets"),
    )


def index_rows(ctx: RenderContext, datasets: Iterable[Dataset]) -> str:
    links = folder_links(ctx, paths.DATASETS)
    systems = ctx.platform.systems
    rows: list[tuple[str, ...]] = []
    for ds in datasets:
        description = ds.description
        if len(description) > INDEX_DESCRIPTION:
            description = description[: INDEX_DESCRIPTION - 1].rstrip() + "…"
        cells = (
            links.dataset(ds.id),
            md_escape(description) or "✗",
            links.domain(ds.domain) or "—",
            links.system(ds.system) if ds.system in systems else md_escape(ds.system),
            badge(ds.classification, "classification"),
            "yes" if ds.has_personal_data else "no",
            links.custodian(ds.custodian) or "—",
        )
        rows.append(cells)
    return table_rows(rows)


def render_index(ctx: RenderContext) -> Page:
    datasets = sorted(ctx.platform.datasets.values(), key=lambda d: d.id)
    counts = _counts(datasets)
    table = ""
    if datasets:
        headers = (
            "Dataset",
            "Description",
            "Domain",
            "System",
            "Classification",
            "Personal data",
            "Custodian",
        )
        attrs = f' id="paved-dataset-index" data-filters="{INDEX_FILTERS}" data-search-exclude'
        table = table_block(headers, index_rows(ctx, datasets), attrs)
    markdown = ctx.render(
        "catalogue/datasets.md.j2", paths.DATASETS, count=len(datasets), counts=counts, table=table
    )
    return Page(
        paths.DATASETS,
        "Datasets",
        markdown,
        PageKind.INDEX,
        source=ctx.platform.sheet_paths.get("datasets"),
        wide=True,
    )


def _counts(datasets: list[Dataset]) -> Mapping[str, int]:
    return {
        "personal": sum(1 for d in datasets if d.has_personal_data),
        "restricted": sum(1 for d in datasets if d.classification.value == "restricted"),
        "no_custodian": sum(1 for d in datasets if not d.custodian),
        "undescribed": sum(1 for d in datasets if not d.description.strip()),
    }


def render(ctx: RenderContext, share: Share | None = None) -> list[Page]:
    """The index, then a page per dataset (``share``: see ``Share``)."""
    pages = [render_index(ctx)]
    guide = access_guide(ctx.platform)  # once: it reads every docs page's sections
    datasets = list(ctx.platform.datasets.values())
    if datasets:
        links = folder_links(ctx, paths.dataset(datasets[0].id))

        def some(part: Sequence[Dataset]) -> list[Page]:
            return [render_dataset(ctx, ds, guide, links) for ds in part]

        pages.extend(some(datasets) if share is None else share(some, datasets))
    return pages
