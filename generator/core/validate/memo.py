"""What one process keeps between two loads of the same repository (``paved serve``).

A preview rebuilds after every save, and each rebuild used to read every file again:
on the large benchmark the workbook alone is 4.6 s of a one-WID rebuild, though a WID
edit leaves the catalogue as it was. ``LoadMemo`` keeps, in memory:

- each Markdown file's loaded document and loader findings, by kind, path and content
  digest (a changed file is read again; the folders are listed afresh every time, so
  added, deleted and renamed files are always current). As ``paved validate``'s cache
  does (``validate.incremental``), a file whose status (size, modification and change
  times, inode, device) is the one recorded with its digest, and was old enough to trust
  when recorded (``RACY_NS`` before that load began), is not read again: reading and
  hashing the 2,050 files of the large benchmark was about 0.25 s of every rebuild;
- the catalogue's sheets with the loaders' and the sheet schemas' findings, by a digest
  of every file under ``custodians/`` (not computed again while those files keep a
  trusted status, ``incremental._catalogue_status``), and the part of the model made from them alone
  (``build_model.CatalogueModel``) while the very same sheets come back.

Both also depend on the configuration files (``mkdocs.yml`` & co., which loaders may
read): when those change, everything is read again. The findings and the model are
exactly a cold load's (the same loaders on the same bytes); ``tests/
test_incremental_build.py`` compares whole sites after random edits.
"""

from __future__ import annotations

import hashlib
import operator
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load.repository import read_markdown
from paved.generator.core.load.types import MarkdownDoc, Sheet
from paved.generator.core.load.workbook_memo import WorkbookMemo

if TYPE_CHECKING:
    from paved.generator.core.build_model import CatalogueModel
    from paved.generator.core.load.types import LoadedRepository
    from paved.generator.core.model import Column
    from paved.generator.core.validate.incremental import CatalogueEntry, Stamp

#: The catalogue as the loaders and the sheet schemas leave it: sheets, the loaders'
#: findings, the sheet schemas' findings.
Catalogue = tuple[dict[str, Sheet], list[Diagnostic], list[Diagnostic]]


@dataclass
class LoadMemo:
    """Lives as long as the process; hand the same one to every ``api.check``."""

    _configuration: bytes = b""
    _documents: dict[tuple[str, str], tuple[bytes, MarkdownDoc | None, list[Diagnostic]]] = field(
        default_factory=dict
    )
    #: Each document's file status when its digest was taken, if old enough to trust.
    _stamps: dict[tuple[str, str], Stamp] = field(default_factory=dict)
    #: Statuses recorded after this (ns since the epoch) are not trusted (``begin``).
    _trusted_before: int = 0
    #: Markdown files read and hashed (not taken from the memo by their status) in the
    #: last load.
    digested_files: int = 0
    _catalogue: tuple[bytes, Catalogue] | None = None
    _catalogue_status: tuple[object, bytes] | None = None
    _model: tuple[tuple[Sheet, ...], CatalogueModel] | None = None
    _columns: tuple[Sheet | None, Mapping[str, Sequence[Column]]] | None = None
    #: The sheets the rules last read whole, and what stands in for them (None: the
    #: short cut did not give the same findings on them: run the rules whole).
    _rules: tuple[tuple[Sheet, ...], CatalogueEntry | None] | None = None
    #: What the load that ran the rules whole leaves for ``prepare``: the repository it
    #: loaded, what each rule found on it (``OTHER_RULES`` one list each, then the
    #: per-document rules' findings). The short cut is made from them after the build
    #: (``paved serve``'s idle time), or by the next load that needs it.
    _unprepared: (
        tuple[tuple[Sheet, ...], LoadedRepository, list[list[Diagnostic]], list[Diagnostic]] | None
    ) = None
    #: Each document's findings by each per-document rule (``PER_DOCUMENT_RULES``), by
    #: the document object (``read`` hands back the same one while its file is
    #: unchanged), held with it so its id is not reused.
    _alone: dict[int, tuple[MarkdownDoc, tuple[list[Diagnostic], ...]]] = field(
        default_factory=dict
    )
    #: Whether those rules, run document by document, found what they find run whole
    #: (checked by the build that runs every rule whole); if not, they run whole.
    _alone_exact: bool = False
    #: Documents the per-document rules ran on in the last load (not kept).
    checked_documents: int = 0
    #: What each of ``OTHER_RULES`` found on the catalogue's facts in the last load, with
    #: what it ran on: the facts' entry, the root, the documents of each kind.
    _on_facts: (
        tuple[object, str, dict[str, tuple[MarkdownDoc, ...]], list[list[Diagnostic]]] | None
    ) = None
    #: Rules run on the catalogue's facts in the last load (the others' findings kept).
    ran_rules: int = 0
    #: Sheets whose part of the workbook is unchanged, kept when another one changed.
    workbooks: WorkbookMemo = field(default_factory=WorkbookMemo)
    #: Files read by the loaders (not taken from the memo) in the last load.
    read_files: int = 0
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def begin(self, root: Path) -> None:
        """A load starts: forget everything if the configuration files changed."""
        from paved.generator.core.validate.incremental import RACY_NS, configuration_digest

        configuration = configuration_digest(root)
        if configuration != self._configuration:
            self._documents, self._stamps = {}, {}
            self._catalogue_status = None
            self._alone, self._alone_exact = {}, False  # the rules read the settings
            self._on_facts = None
            self._unprepared = None
            self._catalogue = None
            self.workbooks = WorkbookMemo()
            self._configuration = configuration
        self.read_files = self.digested_files = 0
        self._seen = set()
        self._trusted_before = time.time_ns() - RACY_NS

    def read(self, kind: str, file: Path, rel: str) -> tuple[MarkdownDoc | None, list[Diagnostic]]:
        """A ``load_documents`` reader: an unchanged file's document from the memo."""
        from paved.generator.core.validate.incremental import file_stamp

        key = (kind, rel)
        stamp = file_stamp(file)
        hit = self._documents.get(key)
        if hit is not None and stamp is not None and self._stamps.get(key) == stamp:
            self._seen.add(key)
            return hit[1], list(hit[2])
        try:
            digest = hashlib.blake2b(file.read_bytes(), digest_size=20).digest()
        except OSError:
            return read_markdown(kind, file, rel)  # the loader reports it
        self.digested_files += 1
        self._seen.add(key)
        if stamp is not None and max(stamp[1], stamp[2]) < self._trusted_before:
            self._stamps[key] = stamp
        else:
            self._stamps.pop(key, None)
        if hit is not None and hit[0] == digest:
            return hit[1], list(hit[2])
        self.read_files += 1
        doc, found = read_markdown(kind, file, rel)
        self._documents[key] = (digest, doc, list(found))
        return doc, found

    def catalogue(self, root: Path, load: Callable[[], Catalogue]) -> Catalogue:
        """The catalogue ``load`` reads, unless no file under ``custodians/`` changed."""
        from paved.generator.core.validate.incremental import catalogue_status

        self._catalogue_status, fingerprint = catalogue_status(
            root, self._configuration, self._catalogue_status
        )
        if self._catalogue is not None and self._catalogue[0] == fingerprint:
            sheets, found, schema_found = self._catalogue[1]
            return dict(sheets), list(found), list(schema_found)
        self.read_files += 1
        sheets, found, schema_found = load()
        self._catalogue = (fingerprint, (dict(sheets), list(found), list(schema_found)))
        return sheets, found, schema_found

    def model(
        self,
        sheets: dict[str, Sheet],
        make: Callable[[dict[str, Sheet], Mapping[str, Sequence[Column]]], CatalogueModel],
        index: Callable[[Sheet | None], Mapping[str, Sequence[Column]]],
    ) -> CatalogueModel:
        """``make(sheets, index(sheets["columns"]))``, or the last one made when these are
        the same sheet objects (the memo hands the same ones back while the catalogue's
        files are unchanged); the column index alone is kept while the columns sheet is
        the same object (``WorkbookMemo`` keeps it when another sheet was edited)."""
        key = tuple(sheets.values())
        last = self._model
        if last is not None and len(last[0]) == len(key) and all(map(operator.is_, last[0], key)):
            return last[1]
        sheet = sheets.get("columns")
        kept = self._columns
        if kept is not None and sheet is not None and kept[0] is sheet:
            columns = kept[1]
        else:
            columns = index(sheet)
            self._columns = (sheet, columns)
        made = make(sheets, columns)
        self._model = (key, made)
        return made

    def rules(self, loaded: LoadedRepository) -> list[Diagnostic]:
        """``rule_diagnostics(loaded)``, as multisets: while the catalogue's sheets are
        the very same objects, the cross-document rules run on its facts (the columns
        other sheets refer to) and what they find in the catalogue alone is kept, as
        ``paved validate``'s cache does (``validate.incremental``); the full rules on
        200,000 columns were most of a second of every rebuild of the large benchmark.
        The load that reads the catalogue runs them whole and returns their findings;
        the short cut for the next loads is made and checked by ``prepare`` (the rules
        three times more: 6.5 s profiled of a catalogue cell's rebuild of the large
        benchmark, which ``paved serve`` makes after the site is written), or by the
        next load with the same sheets if nothing prepared it before."""
        from paved.generator.core.validate import RULES, rule_diagnostics
        from paved.generator.core.validate.context import build_context
        from paved.generator.core.validate.incremental import (
            OTHER_RULES,
            PER_DOCUMENT_RULES,
            combine,
            run_rules,
            with_sheets,
        )
        from paved.generator.core.validate.inputs import run

        key = tuple(loaded.sheets.values())
        unprepared = self._unprepared
        if unprepared is not None and _same(unprepared[0], key):
            self.prepare()
        last = self._rules
        markdown = with_sheets(loaded, {})
        if last is not None and _same(last[0], key):
            if last[1] is None:
                return rule_diagnostics(loaded)
            other = combine(last[1], self._each_on_facts(markdown, last[1]))
            if self._alone_exact:
                return [*other, *self._per_document(markdown)]
            return [*other, *run_rules(PER_DOCUMENT_RULES, markdown, {})]
        self._unprepared = None
        ctx = build_context(loaded)  # every rule on the real data: the truth
        by_rule = [run(ctx, rule) for rule in OTHER_RULES]
        whole = [d for found in by_rule for d in found]
        per_document = [d for rule in PER_DOCUMENT_RULES for d in run(ctx, rule)]
        self._rules = (key, None)  # until ``prepare`` has checked the short cut
        if set(RULES) != {*OTHER_RULES, *PER_DOCUMENT_RULES}:
            return rule_diagnostics(loaded)
        self._unprepared = (key, loaded, by_rule, per_document)
        return [*whole, *per_document]

    def prepare(self) -> bool:
        """Make and check the short cut the last load left to make (``rules``): the
        catalogue's facts and what the rules find on them, compared with what the rules
        found whole on the real data; the per-document rules run document by document,
        compared likewise. Whether there was anything to prepare."""
        from paved.generator.core.validate.incremental import (
            PER_DOCUMENT_RULES,
            catalogue_entry,
            run_rules,
            with_sheets,
        )

        unprepared = self._unprepared
        if unprepared is None:
            return False
        key, loaded, by_rule, per_document = unprepared
        markdown = with_sheets(loaded, {})
        entry = catalogue_entry(b"", loaded, [], by_rule)
        without = run_rules(PER_DOCUMENT_RULES, markdown, {})
        exact = entry.exact and Counter(per_document) == Counter(without)
        self._rules = (key, entry if exact else None)
        self._alone_exact = Counter(per_document) == Counter(self._per_document(markdown))
        self._unprepared = None
        return True

    @property
    def unprepared(self) -> bool:
        """Whether the last load left the short cut to make (``prepare``)."""
        return self._unprepared is not None

    def _each_on_facts(
        self, markdown: LoadedRepository, entry: CatalogueEntry
    ) -> list[list[Diagnostic]]:
        """``run_each(OTHER_RULES, markdown, entry.facts)``, as ``paved validate``'s cache
        keeps rules (``validate.inputs``): a rule none of whose declared kinds of input
        changed since the last load keeps its findings; only the rules that read the
        edited kind run (the rules on the facts were 0.4 s of every rebuild of the large
        benchmark). The catalogue's facts are the very same entry and the configuration
        is unchanged (``begin`` forgets them when it changes)."""
        from paved.generator.core.validate.incremental import OTHER_RULES, run_each
        from paved.generator.core.validate.inputs import KINDS, reads

        documents = {"wid": markdown.wids, "adr": markdown.adrs, "doc": markdown.docs}
        last = self._on_facts
        results: list[list[Diagnostic]]
        if last is None or last[0] is not entry or last[1] != markdown.root:
            changed, results = set(KINDS), [[] for _ in OTHER_RULES]
        else:
            changed = {kind for kind, docs in documents.items() if not _same(last[2][kind], docs)}
            results = last[3]
        stale = [i for i, rule in enumerate(OTHER_RULES) if reads(rule) & changed]
        fresh = (
            run_each(tuple(OTHER_RULES[i] for i in stale), markdown, entry.facts) if stale else []
        )
        results = list(results)
        for i, found in zip(stale, fresh, strict=True):
            results[i] = found
        self.ran_rules = len(stale)
        self._on_facts = (entry, markdown.root, documents, results)
        return [list(found) for found in results]

    def _per_document(self, markdown: LoadedRepository) -> list[Diagnostic]:
        """``run_rules(PER_DOCUMENT_RULES, markdown, {})``, each rule run on each
        document alone, and only on the documents not seen unchanged in the last load:
        scanning all 2,050 documents of the large benchmark again (unsafe HTML,
        sections) was 0.2-0.3 s of every rebuild. In the whole run's order (rule by
        rule, document by document)."""
        from paved.generator.core.validate.context import build_context
        from paved.generator.core.validate.incremental import PER_DOCUMENT_RULES
        from paved.generator.core.validate.inputs import run

        kept, fresh = self._alone, {}
        self.checked_documents = 0
        found: list[tuple[list[Diagnostic], ...]] = []
        for kind, docs in (("wid", markdown.wids), ("adr", markdown.adrs), ("doc", markdown.docs)):
            for doc in docs:
                hit = kept.get(id(doc))
                if hit is None or hit[0] is not doc:
                    one = replace(
                        markdown,
                        wids=(doc,) if kind == "wid" else (),
                        adrs=(doc,) if kind == "adr" else (),
                        docs=(doc,) if kind == "doc" else (),
                    )
                    ctx = build_context(one)
                    hit = (doc, tuple(run(ctx, rule) for rule in PER_DOCUMENT_RULES))
                    self.checked_documents += 1
                fresh[id(doc)] = hit
                found.append(hit[1])
        self._alone = fresh
        return [d for index in range(len(PER_DOCUMENT_RULES)) for one in found for d in one[index]]

    @property
    def rules_on_facts(self) -> bool:
        """Whether the rules run on the catalogue's facts while it is unchanged (made
        now if the last load left it to make)."""
        self.prepare()
        return self._rules is not None and self._rules[1] is not None

    def finish(self) -> None:
        """The load is done: drop the documents of files it did not see (deleted)."""
        for key in [key for key in self._documents if key not in self._seen]:
            del self._documents[key]
            self._stamps.pop(key, None)


def _same(last: Sequence[object], now: Sequence[object]) -> bool:
    """The very same objects, in the same order."""
    return len(last) == len(now) and all(map(operator.is_, last, now))
