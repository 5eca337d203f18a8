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
  Each kind's files are kept in a cache file of their own (``files-wid`` ...), written
  only when one of them changed.
- **The decision log** (``adrs/``): the records the loaders made of its files (logs
  split, statuses from index pages), while every file under it has the trusted status
  it had (``load.repository.KeptFolders``): a WID edit does not work the log out again.
- **The catalogue** (``custodians/``): its findings, keyed by a digest of every file in
  the folder and the listing's findings (not computed again while the files' trusted
  status is unchanged). Reading a large workbook is most of a cold run.
- **The cross-document rules**: each declares the kinds of input it reads (WIDs, ADRs,
  docs pages, catalogue, configuration: ``validate.inputs``, enforced by handing it only
  those). A rule none of whose kinds changed since the last run is not run: its findings
  are the last run's (a docs page edit runs none of the WID and ADR rules, a WID edit
  not the decision log's). The others run again, but, while the catalogue is unchanged,
  on its *facts* only: the small sheets whole and, of the big ones, only the columns
  other sheets refer to (ids). That is enough for every rule that
  looks at documents; what the rules find in the catalogue alone is kept from the run
  that read it. In multisets: ``rules(docs, catalogue) = rules(∅, catalogue) +
  rules(docs, facts) − rules(∅, facts)``, rule by rule. The run that reads the catalogue
  checks that identity on the real data and, if it does not hold for a rule (one that
  reads more of the catalogue than its facts), keeps the whole catalogue instead, so warm
  runs stay exact.
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
    Documents,
    Listing,
    is_catalogue_file,
    load_catalogue,
    load_documents,
    read_markdown,
    rel_path,
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
from paved.generator.core.validate.inputs import CATALOGUE, KINDS, reads, run
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
#: A folder's files and their status when all were old enough to trust, and what the
#: loaders made of them: ``("files", paths)`` when each file read gave its own document
#: (those files' entries hold them), else ``("blob", pickled documents and findings)``.
Folder = tuple[tuple[str, ...], tuple[Stamp, ...], tuple[str, Any], bytes]
#: The kinds of Markdown file, each in a cache file of its own (``files-<kind>``).
FILE_KINDS = ("wid", "adr", "doc")
#: The folders kept whole (``load.repository.KeptFolders``): the decision log, whose
#: logs, index pages and translations are worked out across its files.
KEPT_FOLDERS = frozenset({"adr"})


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
    alone: list[list[Diagnostic]]  # rules(∅, catalogue), one list per rule of OTHER_RULES
    facts: dict[str, Sheet]
    facts_alone: list[list[Diagnostic]]  # rules(∅, facts), one list per rule of OTHER_RULES
    exact: bool  # the identity held on the real data for every rule: the facts may stand in


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
    kept = _read_files(store, configuration)
    reader = _Reader(
        {key: entry for part in kept.values() for key, entry in part["entries"].items()},
        {key: stamp for part in kept.values() for key, stamp in part["stamps"].items()},
        {kind: part["folder"] for kind, part in kept.items() if part["folder"] is not None},
        root,
    )
    status, fingerprint = _catalogue_status(root, configuration, old.get("catalogue_status"))
    catalogue: CatalogueEntry | None = store.read("catalogue")
    if catalogue is not None and catalogue.fingerprint != fingerprint:
        catalogue = None
    got: list[Documents] = []

    def read_documents() -> None:
        got.append(load_documents(root, reader.read, reader))

    read_catalogue = None
    if catalogue is None:
        # The catalogue must be read: the documents are read while calamine parses it.
        read_catalogue = load_catalogue(root, meanwhile=read_documents)
    else:
        read_documents()
    documents = got[0]
    inputs = _inputs_digest(reader.entries, fingerprint, documents.found)
    kinds = kind_digests(reader.entries, fingerprint, documents.found)
    changed = {kind for kind in KINDS if old.get("kinds", {}).get(kind) != kinds.get(kind)}
    if catalogue is not None and old.get("inputs") == inputs and "result" in old:
        return Checked(list(old["result"]), int(old["files"]))

    markdown = documents.repository(root, {})
    exact_rules: frozenset[int] = old.get("per_document_exact", frozenset())
    if catalogue is not None and catalogue.exact:
        by_rule = _other_rules(markdown, catalogue, changed, old.get("by_rule"))
        rules = [d for found in by_rule for d in found]
        for index, rule in enumerate(PER_DOCUMENT_RULES):
            if index in exact_rules:
                rules.extend(reader.per_document(index))
            else:
                rules.extend(run_rules((rule,), markdown, {}))
    else:
        catalogue, by_rule, rules, exact_rules = _read_catalogue(
            read_catalogue or load_catalogue(root), fingerprint, markdown, reader
        )
        store.write("catalogue", catalogue, _dumps)
    diagnostics = sorted(
        [*documents.found, *reader.schema_found(), *catalogue.found, *rules], key=finding_order
    )
    files = len(documents.wids) + len(documents.adrs) + len(documents.docs)
    files += catalogue.sheet_files
    store.write(
        "documents",
        {
            "configuration": configuration,
            "inputs": inputs,
            "result": diagnostics,
            "files": files,
            "per_document_exact": exact_rules,
            "kinds": kinds,
            "catalogue_status": status,
            "by_rule": by_rule,
        },
        _dumps,
    )
    _write_files(store, configuration, reader, kept)
    return Checked(diagnostics, files)


def _read_files(store: Store, configuration: bytes) -> dict[str, dict[str, Any]]:
    """Each kind's files as the last run left them (``files-<kind>``): entries, status,
    folder. Each cache file holds one kind whole, so any mix of them is consistent."""
    out = {}
    for kind in FILE_KINDS:
        value = store.read(f"files-{kind}")
        if isinstance(value, dict) and value.get("configuration") == configuration:
            out[kind] = value
    return out


def _write_files(
    store: Store, configuration: bytes, reader: _Reader, kept: Mapping[str, dict[str, Any]]
) -> None:
    """Write the cache file of each kind whose files changed, and only those: after a
    WID edit the ADRs' and docs pages' stay as they are (half of what a run wrote)."""
    for kind in FILE_KINDS:
        part = {
            "configuration": configuration,
            "entries": {key: entry for key, entry in reader.entries.items() if key[0] == kind},
            "stamps": {key: stamp for key, stamp in reader.stamps.items() if key[0] == kind},
            "folder": reader.folders.get(kind),
        }
        if kept.get(kind) != part:
            store.write(f"files-{kind}", part, _dumps)


def _other_rules(
    markdown: LoadedRepository,
    catalogue: CatalogueEntry,
    changed: set[str],
    last: list[list[Diagnostic]] | None,
) -> list[list[Diagnostic]]:
    """The findings of each rule of ``OTHER_RULES`` while the catalogue is unchanged:
    the last run's for a rule none of whose inputs are in ``changed``, else the rule on
    the catalogue's facts, combined with what it found in the catalogue alone."""
    from paved.generator.core.validate.context import build_context

    if last is None or len(last) != len(OTHER_RULES) or CATALOGUE in changed:
        last, changed = None, set(KINDS)
    out: list[list[Diagnostic]] = []
    ctx = None
    for index, rule in enumerate(OTHER_RULES):
        if last is not None and not reads(rule) & changed:
            out.append(last[index])
            continue
        if ctx is None:
            ctx = build_context(with_sheets(markdown, catalogue.facts))
        out.append(combine_one(catalogue, index, run(ctx, rule)))
    return out


def _read_catalogue(
    read: tuple[dict[str, Sheet], list[Diagnostic]],
    fingerprint: bytes,
    markdown: LoadedRepository,
    reader: _Reader,
) -> tuple[CatalogueEntry, list[list[Diagnostic]], list[Diagnostic], frozenset[int]]:
    """The catalogue changed (or was never read): with the catalogue ``read`` (sheets
    and the loaders' findings), run every rule on the real data (the truth), and check
    that the shortcuts of later runs give the same."""
    from paved.generator.core.validate import sheet_schema_diagnostics

    sheets, found = read
    found.extend(sheet_schema_diagnostics(sheets))
    loaded = with_sheets(markdown, sheets)
    other = run_each(OTHER_RULES, loaded, sheets)
    per_document: list[Diagnostic] = []
    exact: set[int] = set()
    for index, rule in enumerate(PER_DOCUMENT_RULES):
        whole = run_rules((rule,), markdown, {})
        if Counter(whole) == Counter(reader.per_document(index)):
            exact.add(index)  # it does look at each file alone: keep its results per file
        per_document.extend(whole)
    entry = catalogue_entry(fingerprint, loaded, found, other)
    rules = [*[d for found in other for d in found], *per_document]
    return entry, other, rules, frozenset(exact)


class _Reader:
    """The ``Reader`` handed to ``load_documents``: an unchanged file comes from the
    cache with its findings; a new or changed one is read by the loaders and checked
    (schema, per-document rules)."""

    def __init__(
        self,
        old: Mapping[DocKey, Entry],
        old_stamps: Mapping[DocKey, Stamp] | None = None,
        old_folders: Mapping[str, Folder] | None = None,
        root: Path | None = None,
    ) -> None:
        self.old = old
        self.old_stamps = old_stamps or {}
        self.old_folders = old_folders or {}
        self.root = root
        self.entries: dict[DocKey, Entry] = {}
        #: What to keep of each folder whose files all had a trusted status.
        self.folders: dict[str, Folder] = {}
        #: Folders taken whole from the cache in this run (tests count them).
        self.kept: set[str] = set()
        #: Per folder asked for: its files, their status (None: not all trusted), and
        #: how many files had been read and checked before it.
        self._asked: dict[str, tuple[tuple[str, ...], tuple[Stamp, ...] | None, int, int]] = {}
        self._read_docs: list[tuple[str, MarkdownDoc | None]] = []
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
            alone = _alone(kind, doc, self.root)
            if data is None:
                self.stamps.pop(key, None)
            else:
                blob = _dumps((doc, found, schema, alone))
                self.entries[key] = (file_digest(data), blob)
        self._schema.append(schema)
        self._per_document.append(alone)
        self._read_docs.append((rel, doc))
        return doc, list(found)

    def get(
        self, kind: str, files: list[Path]
    ) -> tuple[list[MarkdownDoc], list[Diagnostic]] | None:
        """``KeptFolders.get``: the folder's documents and findings as the last run left
        them, when its files are the same ones with the same trusted status."""
        if kind not in KEPT_FOLDERS or self.root is None:
            return None
        rels = tuple(rel_path(self.root, file) for file in files)
        stamps = [_stamp(file) for file in files]  # before any is read, as in ``read``
        trusted = all(s is not None and max(s[1], s[2]) < self._trusted_before for s in stamps)
        now = tuple(s for s in stamps if s is not None) if trusted else None
        self._asked[kind] = (rels, now, len(self._read_docs), len(self._schema))
        old = self.old_folders.get(kind)
        if now is None or old is None or old[0] != rels or old[1] != now:
            return None
        (how, what), found_blob = old[2], old[3]
        found: list[Diagnostic] = pickle.loads(found_blob)  # noqa: S301 - signed (Store)
        if how == "files":
            entries = [self.old.get((kind, rel)) for rel in what]
            if any(entry is None for entry in entries):
                return None
            docs = []
            for entry in entries:
                assert entry is not None
                doc, _, schema, alone = pickle.loads(entry[1])  # noqa: S301 - signed
                docs.append(doc)
                self._schema.append(schema)
                self._per_document.append(alone)
        else:
            docs, schema, alone = pickle.loads(what)  # noqa: S301 - signed (Store)
            self._schema.append(schema)
            self._per_document.append(alone)
        for rel in rels:  # kept for the next run's file-by-file look-ups
            key = (kind, rel)
            if key in self.old:
                self.entries[key] = self.old[key]
            if key in self.old_stamps:
                self.stamps[key] = self.old_stamps[key]
        self.folders[kind] = old
        self.kept.add(kind)
        return docs, found

    def put(self, kind: str, docs: list[MarkdownDoc], found: list[Diagnostic]) -> None:
        """``KeptFolders.put``: keep what the loaders made of a folder just read."""
        asked = self._asked.pop(kind, None)
        if asked is None:
            return
        rels, stamps, start, checked = asked
        if stamps is None:
            return  # a file changed too recently to trust its status: not kept
        read = self._read_docs[start:]
        if len(read) == len(docs) and all(d is r for d, (_, r) in zip(docs, read, strict=True)):
            how: tuple[str, Any] = ("files", tuple(rel for rel, _ in read))
        else:  # logs split, statuses from index pages...: keep the documents themselves
            schema = [d for found_ in self._schema[checked:] for d in found_]
            alone = tuple(
                [d for found_ in self._per_document[checked:] for d in found_[index]]
                for index in range(len(PER_DOCUMENT_RULES))
            )
            how = ("blob", _dumps((docs, schema, alone)))
        self.folders[kind] = (rels, stamps, how, _dumps(found))

    def schema_found(self) -> list[Diagnostic]:
        return [d for found in self._schema for d in found]

    def per_document(self, index: int) -> list[Diagnostic]:
        """What per-document rule ``index`` found, file by file."""
        return [d for found in self._per_document for d in found[index]]


def _dumps(value: object) -> bytes:
    """Pickle with the loaded types stored as constructor calls: unpickling a slotted
    dataclass field by field (its default) is a third slower, and a warm run unpickles
    every document and the catalogue's facts (10,000 rows on the large benchmark)."""
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

    classes = (MarkdownDoc, Section, Diagnostic, Location, Sheet, SheetRow)
    return {cls: reducer(cls) for cls in classes}


def _schema(kind: str, doc: MarkdownDoc | None) -> list[Diagnostic]:
    if doc is None or kind == "doc":
        return []
    from paved.generator.core.validate.schema import check_document

    return list(check_document(doc, kind, "WID101" if kind == "wid" else "ADR201"))


def _alone(
    kind: str, doc: MarkdownDoc | None, root: Path | None = None
) -> tuple[list[Diagnostic], ...]:
    """Each per-document rule on ``doc`` alone, in its repository: a rule may read the
    repository's settings (``mkdocs.yml``), never those of the current directory."""
    if doc is None:
        return tuple([] for _ in PER_DOCUMENT_RULES)
    one = LoadedRepository(
        root=str(root) if root is not None else "",
        wids=(doc,) if kind == "wid" else (),
        adrs=(doc,) if kind == "adr" else (),
        docs=(doc,) if kind == "doc" else (),
    )
    return tuple(run_rules((rule,), one, {}) for rule in PER_DOCUMENT_RULES)


def _stamp(file: Path) -> Stamp | None:
    """The file's status (size, modification and change times, inode, device); None if
    it cannot be read."""
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


def _catalogue_status(
    root: Path, configuration: bytes, last: tuple[object, bytes] | None
) -> tuple[tuple[object, bytes] | None, bytes]:
    """``catalogue_fingerprint``, without reading the workbook again while every file
    under ``custodians/`` has the trusted status (as for Markdown files) it had when the
    last run computed it; and the status to record with it (None: not all trusted)."""
    found: list[Diagnostic] = []
    files = _catalogue_files(root, found)
    stamps = tuple(_stamp(file) for file in files)
    trusted_before = time.time_ns() - RACY_NS
    key = (configuration, repr(found), tuple(rel_path(root, f) for f in files), stamps)
    if all(s is not None and max(s[1], s[2]) < trusted_before for s in stamps):
        if last is not None and last[0] == key:
            return last, last[1]
        fingerprint = _digest_files(root, files, found, configuration)
        return (key, fingerprint), fingerprint
    return None, _digest_files(root, files, found, configuration)


#: ``paved serve``'s memo takes the same short cut.
catalogue_status = _catalogue_status
file_stamp = _stamp


def catalogue_fingerprint(root: Path, configuration: bytes) -> bytes:
    """A digest of every file under ``custodians/`` the catalogue loader reads or
    names, of what listing the folder reports (of every name in it), and of the
    configuration."""
    found: list[Diagnostic] = []
    return _digest_files(root, _catalogue_files(root, found), found, configuration)


def _catalogue_files(root: Path, found: list[Diagnostic]) -> list[Path]:
    """The files under ``custodians/`` the catalogue loader reads or names
    (``is_catalogue_file``): a temporary file an editor writes beside the workbook
    before renaming it over it changes no fingerprint (it made ``paved serve`` read
    the catalogue and run its rules again, for nothing, while the bytes were written)."""
    return [
        file for file in Listing(root, found).files("custodians", "") if is_catalogue_file(file)
    ]


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


def kind_digests(
    entries: Mapping[DocKey, Entry], catalogue: bytes, found: object
) -> dict[str, bytes]:
    """One digest per kind of input (``validate.inputs``): the paths and contents of
    its files. What listing the folders reported is part of every one (it is not always
    clear which kind a finding is about); the configuration is part of the catalogue's
    and of the whole cache's key."""
    listed = repr(found).encode()
    digests = {kind: hashlib.blake2b(listed, digest_size=32) for kind in ("wid", "adr", "doc")}
    for (kind, rel), (content, _) in entries.items():
        digests[kind].update(rel.encode("utf-8", "surrogateescape") + b"\0" + content)
    out = {kind: digest.digest() for kind, digest in digests.items()}
    out[CATALOGUE] = catalogue
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
    return [d for found in run_each(rules, markdown, sheets) for d in found]


def run_each(
    rules: tuple[Rule, ...], markdown: LoadedRepository, sheets: dict[str, Sheet]
) -> list[list[Diagnostic]]:
    """What each of ``rules`` finds, one list per rule, each on what it declares."""
    from paved.generator.core.validate.context import build_context

    ctx = build_context(with_sheets(markdown, sheets))
    return [run(ctx, rule) for rule in rules]


def with_sheets(markdown: LoadedRepository, sheets: dict[str, Sheet]) -> LoadedRepository:
    return LoadedRepository(
        root=markdown.root,
        wids=markdown.wids,
        adrs=markdown.adrs,
        docs=markdown.docs,
        sheets=sheets,
    )


def combine(catalogue: CatalogueEntry, with_facts: list[list[Diagnostic]]) -> list[Diagnostic]:
    """``rules(∅, catalogue) + rules(docs, facts) − rules(∅, facts)``, as multisets, rule
    by rule (``with_facts``: one list per rule of ``OTHER_RULES``)."""
    return [d for i, found in enumerate(with_facts) for d in combine_one(catalogue, i, found)]


def combine_one(
    catalogue: CatalogueEntry, index: int, with_facts: list[Diagnostic]
) -> list[Diagnostic]:
    """The identity for rule ``index`` of ``OTHER_RULES``."""
    combined = Counter(with_facts)
    combined.subtract(catalogue.facts_alone[index])
    combined.update(catalogue.alone[index])
    return list(combined.elements())


def catalogue_entry(
    fingerprint: bytes,
    loaded: LoadedRepository,
    found: list[Diagnostic],
    truth: list[list[Diagnostic]],
) -> CatalogueEntry:
    """Keep what the warm runs need, and check on the real data, rule by rule (``truth``:
    one list per rule of ``OTHER_RULES``), that the facts may stand in for the catalogue."""
    nothing = LoadedRepository(root=loaded.root)
    alone = run_each(OTHER_RULES, nothing, loaded.sheets)
    facts = catalogue_facts(loaded.sheets)
    facts_alone = run_each(OTHER_RULES, nothing, facts)
    with_facts = run_each(OTHER_RULES, loaded, facts)
    exact = True
    for index, rule_truth in enumerate(truth):
        left = Counter(with_facts[index])
        left.subtract(facts_alone[index])
        exact = exact and min(left.values(), default=0) >= 0
        exact = exact and Counter(rule_truth) == +left + Counter(alone[index])
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
