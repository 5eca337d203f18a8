"""What ``paved serve`` keeps between two builds of one process: the sections of each
page (``core.index.SectionsMemo``), the loaded files (``core.validate.memo.LoadMemo``)
the dataset pages (``core.render.dataset_memo.DatasetPages``), the product, decision
and catalogue pages (``core.render.model_memo.ModelPages``), the catalogue's JSON
(``core.render.tree.JsonFragments``), the catalogue's lookups and the lineage
(``core.render.lookups.LookupsMemo``) and the lifted Markdown of api/sections.json
(``mkdocs_plugin.publishing.LiftMemo``). Each gives exactly
what a build without it gives, and reuses only what did not change."""

from __future__ import annotations

import re
import time
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from example_site import copy_example

from paved.generator.core import api
from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.index import SectionsMemo, build_index, sections_json
from paved.generator.core.render.dataset_memo import DatasetPages
from paved.generator.core.render.lookups import Lookups, LookupsMemo
from paved.generator.core.render.model_memo import ModelPages
from paved.generator.core.render.site import render_site
from paved.generator.core.render.tree import JsonFragments, platform_json
from paved.generator.core.validate import incremental
from paved.generator.core.validate.memo import LoadMemo
from paved.generator.mkdocs_plugin.blocks import lift
from paved.generator.mkdocs_plugin.publishing import LiftMemo


def test_sections_memo_gives_the_index_built_without_it(tmp_path: Path) -> None:
    result = api.check(copy_example(tmp_path / "repo"))
    pages = render_site(result.platform, GitFacts.empty())
    memo = SectionsMemo()
    first = build_index(result.platform, pages, with_text=False, memo=memo)
    assert first == build_index(result.platform, pages, with_text=False)
    assert memo.hits == 0
    edited = [
        replace(page, markdown=page.markdown + "\n## Added heading\n\nNew text.\n")
        if page.src_uri == pages[1].src_uri
        else page
        for page in pages
    ]
    again = build_index(result.platform, edited, with_text=False, memo=memo)
    assert again == build_index(result.platform, edited, with_text=False)
    assert any(section.title == "Added heading" for section in again)
    total = len(pages) + len(result.platform.docs)
    assert memo.hits == total - 1  # every page but the edited one
    rows = JsonFragments()  # each section's JSON row, kept: the same file
    for index in (first, again, again):
        for url in ("", "https://portal.example/"):
            plain = sections_json(index, site_url=url, include_text=False)
            assert sections_json(index, site_url=url, include_text=False, memo=rows) == plain


def test_joined_rows_are_kept_while_the_very_same_objects_come_back() -> None:
    rows = JsonFragments()
    written: list[object] = []

    def write(value: object) -> str:
        written.append(value)
        return f'"{value}"'

    one, two = ["a"], ["b"]  # distinct objects, as a page's sections are
    assert rows.joined("p/", [one, two], write) == "\"['a']\", \"['b']\""
    rows.roll()
    assert rows.joined("p/", [one, two], write) == "\"['a']\", \"['b']\""
    assert written == [one, two]  # not written again
    rows.roll()
    three = ["c"]
    assert rows.joined("p/", [one, three], write) == "\"['a']\", \"['c']\""
    assert written == [one, two, three]  # only the new object
    rows.roll()
    assert rows.joined("p/", [one, three], write, salt="https://x/") == "\"['a']\", \"['c']\""
    assert written[3:] == [one, three]  # another site URL: every row again


def test_load_memo_reads_only_changed_files_and_finds_what_a_cold_load_finds(
    tmp_path: Path,
) -> None:
    root = copy_example(tmp_path / "repo")
    memo = LoadMemo()
    api.check(root, memo)
    assert memo.read_files > 10
    api.check(root, memo)
    assert memo.read_files == 0  # nothing changed: nothing read

    wid = min((root / "wids").glob("WID-*.md"))
    text = wid.read_text(encoding="utf-8")
    wid.write_text(re.sub(r"(?m)^title: .*$", "title: Renamed", text, count=1), "utf-8")
    warm = api.check(root, memo)
    assert memo.read_files == 1
    cold = api.check(root)
    assert warm.diagnostics == cold.diagnostics
    assert warm.platform == cold.platform
    assert "Renamed" in {product.title for product in warm.platform.products.values()}

    book = root / "custodians" / "catalogue.xlsx"
    workbook = openpyxl.load_workbook(book)
    workbook["datasets"].cell(row=2, column=5).value = "Described anew."
    workbook.save(book)
    warm = api.check(root, memo)
    assert memo.read_files == 1  # the workbook
    cold = api.check(root)
    assert warm.diagnostics == cold.diagnostics
    assert warm.platform == cold.platform

    wid.unlink()
    warm = api.check(root, memo)
    cold = api.check(root)
    assert warm.diagnostics == cold.diagnostics
    assert warm.platform == cold.platform
    assert len(warm.platform.products) == len(cold.platform.products)


def test_load_memo_rules_on_the_catalogue_facts_find_what_a_cold_load_finds(
    tmp_path: Path,
) -> None:
    """Cross-document findings (unknown custodian, system, domain) from the short cut
    that runs the rules on the catalogue's facts equal a cold run's, edit after edit."""
    root = copy_example(tmp_path / "repo")
    memo = LoadMemo()
    api.check(root, memo)
    assert memo.rules_on_facts  # the example's catalogue: the facts stand in for it
    wid = min((root / "wids").glob("WID-*.md"))
    edits = [
        ("custodian: ingrid-solberg", "custodian: nobody-known"),
        ("    - system: pos\n", "    - system: no-such-system\n"),
        ("domain: sales", "domain: nowhere"),
    ]
    for old, new in edits:
        _edit_text(wid, old, new)
        warm, cold = api.check(root, memo), api.check(root)
        assert warm.diagnostics == cold.diagnostics
        assert new.split(":")[1].strip() in str(warm.diagnostics)
    assert len(warm.diagnostics) >= 3
    book = root / "custodians" / "catalogue.xlsx"
    workbook = openpyxl.load_workbook(book)
    workbook["custodians"].cell(row=2, column=1).value = "nobody-known"
    workbook.save(book)
    warm, cold = api.check(root, memo), api.check(root)
    assert warm.diagnostics == cold.diagnostics  # the catalogue read again: rules whole
    _edit_text(wid, "domain: nowhere", "domain: sales")
    assert api.check(root, memo).diagnostics == api.check(root).diagnostics


def test_load_memo_runs_per_document_rules_only_on_changed_documents(
    tmp_path: Path,
) -> None:
    """The rules that read each document alone (unsafe HTML, required sections, docs
    titles) run again only on the document that changed, and find what a cold run
    finds, the edited document's new finding included."""
    root = copy_example(tmp_path / "repo")
    memo = LoadMemo()
    api.check(root, memo)
    memo.prepare()  # the short cut, as serve makes it once idle: every document
    documents = memo.checked_documents
    assert documents > 30  # the first load: every document
    api.check(root, memo)
    assert memo.checked_documents == 0

    doc = min((root / "docs").rglob("*.md"))
    doc.write_text(doc.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", "utf-8")
    warm, cold = api.check(root, memo), api.check(root)
    assert memo.checked_documents == 1
    assert warm.diagnostics == cold.diagnostics
    assert "SEC501" in {d.code for d in warm.diagnostics if d.location.path.endswith(doc.name)}

    adr = min((root / "adrs").glob("0*.md"))
    _edit_text(adr, "## Context", "## Contexts")
    warm, cold = api.check(root, memo), api.check(root)
    assert memo.checked_documents == 1
    assert warm.diagnostics == cold.diagnostics


def _edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_dataset_pages_memo_renders_what_a_fresh_render_does(tmp_path: Path) -> None:
    """After each edit, the memo's pages are a fresh ``render_site``'s, and an edit of a
    WID, an ADR or a docs page renders only some dataset pages again."""
    root = copy_example(tmp_path / "repo")
    loads, pages_memo = LoadMemo(), DatasetPages()
    wid = next((root / "wids").glob("WID-0001-*.md"))
    adr = next((root / "adrs").glob("0007-*.md"))
    edits = [
        ("nothing", lambda: None),
        ("WID title", lambda: _edit_text(wid, "title: ", "title: Renamed ")),
        ("WID reads", lambda: _edit_text(wid, "    - pos.stores\n", "")),
        ("ADR body", lambda: _edit_text(adr, "## Context", "## Context\n\nMore context.")),
        ("ADR names a dataset", lambda: _edit_text(adr, "## Context", "pos.stores\n\n## Context")),
        ("ADR successor", lambda: _edit_text(adr, "superseded-by: ADR-0010", "")),
        ("ADR status", lambda: _edit_text(adr, "status: superseded", "status: accepted")),
        (
            "access guide",
            lambda: _edit_text(root / "docs/access/index.md", "## Request access", "## Ask"),
        ),
        ("docs body", lambda: _edit_text(root / "docs/access/index.md", "\n", "\nMore.\n")),
        ("catalogue cell", lambda: _set_cell(root, "A new description.")),
    ]
    render_site(api.check(root, loads).platform, GitFacts.empty(), dataset_pages=pages_memo)
    total = 0
    for name, make in edits:
        make()
        result = api.check(root, loads)
        memo_pages = render_site(result.platform, GitFacts.empty(), dataset_pages=pages_memo)
        fresh = render_site(api.check(root).platform, GitFacts.empty())
        assert memo_pages == fresh, name
        total = len(result.platform.datasets)
        if name in ("nothing", "WID title", "ADR status", "docs body"):
            assert pages_memo.rendered < total, (name, pages_memo.rendered)
        # Each dataset's decisions are listed again only when what they are listed
        # from changed: which decisions name a dataset or system, their numbers, their
        # successors; an ADR's text or status, or a dataset's own value, lists none or
        # that dataset's alone.
        if name in ("nothing", "WID title", "WID reads", "ADR body", "ADR status", "docs body"):
            assert pages_memo.decisions_listed == 0, name
        if name == "ADR names a dataset":
            assert pages_memo.decisions_listed == total, name
        if name == "catalogue cell":  # one dataset's description: its page alone
            assert pages_memo.rendered == 1, pages_memo.rendered
            assert pages_memo.decisions_listed == 1, pages_memo.decisions_listed
    assert total > 10
    _set_cell(root, "Described anew.", sheet="systems", column=6)  # a system: every page
    result = api.check(root, loads)
    memo_pages = render_site(result.platform, GitFacts.empty(), dataset_pages=pages_memo)
    assert memo_pages == render_site(api.check(root).platform, GitFacts.empty())
    assert pages_memo.rendered == total


def test_model_pages_memo_renders_what_a_fresh_render_does(tmp_path: Path) -> None:
    """After each edit, the memo's product, decision and catalogue pages are a fresh
    ``render_site``'s, and an edit of one WID, one ADR or a docs page renders only some
    of them again."""
    root = copy_example(tmp_path / "repo")
    loads, memo = LoadMemo(), ModelPages()
    wid = next((root / "wids").glob("WID-0001-*.md"))
    adr = next((root / "adrs").glob("0007-*.md"))
    successor = next((root / "adrs").glob("0010-*.md"))
    edits = [
        ("nothing", lambda: None),
        ("WID title", lambda: _edit_text(wid, "title: ", "title: Renamed ")),
        ("WID body", lambda: _edit_text(wid, "\n## ", "\nA new line.\n\n## ")),
        ("WID reads", lambda: _edit_text(wid, "    - pos.stores\n", "")),
        ("ADR body", lambda: _edit_text(adr, "## Context", "## Context\n\nMore context.")),
        ("ADR names a dataset", lambda: _edit_text(adr, "## Context", "pos.stores\n\n## Context")),
        ("successor's title", lambda: _edit_text(successor, "# ", "# Retitled ")),
        ("ADR successor", lambda: _edit_text(adr, "superseded-by: ADR-0010", "")),
        ("ADR status", lambda: _edit_text(adr, "status: superseded", "status: accepted")),
        ("docs body", lambda: _append(root / "docs/access/index.md", "\nMore.\n")),
        ("catalogue cell", lambda: _set_cell(root, "A new description.")),
        ("dataset's custodian", lambda: _set_cell(root, "mikkel-haugen", column=4)),
        ("dataset's system", lambda: _set_cell(root, "pos", column=2)),
        ("WID deleted", wid.unlink),
    ]
    render_site(api.check(root, loads).platform, GitFacts.empty(), model_pages=memo)
    assert memo.rendered > 10
    for name, make in edits:
        make()
        result = api.check(root, loads)
        memo_pages = render_site(result.platform, GitFacts.empty(), model_pages=memo)
        fresh = render_site(api.check(root).platform, GitFacts.empty())
        assert memo_pages == fresh, name
        p = result.platform
        total = sum(map(len, (p.products, p.decisions, p.domains, p.custodians, p.systems)))
        if name in ("nothing", "docs body"):
            assert memo.rendered == 0, (name, memo.rendered)
        if name in ("WID title", "WID body", "ADR body", "successor's title", "catalogue cell"):
            assert 0 < memo.rendered < total // 2, (name, memo.rendered, total)


def test_lookups_memo_keeps_the_catalogue_indexes_and_lineage_while_their_inputs_stay(
    tmp_path: Path,
) -> None:
    """A WID's title, an ADR or a docs page leaves the catalogue's objects and what the
    products read as they were: the catalogue's indexes and the lineage are the last
    build's (``LookupsMemo``); a WID's reads makes the lineage again, a catalogue cell
    both. Every time, the lookups and the pages are what they are without the memo."""
    root = copy_example(tmp_path / "repo")
    loads, memo = LoadMemo(), LookupsMemo()
    wid = next((root / "wids").glob("WID-0001-*.md"))
    adr = next((root / "adrs").glob("0007-*.md"))
    edits = [
        ("nothing", lambda: None, 0, 0),
        ("WID title", lambda: _edit_text(wid, "title: ", "title: Renamed "), 0, 0),
        ("ADR body", lambda: _edit_text(adr, "## Context", "## Context\n\nMore."), 0, 0),
        (
            "ADR names a dataset",
            lambda: _edit_text(adr, "## Context", "pos.stores\n\n## Context"),
            0,
            0,
        ),
        ("docs body", lambda: _append(root / "docs/access/index.md", "\nMore.\n"), 0, 0),
        ("WID reads", lambda: _edit_text(wid, "    - pos.stores\n", ""), 0, 1),
        ("catalogue cell", lambda: _set_cell(root, "A new description."), 1, 1),
    ]
    Lookups.build(api.check(root, loads).platform, memo)
    assert (memo.indexed, memo.lineages) == (1, 1)
    for name, make, indexed, lineages in edits:
        make()
        before = (memo.indexed, memo.lineages)
        platform = api.check(root, loads).platform
        kept = Lookups.build(platform, memo)
        assert (memo.indexed - before[0], memo.lineages - before[1]) == (indexed, lineages), name
        fresh = Lookups.build(api.check(root).platform)
        for item in fields(Lookups):
            if item.name != "lineage":
                assert getattr(kept, item.name) == getattr(fresh, item.name), (name, item.name)
        for ds_id in platform.datasets:
            assert kept.lineage.used_by(ds_id) == fresh.lineage.used_by(ds_id), (name, ds_id)
            assert kept.lineage.upstream(ds_id) == fresh.lineage.upstream(ds_id), (name, ds_id)
        for system_id in platform.systems:
            assert kept.lineage.datasets_of(system_id) == fresh.lineage.datasets_of(system_id)
        for pid in platform.products:
            assert kept.lineage.product_reads(pid) == fresh.lineage.product_reads(pid), name
    pages = render_site(api.check(root, loads).platform, GitFacts.empty(), lookups=memo)
    assert pages == render_site(api.check(root).platform, GitFacts.empty())


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _set_cell(root: Path, text: str, *, sheet: str = "datasets", column: int = 5) -> None:
    book = root / "custodians" / "catalogue.xlsx"
    workbook = openpyxl.load_workbook(book)
    workbook[sheet].cell(row=2, column=column).value = text
    workbook.save(book)


def test_json_fragments_give_platform_json_as_written_without_them(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "repo")
    memo, loads = JsonFragments(), LoadMemo()
    first = api.check(root, loads).platform
    assert platform_json(first, site_url="https://x/", memo=memo) == platform_json(
        first, site_url="https://x/"
    )
    wid = min((root / "wids").glob("WID-*.md"))  # the catalogue's objects stay the same
    wid.write_text(wid.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    second = api.check(root, loads).platform
    assert next(iter(second.datasets.values())) is next(iter(first.datasets.values()))
    assert platform_json(second, memo=memo) == platform_json(second)
    assert platform_json(second, memo=memo) == platform_json(second)  # each item kept
    assert platform_json(second, site_url="https://y/", memo=memo) == platform_json(
        second, site_url="https://y/"
    )
    book = openpyxl.load_workbook(root / "custodians" / "catalogue.xlsx")
    book["datasets"].cell(row=2, column=5).value = "A description edited for the JSON."
    book.save(root / "custodians" / "catalogue.xlsx")
    third = api.check(root, loads).platform
    written = platform_json(third, memo=memo)
    assert written == platform_json(third)
    assert "A description edited for the JSON." in written
    wid.write_text(  # a product's title: its item written again, the others kept
        wid.read_text(encoding="utf-8").replace("title: ", "title: Retitled ", 1), "utf-8"
    )
    fourth = api.check(root, loads).platform
    written = platform_json(fourth, memo=memo)
    assert written == platform_json(fourth)
    assert "Retitled " in written


def test_lift_memo_gives_the_lifted_pages(tmp_path: Path) -> None:
    result = api.check(copy_example(tmp_path / "repo"))
    pages = render_site(result.platform, GitFacts.empty())
    memo = LiftMemo()
    for round_pages in (pages, [*pages[1:], replace(pages[0], markdown="# New\n\n<div>x</div>\n")]):
        assert [p.markdown for p in memo.pages(round_pages)] == [
            lift(p.markdown)[0] for p in round_pages
        ]


def test_load_memo_opens_no_file_whose_status_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ``paved validate``'s cache: an unchanged, trusted file status stands for the
    file's bytes (Markdown files and the catalogue's); an edited file is read again."""
    monkeypatch.setattr(incremental, "RACY_NS", 0)  # every status trusted at once
    root = copy_example(tmp_path / "repo")
    opened: list[Path] = []
    read_bytes, open_ = Path.read_bytes, Path.open

    def counting_read_bytes(self: Path) -> bytes:
        opened.append(self)
        return read_bytes(self)

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return open_(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    monkeypatch.setattr(Path, "open", counting_open)
    memo = LoadMemo()
    api.check(root, memo)
    time.sleep(0.02)
    opened.clear()
    api.check(root, memo)
    content = {p for p in opened if p.suffix == ".md" or "custodians" in p.parts}
    assert content == set()  # nothing changed: no document or workbook opened
    assert memo.digested_files == 0

    wid = min((root / "wids").glob("WID-*.md"))
    text = wid.read_text(encoding="utf-8")
    wid.write_text(re.sub(r"(?m)^title: .*$", "title: Renamed anew", text, count=1), "utf-8")
    time.sleep(0.02)
    opened.clear()
    warm = api.check(root, memo)
    content = {p for p in opened if p.suffix == ".md" or "custodians" in p.parts}
    assert content == {wid}
    assert memo.read_files == 1
    cold = api.check(root)
    assert warm.diagnostics == cold.diagnostics
    assert warm.platform == cold.platform

    book = root / "custodians" / "catalogue.xlsx"
    workbook = openpyxl.load_workbook(book)
    workbook["datasets"].cell(row=2, column=5).value = "Described anew."
    workbook.save(book)
    time.sleep(0.02)
    warm = api.check(root, memo)
    cold = api.check(root)
    assert warm.diagnostics == cold.diagnostics
    assert warm.platform == cold.platform
    assert "Described anew." in {d.description for d in warm.platform.datasets.values()}


def test_a_file_being_saved_beside_the_workbook_reads_no_catalogue(tmp_path: Path) -> None:
    """Editors (and Excel) write the new workbook to a temporary file beside it, then
    rename it over it; ``paved serve`` is told of each write. The temporary file is no
    input of the catalogue: the memo hands back the catalogue it holds (no read, the same
    sheets, so the catalogue's rules are not run whole again), ``paved validate``'s
    fingerprint is unchanged, and the findings are a cold load's. The rename is an edit."""
    root = copy_example(tmp_path / "repo")
    memo = LoadMemo()
    api.check(root, memo)
    before = incremental.catalogue_fingerprint(root, b"")
    book = root / "custodians" / "catalogue.xlsx"
    staged = book.with_name(f".{book.name}.tmp")
    workbook = openpyxl.load_workbook(book)
    workbook["datasets"].cell(row=2, column=5).value = "Described while saving."
    workbook.save(staged)
    warm = api.check(root, memo)
    assert memo.read_files == 0  # the catalogue not read again (nor any document)
    assert incremental.catalogue_fingerprint(root, b"") == before
    cold = api.check(root)
    assert warm.diagnostics == cold.diagnostics
    assert warm.platform == cold.platform
    staged.replace(book)
    warm = api.check(root, memo)
    assert memo.read_files == 1  # the catalogue
    assert incremental.catalogue_fingerprint(root, b"") != before
    assert "Described while saving." in {d.description for d in warm.platform.datasets.values()}
    assert warm.diagnostics == api.check(root).diagnostics


def test_load_memo_reruns_only_the_rules_that_read_the_edited_kind(tmp_path: Path) -> None:
    """While the catalogue is unchanged, a rule on its facts none of whose declared
    kinds of input (``validate.inputs``) changed keeps its findings: a docs edit re-runs
    only the rules that read docs pages, a WID edit those that read WIDs; every load
    finds what a cold one finds, the edit's new finding included."""
    from paved.generator.core.validate.incremental import OTHER_RULES
    from paved.generator.core.validate.inputs import DOC, WID, reads

    root = copy_example(tmp_path / "repo")
    memo = LoadMemo()
    api.check(root, memo)  # the rules whole, on the catalogue read
    api.check(root, memo)  # on the facts: every rule once
    assert memo.rules_on_facts
    assert memo.ran_rules == len(OTHER_RULES)
    api.check(root, memo)
    assert memo.ran_rules == 0  # nothing changed

    doc = min((root / "docs").rglob("*.md"))
    doc.write_text(doc.read_text(encoding="utf-8") + "\nSee [x](missing-page.md).\n", "utf-8")
    warm, cold = api.check(root, memo), api.check(root)
    reading_docs = sum(DOC in reads(rule) for rule in OTHER_RULES)
    assert 0 < memo.ran_rules == reading_docs < len(OTHER_RULES)
    assert warm.diagnostics == cold.diagnostics

    wid = min((root / "wids").glob("WID-*.md"))
    _edit_text(wid, "custodian: ", "custodian: nobody-at-all-")
    warm, cold = api.check(root, memo), api.check(root)
    assert memo.ran_rules == sum(WID in reads(rule) for rule in OTHER_RULES) < len(OTHER_RULES)
    assert warm.diagnostics == cold.diagnostics
    assert "WID105" in {d.code for d in warm.diagnostics}
