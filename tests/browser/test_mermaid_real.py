"""Real Mermaid diagrams, as teams write them in their docs, drawn by the portal.

The corpus (tests/fixtures/mermaid/, sources and licences in its SOURCE.md) is files from
public repositories with their bytes kept: Kubernetes KEPs, the OpenTelemetry Collector's
docs, Semantic Kernel's decisions and samples, .NET Aspire's specs, Material for MkDocs'
own diagrams page and mermaid's documentation (every diagram type, and two big .mmd
graphs). The example is copied, the files go under its ``docs/``, ``paved build`` runs
once, and each page is opened once at 1366x900 and once at 390x844 in real Chromium.

For every diagram: mermaid drew an SVG (not its error picture), of a visible size, inside
its canvas and the content column; a drawing shrunk to fit offers the full-screen view.
A diagram the pinned mermaid cannot read keeps its source on the page under a message
naming the problem; which ones may do so is listed below, each with its reason. No page
error, no console error, no request off 127.0.0.1."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: example_site
from browser_helpers import measure_diagrams, served
from example_site import copy_example, paved_build_command

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "mermaid"
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
SECTION = "real-mermaid"

# Diagrams of the corpus the pinned mermaid (static/mermaid/VERSION) does not draw, by
# page and position (1-based), with the reason; the page must show their source and say
# so. Anything else that fails to draw fails the test.
UNREADABLE: dict[tuple[str, int], str] = {}

# ```mermaid fences of the corpus that are, by the author's Markdown, not diagrams: the
# page shows them as they are meant (or as Python-Markdown reads them), not drawn.
NOT_DIAGRAMS: dict[str, tuple[int, str]] = {
    "aspire-repo-status": (1, "inside a ~~~ block: an example of the fence, shown as code"),
    "k8s-version-skew": (1, "inside an HTML comment"),
    "material-diagrams": (5, "inside ```` markdown blocks that show each example's source"),
    "k8s-kms-v2": (
        2,
        "indented 8 spaces under a list item: Python-Markdown reads an indented code block "
        "(its lists indent by 4; GitHub's CommonMark draws them)",
    ),
}

# A 1x1 PNG, answered for pictures the authors link on other hosts (the tests run offline;
# mermaid's image shape waits for its picture to decode).
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
OUR_SCRIPT = "/assets/paved/paved-diagrams.js"

# What the page looks like for one diagram, in screen pixels.
SHAPE = """(wrapper) => {
  const state = wrapper.getAttribute("data-paved-diagram");
  const column = wrapper.closest("article").getBoundingClientRect();
  const canvas = wrapper.querySelector(".paved-diagram__canvas");
  const svg = canvas && canvas.shadowRoot && canvas.shadowRoot.querySelector("svg");
  const note = wrapper.querySelector(".paved-diagram__error");
  const source = wrapper.querySelector("pre.paved-mermaid");
  const out = {state, column: [column.left, column.right],
               note: note ? note.textContent : null,
               source: source && source.offsetHeight > 0 ? source.textContent : null,
               full: !!wrapper.querySelector(".paved-diagram__full")};
  if (!svg) return out;
  const box = svg.getBoundingClientRect();
  const host = canvas.getBoundingClientRect();
  const text = svg.textContent || "";
  Object.assign(out, {
    svg: [box.left, box.top, box.right, box.bottom],
    canvas: [host.left, host.right],
    natural: svg.viewBox && svg.viewBox.baseVal ? svg.viewBox.baseVal.width : 0,
    role: svg.getAttribute("aria-roledescription") || "",
    syntaxError: /Syntax error in text|Parse error/.test(text) ||
      svg.getAttribute("aria-roledescription") === "error",
    shapes: svg.querySelectorAll("rect, path, circle, ellipse, polygon, line, text").length,
  });
  return out;
}"""

# Every type the corpus holds (the SVG's aria-roledescription starts with it).
KINDS = ("flowchart", "sequence", "state", "class", "er", "gantt", "pie", "gitgraph", "journey",
         "mindmap", "timeline", "c4", "quadrantchart", "xychart", "block")  # fmt: skip


@dataclass
class Corpus:
    base: str
    site: Path
    pages: dict[str, str]  # folder of the corpus -> the page's path in the portal
    fences: dict[str, int]  # folder -> ```mermaid fences in its source


def _fences(text: str) -> int:
    lines = text.splitlines()
    opening = [line.strip() for line in lines if line.strip().startswith(("```", "~~~"))]
    return sum(1 for line in opening if line.lstrip("`~ ").split(" ")[0] == "mermaid")


HOSTILE = """# Hostile diagram

```mermaid
flowchart LR
    A["<img src=x onerror='window.__pwned=1'>start"]
    B["<a href='javascript:window.__pwned=2'>go</a>"]
    A --> B
    B --> C["<script>window.__pwned=3</script>end"]
    click A href "javascript:alert(1)"
    click B call alert(2)
    click C callback "javascript:window.__pwned=4"
```

A diagram cannot lower the level for itself (mermaid keeps securityLevel out of reach of
front matter and directives):

```mermaid
---
config:
  securityLevel: loose
---
%%{init: {"securityLevel": "loose"}}%%
flowchart LR
    D["<img src=x onerror='window.__pwned=5'>loose?"] --> E
    click D call alert(3)
    click E href "javascript:alert(4)"
```
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """The example plus every corpus file under docs/real-mermaid/, built by ``paved build``."""
    root = copy_example(tmp_path_factory.mktemp("mermaid-real") / "repo")
    pages: dict[str, str] = {}
    fences: dict[str, int] = {}
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        [source] = [p for p in folder.iterdir() if p.is_file()]
        target = root / "docs" / SECTION / folder.name
        target.mkdir(parents=True)
        if source.suffix == ".mmd":
            # A .mmd file is pasted into a page as one fence, bytes as they are.
            text = source.read_text(encoding="utf-8")
            page = f"# {folder.name}\n\n```mermaid\n{text.rstrip()}\n```\n"
            (target / "index.md").write_text(page, encoding="utf-8")
            pages[folder.name] = f"{SECTION}/{folder.name}/"
            fences[folder.name] = 1
            continue
        shutil.copyfile(source, target / source.name)
        stem = source.stem
        pages[folder.name] = (
            f"{SECTION}/{folder.name}/"
            if stem.lower() in ("readme", "index")
            else f"{SECTION}/{folder.name}/{stem}/"
        )
        fences[folder.name] = _fences(source.read_text(encoding="utf-8"))
    (root / "docs" / SECTION / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    site = paved_build_command(root)
    with served(site) as url:
        yield Corpus(url, site, pages, fences)


def _open(browser: Any, viewport: str) -> tuple[Any, Any, dict[str, list[str]]]:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    seen: dict[str, list[str]] = {"errors": [], "dialogs": [], "outside": []}
    tab.on("pageerror", lambda error: seen["errors"].append(f"page error: {error}"))

    def console(message: Any) -> None:
        # Ours: an error our script logs, or one of the portal's assets missing. Not ours:
        # mermaid's own logging, and the authors' pictures this copy does not have.
        where = message.location.get("url", "")
        if message.type == "error" and (
            where.endswith(OUR_SCRIPT)
            or ("Failed to load resource" in message.text and "/assets/" in where)
        ):
            seen["errors"].append(f"console.error: {message.text} ({where})")

    def outside(route: Any) -> None:
        seen["outside"].append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=PIXEL)

    tab.on("console", console)
    tab.route(lambda url: urlsplit(url).hostname not in (None, "127.0.0.1"), outside)

    def dialog(d: Any) -> None:
        seen["dialogs"].append(d.message)
        d.dismiss()

    tab.on("dialog", dialog)
    return context, tab, seen


def _shapes(tab: Any) -> list[dict[str, Any]]:
    return measure_diagrams(tab, SHAPE)


def _problems(name: str, number: int, shape: dict[str, Any]) -> list[str]:
    where = f"{name} diagram {number}"
    reason = UNREADABLE.get((name, number))
    if shape["state"] == "error":
        if reason is None:
            return [f"{where}: not drawn: {shape['note']}"]
        problems = []
        if not shape["note"] or "could not be drawn" not in shape["note"]:
            problems.append(f"{where}: no message saying it could not be drawn")
        if not shape["source"]:
            problems.append(f"{where}: its source is not shown")
        return problems
    if reason is not None:
        return [f"{where}: drawn, but listed as unreadable ({reason}): update UNREADABLE"]
    if "svg" not in shape:
        return [f"{where}: marked drawn but no SVG"]
    problems = []
    if shape["syntaxError"]:
        problems.append(f"{where}: mermaid drew its error picture")
    left, top, right, bottom = shape["svg"]
    column_left, column_right = shape["column"]
    if right - left < 20 or bottom - top < 10 or shape["shapes"] < 2:
        problems.append(f"{where}: drawn empty ({right - left:.0f}x{bottom - top:.0f} px)")
    if left < column_left - 1 or right > column_right + 1:
        problems.append(
            f"{where}: {left:.0f}-{right:.0f} px, column {column_left:.0f}-{column_right:.0f}"
        )
    canvas_left, canvas_right = shape["canvas"]
    if left < canvas_left - 1 or right > canvas_right + 1:
        problems.append(f"{where}: cut by its canvas ({left:.0f}-{right:.0f} in "
                        f"{canvas_left:.0f}-{canvas_right:.0f})")  # fmt: skip
    if shape["natural"] > (right - left) + 2 and not shape["full"]:
        problems.append(
            f"{where}: shown at {right - left:.0f} of {shape['natural']:.0f} px "
            "without the full-screen view"
        )
    return problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_real_diagram_is_drawn_inside_its_column(
    browser: Any, corpus: Corpus, viewport: str, output_dir: Path
) -> None:
    context, tab, seen = _open(browser, viewport)
    problems: list[str] = []
    drawn = unreadable = 0
    kinds: set[str] = set()
    for name, path in corpus.pages.items():
        tab.goto(f"{corpus.base}/{path}")
        shapes = _shapes(tab)
        if len(shapes) != corpus.fences[name] - NOT_DIAGRAMS.get(name, (0, ""))[0]:
            problems.append(f"{name}: {len(shapes)} diagrams on the page, "
                            f"{corpus.fences[name]} fences in the file")  # fmt: skip
        for number, shape in enumerate(shapes, start=1):
            problems.extend(_problems(name, number, shape))
            if shape["state"] == "drawn":
                drawn += 1
                kinds.add(shape.get("role", "").lower())
            else:
                unreadable += 1
        problems.extend(f"{name}: {error}" for error in seen["errors"])
        seen["errors"].clear()
        if name in ("mermaid-flowchart-code-flow", "k8s-kms-v2", "mermaid-c4"):
            tab.screenshot(path=str(output_dir / f"mermaid-real-{name}-{viewport}.png"))
    context.close()

    assert problems == [], "\n".join(problems)
    not_diagrams = sum(count for count, _reason in NOT_DIAGRAMS.values())
    assert drawn + unreadable == sum(corpus.fences.values()) - not_diagrams
    assert unreadable == len(UNREADABLE)
    for kind in KINDS:
        assert any(k.startswith(kind) for k in kinds), (kind, sorted(kinds))
    # only what the authors link to leaves 127.0.0.1 (answered locally above)
    written = "".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*/*") if p.is_file())
    assert [u for u in seen["outside"] if u not in written] == []
    assert seen["dialogs"] == []


def test_big_real_graph_is_shrunk_with_a_full_screen_view(browser: Any, corpus: Corpus) -> None:
    """The 50-odd node flowchart of mermaid's own code flow, on a phone."""
    context, tab, _seen = _open(browser, "phone")
    tab.goto(f"{corpus.base}/{corpus.pages['mermaid-flowchart-code-flow']}")
    [shape] = _shapes(tab)
    nodes = tab.locator("article .paved-diagram__canvas").evaluate(
        "c => c.shadowRoot.querySelectorAll('g.node').length"
    )
    context.close()

    assert nodes >= 50
    assert shape["full"]
    assert shape["natural"] > shape["svg"][2] - shape["svg"][0]


def test_click_links_and_html_labels_run_nothing(browser: Any, corpus: Corpus) -> None:
    """securityLevel "strict": no javascript: link, no click callback, no onerror (a
    tooltip may say "javascript:": it is a title, text)."""
    html = (corpus.site / SECTION / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in html  # escaped once in the page
    context, tab, seen = _open(browser, "desktop")
    tab.goto(f"{corpus.base}/{SECTION}/hostile/")
    shapes = _shapes(tab)
    canvases = tab.locator("article .paved-diagram__canvas")
    risky = canvases.evaluate_all(
        """cs => cs.flatMap(c => [...c.shadowRoot.querySelectorAll('*')].filter(el =>
             [...el.attributes].some(a => /^on/i.test(a.name) ||
               (/^(xlink:)?href$|^src$|action$/i.test(a.name) &&
                /javascript:/i.test(a.value))))
           .map(el => [...el.attributes].map(a => a.name + "=" + a.value).join(" ")))"""
    )
    scripts = canvases.evaluate_all(
        "cs => cs.reduce((n, c) => n + c.shadowRoot.querySelectorAll('script').length, 0)"
    )
    nodes = canvases.locator("g.node").all()
    for node in nodes:
        node.click(force=True)
    tab.wait_for_timeout(300)  # a handler or a navigation would have run by now
    pwned = tab.evaluate("window.__pwned")
    url = tab.url
    context.close()

    assert [shape["state"] for shape in shapes] == ["drawn", "drawn"]
    assert len(nodes) == 5
    assert risky == []
    assert scripts == 0
    assert pwned is None
    assert seen["dialogs"] == []
    assert url.endswith(f"/{SECTION}/hostile/")
