"""Load a repository and validate it: the work behind ``paved validate`` and ``api.check``.

Kept apart from ``paved.generator.core.api`` so the command line imports only what validation
needs (not the model or the renderer). One process: the Markdown (WIDs, ADRs, docs pages,
their schema checks and the rules that read no catalogue, ``DOCUMENT_RULES``) while
calamine parses the custodian catalogue in a thread (a caller may have the Markdown read
elsewhere: ``documents``), then the sheet schemas and the rules that read the catalogue.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from paved.generator.core.diagnostics import Diagnostic, Location, sort_key
from paved.generator.core.load.repository import Documents, load_catalogue, load_documents
from paved.generator.core.load.types import LoadedRepository, Sheet

if TYPE_CHECKING:
    from paved.generator.core.validate.memo import LoadMemo


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading and validating.

    A large catalogue allocates millions of small containers (cells, row dicts) and
    none of them form reference cycles, yet every allocation burst triggers the
    collector, which then walks the whole growing heap again: about 0.4 s of the
    2.9 s CPU on the large benchmark. Reference counting still frees everything; the
    collector is switched back on (if it was on) afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def finding_order(diagnostic: Diagnostic) -> tuple[object, ...]:
    """Location order (``sort_key``), then every other field: a total order, so the
    findings come out the same whatever order the loaders and rules produced them in
    (the validation cache combines rule results from different runs)."""
    return (
        *sort_key(diagnostic),
        _location_order(diagnostic.location),
        diagnostic.message,
        diagnostic.hint,
        str(diagnostic.severity),
        diagnostic.rule,
        tuple(_location_order(location) for location in diagnostic.related),
    )


def _location_order(location: Location) -> tuple[str, str, int, int, int]:
    return (
        location.path,
        location.sheet or "",
        location.line or 0,
        location.row or 0,
        location.column or 0,
    )


def load_and_validate(
    root: Path,
    memo: LoadMemo | None = None,
    documents: Callable[[], Documents] | None = None,
) -> tuple[LoadedRepository, list[Diagnostic]]:
    """Every loader and validation finding for ``root``, sorted by location. ``memo``:
    the files unchanged since the last load of this process are not read again.
    ``documents`` (without ``memo``): gives ``load_documents(root)``, called while
    calamine parses the workbook (``paved build`` has a forked child read them)."""
    from paved.generator.core.validate import (
        CATALOGUE_RULES,
        DOCUMENT_RULES,
        document_schema_diagnostics,
        rule_diagnostics,
        sheet_schema_diagnostics,
    )

    def catalogue() -> tuple[dict[str, Sheet], list[Diagnostic], list[Diagnostic]]:
        sheets, found = load_catalogue(root, memo.workbooks if memo is not None else None)
        return sheets, found, sheet_schema_diagnostics(sheets)

    with gc_paused():
        if memo is not None:
            memo.begin(root)
            read = load_documents(root, memo.read)
            sheets, catalogue_found, sheet_found = memo.catalogue(root, catalogue)
            memo.finish()
            loaded = read.repository(root, sheets)
            found = [*read.found, *catalogue_found, *sheet_found]
            found += document_schema_diagnostics(read.wids, read.adrs)
            return loaded, sorted([*found, *memo.rules(loaded)], key=finding_order)
        # The documents are read (or, from ``paved build``'s child, received) while
        # calamine parses the workbook in a thread of its own, and every check that reads
        # no catalogue runs then too: the documents' schemas and ``DOCUMENT_RULES``, on
        # the repository whose ``sheets`` are filled in once the catalogue is read (no
        # such rule may look at them: ``validate.inputs`` refuses it).
        catalogue_sheets: dict[str, Sheet] = {}
        got: list[tuple[LoadedRepository, list[Diagnostic]]] = []

        def meanwhile() -> None:
            read = documents() if documents is not None else load_documents(root)
            loaded = read.repository(root, catalogue_sheets)
            early = [*read.found, *document_schema_diagnostics(read.wids, read.adrs)]
            got.append((loaded, [*early, *rule_diagnostics(loaded, DOCUMENT_RULES)]))

        sheets, catalogue_found = load_catalogue(root, meanwhile=meanwhile)
        catalogue_sheets.update(sheets)
        loaded, early = got[0]
        found = [*early, *catalogue_found, *sheet_schema_diagnostics(sheets)]
        rules = rule_diagnostics(loaded, CATALOGUE_RULES)
        return loaded, sorted([*found, *rules], key=finding_order)
