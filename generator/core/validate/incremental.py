"""Validation that reuses the last run's work: what ``paved validate`` does by default.

The findings are exactly those of a cold run (``pipeline.load_and_validate``), in the
same order; ``tests/test_incremental_validate.py`` checks it on random edits. What is
reused, and why it is safe:

- **Markdown files** (WIDs, ADRs, docs): the loaded document, the loader's findings and
  the schema findings, keyed by the file's kind, path and content digest. A changed file
  is read again; the folders are listed afresh every run, so added, deleted and renamed
  files and the listing's own findings (symbolic links, file names) are always current.
  As git's index does, a file whose status (size, modification and change times, inode)
  is the one recorded with its digest is not read again to recompute it: reading and
  hashing 2,000 files was a fifth of a warm run. A status recorded less than
  :data:`RACY_NS` before the run that recorded it began is not trusted (an edit in the
  same clock tick can leave the times as they were): that file is read and hashed.
- **The catalogue** (``custodians/``): its findings, keyed by a digest of every file in
  the folder and the listing's findings. Reading a large workbook is most of a cold run.
- **The cross-document rules** run again whenever anything changed, but, while the
  catalogue is unchanged, on its *facts* only: the small sheets whole and, of the big
  ones, only the columns other sheets refer to (ids). That is enough for every rule that
  looks at documents; what the rules find in the catalogue alone is kept from the run
  that read it. In multisets: ``rules(docs, catalogue) = rules(∅, catalogue) +
  rules(docs, facts) − rules(∅, facts)``. The run that reads the catalogue checks that
  identity on the real data and, if it does not hold (a rule that reads more of the
  catalogue than its facts), keeps the whole catalogue instead, so warm runs stay exact.
- **Configuration**: the files at the top of the repository and in ``.github/``
  (``mkdocs.yml``, ``CODEOWNERS``...), which loaders and rules may read, are part of
  every key: when one changes, everything is read and checked again.
- **Nothing changed**: the last findings, as they were.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import pickle
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.limits import MAX_MARKDOWN_BYTES
from paved.generator.core.load.repository import (
    Listing,
    load_catalogue,
    load_documents,
    read_markdown,
)
from paved.generator.core.load.types import (
    LoadedRepository,
    MarkdownDoc,
    Section,
    Sheet,
    SheetRow,
)
from paved.generator.core.validate import RULES, Rule
from paved.generator.core.validate.cache import Note, Store, environment, file_digest
from paved.generator.core.validate.pipeline import finding_order, gc_paused
from paved.generator.core.validate.rules import docs, sections, unsafe_html

#: Rules whose findings on a file should depend on that file alone: kept per file, with
#: it. The run that reads the catalogue checks that claim for each rule against the
#: whole run; a rule for which it does not hold is run whole every time.
PER_DOCUMENT_RULES: tuple[Rule, ...] = (sections.check, unsafe_html.check, docs.check)
#: The rest look across documents and the catalogue: run again when anything changes.
OTHER_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if rule not in PER_DOCUMENT_RULES)

#: Top-level files bigger than this are not configuration: not part of the key.
MAX_TOP_FILE = 1024 * 1024
#: A file changed this close to (or after) the start of the run that recorded its status
#: is read again, whatever its status says: file system times are coarser than the
#: clock (a clock tick on Linux, 2 s on FAT), so a second edit may not move them.
RACY_NS = 3_000_000_000

DocKey = tuple[str, str]  # (kind, path)
Entry = tuple[bytes, bytes]  # (content digest, pickled document + findings)
Stamp = tuple[int, int, int, int, int]  # (size, mtime_ns, ctime_ns, inode, device)


@dataclass(frozen=True, slots=True)
class Checked:
    """A validation run's answer: the findings and how many files were read."""

    diagnostics: list[Diagnostic]
    files: int


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """What is kept of one catalogue state (see the module docstring)."""

    fingerprint: bytes
    found: list[Diagnostic]  # the loaders' and the sheet schemas' findings
    sheet_files: int
    alone: list[Diagnostic]  # rules(∅, catalogue)
    facts: dict[str, Sheet]
    facts_alone: list[Diagnostic]  # rules(∅, facts)
    exact: bool  # the identity held on the real data: the facts may stand in


def check(root: Path, *, cache: bool = True, note: Note | None = None) -> Checked:
    """Validate ``root``: through the cache in ``.paved/`` unless ``cache`` is false
    (then a cold run that neither reads nor writes it). ``note`` hears one line per
    cache file that could not be trusted."""
    if not cache:
        from paved.generator.core.validate.pipeline import load_and_validate

        loaded, diagnostics = load_and_validate(root)
        sheet_files = len({sheet.path for sheet in loaded.sheets.values()})
        files = len(loaded.wids) + len(loaded.adrs) + len(loaded.docs) + sheet_files
        return Checked(diagnostics, files)
    store = Store(root, environment(), note or (lambda _text: None))
    return validate_cached(root, store)


def validate_cached(root: Path, store: Store) -> Checked:
    """Validate ``root`` reusing ``store``; same findings as a cold run."""
    with gc_paused():
        return _validate(root, store)


def _validate(root: Path, store: Store) -> Checked:
    configuration = configuration_digest(root)
    old = store.read("documents") or {}
    if old.get("configuration") != configuration:
        old = {}  # mkdocs.yml & co. may change how files are read: read them all again
    reader = _Reader(old.get("entries", {}), old.get("stamps", {}))
    documents = load_documents(root, reader.read)
    fingerprint = catalogue_fingerprint(root, configuration)
    inputs = _inputs_digest(reader.entries, fingerprint, documents.found)
    catalogue: CatalogueEntry | None = store.read("catalogue")
    if catalogue is not None and catalogue.fingerprint != fingerprint:
        catalogue = None
    if catalogue is not None and old.get("inputs") == inputs and "result" in old:
        return Checked(list(old["result"]), int(old["files"]))

    markdown = documents.repository(root, {})
    exact_rules: frozenset[int] = old.get("per_document_exact", frozenset())
    if catalogue is not None and catalogue.exact:
        rules = combine(catalogue, run_rules(OTHER_RULES, markdown, catalogue.facts))
        for index, rule in enumerate(PER_DOCUMENT_RULES):
            if index in exact_rules:
                rules.extend(reader.per_document(index))
            else:
                rules.extend(run_rules((rule,), markdown, {}))
    else:
        catalogue, rules, exact_rules = _read_catalogue(root, fingerprint, markdown, reader)
        store.write("catalogue", catalogue)
    diagnostics = sorted(
        [*documents.found, *reader.schema_found(), *catalogue.found, *rules], key=finding_order
    )
    files = len(documents.wids) + len(documents.adrs) + len(documents.docs)
    files += catalogue.sheet_files
    store.write(
        "documents",
        {
            "configuration": configuration,
            "entries": reader.entries,
            "stamps": reader.stamps,
            "inputs": inputs,
            "result": diagnostics,
            "files": files,
            "per_document_exact": exact_rules,
        },
    )
    return Checked(diagnostics, files)


def _read_catalogue(
    root: Path, fingerprint: bytes, markdown: LoadedRepository, reader: _Reader
) -> tuple[CatalogueEntry, list[Diagnostic], frozenset[int]]:
    """The catalogue changed (or was never read): read it, run every rule on the real
    data (the truth), and check that the shortcuts of later runs give the same."""
    from paved.generator.core.validate import sheet_schema_diagnostics

    sheets, found = load_catalogue(root)
    found.extend(sheet_schema_diagnostics(sheets))
    loaded = with_sheets(markdown, sheets)
    other = run_rules(OTHER_RULES, loaded, sheets)
    per_document: list[Diagnostic] = []
    exact: set[int] = set()
    for index, rule in enumerate(PER_DOCUMENT_RULES):
        whole = run_rules((rule,), markdown, {})
        if Counter(whole) == Counter(reader.per_document(index)):
            exact.add(index)  # it does look at each file alone: keep its results per file
        per_document.extend(whole)
    entry = catalogue_entry(fingerprint, loaded, found, other)
    return entry, [*other, *per_document], frozenset(exact)


class _Reader:
    """The ``Reader`` handed to ``load_documents``: an unchanged file comes from the
    cache with its findings; a new or changed one is read by the loaders and checked
    (schema, per-document rules)."""

    def __init__(
        self, old: Mapping[DocKey, Entry], old_stamps: Mapping[DocKey, Stamp] | None = None
    ) -> None:
        self.old = old
        self.old_stamps = old_stamps or {}
        self.entries: dict[DocKey, Entry] = {}
        #: The status of each file read, when old enough to stand for its content.
        self.stamps: dict[DocKey, Stamp] = {}
        self._trusted_before = time.time_ns() - RACY_NS
        self._schema: list[list[Diagnostic]] = []
        self._per_document: list[tuple[list[Diagnostic], ...]] = []

    def read(self, kind: str, file: Path, rel: str) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
        key = (kind, rel)
        hit = self.old.get(key)
        stamp = _stamp(file)  # before reading: an edit after it changes the next stamp
        if stamp is not None and max(stamp[1], stamp[2]) < self._trusted_before:
            self.stamps[key] = stamp
        unchanged = hit is not None and stamp is not None and self.old_stamps.get(key) == stamp
        data = None if unchanged else _bounded_bytes(file)
        if not unchanged and (data is None or hit is None or hit[0] != file_digest(data)):
            hit = None
        if hit is not None:
            doc, found, schema, alone = pickle.loads(hit[1])  # noqa: S301 - signed (Store)
            self.entries[key] = hit
        else:  # new, changed, too big or unreadable (then the loaders say why)
            doc, found = read_markdown(kind, file, rel)
            schema = _schema(kind, doc)
            alone = _alone(kind, doc)
            if data is None:
                self.stamps.pop(key, None)
            else:
                blob = _dumps((doc, found, schema, alone))
                self.entries[key] = (file_digest(data), blob)
        self._schema.append(schema)
        self._per_document.append(alone)
        return doc, list(found)

    def schema_found(self) -> list[Diagnostic]:
        return [d for found in self._schema for d in found]

    def per_document(self, index: int) -> list[Diagnostic]:
        """What per-document rule ``index`` found, file by file."""
        return [d for found in self._per_document for d in found[index]]


def _dumps(value: object) -> bytes:
    """Pickle with the loaded types stored as constructor calls: unpickling a slotted
    dataclass field by field (its default) is a third slower, and a warm run unpickles
    every document."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _as_constructor_calls()
    pickler.dump(value)
    return buffer.getvalue()


@functools.cache
def _as_constructor_calls() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    def reducer(cls: type) -> Callable[[Any], tuple[Any, ...]]:
        names = [f.name for f in dataclasses.fields(cls)]
        return lambda value: (cls, tuple(getattr(value, name) for name in names))

    return {cls: reducer(cls) for cls in (MarkdownDoc, Section, Diagnostic, Location)}


def _schema(kind: str, doc: MarkdownDoc | None) -> list[Diagnostic]:
    if doc is None or kind == "doc":
        return []
    from paved.generator.core.validate.schema import check_document

    return list(check_document(doc, kind, "WID101" if kind == "wid" else "ADR201"))


def _alone(kind: str, doc: MarkdownDoc | None) -> tuple[list[Diagnostic], ...]:
    """Each per-document rule on ``doc`` alone."""
    if doc is None:
        return tuple([] for _ in PER_DOCUMENT_RULES)
    one = LoadedRepository(
        root="",
        wids=(doc,) if kind == "wid" else (),
        adrs=(doc,) if kind == "adr" else (),
        docs=(doc,) if kind == "doc" else (),
    )
    return tuple(run_rules((rule,), one, {}) for rule in PER_DOCUMENT_RULES)


def _stamp(file: Path) -> Stamp | None:
    try:
        status = file.lstat()
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _bounded_bytes(file: Path) -> bytes | None:
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_MARKDOWN_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_MARKDOWN_BYTES else None


def configuration_digest(root: Path) -> bytes:
    """The files at the top of the repository and in ``.github/`` (``mkdocs.yml``,
    ``CODEOWNERS`` and the like, which loaders and rules may read): when one changes,
    every file is read again and every rule re-run."""
    found: list[Diagnostic] = []
    listing = Listing(root, found)
    files = [*listing.files(".github", ""), *listing.files("docs", "CODEOWNERS"), *_top_files(root)]
    return _digest_files(root, files, found, b"configuration")


def catalogue_fingerprint(root: Path, configuration: bytes) -> bytes:
    """A digest of every file under ``custodians/`` and of what listing the folder
    reports (anything the catalogue loader could see), and of the configuration."""
    found: list[Diagnostic] = []
    files = Listing(root, found).files("custodians", "")
    return _digest_files(root, files, found, configuration)


def _digest_files(root: Path, files: list[Path], found: list[Diagnostic], salt: bytes) -> bytes:
    digest = hashlib.blake2b(salt, digest_size=32)
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            with file.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except OSError as error:
            digest.update(f"unreadable {error.errno}".encode())
        digest.update(b"\0\0")
    digest.update(repr(found).encode())
    return digest.digest()


def _top_files(root: Path) -> list[Path]:
    """Regular files at the top of the repository (no links, nothing big)."""
    out = []
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        return []
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_size <= MAX_TOP_FILE:
                out.append(Path(entry.path))
        except OSError:
            continue
    return out


def _inputs_digest(entries: Mapping[DocKey, Entry], catalogue: bytes, found: object) -> bytes:
    digest = hashlib.blake2b(catalogue, digest_size=32)
    for (kind, rel), (content, _) in entries.items():
        digest.update(f"{kind}\0{rel}\0".encode("utf-8", "surrogateescape") + content)
    digest.update(repr(found).encode())
    return digest.digest()


def run_rules(
    rules: tuple[Rule, ...], markdown: LoadedRepository, sheets: dict[str, Sheet]
) -> list[Diagnostic]:
    """``rules`` on the documents of ``markdown`` with ``sheets`` as the catalogue."""
    from paved.generator.core.validate.context import build_context

    ctx = build_context(with_sheets(markdown, sheets))
    return [d for rule in rules for d in rule(ctx)]


def with_sheets(markdown: LoadedRepository, sheets: dict[str, Sheet]) -> LoadedRepository:
    return LoadedRepository(
        root=markdown.root,
        wids=markdown.wids,
        adrs=markdown.adrs,
        docs=markdown.docs,
        sheets=sheets,
    )


def combine(catalogue: CatalogueEntry, with_facts: list[Diagnostic]) -> list[Diagnostic]:
    """``rules(∅, catalogue) + rules(docs, facts) − rules(∅, facts)``, as multisets."""
    combined = Counter(with_facts)
    combined.subtract(catalogue.facts_alone)
    combined.update(catalogue.alone)
    return list(combined.elements())


def catalogue_entry(
    fingerprint: bytes, loaded: LoadedRepository, found: list[Diagnostic], truth: list[Diagnostic]
) -> CatalogueEntry:
    """Keep what the warm runs need, and check on the real data that the facts may
    stand in for the catalogue."""
    nothing = LoadedRepository(root=loaded.root)
    alone = run_rules(OTHER_RULES, nothing, loaded.sheets)
    facts = catalogue_facts(loaded.sheets)
    facts_alone = run_rules(OTHER_RULES, nothing, facts)
    with_facts = run_rules(OTHER_RULES, loaded, facts)
    left = Counter(with_facts)
    left.subtract(facts_alone)
    exact = min(left.values(), default=0) >= 0 and Counter(truth) == +left + Counter(alone)
    return CatalogueEntry(
        fingerprint=fingerprint,
        found=found,
        sheet_files=len({sheet.path for sheet in loaded.sheets.values()}),
        alone=alone,
        facts=facts,
        facts_alone=facts_alone,
        exact=exact,
    )


def catalogue_facts(sheets: Mapping[str, Sheet]) -> dict[str, Sheet]:
    """What the document rules read of the catalogue: small sheets whole; of a big
    sheet only the columns that another sheet's foreign keys point at (its ids); big
    sheets nobody points at are left out."""
    from paved.generator.core.validate.context import SMALL_SHEET, foreign_keys

    targets: dict[str, set[str]] = {}
    for name in sheets:
        for _, resource, field_name in foreign_keys(name):
            targets.setdefault(resource, set()).add(field_name)
    out: dict[str, Sheet] = {}
    for name, sheet in sheets.items():
        if len(sheet.rows) <= SMALL_SHEET:
            out[name] = sheet
            continue
        fields = sorted(targets.get(name, ()))
        if not fields:
            continue
        rows = tuple(
            SheetRow(row.row, {f: row.values[f] for f in fields if f in row.values})
            for row in sheet.rows
        )
        out[name] = Sheet(
            path=sheet.path,
            name=sheet.name,
            header=sheet.header,
            column_of=sheet.column_of,
            rows=rows,
            header_row=sheet.header_row,
        )
    return out
