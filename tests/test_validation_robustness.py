"""Bad content never raises: random front matter and cell values of every JSON type
go through validation and the model builder and come out as diagnostics."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from test_validation_fixtures import mini

from paved.generator.core.build_model import build_platform
from paved.generator.core.load.types import MarkdownDoc, Sheet, SheetRow
from paved.generator.core.validate import validate

ATOMS: list[Any] = [None, True, 0, -1, 2.5, "", "x", "WID-0001", "ADR-0001", "pos.stores", "@a"]


def junk(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 2 and roll < 0.2:
        return [junk(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 2 and roll < 0.35:
        return {rng.choice(["name", "email", "present", "wids", "x", 1]): junk(rng, depth + 1)}
    return rng.choice(ATOMS)


def test_random_documents_and_cells_never_raise() -> None:
    rng = random.Random(11)
    base = mini()
    wid_keys = list(base.wids[0].front_matter)
    adr_keys = ["status", "date", "supersedes", "superseded-by", "affects", "id", "tags"]
    for _ in range(150):
        wid = dataclasses.replace(
            base.wids[0], front_matter={k: junk(rng) for k in rng.sample(wid_keys, 6)}
        )
        adr: MarkdownDoc = dataclasses.replace(
            base.adrs[0],
            front_matter={k: junk(rng) for k in rng.sample(adr_keys, 4)},
            format=rng.choice(["madr4", "madr2", "nygard"]),
        )
        sheets: dict[str, Sheet] = {}
        for name, table in base.sheets.items():
            rows = tuple(
                SheetRow(
                    r.row, {k: junk(rng) if rng.random() < 0.3 else v for k, v in r.values.items()}
                )
                for r in table.rows
            )
            sheets[name] = dataclasses.replace(table, rows=rows)
        loaded = dataclasses.replace(base, wids=(wid,), adrs=(adr, *base.adrs[1:]), sheets=sheets)
        found = validate(loaded)
        assert found
        assert all(d.message for d in found)
        build_platform(loaded)
