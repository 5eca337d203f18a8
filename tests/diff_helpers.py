"""Real git repositories for the ``paved diff`` tests: a small platform written as files
(WIDs, ADRs, a CSV catalogue), committed as the base, changed, committed as the head."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from paved.generator.core.diff.changes import Change, DiffResult
from paved.generator.core.diff.run import diff_repository

GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Ada Berg",
    "GIT_AUTHOR_EMAIL": "ada.berg@example.com",
    "GIT_COMMITTER_NAME": "Ada Berg",
    "GIT_COMMITTER_EMAIL": "ada.berg@example.com",
}

SHEETS: dict[str, list[str]] = {
    "domains": ["id", "name", "description", "lead"],
    "custodians": ["id", "name", "email", "slack", "github", "role", "domains", "expertise"],
    "systems": ["id", "name", "domain", "owner", "kind", "description"],
    "datasets": ["id", "system", "domain", "custodian", "description", "classification", "refresh"],
    "columns": ["dataset", "name", "type", "description", "personal_data"],
    "lineage": ["upstream", "downstream", "stage", "description"],
}


def base_catalogue() -> dict[str, list[dict[str, str]]]:
    """pos.sales_lines → lake.cur_sales → lake.prd_daily; pos.stores apart."""
    return {
        "domains": [{"id": "sales", "name": "Sales", "description": "Sales.", "lead": "ada-berg"}],
        "custodians": [
            {
                "id": "ada-berg",
                "name": "Ada Berg",
                "email": "ada.berg@example.com",
                "slack": "@ada.berg",
                "github": "@ada-berg",
                "role": "Sales data lead",
                "domains": "sales",
                "expertise": "tills",
            },
            {
                "id": "ola-dahl",
                "name": "Ola Dahl",
                "email": "ola.dahl@example.com",
                "slack": "@ola.dahl",
                "github": "@ola-dahl",
                "role": "Data Protection Officer",
                "domains": "sales",
                "expertise": "GDPR",
            },
            {
                "id": "kim-lund",
                "name": "Kim Lund",
                "email": "kim.lund@example.com",
                "slack": "@kim.lund",
                "github": "",
                "role": "Lakehouse engineer",
                "domains": "sales",
                "expertise": "lakehouse",
            },
        ],
        "systems": [
            {
                "id": "pos",
                "name": "Tills",
                "domain": "sales",
                "owner": "ada-berg",
                "kind": "pos",
                "description": "Store tills.",
            },
            {
                "id": "lake",
                "name": "Lakehouse",
                "domain": "sales",
                "owner": "kim-lund",
                "kind": "lakehouse",
                "description": "The lakehouse.",
            },
        ],
        "datasets": [
            _ds("pos.sales_lines", "pos", "ada-berg", "One row per receipt line.", "confidential"),
            _ds("pos.stores", "pos", "ada-berg", "One row per store.", "internal"),
            _ds(
                "lake.cur_sales",
                "lake",
                "kim-lund",
                "Sales lines of every channel.",
                "confidential",
            ),
            _ds("lake.prd_daily", "lake", "kim-lund", "Revenue per store and day.", "internal"),
        ],
        "columns": [
            _col("pos.sales_lines", "receipt_id", "string", "Receipt number."),
            _col("pos.sales_lines", "amount", "decimal", "Line amount in NOK."),
            _col(
                "pos.sales_lines",
                "customer_email",
                "string",
                "E-mail of the loyalty member.",
                "yes",
            ),
            _col("pos.stores", "store_id", "integer", "Store number."),
            _col("pos.stores", "store_name", "string", "Store name."),
            _col("lake.cur_sales", "receipt_id", "string", "Receipt number."),
            _col("lake.cur_sales", "amount", "decimal", "Line amount in NOK."),
            _col("lake.cur_sales", "channel", "string", "Store, web or dealer."),
            _col("lake.prd_daily", "day", "date", "Business day."),
            _col("lake.prd_daily", "revenue", "decimal", "Revenue in NOK."),
        ],
        "lineage": [
            {
                "upstream": "pos.sales_lines",
                "downstream": "lake.cur_sales",
                "stage": "refine",
                "description": "All channels.",
            },
            {
                "upstream": "lake.cur_sales",
                "downstream": "lake.prd_daily",
                "stage": "serve",
                "description": "Daily sums.",
            },
        ],
    }


def _ds(
    did: str, system: str, custodian: str, description: str, classification: str
) -> dict[str, str]:
    return {
        "id": did,
        "system": system,
        "domain": "sales",
        "custodian": custodian,
        "description": description,
        "classification": classification,
        "refresh": "daily",
    }


def _col(dataset: str, name: str, type_: str, description: str, pd: str = "no") -> dict[str, str]:
    return {
        "dataset": dataset,
        "name": name,
        "type": type_,
        "description": description,
        "personal_data": pd,
    }


def wid(
    number: int,
    *,
    status: str = "approved",
    datasets: tuple[str, ...] = (),
    owner: tuple[str, str, str] = ("Eva Holm", "eva.holm@example.com", "@eva.holm"),
    custodian: str = "ada-berg",
    classification: str = "internal",
    personal: bool = False,
    body_extra: str = "",
    github: str = "",
    related: tuple[str, ...] = (),
) -> str:
    name, email, slack = owner
    gh = f'\n  github: "{github}"' if github else ""
    personal_block = (
        "personal_data:\n  present: true\n  categories: [contact]\n  legal_basis: contract\n"
        "  retention: 2 years\n"
        if personal
        else "personal_data:\n  present: false\n"
    )
    return f"""---
id: WID-{number:04d}
title: Product {number}
status: {status}
domain: sales
business_owner:
  name: {name}
  email: {email}
  slack: "{slack}"{gh}
technical_contact:
  name: Kim Lund
  email: kim.lund@example.com
  slack: "@kim.lund"
custodian: {custodian}
value_proposition: Managers see sales.
lifecycle_stage: production
surfaced_as: [table]
upstream:
  systems: [pos]
  datasets: [{", ".join(datasets)}]
classification: {classification}
related_adrs: [{", ".join(related)}]
{personal_block}---

# Product {number}

## Value proposition

Managers plan from yesterday's numbers.
{body_extra}
## Architecture

Tills land hourly.

## Integration points

Hourly batch.

## How the data is surfaced

A table.
"""


OUTCOME = "Chosen option: nightly batch, because the tills export once a night."


def adr(
    number: int,
    *,
    status: str = "accepted",
    outcome: str = OUTCOME,
    context: str = "Till data must reach the platform every day.",
    superseded_by: str = "",
    supersedes: str = "",
) -> str:
    extra = f"superseded-by: {superseded_by}\n" if superseded_by else ""
    extra += f"supersedes: [{supersedes}]\n" if supersedes else ""
    return f"""---
status: {status}
{extra}date: 2025-03-01
decision-makers: [Ada Berg]
---

# Decision {number}

## Context and Problem Statement

{context}

## Decision Outcome

{outcome}

### Consequences

* Good, because it is simple.
"""


def to_csv(rows: list[dict[str, str]], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in header})
    return out.getvalue()


@dataclass
class Platform:
    """Files of a small platform; ``write`` puts them in a repository."""

    catalogue: dict[str, list[dict[str, str]]] | None = field(default_factory=base_catalogue)
    wids: dict[str, str] = field(default_factory=dict)
    adrs: dict[str, str] = field(default_factory=dict)

    def copy(self) -> Platform:
        return deepcopy(self)

    def files(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.catalogue is not None:
            for name, header in SHEETS.items():
                out[f"custodians/{name}.csv"] = to_csv(self.catalogue[name], header)
        out.update({f"wids/{k}": v for k, v in self.wids.items()})
        out.update({f"adrs/{k}": v for k, v in self.adrs.items()})
        return out

    def rows(self, sheet: str) -> list[dict[str, str]]:
        assert self.catalogue is not None
        return self.catalogue[sheet]

    def row(self, sheet: str, **match: str) -> dict[str, str]:
        return next(r for r in self.rows(sheet) if all(r.get(k) == v for k, v in match.items()))


def default_platform() -> Platform:
    return Platform(
        wids={
            "WID-0001-daily.md": wid(1, datasets=("lake.prd_daily",)),
            "WID-0002-lines.md": wid(
                2,
                datasets=("pos.sales_lines",),
                owner=("Per Moe", "per.moe@example.com", "@per.moe"),
            ),
        },
        adrs={"0001-nightly.md": adr(1)},
    )


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True
    )
    return done.stdout.decode()


class Repo:
    """A real git repository in ``root`` on branch ``main``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        git(root, "init", "-q", "-b", "main")

    def write(self, platform: Platform) -> None:
        for folder in ("wids", "adrs", "custodians"):
            target = self.root / folder
            if target.is_dir():
                for file in target.iterdir():
                    file.unlink()
        for rel, text in platform.files().items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def commit(self, platform: Platform, message: str = "change") -> str:
        self.write(platform)
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "--allow-empty", "-m", message)
        return git(self.root, "rev-parse", "HEAD").strip()

    def branch(self, name: str = "change") -> None:
        git(self.root, "checkout", "-q", "-b", name)


def diff_of(
    tmp_path: Path, before: Platform, after: Platform, message: str = "change"
) -> DiffResult:
    """Commit ``before`` on main, ``after`` on a branch, and compare with main."""
    repo = Repo(tmp_path / "repo")
    repo.commit(before, "base")
    repo.branch()
    repo.commit(after, message)
    return diff_repository(repo.root, "main")


def kinds(result: DiffResult) -> list[tuple[str, str, str]]:
    return sorted((c.kind, c.level.value, c.subject) for c in result.changes)


def only(result: DiffResult, kind: str) -> Change:
    found = [c for c in result.changes if c.kind == kind]
    assert len(found) == 1, [(c.kind, c.subject) for c in result.changes]
    return found[0]
