"""Diagrams: the home-made build-time SVG layout against mermaid.js served by the portal.

Builds two copies of the example (plus one docs page with every diagram type a team
writes), one with the old fence formatter (taken from git at ``--old``), one with the
current one, side by side, ``--repeat`` times each (plain ``mkdocs build``, one process),
then drives both sites in headless Chromium at 1366x900 and 390x844 and measures, from the
rendered SVG geometry, what tests/browser/test_diagrams.py asserts: diagrams wider than
their column, edges through a box other than their ends, overlapping edge labels; plus
what a reader downloads and waits for.

    .venv/bin/python benchmarks/bench_diagrams.py --repeat 3
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
from test_diagrams import DRAWN, GEOMETRY, TYPES_PAGE  # noqa: E402

CONTENT = ("mkdocs.yml", "docs", "wids", "adrs", "custodians", "overrides")
OLD_FENCE = "!!python/name:paved_old_mermaid.format_flowchart"
NEW_FENCE = "!!python/name:paved.generator.mkdocs_plugin.mermaid.format_mermaid"
VIEWPORTS = {"1366x900": (1366, 900), "390x844": (390, 844)}

# The old SVG: boxes are g.paved-flowchart__node, edges path.paved-flowchart__edge, edge
# labels text.paved-flowchart__edge-label; the svg sits in the page (no shadow root).
OLD_GEOMETRY = """(wrapper) => {
  const svg = wrapper.querySelector("svg.paved-flowchart");
  if (!svg) return {drawn: false};
  const column = wrapper.closest("article").getBoundingClientRect();
  const box = svg.getBoundingClientRect();
  const rect = (r) => ({l: r.left, t: r.top, r: r.right, b: r.bottom});
  const inside = (p, r, m) => p.x > r.l + m && p.x < r.r - m && p.y > r.t + m && p.y < r.b - m;
  const nodes = [...svg.querySelectorAll(".paved-flowchart__node rect")]
    .map((n, i) => ({id: "n" + i, r: rect(n.getBoundingClientRect())}));
  const crossings = [];
  for (const edge of svg.querySelectorAll("path.paved-flowchart__edge")) {
    const length = edge.getTotalLength();
    const ctm = edge.getScreenCTM();
    const points = [];
    for (let s = 0; s <= length; s += 2) {
      const q = edge.getPointAtLength(s);
      points.push(new DOMPoint(q.x, q.y).matrixTransform(ctm));
    }
    const first = points[0], last = points[points.length - 1];
    for (const node of nodes) {
      if (inside(first, node.r, -8) || inside(last, node.r, -8)) continue;
      if (points.some((p) => inside(p, node.r, 2))) crossings.push(node.id);
    }
  }
  const labels = [...svg.querySelectorAll(".paved-flowchart__edge-label")]
    .map((l) => rect(l.getBoundingClientRect()));
  const overlap = (a, b) => a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
  const overlaps = [];
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach((b) => { if (overlap(a, b)) overlaps.push("l"); });
    nodes.forEach((n) => { if (overlap(a, n.r)) overlaps.push("n"); });
  });
  return {drawn: true, left: box.left, right: box.right, column: [column.left, column.right],
          crossings, overlaps};
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_: Any) -> None:
        return


def prepare(base: Path, old_commit: str) -> dict[str, Path]:
    (base / "oldmodule").mkdir(parents=True)
    source = subprocess.run(
        ["git", "show", f"{old_commit}:generator/mkdocs_plugin/mermaid.py"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    (base / "oldmodule" / "paved_old_mermaid.py").write_text(source, encoding="utf-8")
    roots = {}
    for name, fence in (("old", OLD_FENCE), ("new", NEW_FENCE)):
        root = base / name
        root.mkdir()
        for item in CONTENT:
            src = REPO / item
            if src.is_dir():
                shutil.copytree(src, root / item)
            else:
                shutil.copy2(src, root / item)
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace(
            "!!python/name:paved.generator.mkdocs_plugin.mermaid.format_mermaid", fence
        )
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        (root / "docs" / "diagram-types.md").write_text(TYPES_PAGE, encoding="utf-8")
        if name == "old":  # the old SVG's own styles (wide charts scrolled sideways)
            css = subprocess.run(
                ["git", "show", f"{old_commit}:overrides/assets/stylesheets/paved.css"],
                cwd=REPO, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            (root / "overrides" / "assets" / "stylesheets" / "paved.css").write_text(
                css, encoding="utf-8"
            )
        roots[name] = root
    return roots


def build(root: Path, oldmodule: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(oldmodule), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PAVED_FEEDBACK_URL", None)
    env.pop("PAVED_DATABASE_URL", None)
    started = time.perf_counter()
    subprocess.run(
        [str(REPO / ".venv" / "bin" / "mkdocs"), "build", "-q", "-f", str(root / "mkdocs.yml"),
         "-d", str(root / "site")],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host!s}:{port}"


def pages_with_diagrams(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if 'class="paved-diagram' in p.read_text(encoding="utf-8")
    )


def survey(browser: Any, base: str, site: Path, *, old: bool) -> dict[str, dict[str, int]]:
    results = {}
    for label, (width, height) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        counts = {"diagrams": 0, "drawn": 0, "wider": 0, "crossing": 0, "labels": 0}
        for path in pages_with_diagrams(site):
            tab.goto(f"{base}/{path}/")
            wrappers = tab.locator("article .paved-diagram, article .paved-diagram-source")
            for index in range(wrappers.count()):
                wrapper = wrappers.nth(index)
                counts["diagrams"] += 1
                if not old:
                    wrapper.scroll_into_view_if_needed()
                    tab.wait_for_function(DRAWN, arg=wrapper.element_handle())
                shape = wrapper.evaluate(OLD_GEOMETRY if old else GEOMETRY)
                if not shape["drawn"]:
                    continue
                counts["drawn"] += 1
                left, right = shape["column"]
                counts["wider"] += shape["right"] - shape["left"] > right - left + 1
                counts["crossing"] += bool(shape["crossings"])
                counts["labels"] += bool(shape["overlaps"])
        results[label] = counts
        context.close()
    return results


def weight(browser: Any, base: str, path: str) -> dict[str, float]:
    """Script bytes a first visit downloads for ``path`` (raw and gzip -6) and the time
    until every diagram on it is drawn (each scrolled into view)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    bodies: list[bytes] = []
    tab.on(
        "response",
        lambda r: bodies.append(r.body()) if "/assets/paved/" in r.url and r.ok else None,
    )
    started = time.perf_counter()
    tab.goto(f"{base}/{path}/")
    wrappers = tab.locator("article .paved-diagram")
    for index in range(wrappers.count()):
        wrappers.nth(index).scroll_into_view_if_needed()
        tab.wait_for_function(DRAWN, arg=wrappers.nth(index).element_handle())
    elapsed = time.perf_counter() - started
    tab.wait_for_timeout(300)
    context.close()
    return {
        "files": len(bodies),
        "kb": sum(len(b) for b in bodies) / 1024,
        "kb_gzip": sum(len(gzip.compress(b, 6)) for b in bodies) / 1024,
        "seconds": elapsed,
    }


def fence_cost(root: Path, oldmodule: Path, repeat: int) -> str:
    """Seconds to turn every ```mermaid fence the renderer writes for ``root`` into HTML,
    old formatter against new (median of ``repeat``), and how many the old one drew."""
    import re

    from paved.generator.core import api, gitfacts
    from paved.generator.core.render.site import render_site
    from paved.generator.mkdocs_plugin.mermaid import format_mermaid

    sys.path.insert(0, str(oldmodule))
    from paved_old_mermaid import format_flowchart as old_format  # type: ignore[import-not-found]

    result = api.check(root)
    pages = render_site(result.platform, gitfacts.collect(root))
    fence = re.compile(r"^```mermaid\n(.*?)^```", re.DOTALL | re.MULTILINE)
    sources = [m.group(1) for page in pages for m in fence.finditer(page.markdown)]
    timings = {}
    for name, formatter in (("old", old_format), ("new", format_mermaid)):
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            outputs = [formatter(src, "mermaid", "mermaid", {}, None) for src in sources]
            runs.append(time.perf_counter() - started)
        timings[name] = (statistics.median(runs), outputs)
    drawn = sum("<svg" in out for out in timings["old"][1])
    return (
        f"{root.resolve().name}: {len(sources)} diagrams, {len(pages)} pages; fence time old "
        f"{timings['old'][0]:.3f} s ({drawn} drawn as SVG, "
        f"{sum(map(len, timings['old'][1])) / 1e6:.2f} MB) vs new {timings['new'][0]:.3f} s "
        f"({sum(map(len, timings['new'][1])) / 1e6:.2f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--old", default="8764356^", help="commit with the old mermaid.py")
    parser.add_argument(
        "--fences-only",
        nargs="*",
        type=Path,
        help="only time the fence formatters on these repositories (default: the example)",
    )
    args = parser.parse_args()
    if args.fences_only is not None:
        with tempfile.TemporaryDirectory() as tmp:
            prepare(Path(tmp), args.old)
            for root in args.fences_only or [REPO]:
                print(fence_cost(root, Path(tmp) / "oldmodule", args.repeat))
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        roots = prepare(base, args.old)
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.repeat):
            for name in ("old", "new"):
                times[name].append(build(roots[name], base / "oldmodule"))
        for name in ("old", "new"):
            site = roots[name] / "site"
            pages = pages_with_diagrams(site)
            html_mb = sum((site / p / "index.html").stat().st_size for p in pages) / 1e6
            print(
                f"{name}: build median {statistics.median(times[name]):.2f} s "
                f"({', '.join(f'{t:.2f}' for t in times[name])}); site {size(site) / 1e6:.1f} MB; "
                f"HTML of the {len(pages)} pages with diagrams {html_mb:.2f} MB"
            )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            for name in ("old", "new"):
                server, url = serve(roots[name] / "site")
                print(name, survey(browser, url, roots[name] / "site", old=name == "old"))
                if name == "new":
                    for path in (
                        "products/wid-0001",
                        "catalogue/datasets/lakehouse.cur_sales_lines",
                        "diagram-types",
                    ):
                        print("  weight", path, weight(browser, url, path))
                server.shutdown()
            browser.close()


if __name__ == "__main__":
    main()
