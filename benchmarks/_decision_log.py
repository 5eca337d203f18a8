"""The decision log both tools read in ``bench_log4brains.py``, and the check that they
read it the same way.

log4brains 1.1.0 reads no YAML front matter: its metadata is the first bullet list under
the H1 (``- Status:``, ``- Deciders:``, ``- Date:``, ``- Tags:``; MADR 2 style), a
superseded record says ``Status: superseded by [slug](file.md)``, the file is named
``YYYYMMDD-slug.md`` (what ``log4brains adr new`` writes) and the slug is the file name
without ``.md``: the record's id in both tools. Paved reads that form natively
(``generator/core/load/adr_formats.py``), so both tools are given the very same files:
the same bytes to parse, nothing converted for one side only. The decisions are the ones
``generate.py --size small --adrs N`` plans (same seed, same random sequence): titles,
statuses, dates, deciders, tags and supersede chains; only the rendering differs."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import generate
from _catalogue import build_catalogue
from _documents import Adr, adr_context, plan_adrs, render_madr4

LOG4BRAINS_YML = """project:
  name: {name}
  tz: Etc/UTC
  adrFolder: ./adrs
"""

# Material + the Paved plugin + search: no mkdocstrings API reference, no custom theme.
MKDOCS_YML = """site_name: {name}
theme:
  name: material
plugins:
  - search
  - paved
"""


def shipped_extensions(mkdocs_yml: Path) -> str:
    """The ``markdown_extensions:`` block of the portal's own mkdocs.yml (admonitions,
    tables, the Mermaid fence...): the generated pages use admonitions, which the
    minimal configuration leaves as literal ``!!! warning`` text."""
    text = mkdocs_yml.read_text(encoding="utf-8")
    start = text.find("\nmarkdown_extensions:")
    if start < 0:
        return ""
    block = [text[start + 1 :].split("\n", 1)[0]]
    for line in text[start + 1 :].split("\n")[1:]:
        if line and not line.startswith((" ", "#")):
            break
        block.append(line)
    return "\n".join(block).rstrip() + "\n"


def plan(count: int, seed: int) -> list[Adr]:
    """The decisions ``generate.py --size small --adrs count --seed seed`` would write."""
    sizes = generate.PRESETS["small"]
    rng = random.Random(seed)
    catalogue = build_catalogue(
        rng, sizes.domains, sizes.custodians, sizes.systems, sizes.datasets, sizes.columns
    )
    adrs = plan_adrs(rng, count, catalogue)
    for adr in adrs:
        # No catalogue in the benchmark repository, and log4brains has no such field.
        adr.affects_systems = []
    return adrs


def l4b_filename(adr: Adr) -> str:
    """``YYYYMMDD-slug.md``, the name ``log4brains adr new`` gives a record."""
    return f"{adr.date:%Y%m%d}-{adr.slug}.md"


def link(adr: Adr) -> str:
    """A log4brains ADR link: the slug (file name without .md) as text, the file as target."""
    name = l4b_filename(adr)
    return f"[{name.removesuffix('.md')}]({name})"


def render_log4brains(adr: Adr, by_number: dict[int, Adr]) -> str:
    """MADR 2 as log4brains' own template writes it; the body matches ``render_madr4``."""
    status = (
        f"superseded by {link(by_number[adr.superseded_by])}" if adr.superseded_by else adr.status
    )
    bullets = [
        f"- Status: {status}",
        f"- Deciders: {', '.join(adr.deciders)}",
        f"- Date: {adr.date.isoformat()}",
        f"- Tags: {', '.join(adr.tags)}",
    ]
    if adr.supersedes:
        bullets.append(f"- Supersedes: {', '.join(link(by_number[n]) for n in adr.supersedes)}")
    options = "\n".join(f"- {o}" for o in adr.options)
    drivers = "\n".join(f"- {d}" for d in adr.drivers)
    return (
        f"# {adr.title}\n\n" + "\n".join(bullets) + "\n\n"
        f"## Context and Problem Statement\n\n{adr_context(adr)}\n\n"
        f"## Decision Drivers\n\n{drivers}\n\n"
        f"## Considered Options\n\n{options}\n\n"
        f"## Decision Outcome\n\n"
        f'Chosen option: "{adr.options[0]}", because it meets both drivers with the least '
        f"operational effort for a small team.\n\n"
        f"### Positive Consequences\n\n"
        f"- Onboarding follows one documented path.\n\n"
        f"### Negative Consequences\n\n"
        f"- Existing pipelines must migrate within two quarters.\n"
    )


def write_repository(
    out: Path, adrs: list[Adr], *, extensions: str = "", form: str = "log4brains"
) -> None:
    """``adrs/``, ``mkdocs.yml``, ``mkdocs-extensions.yml`` (the same plus
    ``extensions``), ``.log4brains.yml`` and an empty ``docs/``, committed once to a
    fresh git repository (both tools read file dates from git)."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"error: {out} is not empty")
    (out / "adrs").mkdir(parents=True)
    (out / "docs").mkdir()
    name = f"Decision log ({len(adrs)} ADRs)"
    (out / "mkdocs.yml").write_text(MKDOCS_YML.format(name=name), encoding="utf-8")
    (out / "mkdocs-extensions.yml").write_text(
        MKDOCS_YML.format(name=name) + extensions, encoding="utf-8"
    )
    (out / ".log4brains.yml").write_text(LOG4BRAINS_YML.format(name=name), encoding="utf-8")
    by_number = {a.number: a for a in adrs}
    names = [l4b_filename(a) if form == "log4brains" else a.filename for a in adrs]
    if len(set(names)) != len(names):
        raise SystemExit("error: two decisions of one day with the same slug")
    for adr, name in zip(adrs, names, strict=True):
        text = render_log4brains(adr, by_number) if form == "log4brains" else render_madr4(adr)
        (out / "adrs" / name).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_AUTHOR_DATE": "2026-01-05T09:00:00Z",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_DATE": "2026-01-05T09:00:00Z",
    }
    for argv in (
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Decision log"],
    ):
        subprocess.run(argv, cwd=out, env=env, check=True)


# ------------------------------------------------------------------ same decisions?


@dataclass(frozen=True)
class Seen:
    """What one tool put in its site for one decision."""

    title: str
    status: str
    date: str
    superseded_by: str | None
    deciders: tuple[str, ...]
    tags: tuple[str, ...]


_NEXT_DATA = re.compile(r'<script id="__NEXT_DATA__"[^>]*>(.*?)</script>', re.DOTALL)


def read_paved_site(site: Path) -> dict[str, Seen]:
    """Decisions as the portal publishes them in ``api/platform.json``, by slug (the
    file name without ``.md``: Paved's id for a ``YYYYMMDD-slug.md`` record)."""
    data = json.loads((site / "api" / "platform.json").read_text(encoding="utf-8"))
    found: dict[str, Seen] = {}
    for d in data["decisions"]:
        found[Path(d["path"]).stem] = Seen(
            d["title"],
            d["status"],
            str(d["date"])[:10],
            d.get("superseded_by") or None,
            tuple(d["decision_makers"]),
            tuple(d["tags"]),
        )
    return found


def read_log4brains_site(site: Path) -> dict[str, Seen]:
    """Decisions as log4brains renders them: the props of each ``adr/<slug>/`` page."""
    found: dict[str, Seen] = {}
    for page in sorted((site / "adr").glob("*/index.html")):
        match = _NEXT_DATA.search(page.read_text(encoding="utf-8"))
        if match is None:
            continue
        adr: dict[str, Any] = json.loads(match.group(1))["props"]["pageProps"]["currentAdr"]
        superseder = adr.get("supersededBy")
        found[adr["slug"]] = Seen(
            adr["title"],
            adr["status"],
            str(adr.get("publicationDate") or "")[:10],
            superseder["slug"] if superseder else None,
            tuple(adr["deciders"]),
            tuple(adr["tags"]),
        )
    return found


def differences(paved: dict[str, Seen], log4brains: dict[str, Seen]) -> list[str]:
    """Every field on which the two sites disagree (empty: they read the same log)."""
    problems = [f"ADR {n}: only in Paved's site" for n in sorted(paved.keys() - log4brains)]
    problems += [f"ADR {n}: only in log4brains' site" for n in sorted(log4brains.keys() - paved)]
    for n in sorted(paved.keys() & log4brains.keys()):
        ours, theirs = paved[n], log4brains[n]
        for name in Seen.__dataclass_fields__:
            if getattr(ours, name) != getattr(theirs, name):
                problems.append(
                    f"ADR {n} {name}: Paved {getattr(ours, name)!r}, "
                    f"log4brains {getattr(theirs, name)!r}"
                )
    return problems
