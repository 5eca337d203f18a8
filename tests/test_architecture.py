"""The layer diagram in the README is drawn from the code: this test computes it from the
imports (grimp, the graph library behind import-linter) and fails when the README's copy
differs, printing the block to paste. The layering itself is enforced by ``lint-imports``
(``[tool.importlinter]`` in pyproject.toml); this keeps the picture of it honest."""

from __future__ import annotations

import re
from pathlib import Path

import grimp

README = Path(__file__).resolve().parents[1] / "README.md"

#: The boxes of the diagram, most specific first: a module belongs to the first box that
#: is it or one of its ancestors.
BOXES: dict[str, str] = {
    "paved.generator.cli": "cli: the paved command",
    "paved.generator.mkdocs_plugin.speed": "mkdocs_plugin.speed: only for build speed",
    "paved.generator.mkdocs_plugin": "mkdocs_plugin: the MkDocs adapter",
    "paved.bot": "bot: Slack app, HTTP API, answers, store",
    "paved.generator.report": "report: text, GitHub, JSON output",
    "paved.generator.core.api": "core.api: load, validate, build the model",
    "paved.generator.core.build_model": "core.api: load, validate, build the model",
    "paved.generator.core.index": "core.index: sections for search and the bot",
    "paved.generator.core.render": "core.render: model to pages",
    "paved.generator.core.validate": "core.validate: schemas and rules",
    "paved.generator.core.load": "core.load: files to located documents",
    "paved.generator.core": "core: model, diagnostics, git facts, Markdown structure",
}


def _box(module: str) -> str | None:
    for prefix in BOXES:
        if module == prefix or module.startswith(prefix + "."):
            return prefix
    return None


def layer_diagram() -> str:
    """A Mermaid flowchart of the boxes and which imports which (direct imports only)."""
    graph = grimp.build_graph("paved.generator", "paved.bot")
    edges: set[tuple[str, str]] = set()
    for module in graph.modules:
        source = _box(module)
        for imported in graph.find_modules_directly_imported_by(module):
            target = _box(imported)
            if source and target and BOXES[source] != BOXES[target]:
                edges.add((BOXES[source], BOXES[target]))
    labels = list(dict.fromkeys(BOXES.values()))
    ids = {label: f"L{number}" for number, label in enumerate(labels)}
    lines = ["```mermaid", "flowchart TD"]
    lines += [f'    {ids[label]}["{label}"]' for label in labels]
    order = {label: number for number, label in enumerate(labels)}
    ranked = sorted(edges, key=lambda edge: (order[edge[0]], order[edge[1]]))
    lines += [f"    {ids[a]} --> {ids[b]}" for a, b in ranked]
    lines.append("```")
    return "\n".join(lines)


def test_the_readme_layer_diagram_is_the_code() -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- layers:start -->\n(.*?)\n<!-- layers:end -->", text, re.DOTALL)
    assert found, "README.md has no <!-- layers:start --> ... <!-- layers:end --> block"
    expected = layer_diagram()
    assert found.group(1) == expected, "paste this between the layers markers:\n" + expected


def test_no_module_falls_outside_the_boxes() -> None:
    graph = grimp.build_graph("paved.generator", "paved.bot")
    assert [m for m in graph.modules if _box(m) is None and m.count(".") > 1] == []


if __name__ == "__main__":  # ``python tests/test_architecture.py`` prints the block to paste
    print(layer_diagram())
