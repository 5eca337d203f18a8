"""The two sides of a comparison: each side's model plus where each thing is written,
so a change can point at a file and line (or sheet and row) for annotations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from paved.generator.core.diagnostics import Location
from paved.generator.core.diff.people import Handles
from paved.generator.core.load.types import JsonPath, LoadedRepository, MarkdownDoc
from paved.generator.core.model import Platform

Locator = Callable[[JsonPath], Location | None]


def _nowhere(_: JsonPath) -> Location | None:
    return None


@dataclass
class Side:
    """One side (base or head) of the comparison. ``label`` is ``base`` or ``head``."""

    label: str
    platform: Platform
    loaded: LoadedRepository

    @cached_property
    def _by_path(self) -> dict[str, MarkdownDoc]:
        return {doc.path: doc for doc in (*self.loaded.wids, *self.loaded.adrs)}

    def _locator(self, path: str | None) -> Locator:
        doc = self._by_path.get(path) if path else None
        if doc is None:
            return _nowhere
        return doc.locate

    def wid_location(self, product_id: str) -> Locator:
        product = self.platform.products.get(product_id)
        return self._locator(product.path if product else None)

    def adr_location(self, decision_id: str) -> Locator:
        decision = self.platform.decisions.get(decision_id)
        return self._locator(decision.path if decision else None)

    @cached_property
    def _dataset_rows(self) -> dict[str, int]:
        sheet = self.loaded.sheets.get("datasets")
        if sheet is None:
            return {}
        return {str(r.values.get("id")): r.row for r in sheet.rows if "id" in r.values}

    @cached_property
    def _column_rows(self) -> dict[tuple[str, str], int]:
        sheet = self.loaded.sheets.get("columns")
        if sheet is None:
            return {}
        return {
            (str(r.values.get("dataset")), str(r.values.get("name"))): r.row
            for r in sheet.rows
            if "dataset" in r.values and "name" in r.values
        }

    @cached_property
    def _edge_rows(self) -> dict[tuple[str, str], int]:
        sheet = self.loaded.sheets.get("lineage")
        if sheet is None:
            return {}
        return {
            (str(r.values.get("upstream")), str(r.values.get("downstream"))): r.row
            for r in sheet.rows
        }

    def _sheet_location(
        self, name: str, row: int | None, field_name: str | None
    ) -> Location | None:
        sheet = self.loaded.sheets.get(name)
        if sheet is None or row is None:
            return None
        return sheet.locate(row, field_name)

    def dataset_location(self, dataset_id: str, field_name: str | None = None) -> Location | None:
        return self._sheet_location("datasets", self._dataset_rows.get(dataset_id), field_name)

    def column_location(
        self, dataset_id: str, column: str, field_name: str | None = None
    ) -> Location | None:
        row = self._column_rows.get((dataset_id, column))
        return self._sheet_location("columns", row, field_name)

    def edge_location(self, upstream: str, downstream: str) -> Location | None:
        return self._sheet_location("lineage", self._edge_rows.get((upstream, downstream)), None)


@dataclass
class Sides:
    base: Side
    head: Side
    handles: Handles
