"""calamine's parse in a thread of its own while this one does other work (``Meanwhile``):
the documents of ``paved validate`` are read while the workbook is parsed. The parse
starts only once the scan has measured every sheet, the work is done exactly once
whatever the workbook, and the answers are those of a read without it."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import FrameType

import openpyxl
import pytest
from example_site import copy_example

from paved.generator.core.load.repository import Documents, load_catalogue, load_documents
from paved.generator.core.load.workbook import Meanwhile, _usable_cpus, read_workbook
from paved.generator.core.validate import (
    CATALOGUE_RULES,
    DOCUMENT_RULES,
    RULES,
    rule_diagnostics,
    schema_diagnostics,
)
from paved.generator.core.validate.inputs import CATALOGUE, reads, rule_name
from paved.generator.core.validate.pipeline import finding_order, load_and_validate
from paved.generator.core.validate.rules import catalogue, unsafe_html

BOOK = "custodians/catalogue.xlsx"
THREAD = "paved-calamine"


def _parsing() -> bool:
    return any(thread.name == THREAD for thread in threading.enumerate())


class _Overlap:
    """Holds the parsing thread at its start until the work has begun (up to 10 s), and
    records whether it had: True only when the two ran at the same time."""

    def __init__(self) -> None:
        self.begun = threading.Event()
        self.seen: list[bool] = []

    def __enter__(self) -> _Overlap:
        threading.setprofile(self._hook)
        return self

    def __exit__(self, *_: object) -> None:
        threading.setprofile(None)  # type: ignore[arg-type]

    def _hook(self, _frame: object, _event: str, _arg: object) -> None:
        sys.setprofile(None)  # once per thread
        if threading.current_thread().name == THREAD:
            self.seen.append(self.begun.wait(10))


def _book(path: Path, *, far: bool = False) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "domains"
    sheet.append(["id", "name", "lead"])
    for row in range(2, 200):
        sheet.append([f"d{row}", f"Domain {row}", "lead@example.com"])
    if far:
        sheet["XFD1048576"] = "stray"  # refused by the scan: calamine never sees it
    book.create_sheet("lineage").append(["upstream", "downstream", "stage"])
    book.save(path)
    return path


def test_the_work_runs_here_while_calamine_parses_and_the_read_is_the_same(
    tmp_path: Path,
) -> None:
    path = _book(tmp_path / "c.xlsx")
    here: list[bool] = []
    with _Overlap() as overlap:

        def work() -> None:
            here.append(threading.current_thread() is threading.main_thread())
            overlap.begun.set()

        meanwhile = Meanwhile(work)
        meanwhile.beside = True  # whatever the machine's CPUs
        beside = read_workbook(path, BOOK, meanwhile=meanwhile)
    alone = read_workbook(path, BOOK)
    assert here == [True]
    assert overlap.seen == [True]  # the parse was under way while the work ran
    assert meanwhile.done
    assert not _parsing()
    assert beside.sheets == alone.sheets
    assert beside.found == alone.found
    assert beside.names == alone.names == ["domains", "lineage"]
    assert beside.clean
    assert alone.clean


def test_a_sheet_the_scan_refuses_is_not_parsed_and_the_work_still_runs_once(
    tmp_path: Path,
) -> None:
    path = _book(tmp_path / "c.xlsx", far=True)
    calls: list[int] = []
    with _Overlap() as overlap:

        def work() -> None:
            calls.append(1)
            overlap.begun.set()

        meanwhile = Meanwhile(work)
        meanwhile.beside = True
        book = read_workbook(path, BOOK, meanwhile=meanwhile)
    assert [d.code for d in book.found] == ["SHEET009"]
    assert list(book.sheets) == ["lineage"]  # parsed beside the work; domains never
    assert overlap.seen == [True]
    assert calls == [1]
    meanwhile.run()  # done already: not again
    assert calls == [1]


def test_an_error_of_the_work_is_raised_after_the_parse_ends(tmp_path: Path) -> None:
    path = _book(tmp_path / "c.xlsx")

    def work() -> None:
        raise LookupError("the work failed")

    meanwhile = Meanwhile(work)
    meanwhile.beside = True
    with pytest.raises(LookupError, match="the work failed"):
        read_workbook(path, BOOK, meanwhile=meanwhile)
    assert not _parsing()


@pytest.mark.parametrize("catalogue", ["refused", "none", "csv"])
def test_the_catalogue_loader_runs_the_work_once_whatever_the_catalogue(
    tmp_path: Path, catalogue: str
) -> None:
    root = tmp_path / "repo"
    (root / "custodians").mkdir(parents=True)
    if catalogue == "refused":
        (root / "custodians" / "catalogue.xlsx").write_bytes(b"id,name\n")  # a CSV file
    elif catalogue == "csv":
        (root / "custodians" / "domains.csv").write_text("id,name,lead\nd1,D,l@x.org\n")
    calls: list[int] = []
    beside = load_catalogue(root, meanwhile=lambda: calls.append(1))
    assert calls == [1]
    assert beside == load_catalogue(root)


def test_the_example_validates_the_same_and_the_documents_are_read_once(
    tmp_path: Path,
) -> None:
    root = copy_example(tmp_path / "repo")
    calls: list[int] = []

    def documents() -> Documents:
        calls.append(1)
        return load_documents(root)

    loaded, found = load_and_validate(root, documents=documents)
    assert calls == [1]
    assert loaded.sheets  # the example's workbook was read
    read = load_documents(root)
    sheets, catalogue_found = load_catalogue(root)
    assert loaded.sheets == sheets
    assert (loaded.wids, loaded.adrs, loaded.docs) == (read.wids, read.adrs, read.docs)
    assert all(d in found for d in [*read.found, *catalogue_found])


def test_the_rules_without_a_catalogue_run_while_calamine_parses(tmp_path: Path) -> None:
    """A cold ``load_and_validate`` runs the documents' schemas and every rule that
    reads no catalogue (``DOCUMENT_RULES``, from what each rule declares) while the
    parse is under way, the others after it; the findings are those of every rule
    run on the whole repository afterwards."""
    if _usable_cpus() < 2:
        pytest.skip("one usable CPU: the parse is not moved to a thread, nothing overlaps")
    root = copy_example(tmp_path / "repo")
    # A finding of a rule that reads no catalogue: an unsafe tag in a docs page.
    page = root / "docs" / "community" / "index.md"
    page.write_text(page.read_text() + "\n<script>alert(1)</script>\n")
    assert set(DOCUMENT_RULES).isdisjoint(CATALOGUE_RULES)
    assert {*DOCUMENT_RULES, *CATALOGUE_RULES} == set(RULES)
    assert all(CATALOGUE not in reads(rule) for rule in DOCUMENT_RULES)
    assert unsafe_html.check in DOCUMENT_RULES
    assert catalogue.check in CATALOGUE_RULES
    codes = {rule.__code__: rule for rule in RULES}
    during: dict[str, bool] = {}
    with _Overlap() as overlap:

        def calls(frame: FrameType, event: str, _arg: object) -> None:
            rule = codes.get(frame.f_code) if event == "call" else None
            if rule is not None:
                during[rule_name(rule)] = _parsing()
                if rule is DOCUMENT_RULES[-1]:
                    overlap.begun.set()  # the parse, held at its start, may go on

        sys.setprofile(calls)
        try:
            loaded, found = load_and_validate(root)
        finally:
            sys.setprofile(None)
    assert overlap.seen == [True]
    assert during == {
        rule_name(rule): rule in DOCUMENT_RULES for rule in RULES
    }  # each rule ran once: the document ones during the parse, the others after
    read = load_documents(root)
    sheets, catalogue_found = load_catalogue(root)
    every = [
        *read.found,
        *catalogue_found,
        *schema_diagnostics(loaded),
        *rule_diagnostics(loaded),
    ]
    assert found == sorted(every, key=finding_order)
    assert loaded.sheets == sheets
    assert [d.code for d in found] == ["SEC501"]
