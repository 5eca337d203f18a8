"""Catalogue facts beyond single rows: lineage has no cycles, datasets say who answers
for them and what they hold, custodians that WIDs name can be reached on Slack."""

from __future__ import annotations

import itertools
from collections import deque

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.types import Sheet, SheetRow
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.inputs import CATALOGUE, WID, declares

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({CATALOGUE})


#: At most this many warnings of one kind per sheet; the rest are counted.
MAX_WARNINGS = 100


def check(ctx: Context) -> list[Diagnostic]:
    """The catalogue alone: lineage without cycles, datasets with custodian and description."""
    return [*lineage_cycles(ctx), *_datasets(ctx)]


@declares(WID, CATALOGUE)
def custodians_of_products(ctx: Context) -> list[Diagnostic]:
    """The custodians WIDs name can be reached on Slack."""
    return _custodian_slack(ctx)


def lineage_cycles(ctx: Context) -> list[Diagnostic]:
    sheet = ctx.sheet("lineage")
    if sheet is None:
        return []
    graph: dict[str, list[str]] = {}
    edge_row: dict[tuple[str, str], SheetRow] = {}
    for row in sheet.rows:
        up, down = row.values.get("upstream"), row.values.get("downstream")
        if isinstance(up, str) and isinstance(down, str):
            graph.setdefault(up, []).append(down)
            graph.setdefault(down, [])
            edge_row.setdefault((up, down), row)
    out = []
    for component in strongly_connected(graph):
        members = set(component)
        start = min(component)
        if len(component) == 1 and start not in graph[start]:
            continue
        cycle = _cycle_through(graph, members, start)
        rows = [edge_row[(a, b)] for a, b in itertools.pairwise(cycle)]
        first = min(rows, key=lambda r: r.row)
        out.append(
            diagnostic(
                "CAT304",
                sheet.locate(first.row, "downstream"),
                f"lineage: cycle {' → '.join(cycle)} (rows {', '.join(str(r.row) for r in rows)})",
                related=tuple(sheet.locate(r.row) for r in rows if r is not first),
            )
        )
    return out


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative so a long lineage chain cannot overflow the stack."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = graph[node]
            if pos < len(successors):
                work.append((node, pos + 1))
                nxt = successors[pos]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def _cycle_through(graph: dict[str, list[str]], members: set[str], start: str) -> list[str]:
    """The shortest path start → … → start inside one strongly connected component."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph[node]:
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if nxt in members and nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return [start, start]


def _datasets(ctx: Context) -> list[Diagnostic]:
    sheet = ctx.sheet("datasets")
    if sheet is None:
        return []
    out: list[Diagnostic] = []
    for code, field_name, text in (
        ("CAT306", "custodian", "has no custodian"),
        ("CAT307", "description", "has no description"),
    ):
        hidden = 0
        shown = 0
        for row in sheet.rows:
            value = row.values.get(field_name)
            if isinstance(value, str) and value.strip():
                continue
            if shown >= MAX_WARNINGS:
                hidden += 1
                continue
            shown += 1
            name = row.values.get("id", f"row {row.row}")
            out.append(
                diagnostic(code, sheet.locate(row.row, field_name), f"datasets: {name} {text}")
            )
        if hidden:
            out.append(_more(sheet, hidden, text))
    return out


def _more(sheet: Sheet, hidden: int, text: str) -> Diagnostic:
    return diagnostic(
        "CAT309",
        Location(sheet.path, sheet=sheet.name),
        f"{hidden} more dataset{'s' if hidden != 1 else ''} {text} (not listed)",
    )


def _custodian_slack(ctx: Context) -> list[Diagnostic]:
    sheet = ctx.sheet("custodians")
    if sheet is None:
        return []
    by_id = ctx.rows_by_id("custodians")
    out = []
    reported: set[str] = set()
    for doc in ctx.loaded.wids:
        custodian = doc.front_matter.get("custodian")
        row = by_id.get(custodian) if isinstance(custodian, str) else None
        if row is None or custodian in reported or row.values.get("slack"):
            continue
        reported.add(str(custodian))
        out.append(
            diagnostic(
                "CAT308",
                sheet.locate(row.row, "slack"),
                f"custodians: {custodian} is custodian of {doc.front_matter.get('id', doc.path)} "
                "but has no Slack handle",
            )
        )
    return out
