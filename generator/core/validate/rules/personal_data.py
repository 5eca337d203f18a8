"""Personal data is handled on purpose: a legal basis and a retention period when a
product holds it, and never in a dataset classified public."""

from __future__ import annotations

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.inputs import CATALOGUE, WID, declares

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({WID})


def check(ctx: Context) -> list[Diagnostic]:
    """A WID that holds personal data says on what basis and for how long."""
    return _wids(ctx)


@declares(CATALOGUE)
def public_datasets(ctx: Context) -> list[Diagnostic]:
    """No dataset classified public has personal-data columns."""
    return _public_datasets(ctx)


def _wids(ctx: Context) -> list[Diagnostic]:
    out = []
    for doc in ctx.loaded.wids:
        personal = doc.front_matter.get("personal_data")
        if not isinstance(personal, dict) or personal.get("present") is not True:
            continue
        where = doc.locate(("personal_data", "present"))
        if not personal.get("legal_basis"):
            out.append(
                diagnostic(
                    "WID110", where, "personal_data.present is true but legal_basis is missing"
                )
            )
        if not personal.get("retention"):
            out.append(
                diagnostic(
                    "WID111", where, "personal_data.present is true but retention is missing"
                )
            )
    return out


def _public_datasets(ctx: Context) -> list[Diagnostic]:
    datasets = ctx.sheet("datasets")
    columns = ctx.sheet("columns")
    if datasets is None or columns is None:
        return []
    public = {
        row.values["id"]: row
        for row in datasets.rows
        if row.values.get("classification") == "public" and isinstance(row.values.get("id"), str)
    }
    if not public:
        return []
    personal: dict[str, list[str]] = {}
    for row in columns.rows:
        values = row.values
        dataset = values.get("dataset")
        if values.get("personal_data") is True and isinstance(dataset, str) and dataset in public:
            personal.setdefault(dataset, []).append(str(values.get("name")))
    out = []
    for dataset, names in personal.items():
        row = public[dataset]
        out.append(
            diagnostic(
                "CAT305",
                datasets.locate(row.row, "classification"),
                f"datasets: {dataset} is classified public but has personal-data "
                f"column{'s' if len(names) > 1 else ''} {', '.join(names)}",
            )
        )
    return out
