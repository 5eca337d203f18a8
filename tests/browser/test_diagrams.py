"""Every diagram of the portal drawn in real Chromium at 1366×900 and 390×844: drawn (not
left as source), no wider than its column, no edge through a node box other than its
own ends, no edge label over another label or a box; every diagram type a docs/ author
writes; a full-screen view for a diagram that had to shrink; nothing unsafe runs.

The example is copied with one extra docs page (every diagram type, a wide graph and a
hostile one) and built with MkDocs; the geometry comes from the rendered SVG."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: example_site
from browser_helpers import measure_diagrams, served
from example_site import build_site, copy_example

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}

TYPES_PAGE = """# Diagram types

```mermaid
sequenceDiagram
    participant R as Reader
    participant P as Portal
    R->>P: open a dataset page
    P-->>R: lineage & owners
```

```mermaid
stateDiagram-v2
    [*] --> draft
    draft --> submitted
    submitted --> approved
    approved --> onboarded
    onboarded --> retired
    retired --> [*]
```

```mermaid
classDiagram
    class Product {
      +id: str
      +status: str
    }
    class Dataset
    Product --> Dataset : reads
```

```mermaid
erDiagram
    DOMAIN ||--o{ SYSTEM : owns
    SYSTEM ||--|{ DATASET : holds
    DATASET ||--o{ COLUMN : has
```

```mermaid
gantt
    title Onboarding
    dateFormat YYYY-MM-DD
    section WID
    Draft     :a1, 2026-01-05, 5d
    Review    :after a1, 3d
```

```mermaid
pie title Datasets by classification
    "internal" : 52
    "confidential" : 25
    "restricted" : 9
```

```mermaid
flowchart LR
    s0["raw.a"] --> s1["stage.b"] --> s2["stage.c"] --> s3["cur.d"] --> s4["cur.e"]
    s4 --> s5["mart.f"] --> s6["mart.g"] --> s7["mart.h"] --> s8["report.i"]
    s8 --> s9["report.j"] --> s10["dashboard.k"] --> s11["export.l"]
    s0 -->|skips| s3
    s1 -->|skips| s6
```

```mermaid
flowchart LR
    x["<img src=x onerror='window.__pwned=1'>"] --> y["<b>bold</b>"]
    click x "javascript:window.__pwned=2"
```
"""

# The geometry of one drawn diagram, in screen pixels. An edge's ends are the boxes its
# first and last points touch; any other box a point of the path enters (2 px inside its
# border) is a crossing. Edge labels must not overlap each other or a box.
GEOMETRY = """(wrapper) => {
  const canvas = wrapper.querySelector(".paved-diagram__canvas");
  const svg = canvas && canvas.shadowRoot && canvas.shadowRoot.querySelector("svg");
  if (!svg) return {drawn: false};
  const column = wrapper.closest("article").getBoundingClientRect();
  const box = svg.getBoundingClientRect();
  const rect = (r) => ({l: r.left, t: r.top, r: r.right, b: r.bottom});
  const inside = (p, r, m) => p.x > r.l + m && p.x < r.r - m && p.y > r.t + m && p.y < r.b - m;
  const nodes = [...svg.querySelectorAll("g.node")]
    .map((n) => ({id: n.id, r: rect(n.getBoundingClientRect())}))
    .filter((n) => n.r.r - n.r.l > 1);
  const edges = [...svg.querySelectorAll(
    "path.flowchart-link, .edgePaths path, path.transition, path.relation")];
  const crossings = [];
  for (const edge of edges) {
    const length = edge.getTotalLength();
    if (!length) continue;
    const ctm = edge.getScreenCTM();
    const points = [];
    for (let s = 0; s <= length; s += 2) {
      const q = edge.getPointAtLength(s);
      points.push(new DOMPoint(q.x, q.y).matrixTransform(ctm));
    }
    const first = points[0], last = points[points.length - 1];
    for (const node of nodes) {
      if (inside(first, node.r, -8) || inside(last, node.r, -8)) continue;
      if (points.some((p) => inside(p, node.r, 2))) crossings.push(edge.id + " x " + node.id);
    }
  }
  const labels = [...svg.querySelectorAll("g.edgeLabel")]
    .map((l) => rect(l.getBoundingClientRect()))
    .filter((r) => r.r - r.l > 1 && r.b - r.t > 1);
  const overlap = (a, b) => a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
  const overlaps = [];
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach((b) => { if (overlap(a, b)) overlaps.push("label x label"); });
    nodes.forEach((n) => { if (overlap(a, n.r)) overlaps.push("label x " + n.id); });
  });
  return {drawn: true, left: box.left, right: box.right, column: [column.left, column.right],
          natural: svg.viewBox.baseVal.width, nodes: nodes.length, edges: edges.length,
          crossings, overlaps};
}"""


@pytest.fixture(scope="module")
def diagram_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The example plus docs/diagram-types.md, built, served on 127.0.0.1."""
    root = copy_example(tmp_path_factory.mktemp("diagrams") / "repo")
    (root / "docs" / "diagram-types.md").write_text(TYPES_PAGE, encoding="utf-8")
    site = root.parent / "site"
    build_site(root, site)
    with served(site) as url:
        yield url, site


def _tab(browser: Any, viewport: str) -> tuple[Any, Any, list[str]]:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    return context, tab, requested


def _draw_all(tab: Any) -> list[dict[str, Any]]:
    return measure_diagrams(tab, GEOMETRY)


def _pages_with_diagrams(site: Path) -> list[str]:
    return sorted(
        page.parent.relative_to(site).as_posix()
        for page in site.rglob("index.html")
        if 'class="paved-mermaid"' in page.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_diagram_fits_its_column_and_no_edge_crosses_a_box(
    browser: Any, diagram_site: tuple[str, Path], viewport: str, output_dir: Path
) -> None:
    base, site = diagram_site
    pages = _pages_with_diagrams(site)
    assert "diagram-types" in pages
    assert len(pages) >= 20  # the WIDs, systems, the decision log, docs pages
    context, tab, requested = _tab(browser, viewport)
    problems: list[str] = []
    drawn = edges = 0
    for path in pages:
        tab.goto(f"{base}/{path}/")
        for number, shape in enumerate(_draw_all(tab), start=1):
            where = f"{path} diagram {number}"
            if not shape["drawn"]:
                problems.append(f"{where}: not drawn")
                continue
            drawn += 1
            edges += shape["edges"]
            left, right = shape["column"]
            if shape["left"] < left - 1 or shape["right"] > right + 1:
                problems.append(f"{where}: {shape['left']:.0f}-{shape['right']:.0f} px, "
                                f"column {left:.0f}-{right:.0f}")  # fmt: skip
            problems.extend(f"{where}: edge through a box: {c}" for c in shape["crossings"])
            problems.extend(f"{where}: {o}" for o in shape["overlaps"])
    for name in ("products/wid-0001", "decisions", "diagram-types"):
        tab.goto(f"{base}/{name}/")
        _draw_all(tab)
        tab.screenshot(
            path=str(output_dir / f"diagrams-{name.replace('/', '-')}-{viewport}.png"),
            full_page=True,
        )
    context.close()

    assert problems == []
    assert drawn >= 90
    assert edges >= 150
    outside = [u for u in requested if urlsplit(u).hostname not in (None, "127.0.0.1")]
    assert outside == []


def test_every_diagram_type_is_drawn(browser: Any, diagram_site: tuple[str, Path]) -> None:
    base, _ = diagram_site
    context, tab, _requested = _tab(browser, "desktop")
    tab.goto(f"{base}/diagram-types/")
    shapes = _draw_all(tab)
    kinds = tab.locator("article .paved-diagram svg").evaluate_all(
        "svgs => svgs.map(s => s.getAttribute('aria-roledescription'))"
    )
    errors = tab.locator(".paved-diagram__error").all_inner_texts()
    context.close()

    assert errors == []
    assert [s["drawn"] for s in shapes] == [True] * 8
    expected = ["sequence", "state", "class", "er", "gantt", "pie", "flowchart", "flowchart"]
    assert len(kinds) == len(expected)
    for kind, name in zip(kinds, expected, strict=True):
        assert (kind or "").lower().startswith(name), (kind, name)


def test_a_shrunk_diagram_opens_full_size_and_comes_back(
    browser: Any, diagram_site: tuple[str, Path], output_dir: Path
) -> None:
    base, _ = diagram_site
    context, tab, _requested = _tab(browser, "phone")
    tab.goto(f"{base}/diagram-types/")
    _draw_all(tab)
    wide = tab.locator("article .paved-diagram").nth(6)
    shape = wide.evaluate(GEOMETRY)
    assert shape["natural"] > 2 * (shape["right"] - shape["left"])  # shrunk to fit

    wide.locator(".paved-diagram__full").click()
    dialog = tab.locator("dialog.paved-diagram-dialog[open]")
    svg = dialog.locator("svg")
    assert svg.evaluate("s => s.getBoundingClientRect().width") >= shape["natural"] - 1
    dialog.get_by_role("button", name="Zoom in").click()
    assert svg.evaluate("s => s.getBoundingClientRect().width") > shape["natural"] * 1.2
    tab.screenshot(path=str(output_dir / "diagrams-full-screen-phone.png"))
    dialog.get_by_role("button", name="Close").click()

    assert tab.locator("dialog.paved-diagram-dialog").count() == 0
    assert wide.locator("svg").count() == 1
    back = wide.evaluate(GEOMETRY)
    assert back["right"] - back["left"] == pytest.approx(shape["right"] - shape["left"], abs=1)
    context.close()


def test_hostile_labels_and_links_do_nothing(browser: Any, diagram_site: tuple[str, Path]) -> None:
    base, site = diagram_site
    html = (site / "diagram-types" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in html  # escaped once in the page
    context, tab, _requested = _tab(browser, "desktop")
    tab.goto(f"{base}/diagram-types/")
    _draw_all(tab)
    hostile = tab.locator("article .paved-diagram").nth(7)
    tab.wait_for_timeout(300)  # an onerror handler would have run by now
    pwned = tab.evaluate("window.__pwned")
    scripted = hostile.locator("[onerror], a[href^='javascript']").count()
    context.close()

    assert pwned is None
    assert scripted == 0


def test_the_geometry_check_sees_a_crossing(browser: Any) -> None:
    """The check above can fail: an edge drawn straight through a third box is found."""
    context, tab, _requested = _tab(browser, "desktop")
    tab.set_content(
        "<article><div class='paved-diagram'><div class='paved-diagram__canvas'></div>"
        "</div></article>"
    )
    tab.evaluate(
        """() => {
      const host = document.querySelector('.paved-diagram__canvas');
      host.attachShadow({mode: 'open'}).innerHTML =
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" width="400">' +
        '<g class="node" id="a"><rect x="0" y="30" width="60" height="40"/></g>' +
        '<g class="node" id="b"><rect x="170" y="30" width="60" height="40"/></g>' +
        '<g class="node" id="c"><rect x="340" y="30" width="60" height="40"/></g>' +
        '<path class="flowchart-link" id="e" d="M60,50 L340,50" stroke="black"/></svg>';
    }"""
    )
    shape = tab.locator(".paved-diagram").evaluate(GEOMETRY)
    context.close()

    assert shape["crossings"] == ["e x b"]


def test_switching_to_dark_draws_the_diagrams_again(
    browser: Any, diagram_site: tuple[str, Path]
) -> None:
    base, _ = diagram_site
    context, tab, _requested = _tab(browser, "desktop")
    tab.emulate_media(color_scheme="light")
    tab.goto(f"{base}/diagram-types/")
    _draw_all(tab)
    node = tab.locator("article .paved-diagram").nth(6).locator("g.node rect").first
    light = node.evaluate("r => getComputedStyle(r).fill")

    tab.locator("form[data-md-component='palette'] label:visible").first.click()
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
    tab.wait_for_function(
        "([el, before]) => el.isConnected === false || getComputedStyle(el).fill !== before",
        arg=[node.element_handle(), light],
    )
    dark = node.evaluate("r => getComputedStyle(r).fill")
    context.close()

    assert dark != light
