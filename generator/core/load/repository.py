"""A repository folder → ``LoadedRepository`` plus the loaders' diagnostics.

Walks ``wids/*.md``, ``adrs/**`` (``.md``, ``.markdown``, ``.mdx``, in subfolders too:
logs kept per status or per team), ``docs/**/*.md`` and ``custodians/*.xlsx`` /
``custodians/*.csv`` in sorted order, so results and reports are the same on
every machine. Missing folders are fine: a repository may start with only WIDs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Protocol

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location, Severity
from paved.generator.core.load.adr_formats import load_adr, parse_adr
from paved.generator.core.load.adr_ids import FOLDER_PAGES, is_record_file, is_template, record_stem
from paved.generator.core.load.adr_index import (
    Listed,
    is_index_page,
    listed_records,
    with_listed_statuses,
)
from paved.generator.core.load.adr_sections import entry_headings, split_log
from paved.generator.core.load.adr_yaml import is_yaml_file, load_yaml_record
from paved.generator.core.load.markdown import load_markdown
from paved.generator.core.load.text import UNSAFE_CHARACTER
from paved.generator.core.load.types import LoadedRepository, MarkdownDoc, Sheet

if TYPE_CHECKING:
    from paved.generator.core.load.workbook import Meanwhile
    from paved.generator.core.load.workbook_memo import WorkbookMemo

#: Spreadsheet files someone may save the catalogue as, which are not read: reported
#: so the catalogue does not silently disappear.
OTHER_SPREADSHEETS = frozenset({".xls", ".xlsm", ".xlsb", ".ods", ".numbers"})

#: Files in wids/ and adrs/ that describe the folder rather than being a record
#: (``_index.md``: the section page of Hugo and Zola).
NOT_RECORDS = frozenset({"readme.md", "index.md", "_index.md", "template.md"})
#: The same names whatever the suffix (``README.mdx``, ``index.markdown``).
NOT_RECORD_STEMS = frozenset({"readme", "index", "_index", "template"})
#: What a log's own landing page is called (``adr.md`` in a Retype or Jekyll site).
LOG_PAGE_STEMS = frozenset(
    {"adr", "adrs", "decisions", "decision-log", "adr-log", "architecture-decisions"}
    # tables of contents and navigation other site generators keep next to the pages
    # (GitBook's SUMMARY.md, docsify's _sidebar.md), and the log's own index or changelog
    | {"toc", "_toc", "table-of-contents", "contents", "summary", "_sidebar", "_navbar"}
    | {"_coverpage", "adr-index", "decision-index", "decisions-index", "changelog", "log"}
)

#: Reads one Markdown file: ``(kind, file, rel)`` → the document (or None) and the
#: loader's findings. ``kind`` is ``"wid"``, ``"adr"`` or ``"doc"``. The validation
#: cache passes its own, which answers unchanged files from ``.paved/``.
Reader = Callable[[str, Path, str], tuple[MarkdownDoc | None, list[Diagnostic]]]


class KeptFolders(Protocol):
    """What a caller kept of each folder's documents (``validate.incremental``): ``get``
    answers the documents and the loaders' findings of the files of ``kind`` (``"wid"``,
    ``"adr"``, ``"doc"``) when none of ``files`` changed since they were ``put``, else
    None; it is asked before any of them is read."""

    def get(
        self, kind: str, files: list[Path]
    ) -> tuple[list[MarkdownDoc], list[Diagnostic]] | None: ...

    def put(self, kind: str, docs: list[MarkdownDoc], found: list[Diagnostic]) -> None:
        """What the loaders made of the folder of ``kind`` last asked for."""


def read_markdown(kind: str, file: Path, rel: str) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
    """The loader for one file of ``kind``: the default ``Reader``."""
    if kind == "adr":
        return load_yaml_record(file, rel) if is_yaml_file(file.name) else load_adr(file, rel)
    return load_markdown(file, rel, require_front_matter=kind == "wid")


def load_repository(root: Path) -> tuple[LoadedRepository, list[Diagnostic]]:
    """Read every document under ``root``. Never raises on bad content. Symbolic links
    that lead out of the repository are reported and never read (see ``Listing``)."""
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


def load_documents(
    root: Path, read: Reader = read_markdown, kept: KeptFolders | None = None
) -> Documents:
    """``wids/*.md``, ``adrs/*.md`` and ``docs/**/*.md``, each file through ``read``.
    Never raises on bad content. ``kept``: a folder none of whose files changed is taken
    from it whole (for ``adrs/``, that skips splitting logs and reading index pages)."""
    found: list[Diagnostic] = []
    listing = Listing(root, found)
    wids = _records(listing, "wids", found, read, kind="wid", kept=kept)
    adrs = _records(listing, "adrs", found, read, kind="adr", kept=kept)
    found.extend(_unread_records(listing))
    files = listing.files("docs", ".md", recursive=True)
    hit = kept.get("doc", files) if kept is not None else None
    if hit is not None:
        docs, more = hit
        found.extend(more)
        return Documents(tuple(wids), tuple(adrs), tuple(docs), found)
    start = len(found)
    docs = []
    for file in files:
        doc, more = read("doc", file, _rel(root, file))
        found.extend(more)
        if doc is not None:
            docs.append(doc)
    if kept is not None:
        kept.put("doc", docs, found[start:])
    return Documents(tuple(wids), tuple(adrs), tuple(docs), found)


def load_catalogue(
    root: Path,
    workbooks: WorkbookMemo | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[dict[str, Sheet], list[Diagnostic]]:
    """The custodian catalogue under ``custodians/``. Never raises on bad content.
    ``workbooks`` (``paved serve``): sheets unchanged since the last load are kept.
    ``meanwhile``: work run once by this thread, while calamine parses the workbook in
    another (``workbook.Meanwhile``) when there is one to parse, else after the
    catalogue is read; the caller keeps its result (it shares no file with the
    catalogue: the Markdown documents)."""
    found: list[Diagnostic] = []
    beside = None
    if meanwhile is not None:
        from paved.generator.core.load.workbook import Meanwhile

        beside = Meanwhile(meanwhile)
    sheets = _catalogue(Listing(root, found), found, workbooks, beside)
    if beside is not None:
        beside.run()  # no workbook was handed to calamine: done here (else a no-op)
    return sheets, found


def _records(
    listing: Listing,
    folder: str,
    found: list[Diagnostic],
    read: Reader,
    *,
    kind: str,
    kept: KeptFolders | None = None,
) -> list[MarkdownDoc]:
    files = _record_files(listing, folder)  # the listing's own findings: every time
    hit = kept.get(kind, files) if kept is not None else None
    if hit is not None:
        found.extend(hit[1])
        return hit[0]
    mine: list[Diagnostic] = []
    docs = _read_records(listing, folder, files, mine, read, kind=kind)
    found.extend(mine)
    if kept is not None:
        kept.put(kind, docs, mine)
    return docs


def _read_records(
    listing: Listing,
    folder: str,
    files: list[Path],
    found: list[Diagnostic],
    read: Reader,
    *,
    kind: str,
) -> list[MarkdownDoc]:
    root = listing.root
    docs: list[MarkdownDoc] = []
    pages = folder_pages(files, root / "adrs") if folder == "adrs" else set()
    indexes: dict[str, dict[str, Listed]] = {}
    for file in files:
        if folder == "adrs" and is_yaml_file(file.name):
            # Through ``read`` like any record, so a caller that keeps what it read
            # (``validate.incremental``) sees an edit of a YAML record too.
            yaml_doc, more = read(kind, file, _rel(root, file))
            found.extend(more)
            docs.extend([yaml_doc] if yaml_doc is not None else [])
            continue
        record = file in pages or not (
            file.name.lower() in NOT_RECORDS or (folder == "adrs" and not is_adr_record(file))
        )
        if folder == "adrs" and not is_template(file.name):
            records, more, index = _log_records(file, _rel(root, file), read, whole=record)
            found.extend(more)
            docs.extend(records)
            if index:
                indexes.setdefault(str(PurePosixPath(_rel(root, file)).parent), {}).update(index)
            continue
        if not record:
            continue
        doc, more = read(kind, file, _rel(root, file))
        found.extend(more)
        if doc is not None:
            docs.append(doc)
    if indexes:
        docs, changed = with_listed_statuses(docs, indexes)
        # "no status or date found" no longer holds for a record its index gives one
        found[:] = [d for d in found if not (d.code == "ADR001" and d.location.path in changed)]
    return docs


def _log_records(
    file: Path, rel: str, read: Reader, *, whole: bool
) -> tuple[list[MarkdownDoc], list[Diagnostic], dict[str, Listed]]:
    """The records of one file under ``adrs/``: its ``## ADR-n`` sections when it keeps
    a log of several decisions (a landing page or README may: ``docs/adr.md``), else the
    file itself when it is a record (``whole``), else none; and, for a README or index
    page, the statuses its tables list for the records (``adr_index``)."""
    doc, found = read("adr", file, rel)
    if doc is None:
        return [], found if whole else [], {}
    parts = split_log(doc, parse_adr)
    if not parts and whole and is_index_page(doc):
        whole = False  # "adr-overview.md": a list of links to the records, not one
    if not parts and not whole and not is_index_page(doc):
        return [], _unsplit(doc), listed_records(doc)
    if not parts:
        return ([doc], found, {}) if whole else ([], [], listed_records(doc))
    kept = [d for d in found if not d.code.startswith("ADR")]  # about the file as one record
    return [record for record, _ in parts], kept + [d for _, more in parts for d in more], {}


def _unsplit(doc: MarkdownDoc) -> list[Diagnostic]:
    """A warning for a log page that keeps several decisions under headings Paved cannot
    read one by one ("### 2026-01-01 — Use X", "## 3. Use Y" with no status lines)."""
    count = entry_headings(doc)
    if count < 2:  # one such heading is a section of a page, not a log
        return []
    return [
        diagnostic(
            "ADR220",
            Location(doc.path, line=doc.title_line or 1, column=1),
            f"{doc.path} keeps {count} decisions under headings Paved cannot read one by one, "
            "so they are not in the portal",
            hint="Head each one '## ADR-<n>: <title>' with a 'Status:' line under it (Paved then "
            "reads each section as a record), or keep one decision per file "
            "(adrs/0001-<slug>.md).",
        )
    ]


def folder_pages(files: list[Path], top: Path) -> set[Path]:
    """A folder-per-decision log (``adrs/0007-use-x/index.md``): the page of each
    subfolder of ``top`` that holds no other record, ``index`` before ``README``. A
    subfolder with records of its own keeps its README as the folder's introduction."""
    by_folder: dict[Path, list[Path]] = {}
    for file in files:
        if is_record_file(file.name) and file.parent != top:
            by_folder.setdefault(file.parent, []).append(file)
    out: set[Path] = set()
    for files in by_folder.values():
        stems = {record_stem(f.name).lower(): f for f in files}
        others = [s for s in stems if s not in FOLDER_PAGES]
        page = stems.get("index") or stems.get("readme")
        if page is not None and not others:
            out.add(page)
    return out


#: Text formats decision logs are also kept in, which Paved does not read.
_OTHER_MARKUP = {".adoc": "AsciiDoc", ".asciidoc": "AsciiDoc", ".rst": "reStructuredText"}


def _unread_records(listing: Listing) -> list[Diagnostic]:
    """A warning for each record under ``adrs/`` written in a markup Paved does not read
    (an AsciiDoc log dropped in): left out of the portal, never silently."""
    out: list[Diagnostic] = []
    for file in listing.files("adrs", "", recursive=True):
        markup = _OTHER_MARKUP.get(file.suffix.lower())
        parts = file.relative_to(listing.root).parts
        if markup is None or any(part.startswith(".") for part in parts[:-1]):
            continue
        stem = file.stem.lower()
        if stem in NOT_RECORD_STEMS or stem in LOG_PAGE_STEMS or is_template(file.name):
            continue
        out.append(
            diagnostic(
                "ADR217",
                Location(_rel(listing.root, file), line=1, column=1),
                f"{markup} record: not read (Paved reads Markdown: .md, .markdown, .mdx), "
                "so it is not in the portal",
            )
        )
    return out


def _record_files(listing: Listing, folder: str) -> list[Path]:
    """``wids/*.md``; for ``adrs/`` every record file in the folder and its subfolders
    (never a hidden one), sorted by path."""
    if folder != "adrs":
        return listing.files(folder, ".md")
    return [
        file
        for file in listing.files(folder, "", recursive=True)
        if (is_record_file(file.name) or is_yaml_file(file.name))
        and not any(part.startswith(".") for part in _rel(listing.root, file).split("/")[:-1])
    ]


def is_adr_record(file: Path) -> bool:
    """A file under ``adrs/`` that is a decision: not a README, index or template, nor
    the log's landing page a site generator names after the log or its folder
    (Retype's ``adr.md`` next to ``adr-001.md``, ``english/english.md``)."""
    stem = record_stem(file.name).lower()
    return (
        stem not in NOT_RECORD_STEMS
        and stem not in LOG_PAGE_STEMS
        and stem != file.parent.name.lower()
        and not is_template(file.name)
    )


def _catalogue(
    listing: Listing,
    found: list[Diagnostic],
    workbooks: WorkbookMemo | None = None,
    meanwhile: Meanwhile | None = None,
) -> dict[str, Sheet]:
    """Sheets from every workbook and CSV file; each catalogue sheet must come from
    exactly one place, and all six must be there once any catalogue file exists."""
    # Imported here: a warm ``paved validate`` whose catalogue is unchanged never reads
    # it, and the spreadsheet readers are a tenth of its start-up.
    from paved.generator.core.load.sheets import CATALOGUE_SHEETS, load_csv
    from paved.generator.core.load.workbook import load_workbook

    root = listing.root
    sheets: dict[str, Sheet] = {}
    seen_names: list[str] = []
    sources: list[str] = []
    broken = False
    for file in listing.files("custodians", ".xlsx"):
        if not is_catalogue_file(file):
            continue  # Excel's lock file while the workbook is open
        rel = _rel(root, file)
        sources.append(rel)
        book_sheets, names, more = load_workbook(file, rel, memo=workbooks, meanwhile=meanwhile)
        found.extend(more)
        if not names and more:
            broken = True  # refused or damaged: its sheets are not 'missing'
        seen_names.extend(names)
        for sheet in book_sheets.values():
            _add(sheets, sheet, found)
    for file in listing.files("custodians", ".csv"):
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
    for file in listing.files("custodians", ""):
        if file.suffix.lower() in OTHER_SPREADSHEETS and is_catalogue_file(file):
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


def is_catalogue_file(file: Path) -> bool:
    """Whether ``_catalogue`` reads ``file`` under ``custodians/``, or names it: a
    workbook, a CSV file, a spreadsheet of another kind (reported), never Excel's lock
    file (``~$catalogue.xlsx``). Any other file there (an editor's temporary copy being
    saved, ``.catalogue.xlsx.tmp``) changes nothing the loader returns, beyond what
    listing the folder reports of every name (``Listing.found``)."""
    name = file.name
    if name.endswith(".csv"):
        return True
    if name.startswith("~$"):
        return False
    return name.endswith(".xlsx") or file.suffix.lower() in OTHER_SPREADSHEETS


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
    from paved.generator.core.load.sheets import CATALOGUE_SHEETS

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


#: The folder of the hand-written pages, which the site builder walks itself.
DOCS_FOLDER = "docs"


class Listing:
    """The files of a repository's folders, never leaving the repository.

    A symbolic link is read only when its target resolves inside the repository root,
    outside its hidden folders and files; one that leads outside
    (``docs/passwd.md -> /etc/passwd``) or into them (``-> ../.git/config``), loops or
    dangles is
    reported (FILE008, naming the link and its target) and never read, so its content
    cannot reach CI logs or the portal. Symbolic links to directories are never
    descended (a link inside the repository is reported as a warning, one outside as
    an error). A file name holding control or bidirectional-text characters is
    reported (FILE007) and still read, so its other findings are not lost. Each folder
    is listed once, whatever the number of suffixes asked for.
    """

    def __init__(self, root: Path, found: list[Diagnostic]) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.found = found
        self._listed: dict[tuple[str, bool], list[Path]] = {}

    def files(self, folder: str, suffix: str, *, recursive: bool = False) -> list[Path]:
        """Regular files under ``root/folder`` whose name ends with ``suffix``
        (case-sensitive, as before; ``""`` for all), sorted."""
        key = (folder, recursive)
        if key not in self._listed:
            self._listed[key] = self._list(folder, recursive=recursive)
        return [p for p in self._listed[key] if p.name.endswith(suffix)]

    def _list(self, folder: str, *, recursive: bool) -> list[Path]:
        top = self.root / folder
        if top.is_symlink() and not self._inside(top, directory=True):
            return []
        if not top.is_dir():
            return []
        out: list[Path] = []
        pending = [top]
        while pending:
            directory = pending.pop()
            try:
                entries = sorted(os.scandir(directory), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                path = Path(entry.path)
                self._check_name(path)
                try:
                    if entry.is_symlink():
                        try:
                            linked_directory = entry.is_dir(follow_symlinks=True)
                        except OSError:  # a loop: reported by _inside
                            linked_directory = False
                        if linked_directory:
                            self._link_to_directory(path, followed=folder == DOCS_FOLDER)
                        elif self._inside(path, directory=False) and path.is_file():
                            out.append(path)
                    elif entry.is_dir(follow_symlinks=False):
                        if recursive:
                            pending.append(path)
                    elif entry.is_file(follow_symlinks=False):
                        out.append(path)
                except OSError:
                    continue
        return sorted(out)

    def _inside(self, link: Path, *, directory: bool) -> bool:
        """Whether ``link`` resolves inside the repository; reports it when not."""
        try:
            target = str(link.readlink())
        except OSError:
            target = "?"
        try:
            resolved = link.resolve(strict=True)
        except (OSError, RuntimeError):
            self._report(link, target, "does not resolve (its target is missing or it loops)")
            return False
        kind = "directory" if directory else "file"
        if resolved == self.real_root or self.real_root in resolved.parents:
            hidden = hidden_part(self.real_root, resolved)
            if hidden is None:
                return True
            self._report(
                link,
                target,
                f"leads to the {kind} {resolved.as_posix()!r}, inside the hidden {hidden!r} "
                "(credentials and local secrets live there)",
            )
            return False
        self._report(
            link, target, f"leads to the {kind} {resolved.as_posix()!r}, outside the repository"
        )
        return False

    def _link_to_directory(self, link: Path, *, followed: bool) -> None:
        """A link to a directory inside the repository: never descended here. Under
        ``docs/`` (``followed``) it is an error: MkDocs walks the docs folder following
        such links, where a loop (``docs/a -> .``) never ends and a link to ``/`` walks
        the whole disk, before any file is vetted."""
        if self._inside(link, directory=True):
            try:
                target = str(link.readlink())
            except OSError:
                target = "?"
            rel = _rel(self.root, link)
            if followed:
                self.found.append(
                    diagnostic(
                        "FILE008",
                        Location(rel),
                        f"{rel} is a symbolic link to the directory {target!r}; the site "
                        "builder would follow it (a loop never ends), so it is not built",
                        hint="Move the files into this folder, or link each file instead of "
                        "the directory.",
                    )
                )
                return
            self.found.append(
                diagnostic(
                    "FILE008",
                    Location(rel),
                    f"{rel} is a symbolic link to the directory {target!r}; "
                    "linked directories are not read",
                    hint="Move the files into this folder, or link each file instead of the "
                    "directory.",
                    severity=Severity.WARNING,
                )
            )

    def _report(self, link: Path, target: str, what: str) -> None:
        self.found.append(
            diagnostic(
                "FILE008",
                Location(_rel(self.root, link)),
                f"{_rel(self.root, link)} is a symbolic link to {target!r} that {what}; "
                "it was not read",
            )
        )

    def _check_name(self, path: Path) -> None:
        if UNSAFE_CHARACTER.search(path.name):
            self.found.append(
                diagnostic(
                    "FILE007",
                    Location(_rel(self.root, path)),
                    f"the file name {path.name!r} holds control or bidirectional-text "
                    "characters (shown escaped)",
                )
            )


def hidden_part(real_root: Path, resolved: Path) -> str | None:
    """The first hidden name (``.git``, ``.env``) on the way from ``real_root`` to
    ``resolved``, a real path inside it; ``None`` when there is none. A link is never
    followed there: the checkout's ``.git/config`` holds the token CI persists, and
    ``.env`` files hold local secrets, inside the repository but never content."""
    for part in resolved.relative_to(real_root).parts:
        if part.startswith("."):
            return part
    return None


def rel_path(root: Path, file: Path) -> str:
    """``file``'s path from ``root``, with ``/``: by its text when it starts with the
    root's (every listed file does; ``relative_to`` was a tenth of a warm validation)."""
    top, text = str(root), str(file)
    if os.sep == "/" and text.startswith(top) and text[len(top) : len(top) + 1] == "/" and top:
        return text[len(top) + 1 :]
    return file.relative_to(root).as_posix()


_rel = rel_path
