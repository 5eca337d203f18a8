"""A repository folder → ``LoadedRepository`` plus the loaders' diagnostics.

Walks ``wids/*.md``, ``adrs/*.md``, ``docs/**/*.md`` and ``custodians/*.xlsx`` /
``custodians/*.csv`` in sorted order, so results and reports are the same on
every machine. Missing folders are fine: a repository may start with only WIDs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.adr_formats import load_adr
from paved.generator.core.load.markdown import load_markdown
from paved.generator.core.load.sheets import CATALOGUE_SHEETS, load_csv
from paved.generator.core.load.types import LoadedRepository, MarkdownDoc, Sheet
from paved.generator.core.load.workbook import load_workbook

#: Spreadsheet files someone may save the catalogue as, which are not read: reported
#: so the catalogue does not silently disappear.
OTHER_SPREADSHEETS = frozenset({".xls", ".xlsm", ".xlsb", ".ods", ".numbers"})

#: Files in wids/ and adrs/ that describe the folder rather than being a record.
NOT_RECORDS = frozenset({"readme.md", "index.md", "template.md"})


def load_repository(root: Path) -> tuple[LoadedRepository, list[Diagnostic]]:
    """Read every document under ``root``. Never raises on bad content."""
    documents = load_documents(root)
    sheets, more = load_catalogue(root)
    return documents.repository(root, sheets), [*documents.found, *more]


@dataclass(frozen=True, slots=True)
class Documents:
    """The Markdown half of a repository: read apart from the catalogue (the two
    share no file), so they can be read at the same time in two processes."""

    wids: tuple[MarkdownDoc, ...]
    adrs: tuple[MarkdownDoc, ...]
    docs: tuple[MarkdownDoc, ...]
    found: list[Diagnostic]

    def repository(self, root: Path, sheets: dict[str, Sheet]) -> LoadedRepository:
        return LoadedRepository(
            root=str(root), wids=self.wids, adrs=self.adrs, docs=self.docs, sheets=sheets
        )


def load_documents(root: Path) -> Documents:
    """``wids/*.md``, ``adrs/*.md`` and ``docs/**/*.md``. Never raises on bad content."""
    found: list[Diagnostic] = []
    wids = _records(root, "wids", found, adr=False)
    adrs = _records(root, "adrs", found, adr=True)
    docs: list[MarkdownDoc] = []
    for file in _files(root / "docs", "**/*.md"):
        doc, more = load_markdown(file, _rel(root, file), require_front_matter=False)
        found.extend(more)
        if doc is not None:
            docs.append(doc)
    return Documents(tuple(wids), tuple(adrs), tuple(docs), found)


def load_catalogue(root: Path) -> tuple[dict[str, Sheet], list[Diagnostic]]:
    """The custodian catalogue under ``custodians/``. Never raises on bad content."""
    found: list[Diagnostic] = []
    sheets = _catalogue(root, found)
    return sheets, found


def _records(root: Path, folder: str, found: list[Diagnostic], *, adr: bool) -> list[MarkdownDoc]:
    docs: list[MarkdownDoc] = []
    for file in _files(root / folder, "*.md"):
        if file.name.lower() in NOT_RECORDS:
            continue
        rel = _rel(root, file)
        if adr:
            doc, more = load_adr(file, rel)
        else:
            doc, more = load_markdown(file, rel, require_front_matter=True)
        found.extend(more)
        if doc is not None:
            docs.append(doc)
    return docs


def _catalogue(root: Path, found: list[Diagnostic]) -> dict[str, Sheet]:
    """Sheets from every workbook and CSV file; each catalogue sheet must come from
    exactly one place, and all six must be there once any catalogue file exists."""
    folder = root / "custodians"
    sheets: dict[str, Sheet] = {}
    seen_names: list[str] = []
    sources: list[str] = []
    broken = False
    for file in _files(folder, "*.xlsx"):
        if file.name.startswith("~$"):
            continue  # Excel's lock file while the workbook is open
        rel = _rel(root, file)
        sources.append(rel)
        book_sheets, names, more = load_workbook(file, rel)
        found.extend(more)
        if not names and more:
            broken = True  # refused or damaged: its sheets are not 'missing'
        seen_names.extend(names)
        for sheet in book_sheets.values():
            _add(sheets, sheet, found)
    for file in _files(folder, "*.csv"):
        rel = _rel(root, file)
        name = file.stem
        if name not in CATALOGUE_SHEETS:
            if name.strip().lower() in CATALOGUE_SHEETS:
                seen_names.append(name)  # so SHEET004 can suggest the right name
            continue
        sources.append(rel)
        seen_names.append(name)
        table, more = load_csv(file, rel, name)
        found.extend(more)
        if table is not None:
            _add(sheets, table, found)
    for file in _files(folder, "*"):
        if file.suffix.lower() in OTHER_SPREADSHEETS and not file.name.startswith("~$"):
            found.append(
                diagnostic(
                    "SHEET001",
                    Location(_rel(root, file)),
                    f"{file.name} is a {file.suffix} spreadsheet, which Paved does not read; "
                    "the catalogue must be an .xlsx workbook or CSV files",
                )
            )
            broken = True
    if sources and not broken:
        _missing(sheets, seen_names, sources, found)
    return sheets


def _add(sheets: dict[str, Sheet], sheet: Sheet, found: list[Diagnostic]) -> None:
    first = sheets.get(sheet.name)
    if first is None:
        sheets[sheet.name] = sheet
        return
    found.append(
        diagnostic(
            "SHEET011",
            Location(sheet.path, sheet=sheet.name),
            f"the {sheet.name} sheet is defined in both {first.path} and {sheet.path}; "
            f"only {first.path} is read",
            related=(Location(first.path, sheet=first.name),),
        )
    )


def _missing(
    sheets: dict[str, Sheet],
    seen: list[str],
    sources: list[str],
    found: list[Diagnostic],
) -> None:
    listed = ", ".join(repr(n) for n in seen) or "none"
    books = [source for source in sources if source.endswith(".xlsx")]
    for name in CATALOGUE_SHEETS:
        if name in sheets or name in seen:
            continue  # present; if it could not be read, that is already reported
        near = [n for n in seen if n.strip().lower() == name]
        advice = f"; rename {near[0]!r} to {name!r}" if near else ""
        found.append(
            diagnostic(
                "SHEET004",
                # Where the sheet belongs: the workbook, or the CSV file to create.
                Location(books[0] if books else f"custodians/{name}.csv", sheet=name),
                f"the catalogue has no {name!r} sheet (sheets found: {listed}){advice}",
            )
        )


def _files(folder: Path, pattern: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(pattern) if p.is_file())


def _rel(root: Path, file: Path) -> str:
    return file.relative_to(root).as_posix()
