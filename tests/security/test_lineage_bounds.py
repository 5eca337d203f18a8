"""A long lineage chain in the catalogue costs linear time and output, not quadratic.

Every dataset page listed every dataset upstream and downstream of it, across all hops,
and every page asked for the products using its dataset with a walk of everything
downstream. A chain of N datasets (two rows per link in a workbook of a few hundred
kilobytes) therefore wrote N pages of N entries each and walked N² nodes: 2,000 links
built a 495 MB site in 1.5 GB of memory; 10,000 took 141 s of CPU in the lineage walks
alone. Now a page lists the nearest ``LISTED`` datasets of each side and says how many
more there are past them, and "used by" comes from one walk per product.

The rendering runs in a subprocess under a memory limit and a time limit, so a
regression fails the test instead of exhausting the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sample_platform import product

from paved.generator.core.lineage import Lineage
from paved.generator.core.model import LineageEdge

TESTS = Path(__file__).resolve().parents[1]
MEMORY = 2 << 30
TIMEOUT = 240
CHAIN = 4000

RENDER_CHAIN = f"""
import dataclasses, json, sys, time
sys.path.insert(0, {str(TESTS)!r})
from sample_platform import small_git, small_platform
from paved.generator.core.model import Classification, Dataset, LineageEdge
from paved.generator.core.render.site import render_site

n = {CHAIN}
base = small_platform()
ids = [f"lake.chain_{{i:05d}}" for i in range(n)]
datasets = dict(base.datasets)
for ident in ids:
    datasets[ident] = Dataset(
        id=ident, system="lake", domain="sales", custodian="", description="link",
        classification=Classification.INTERNAL, refresh=None, columns=(),
    )
edges = tuple(base.lineage) + tuple(
    LineageEdge(upstream=a, downstream=b, stage="refine", description="")
    for a, b in zip(ids, ids[1:])
)
platform = dataclasses.replace(base, datasets=datasets, lineage=edges)
start = time.process_time()
pages = [p for p in render_site(platform, small_git()) if "chain_" in p.src_uri]
sizes = sorted(len(p.markdown) for p in pages)
print(json.dumps({{"pages": len(pages), "largest": sizes[-1], "total": sum(sizes),
                  "cpu": time.process_time() - start}}))
"""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def test_a_long_chain_renders_in_linear_output_and_bounded_time() -> None:
    try:
        done = subprocess.run(
            [sys.executable, "-c", RENDER_CHAIN],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            preexec_fn=_limits,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"rendering a {CHAIN}-dataset chain took over {TIMEOUT} s")
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"chain of {CHAIN}: {found}")
    assert found["pages"] >= CHAIN
    # A page's size no longer grows with the chain: ~ LISTED entries per side at most.
    assert found["largest"] < 120_000, found
    assert found["total"] < CHAIN * 60_000, found


def _chain(n: int, readers: int = 0) -> tuple[Lineage, list[str]]:
    ids = [f"lake.c{i:04d}" for i in range(n)]
    edges = [
        LineageEdge(upstream=a, downstream=b, stage="refine", description="")
        for a, b in pairwise(ids)
    ]
    # A cycle back to the middle, a branch, and products reading at several depths.
    edges.append(
        LineageEdge(upstream=ids[-1], downstream=ids[n // 2], stage="refine", description="")
    )
    edges.append(
        LineageEdge(upstream=ids[3], downstream="side.branch", stage="serve", description="")
    )
    products = {
        f"WID-{i:04d}": product(
            f"WID-{i:04d}", f"P{i}", upstream_datasets=(ids[(i * 37) % n], "side.branch")
        )
        for i in range(1, readers + 1)
    }
    platform = SimpleNamespace(lineage=tuple(edges), datasets={}, products=products)
    return Lineage(platform), ids  # type: ignore[arg-type]


def test_used_by_is_the_impact_of_the_dataset() -> None:
    lineage, ids = _chain(60, readers=9)
    for ident in [*ids, "side.branch", "not.there"]:
        assert lineage.used_by(ident) == lineage.impact([ident]).products, ident


def test_a_bounded_walk_keeps_the_nearest() -> None:
    lineage, ids = _chain(50)
    full = lineage.downstream(ids[0])
    nearest = lineage.downstream(ids[0], limit=10)
    assert len(nearest) == 10
    assert max(nearest.values()) <= min(h for d, h in full.items() if d not in nearest)
    assert all(full[d] == h for d, h in nearest.items())
