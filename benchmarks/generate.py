"""Write a synthetic Paved repository of any size, for benchmarks and load tests.

    python benchmarks/generate.py OUT_DIR --size large
    python benchmarks/generate.py OUT_DIR --wids 1000 --adrs 1000 --datasets 10000 \\
        --columns 200000 --seed 7 --docs 50 --format xlsx

The content is meant to validate with zero errors and zero warnings: every reference
resolves, supersede links agree both ways, personal data carries a legal basis and a
retention, lineage is a DAG. It is deterministic for a seed, so two runs with the same
arguments write byte-identical WIDs, ADRs, docs and CSV files (the xlsx zip embeds
timestamps). When a validator reports something on this content, either the generator
or the validator has a bug: both are worth a look.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import _vocab as V
from _catalogue import build_catalogue, write_csv, write_xlsx
from _documents import build_docs, build_wids, plan_adrs, render_adr

MARKER = ".paved-synthetic.json"
MODULES = ("generate.py", "_vocab.py", "_catalogue.py", "_documents.py")


@dataclass(frozen=True)
class Sizes:
    """How much to generate. Domains, custodians and systems follow from ``datasets``."""

    wids: int
    adrs: int
    datasets: int
    columns: int
    docs: int = 50

    @property
    def domains(self) -> int:
        return max(3, min(len(V.DOMAINS), self.datasets // 100))

    @property
    def custodians(self) -> int:
        return max(self.domains * 2, self.datasets // 50)

    @property
    def systems(self) -> int:
        return max(self.domains * 2, self.datasets // 100)

    def scaled(self, factor: int) -> Sizes:
        return Sizes(
            self.wids * factor,
            self.adrs * factor,
            self.datasets * factor,
            self.columns * factor,
            self.docs,
        )


PRESETS: dict[str, Sizes] = {
    "tiny": Sizes(5, 6, 20, 100, 5),
    "small": Sizes(50, 50, 500, 10_000, 20),
    "medium": Sizes(250, 250, 2_500, 50_000, 50),
    "large": Sizes(1_000, 1_000, 10_000, 200_000, 50),
}
PRESETS["xlarge"] = PRESETS["large"].scaled(4)

MKDOCS_YML = """site_name: {site}
site_description: Synthetic repository written by benchmarks/generate.py (seed {seed})
theme:
  name: material
plugins:
  - search
  - paved{options}
"""

#: The example's ``adr_strict_from`` (mkdocs.yml: ADR-0007; a test keeps them equal):
#: the synthetic log is MADR 4 in full from this record on, so it validates under the
#: example's configuration too (``bench_build.py`` copies it in).
STRICT_FROM = 7


@dataclass(frozen=True)
class Summary:
    """What was written; also stored in the output folder's marker file."""

    sizes: Sizes
    seed: int
    format: str
    digest: str
    counts: dict[str, int]
    strict_from: int | None = None
    seconds: float = 0.0


def generator_digest() -> str:
    """Changes whenever the generator's code does, so cached repositories are rebuilt."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def prepare(out: Path) -> None:
    """Never clobber a real repository: only an empty folder or one we wrote before."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SystemExit(
            f"error: {out} is not empty and was not written by this generator "
            f"(no {MARKER}); pick an empty or new folder"
        )
    # The marker goes first and comes back last: an interrupted run is never reused.
    (out / MARKER).unlink(missing_ok=True)
    for sub in ("wids", "adrs", "docs", "custodians"):
        shutil.rmtree(out / sub, ignore_errors=True)
    for sub in ("wids", "adrs", "docs", "custodians"):
        (out / sub).mkdir(parents=True, exist_ok=True)


def generate(
    out: Path,
    sizes: Sizes,
    seed: int = 7,
    fmt: str = "xlsx",
    strict_from: int | None = STRICT_FROM,
) -> Summary:
    """Write the whole repository under ``out`` and return what was written.

    ``strict_from``: the first ADR number the log keeps to MADR 4 in full, written as
    ``adr_strict_from`` into mkdocs.yml (older formats come only before it); ``None``:
    older formats anywhere, as in a log imported from other tools."""
    started = time.perf_counter()
    if sizes.columns < sizes.datasets:
        raise SystemExit("error: --columns must be at least --datasets (one column per dataset)")
    rng = random.Random(seed)
    prepare(out)
    catalogue = build_catalogue(
        rng, sizes.domains, sizes.custodians, sizes.systems, sizes.datasets, sizes.columns
    )
    adrs = plan_adrs(rng, sizes.adrs, catalogue, strict_from=strict_from)
    wids = build_wids(rng, sizes.wids, catalogue, adrs)
    by_number = {a.number: a for a in adrs}
    site = f"Synthetic Data Platform ({sizes.wids} WIDs)"
    options = f":\n      adr_strict_from: ADR-{strict_from:04d}" if strict_from else ""
    (out / "mkdocs.yml").write_text(
        MKDOCS_YML.format(site=site, seed=seed, options=options), encoding="utf-8"
    )
    for name, text in wids:
        (out / "wids" / name).write_text(text, encoding="utf-8")
    for adr in adrs:
        (out / "adrs" / adr.filename).write_text(render_adr(adr, by_number), encoding="utf-8")
    docs = build_docs(sizes.docs, site)
    for name, text in docs:
        target = out / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if fmt == "csv":
        write_csv(out / "custodians", catalogue)
    else:
        write_xlsx(out / "custodians" / "catalogue.xlsx", catalogue)
    counts = {
        "wids": len(wids),
        "adrs": len(adrs),
        "docs": len(docs),
        "domains": len(catalogue.domains),
        "custodians": len(catalogue.people),
        "systems": len(catalogue.systems),
        "datasets": len(catalogue.datasets),
        "columns": sum(len(d.columns) for d in catalogue.datasets),
        "lineage": len(catalogue.lineage),
    }
    summary = Summary(sizes, seed, fmt, generator_digest(), counts, strict_from)
    (out / MARKER).write_text(json.dumps(asdict(summary), indent=2) + "\n", encoding="utf-8")
    return replace(summary, seconds=time.perf_counter() - started)


def read_marker(out: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def sizes_from_args(args: argparse.Namespace) -> Sizes:
    base = PRESETS[args.size]
    sizes = Sizes(
        args.wids if args.wids is not None else base.wids,
        args.adrs if args.adrs is not None else base.adrs,
        args.datasets if args.datasets is not None else base.datasets,
        args.columns if args.columns is not None else base.columns,
        args.docs if args.docs is not None else base.docs,
    )
    return sizes.scaled(args.scale) if args.scale != 1 else sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Write a synthetic Paved repository that validates cleanly.",
        epilog="example: python benchmarks/generate.py /tmp/paved-large --size large",
    )
    parser.add_argument("out", type=Path, help="output folder (empty, or written by this tool)")
    parser.add_argument("--size", choices=sorted(PRESETS), default="small", help="preset sizes")
    parser.add_argument("--wids", type=int, help="number of WIDs (overrides the preset)")
    parser.add_argument("--adrs", type=int, help="number of ADRs")
    parser.add_argument("--datasets", type=int, help="number of catalogue datasets")
    parser.add_argument("--columns", type=int, help="number of catalogue columns in total")
    parser.add_argument("--docs", type=int, help="number of hand-written docs pages")
    parser.add_argument("--scale", type=int, default=1, help="multiply every count by N")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx", help="catalogue")
    parser.add_argument(
        "--adr-strict-from",
        type=int,
        default=STRICT_FROM,
        metavar="N",
        help=f"ADRs from number N on are MADR 4 in full, older formats only before "
        f"(default {STRICT_FROM}, the example's adr_strict_from; 0: older formats anywhere)",
    )
    args = parser.parse_args(argv)
    for name in ("wids", "adrs", "datasets", "columns", "docs"):
        value = getattr(args, name)
        if value is not None and value < (1 if name == "datasets" else 0):
            parser.error(f"--{name} must not be negative (datasets: at least 1)")
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    summary = generate(
        args.out,
        sizes_from_args(args),
        seed=args.seed,
        fmt=args.format,
        strict_from=args.adr_strict_from or None,
    )
    counts = ", ".join(f"{v:,} {k}" for k, v in summary.counts.items())
    print(f"wrote {args.out} in {summary.seconds:.1f} s: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
