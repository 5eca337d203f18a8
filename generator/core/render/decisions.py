"""The decision log: a timeline with a supersede graph, and one page per ADR."""

from __future__ import annotations

from itertools import groupby

from paved.generator.core.model import Decision, DecisionStatus
from paved.generator.core.render import card, paths
from paved.generator.core.render.badges import decision_badge
from paved.generator.core.render.changes import status_trail
from paved.generator.core.render.context import RenderContext
from paved.generator.core.render.escape import md_escape, mermaid_label
from paved.generator.core.render.imported import card_fact_lines
from paved.generator.core.render.links import Links, join
from paved.generator.core.render.products import status_summary
from paved.generator.core.render.types import Page, PageKind

DECISION_ORDER = [s.value for s in DecisionStatus]
GRAPH_LIMIT = 150
"""Mermaid lays a graph out in the reader's browser; past a few hundred nodes it stalls."""

FORMAT_NAMES = {
    "madr4": "MADR 4",
    "madr3": "MADR 3",
    "madr2": "MADR 2",
    "nygard": "adr-tools / Nygard",
    "adr-tools": "adr-tools / Nygard",
    "log4brains": "log4brains",
    "site": "front matter of another site generator",
    "markdown": "Markdown without metadata",
    "yaml": "YAML decision file",
}


def status_badge(decision: Decision) -> str:
    return decision_badge(decision.status.value, decision.status_label)


def shown_date(ctx: RenderContext, decision: Decision) -> tuple[str, str]:
    """(date, how it is known): as recorded (a year or year-month kept as written); from
    log4brains' file name; else the file's first commit, marked as such."""
    notes = {"file name": "from the file name", "git": "not recorded; first commit"}
    if decision.date:
        return decision.date, notes.get(decision.date_source, "")
    first = ctx.history_date(decision.path, "created")
    if first:
        return first, "not recorded; first commit"
    return "", "not recorded"


def summary_word(decision: Decision) -> str:
    if decision.status is DecisionStatus.NOT_RECORDED:
        return "status not recorded"
    if decision.status is DecisionStatus.OTHER:
        return decision.status_label
    return decision.status.value


def newest_first(decisions: list[Decision]) -> list[Decision]:
    return sorted(decisions, key=lambda d: (d.date, d.number, d.id), reverse=True)


def supersede_graph(ctx: RenderContext) -> tuple[str, int, bool]:
    """A Mermaid flowchart of supersede chains: (source, node count, truncated?)."""
    decisions = ctx.platform.decisions
    edges: dict[tuple[str, str], None] = {}
    for d in decisions.values():
        if d.superseded_by and d.superseded_by in decisions and d.superseded_by != d.id:
            edges[(d.id, d.superseded_by)] = None
        for old in d.supersedes:
            if old in decisions and old != d.id:
                edges[(old, d.id)] = None
    in_chain = {node for edge in edges for node in edge}
    if not in_chain:
        return "", 0, False
    chosen = newest_first([decisions[n] for n in in_chain])[:GRAPH_LIMIT]
    chosen.sort(key=lambda d: (d.date, d.number, d.id))
    ids = {d.id: f"n{i}" for i, d in enumerate(chosen)}
    lines = ["flowchart LR"]
    for d in chosen:
        label = mermaid_label(f"{d.id} · {d.title}")
        lines.append(f'    {ids[d.id]}["{label}"]:::{d.status.value}')
    lines.extend(
        f"    {ids[old]} --> {ids[new]}" for old, new in edges if old in ids and new in ids
    )
    for d in chosen:
        url = ctx.click_url(paths.DECISIONS, paths.decision(d.id))
        lines.append(f'    click {ids[d.id]} "{mermaid_label(url)}"')
    lines.append("    classDef superseded stroke-dasharray: 4 3,opacity:0.7")
    lines.append("    classDef deprecated stroke-dasharray: 4 3,opacity:0.7")
    lines.append("    classDef rejected stroke-dasharray: 2 2,opacity:0.6")
    lines.append("    classDef accepted stroke-width:2px")
    return "\n".join(lines), len(chosen), len(in_chain) > len(chosen)


def translated(ctx: RenderContext, links: Links, ident: str) -> str:
    """Links to a decision's translations, each named by its language ("" for none)."""
    return ", ".join(
        links.to(paths.decision(t.id), t.language or t.id)
        for t in ctx.lookups.translations.get(ident, ())
    )


def render_index(ctx: RenderContext) -> Page:
    dates = {d.id: shown_date(ctx, d) for d in ctx.platform.decisions.values()}
    decisions = sorted(
        (d for d in ctx.platform.decisions.values() if d.translation_of is None),
        key=lambda d: (dates[d.id][0], d.number, d.id),
        reverse=True,
    )
    links = ctx.links(paths.DECISIONS)
    years = [
        (year or "Date not recorded", list(group))
        for year, group in groupby(decisions, key=lambda d: dates[d.id][0][:4])
    ]
    graph, nodes, truncated = supersede_graph(ctx)
    markdown = ctx.render(
        "decisions/index.md.j2",
        paths.DECISIONS,
        years=years,
        total=len(decisions),
        by_status=status_summary(
            [summary_word(d) for d in decisions],
            [*DECISION_ORDER[:5], "status not recorded"],
        ),
        badges={d.id: status_badge(d) for d in decisions},
        dates={d.id: _date_text(*dates[d.id]) for d in decisions},
        affects={d.id: affects(ctx, links, d) for d in decisions},
        translations={d.id: translated(ctx, links, d.id) for d in decisions},
        graph=graph,
        graph_nodes=nodes,
        graph_truncated=truncated,
    )
    markdown = card.tables_html(markdown, paths.DECISIONS, ctx.link_style)
    return Page(paths.DECISIONS, "Decision log", markdown, PageKind.INDEX)


def affected_products(ctx: RenderContext, decision: Decision) -> list[str]:
    ids = dict.fromkeys(decision.affected_wids)
    ids.update(dict.fromkeys(p.id for p in ctx.lookups.products_by_decision.get(decision.id, [])))
    return list(ids)


def affects(ctx: RenderContext, links: Links, decision: Decision) -> str:
    return join(
        [
            *(links.product(w) for w in affected_products(ctx, decision)),
            *(links.system(s) for s in decision.affected_systems),
        ]
    )


def banner(ctx: RenderContext, links: Links, decision: Decision) -> str:
    """An admonition saying a decision is not in force and which one is."""
    successor = ctx.platform.successor_of(decision.id)
    status = decision.status
    word = _admonition_title(decision.status_label[:1].upper() + decision.status_label[1:])
    if status is DecisionStatus.ACCEPTED and successor is None:
        return ""
    if status is DecisionStatus.ACCEPTED:
        head = f'!!! note "{word}"'
        text = "This decision is in force in part; a later decision replaced some of it."
    elif status is DecisionStatus.NOT_RECORDED:
        head = '!!! note "Status not recorded"'
        text = "The decision log does not record this decision's status."
    elif status is DecisionStatus.OTHER:
        head = f'!!! note "Status: {word}"'
        text = (
            "The log's authors gave this status; Paved does not know whether it means the "
            "decision is in force."
        )
    elif status is DecisionStatus.PROPOSED:
        head = f'!!! info "{word}: not decided yet"'
        text = "This decision is still a proposal; it is not in force until it is accepted."
    elif status is DecisionStatus.SUPERSEDED:
        head = f'!!! warning "{word}: not the current decision"'
        text = "This decision was superseded and is no longer in force."
    elif status is DecisionStatus.DEPRECATED:
        head = f'!!! warning "{word}: no longer in force"'
        text = "This decision is deprecated and is no longer in force."
    else:
        head = f'!!! warning "{word}: never in force"'
        text = "This decision was considered and rejected; it was never in force."
    if successor is not None:
        direct = decision.superseded_by
        if direct and direct != successor.id and direct in ctx.platform.decisions:
            now = links.decision(successor.id, title=True)
            text += (
                f" It was replaced by {links.decision(direct, title=True)}, which was itself"
                f" replaced; the decision in force now is {now}."
            )
        else:
            text += f" It was replaced by {links.decision(successor.id, title=True)}."
        if not successor.is_current:
            text += f" Note: that decision's own status is {md_escape(successor.status_label)}."
    elif status in (DecisionStatus.SUPERSEDED, DecisionStatus.DEPRECATED):
        text += " No recorded decision replaces it yet."
    return f"{head}\n    {text}"


def render_decision(ctx: RenderContext, decision: Decision) -> Page:
    src = paths.decision(decision.id)
    links = ctx.links(src)
    facts = ctx.git.files.get(decision.path)
    page_markdown = ctx.render(
        "decisions/decision.md.j2",
        src,
        d=decision,
        banner=banner(ctx, links, decision),
        status_badge=status_badge(decision),
        date_text=_date_text(*shown_date(ctx, decision)),
        supersedes=join(links.decision(s, title=True) for s in decision.supersedes),
        translation_of=links.decision(decision.translation_of, title=True)
        if decision.translation_of
        else "",
        translations=translated(ctx, links, decision.id),
        products=join(links.product(w, title=True) for w in affected_products(ctx, decision)),
        systems=join(links.system(s) for s in decision.affected_systems),
        tags=join(links.tag(t) for t in decision.tags),
        created=ctx.history_date(decision.path, "created"),
        updated=ctx.history_date(decision.path, "updated"),
        contributors=facts.contributors if facts else (),
        status_history=status_trail(ctx.git.status_history.get(decision.path, ())),
        format_name=FORMAT_NAMES.get(decision.format, decision.format),
        body=ctx.body(
            decision.body, decision.path, src, drop=card_fact_lines(decision.body, decision.format)
        ),
    )
    markdown = card.as_html(page_markdown, src, ctx.link_style)

    return Page(
        src,
        f"{decision.id} · {decision.title}",
        markdown,
        PageKind.DECISION,
        status=decision.status.value,
        subject_id=decision.id,
    )


def _date_text(date: str, note: str) -> str:
    if not date:
        return "—" if not note else f"— ({note})"
    return md_escape(date) + (f" ({note})" if note else "")


def _admonition_title(text: str) -> str:
    """A status word inside an admonition's quoted title: escaped once, no quote."""
    return md_escape(text.replace('"', "'"))


def render(ctx: RenderContext) -> list[Page]:
    pages = [render_index(ctx)]
    pages.extend(render_decision(ctx, d) for d in ctx.platform.decisions.values())
    return pages
