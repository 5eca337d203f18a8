"""Incremental rebuilds (``paved serve``; ``mkdocs_plugin/speed/memo.py`` and
``rebuild.py``): after any sequence of edits the site is byte for byte what a full build
of the same files writes, and unchanged pages are really kept, not rebuilt.

Each step makes one random edit of the bundled example (a WID's title or body, an ADR,
a docs page's text or title, a catalogue cell, a file added, deleted or renamed),
rebuilds incrementally, builds the same files from scratch into another folder, and
compares every file of the two sites.
"""

from __future__ import annotations

import gc
import logging
import random
import shutil
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import mkdocs.structure.pages
import openpyxl
import pytest
from click.testing import CliRunner
from example_site import copy_example
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from paved.generator.cli import main
from paved.generator.mkdocs_plugin.speed.inplace import _ListedOnce, _PagesListedOnce
from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder

#: As ``paved serve`` builds: drafts included, links for the preview server.
SERVE_URL = "http://127.0.0.1:8000/"


def full_build(root: Path, site: Path) -> None:
    """A plain MkDocs build of the same files, in the same mode, into another folder."""
    config = loader(root, site)()
    try:
        build(config, serve_url=SERVE_URL)
    finally:
        config.plugins.on_shutdown()


def loader(root: Path, site: Path) -> Callable[[], MkDocsConfig]:
    def load() -> MkDocsConfig:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        return config

    return load


def tree(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def assert_same_site(incremental: Path, full: Path, done: list[str]) -> None:
    ours, theirs = tree(incremental), tree(full)
    assert sorted(ours) == sorted(theirs), done
    different = [name for name in theirs if ours[name] != theirs[name]]
    assert different == [], (done, different[:10])


# --- edits -------------------------------------------------------------------------------


def _replace_first(path: Path, prefix: str, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, old in enumerate(lines):
        if old.startswith(prefix):
            lines[i] = line + "\n"
            break
    path.write_text("".join(lines), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


KINDS = (
    "wid_title",
    "wid_body",
    "adr_body",
    "doc_body",
    "doc_title",
    "cell",
    "add",
    "delete",
    "rename",
)


def edit(root: Path, rng: random.Random, step: int, kind: str) -> str:
    wids = sorted((root / "wids").glob("WID-*.md"))
    adrs = sorted((root / "adrs").glob("0*.md"))
    docs = sorted(p for p in (root / "docs").rglob("*.md") if p.name != "index.md")
    if kind == "wid_title":
        target = rng.choice(wids)
        _replace_first(target, "title:", f"title: Edited product {step}")
    elif kind == "wid_body":
        target = rng.choice(wids)
        _append(target, f"A line added in step {step}.")
    elif kind == "adr_body":
        target = rng.choice(adrs)
        _append(target, f"Context added in step {step}.")
    elif kind == "doc_body":
        target = rng.choice(docs)
        _append(target, f"A paragraph added in step {step}.")
    elif kind == "doc_title":
        target = rng.choice(docs)
        text = target.read_text(encoding="utf-8")
        if "\n# " in f"\n{text}":
            _replace_first(target, "# ", f"# Retitled in step {step}")
        else:
            _append(target, f"# Retitled in step {step}")
    elif kind == "cell":
        book_path = root / "custodians" / "catalogue.xlsx"
        book = openpyxl.load_workbook(book_path)
        sheet = book["datasets"]
        row = rng.randint(2, sheet.max_row)
        sheet.cell(row=row, column=5).value = f"Description edited in step {step}."
        book.save(book_path)
        target = book_path
    elif kind == "add":
        source = rng.choice(docs)
        target = source.with_name(f"added-{step}.md")
        target.write_text(f"# Added in step {step}\n\nNew page.\n", encoding="utf-8")
    elif kind == "delete":
        target = rng.choice(docs)
        target.unlink()
    else:
        source = rng.choice(docs)
        target = source.with_name(f"renamed-{step}.md")
        source.rename(target)
    return f"{kind} {target.relative_to(root)}"


# --- the property ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "in_place", "collect_every"),
    [(1, False, 0), (7, False, 0), (1, True, 0), (7, True, 0), (11, True, 2)],
)
def test_incremental_site_is_the_full_build_after_random_edits(
    tmp_path: Path, seed: int, in_place: bool, collect_every: int
) -> None:
    """``in_place``: as ``paved serve`` builds (over the previous site, unchanged
    generated pages not even read); otherwise as ``paved build --incremental``.
    ``collect_every``: the heap frozen between builds, as ``paved serve`` has it."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=in_place, collect_every=collect_every)
    load = loader(root, site)
    try:
        builder.build(load, serve_url=SERVE_URL)
        assert builder.last_kept == 0
        assert (gc.get_freeze_count() > 0) == (collect_every > 0)
        rng = random.Random(seed)
        kinds = list(KINDS)
        rng.shuffle(kinds)  # every kind of edit, in a random order, on random files
        done: list[str] = []
        for step, kind in enumerate(kinds):
            done.append(edit(root, rng, step, kind))
            builder.build(load, serve_url=SERVE_URL)
            full = tmp_path / f"full-{step}"
            full_build(root, full)
            assert_same_site(site, full, done)
            shutil.rmtree(full)
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual


@pytest.mark.parametrize("in_place", [False, True])
def test_an_edit_keeps_the_pages_it_does_not_affect(tmp_path: Path, in_place: bool) -> None:
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=in_place)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    total = builder.last_built
    page = next((root / "docs" / "support").glob("*.md"))
    _append(page, "One more sentence for the preview.")
    builder.build(load, serve_url=SERVE_URL)
    assert builder.last_kept + builder.last_built == total
    assert builder.last_kept > total * 0.8, (builder.last_kept, total)
    assert builder.last_built >= 1
    full = tmp_path / "full"
    full_build(root, full)
    assert_same_site(site, full, ["doc_body"])
    assert b"One more sentence for the preview." in b"".join(tree(site).values())
    # In place, the generated pages the edit does not touch are not even read.
    generated_kept = len(builder.memo.skipped)
    assert generated_kept > total * 0.8 if in_place else generated_kept == 0, generated_kept


@pytest.mark.parametrize("in_place", [False, True])
def test_nothing_changed_keeps_every_page(tmp_path: Path, in_place: bool) -> None:
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=in_place)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    before = tree(site)
    builder.build(load, serve_url=SERVE_URL)
    assert builder.last_built == 0
    assert tree(site) == before


def test_a_kept_page_keeps_its_record_when_nothing_changed(tmp_path: Path) -> None:
    """A rebuild does not copy the record of every kept page (``PageMemo.finish``):
    the plugin's inputs come as a new tuple each build but are the same values."""
    root = copy_example(tmp_path / "repo")
    builder = IncrementalBuilder(in_place=True)
    load = loader(root, tmp_path / "site")
    builder.build(load, serve_url=SERVE_URL)
    before = dict(builder.memo.pages)
    builder.build(load, serve_url=SERVE_URL)
    assert builder.last_built == 0
    same = [src_uri for src_uri, kept in before.items() if builder.memo.pages[src_uri] is kept]
    assert len(same) > len(before) * 0.8, (len(same), len(before))


def test_the_theme_is_listed_again_only_when_the_overrides_change(tmp_path: Path) -> None:
    """The theme's files are listed once (``inplace._ListedOnce``), and again when a
    file is added to the overrides, which then is in the site as in a full build."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    listed = _ListedOnce.listings
    _append(next((root / "docs" / "support").glob("*.md")), "A sentence.")
    builder.build(load, serve_url=SERVE_URL)
    assert _ListedOnce.listings == listed, "the theme was listed again, unchanged"
    (root / "overrides" / "paved-added.css").write_text("p { margin: 0 }\n", encoding="utf-8")
    builder.build(load, serve_url=SERVE_URL)
    assert _ListedOnce.listings == listed + 1
    assert (site / "paved-added.css").is_file()
    full = tmp_path / "full"
    full_build(root, full)
    assert_same_site(site, full, ["doc_body", "overrides/paved-added.css"])


def test_in_place_assets_are_copied_only_when_their_source_changed(tmp_path: Path) -> None:
    """Paved's own scripts (the Mermaid bundle: hundreds of files) and the theme's are
    copied once, not on every save; a copy that went missing comes back."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    assets = sorted(path for path in (site / "assets" / "paved").rglob("*") if path.is_file())
    assert len(assets) > 20
    written = {path: path.stat().st_mtime_ns for path in assets}
    assets[0].unlink()
    builder.build(load, serve_url=SERVE_URL)
    assert assets[0].is_file()
    rewritten = [path for path in assets[1:] if path.stat().st_mtime_ns != written[path]]
    assert rewritten == []
    full = tmp_path / "full"
    full_build(root, full)
    assert_same_site(site, full, ["rebuilt twice"])


@pytest.mark.parametrize("in_place", [False, True])
def test_configuration_change_builds_every_page(tmp_path: Path, in_place: bool) -> None:
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=in_place)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Edited ", 1),
        encoding="utf-8",
    )
    builder.build(load, serve_url=SERVE_URL)
    assert builder.last_kept == 0
    full = tmp_path / "full"
    full_build(root, full)
    assert_same_site(site, full, ["mkdocs.yml"])


def test_paved_build_incremental_reuses_the_previous_site_across_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``paved build --incremental`` (CI with the site and ``.paved/`` cached): the
    pages it keeps come from the last run's site and its signed record in ``.paved/``."""
    monkeypatch.setenv("PAVED_CACHE_KEY", "tests")
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    runner = CliRunner()
    args = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--incremental"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert (root / ".paved" / "site" / "pages.bin").is_file()
    rng = random.Random(3)
    for step, kind in enumerate(("wid_title", "doc_body", "cell")):
        done = [edit(root, rng, step, kind)]
        again = runner.invoke(main, args)
        assert again.exit_code == 0, again.output
        assert "kept from the previous build" in again.output
        full = tmp_path / f"full-{step}"
        plain = runner.invoke(main, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(full)])
        assert plain.exit_code == 0, plain.output
        assert_same_site(site, full, done)
    kept = [line for line in again.output.splitlines() if "kept from the previous build" in line]
    assert kept
    assert " 0 kept" not in kept[-1]


@pytest.mark.parametrize("in_place", [False, True])
def test_a_page_that_includes_a_file_follows_the_file(tmp_path: Path, in_place: bool) -> None:
    """pymdownx.snippets expands includes during conversion: the including page's own
    Markdown does not change when the included file does, so it is always rebuilt."""
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "markdown_extensions:\n",
            "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs/snippets]\n",
            1,
        ),
        encoding="utf-8",
    )
    (root / "docs" / "snippets").mkdir()
    (root / "docs" / "snippets" / "shared.txt").write_text("Included, first version.\n", "utf-8")
    page = next((root / "docs" / "support").glob("*.md"))
    _append(page, '--8<-- "shared.txt"')
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=in_place)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    assert b"first version" in b"".join(tree(site).values())
    (root / "docs" / "snippets" / "shared.txt").write_text("Included, second version.\n", "utf-8")
    builder.build(load, serve_url=SERVE_URL)
    assert builder.last_kept > 0
    full = tmp_path / "full"
    full_build(root, full)
    assert_same_site(site, full, ["included file edited"])
    assert b"second version" in b"".join(tree(site).values())


class _Cycle:
    """Garbage that only a full collection frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


def _frozen_garbage() -> weakref.ref[_Cycle]:
    cycle = _Cycle()
    gone = weakref.ref(cycle)
    del cycle
    gc.freeze()  # as a previous build's pages are, between two serve rebuilds
    return gone


def test_the_due_full_collection_waits_until_no_build_runs(tmp_path: Path) -> None:
    """``paved serve``: the full collection every ``collect_every`` builds (over a second
    on a large portal) is made once the server is idle, not during the rebuild whose
    page the author waits for; a build that starts first puts it off by one build
    only, and the site stays the full build's."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True, collect_every=1, collect_when_idle=0.5)
    load = loader(root, site)
    try:
        builder.build(load, serve_url=SERVE_URL)  # the first: due at its end
        gone = _frozen_garbage()
        builder.build(load, serve_url=SERVE_URL)  # puts it off: 2 builds, made in this one
        assert builder.collections == 1
        assert gone() is None
        gone = _frozen_garbage()
        page = next((root / "docs" / "support").glob("*.md"))
        _append(page, "Saved while the portal was idle.")
        builder.build(load, serve_url=SERVE_URL)
        assert gone() is not None  # not collected while the edit waited for its page
        assert builder.collections == 1
        waited = 0.0
        while builder.collections < 2 and waited < 30:
            time.sleep(0.1)
            waited += 0.1
        assert builder.collections == 2
        assert gone() is None
        full = tmp_path / "full"
        full_build(root, full)
        assert_same_site(site, full, ["doc_body"])
    finally:
        gc.unfreeze()


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_serve_prepares_for_the_next_rebuilds_once_idle_not_before_the_page(
    tmp_path: Path,
) -> None:
    """``paved serve``: a rebuild that read the catalogue again (a cell edited) returns,
    so its pages are served, before the load memo's short cut for the next rebuilds is
    made (the rules three times more: seconds on a large portal); so is the full
    collection of the previous build's garbage, made after each rebuild, not every
    fourth. Both are made once the server is idle (``when_idle``, the rebuild's idle
    timer), and the next rebuild's site is still the full build's."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    # An idle timer that never fires by itself: the test makes the idle moment.
    builder = IncrementalBuilder(in_place=True, collect_every=4, collect_when_idle=3600)
    load = loader(root, site)
    messages = _Messages()
    logger = logging.getLogger("mkdocs.plugins.paved")
    logger.addHandler(messages)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        builder.build(load, serve_url=SERVE_URL)
        assert builder.models.loads.unprepared
        builder.when_idle()
        assert not builder.models.loads.unprepared
        assert builder.collections == 1

        book = root / "custodians" / "catalogue.xlsx"
        workbook = openpyxl.load_workbook(book)
        workbook["datasets"].cell(row=2, column=5).value = "Described anew."
        workbook.save(book)
        gone = _frozen_garbage()
        del messages.messages[:]
        builder.build(load, serve_url=SERVE_URL)
        assert "pages built" in messages.messages[-1]  # the page is served from here on
        assert builder.models.loads.unprepared  # not prepared in the rebuild
        assert gone() is not None  # nor collected
        assert builder.collections == 1
        builder.when_idle()
        assert "short cut" in messages.messages[-1]
        assert not builder.models.loads.unprepared
        assert builder.models.loads.rules_on_facts
        assert gone() is None
        assert builder.collections == 2

        wid = min((root / "wids").glob("WID-*.md"))
        _append(wid, "Saved after the short cut was made.")
        builder.build(load, serve_url=SERVE_URL)
        assert not builder.models.loads.unprepared  # the catalogue was not read again
        full = tmp_path / "full"
        full_build(root, full)
        assert_same_site(site, full, ["cell", "wid"])
    finally:
        if builder._idle_timer is not None:
            builder._idle_timer.cancel()
        logger.removeHandler(messages)
        logger.setLevel(level)
        gc.unfreeze()


def test_no_automatic_full_collection_during_a_serve_rebuild(tmp_path: Path) -> None:
    """With the heap frozen between rebuilds, Python's own full collections would scan
    the build's young heap again and again (six a rebuild on a large portal); serve's
    rebuilds make one, at their end, and restore the thresholds."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True, collect_every=100)
    load = loader(root, site)
    full: list[int] = []

    oldest: set[int] = set()  # the oldest generation's threshold during collections

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            oldest.add(gc.get_threshold()[2])
            if info["generation"] == 2:
                full.append(1)

    thresholds = gc.get_threshold()
    young, middle, _ = thresholds
    gc.callbacks.append(count)
    try:
        # A full collection due after every other collection of the middle generation:
        # the example is small, a large portal's rebuild makes millions of objects.
        gc.set_threshold(young, middle, 1)
        builder.build(load, serve_url=SERVE_URL)  # the first: the collector's own
        assert gc.get_freeze_count() > 0
        # Python starts a full collection only once the objects that reached the oldest
        # generation since the last one are a quarter of what it kept then: after a
        # full collection of a frozen heap, that is soon (as it was on a large portal).
        full.clear()
        gc.collect()
        assert full == [1]  # the count sees the full collections
        full.clear()
        oldest.clear()
        page = next((root / "docs" / "support").glob("*.md"))
        for step in range(3):
            _append(page, f"Edit {step} while the heap is frozen.")
            builder.build(load, serve_url=SERVE_URL)
        assert full == [1, 1, 1]  # one a rebuild, at its end, of what is not frozen
        assert oldest, "no collection ran during the rebuilds"
        assert 1 not in oldest  # not even due
        assert gc.get_threshold() == (young, middle, 1)
        full_build(root, tmp_path / "full")
        assert_same_site(site, tmp_path / "full", ["doc_body"] * 3)
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*thresholds)
        gc.unfreeze()


# --- a rebuild asked for while nothing the portal reads changed (``speed/unchanged.py``) --


def _written(site: Path) -> dict[str, int]:
    return {
        path.relative_to(site).as_posix(): path.stat().st_mtime_ns
        for path in site.rglob("*")
        if path.is_file()
    }


def _served_example(tmp_path: Path) -> tuple[Path, Path, IncrementalBuilder, float]:
    """The example copied and built as serve does (and how long the first build took);
    the second build knows ``mkdocs.yml`` before loading it, so it records its state."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True)
    started = time.monotonic()
    builder.build(loader(root, site), serve_url=SERVE_URL)
    first = time.monotonic() - started
    builder.build(loader(root, site), serve_url=SERVE_URL)
    assert builder.unchanged == 0
    return root, site, builder, first


def test_a_save_under_way_and_a_swap_file_rewrite_nothing(tmp_path: Path) -> None:
    """A workbook save writes a temporary file beside the workbook before renaming it
    over it; an editor keeps a swap file beside the page it edits (and vim writes and
    removes ``4913``). The rebuilds they ask for end at once, and the site is untouched."""
    root, site, builder, first = _served_example(tmp_path)
    load = loader(root, site)
    written = _written(site)
    book = root / "custodians" / "catalogue.xlsx"
    staged = book.with_name("catalogue.xlsx.tmp")
    staged.write_bytes(book.read_bytes())
    probe = root / "docs" / "4913"
    probe.write_bytes(b"")
    probe.unlink()
    swap = root / "docs" / "get-started" / ".index.md.swp"
    swap.write_bytes(b"b0VIM 9.0")
    started = time.monotonic()
    builder.build(load, serve_url=SERVE_URL)
    took = time.monotonic() - started
    print(f"first build {first:.2f} s, rebuild asked for by the save {took:.3f} s")
    assert _written(site) == written, "a file of the site was written again"
    assert took < first / 5, (took, first)
    assert builder.unchanged == 1
    # the save ends: the temporary file becomes the workbook (one cell edited)
    workbook = openpyxl.load_workbook(book)
    workbook["datasets"].cell(row=2, column=5).value = "Edited while the save was under way."
    workbook.save(staged)
    staged.replace(book)
    builder.build(load, serve_url=SERVE_URL)
    assert builder.unchanged == 1
    # the next save begins at once: the workbook just written is compared by content
    written = _written(site)
    book.with_name("catalogue.xlsx.2.tmp").write_bytes(book.read_bytes())
    builder.build(load, serve_url=SERVE_URL)
    assert builder.unchanged == 2
    assert _written(site) == written
    (site / "get-started" / "index.html").unlink()  # a page removed by hand comes back
    builder.build(load, serve_url=SERVE_URL)
    assert builder.unchanged == 2
    full = tmp_path / "full"
    full_build(root, full)  # the swap file is still there
    assert_same_site(site, full, ["custodians/catalogue.xlsx saved through a temporary file"])


def test_a_one_byte_edit_right_after_a_kept_rebuild_shows(tmp_path: Path) -> None:
    """No change is ever skipped: the byte written right after a rebuild that kept
    the site (the same size, the same second) is in the next one."""
    root, site, builder, _ = _served_example(tmp_path)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    wid = min((root / "wids").glob("WID-*.md"))
    text = wid.read_text(encoding="utf-8")
    at = text.index("title:") + len("title: ")
    changed = "Z" if text[at] != "Z" else "Y"
    wid.write_text(text[:at] + changed + text[at + 1 :], encoding="utf-8")
    builder.build(load, serve_url=SERVE_URL)
    assert builder.last_built > 0
    full = tmp_path / "full"
    full_build(root, full)
    assert_same_site(site, full, [f"one byte of {wid.name}"])


@pytest.mark.parametrize("changed", ["mkdocs.yml", "overrides/main.html"])
def test_the_configuration_or_an_override_still_rebuilds(tmp_path: Path, changed: str) -> None:
    root, site, builder, _ = _served_example(tmp_path)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    path = root / changed
    if changed == "mkdocs.yml":
        text = path.read_text(encoding="utf-8").replace("site_name: ", "site_name: Edited ", 1)
    else:
        text = path.read_text(encoding="utf-8") + "\n<!-- edited -->\n"
    path.write_text(text, encoding="utf-8")
    builder.build(load, serve_url=SERVE_URL)
    assert builder.last_kept == 0  # every page built again
    full = tmp_path / "full"
    full_build(root, full)
    assert_same_site(site, full, [changed])


def test_the_sitemap_is_written_again_only_when_a_page_url_or_date_changes(
    tmp_path: Path,
) -> None:
    """An edit that changes no page's URL leaves MkDocs' sitemap as the last build
    wrote it (``speed/sitemap.py``: not rendered from every page again); a page added
    is in it, as in a full build."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True)

    def load(folder: Path = site) -> MkDocsConfig:
        config = loader(root, folder)()
        config.site_url = SERVE_URL  # as ``paved serve`` sets it: the sitemap lists pages
        return config

    def full_build_served(folder: Path) -> None:
        config = load(folder)
        try:
            build(config, serve_url=SERVE_URL)
        finally:
            config.plugins.on_shutdown()

    builder.build(load, serve_url=SERVE_URL)
    sitemaps = [site / "sitemap.xml", site / "sitemap.xml.gz"]
    written = [path.stat().st_mtime_ns for path in sitemaps]
    _append(next((root / "docs" / "support").glob("*.md")), "One more sentence.")
    builder.build(load, serve_url=SERVE_URL)
    assert builder.last_built >= 1
    assert [path.stat().st_mtime_ns for path in sitemaps] == written
    full = tmp_path / "full"
    full_build_served(full)
    assert_same_site(site, full, ["doc_body"])
    (root / "docs" / "support" / "added-for-the-sitemap.md").write_text(
        "# Added\n\nA new page.\n", encoding="utf-8"
    )
    builder.build(load, serve_url=SERVE_URL)
    assert b"added-for-the-sitemap/" in (site / "sitemap.xml").read_bytes()
    shutil.rmtree(full)
    full_build_served(full)
    assert_same_site(site, full, ["doc_body", "page added"])


def test_a_rebuild_lists_the_documentation_pages_once_and_dates_them_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An in-place rebuild passes over every file for its documentation pages once per
    inclusion level once the files are settled (``inplace._PagesListedOnce``: MkDocs,
    the plugin and the build asked eight times), and asks MkDocs for the build date
    once for all the pages outside the navigation (``_build_date_once``), not once per
    page; the site is still byte for byte a full build's, and a page whose output was
    removed by hand is still written again."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True)
    load = loader(root, site)
    builder.build(load, serve_url=SERVE_URL)
    listed, dated = [0], [0]
    listing = Files.documentation_pages
    dating = mkdocs.structure.pages.get_build_date

    def documentation_pages(files: Files, **kwargs: Any) -> Sequence[File]:
        listed[0] += 1
        return listing(files, **kwargs)

    def get_build_date() -> str:
        dated[0] += 1
        return dating()

    monkeypatch.setattr(Files, "documentation_pages", documentation_pages)
    monkeypatch.setattr(mkdocs.structure.pages, "get_build_date", get_build_date)
    lists_before = _PagesListedOnce.listings
    _append(next((root / "docs" / "support").glob("*.md")), "One more sentence.")
    (site / "get-started" / "index.html").unlink()
    builder.build(load, serve_url=SERVE_URL)
    pages = builder.last_built + builder.last_kept
    assert builder.last_built >= 2  # the edited page and the one removed by hand
    assert pages > 50
    # The plugin's ``on_files`` lists the pages before they are settled: MkDocs' own.
    assert listed[0] <= 1, listed
    assert _PagesListedOnce.listings - lists_before <= 3  # all, in the build, in serve
    # The pages the navigation names are made by MkDocs' ``get_navigation`` as before.
    assert dated[0] < pages / 4, (dated, pages)
    monkeypatch.undo()
    full = tmp_path / "full"
    full_build(root, full)
    assert_same_site(site, full, ["doc_body", "page removed by hand"])


def test_serve_collects_a_rebuild_s_garbage_once_idle_not_before_the_page(
    tmp_path: Path,
) -> None:
    """``paved serve`` (an idle collection after every rebuild): a rebuild that follows
    an idle collection makes no full collection before it returns, not even of its own
    young heap (the idle one after it scans everything anyway); its garbage is freed
    once idle, and the next site is still the full build's."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True, collect_every=4, collect_when_idle=3600)
    load = loader(root, site)
    full: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    gc.callbacks.append(count)
    try:
        builder.build(load, serve_url=SERVE_URL)
        builder.when_idle()
        page = next((root / "docs" / "support").glob("*.md"))
        _append(page, "Saved while the heap is frozen.")
        full.clear()
        builder.build(load, serve_url=SERVE_URL)
        assert builder.last_built >= 1
        assert full == []  # none while the edit waited for its page
        collections = builder.collections
        builder.when_idle()
        assert full == [1]
        assert builder.collections == collections + 1
        # Back to back (no idle moment between): the second collects its own garbage,
        # so a burst of saves does not freeze a build's garbage after another.
        _append(page, "Saved again at once.")
        builder.build(load, serve_url=SERVE_URL)
        _append(page, "And once more.")
        full.clear()
        builder.build(load, serve_url=SERVE_URL)
        assert full == [1]
        assert_same_site(site, _full_site(root, tmp_path / "full"), ["doc_body"] * 3)
    finally:
        gc.callbacks.remove(count)
        if builder._idle_timer is not None:
            builder._idle_timer.cancel()
        gc.unfreeze()


def _full_site(root: Path, folder: Path) -> Path:
    full_build(root, folder)
    return folder


def test_a_serve_rebuild_walks_no_frozen_heap_and_copies_no_page_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A serve rebuild knows whether it froze the heap without ``gc.get_freeze_count``
    (a walk over every frozen object: 0.1 s a rebuild of a large portal), and the
    plugin does not copy each generated page's record to drop its Markdown
    (``hand_over_markdown``: serve's memos keep that text anyway); the site is still
    byte for byte a full build's."""
    root = copy_example(tmp_path / "repo")
    site = tmp_path / "site"
    builder = IncrementalBuilder(in_place=True, collect_every=4, collect_when_idle=3600)
    plugins: list[Any] = []

    def load() -> MkDocsConfig:
        config = loader(root, site)()
        plugins.append(config.plugins["paved"])
        return config

    try:
        builder.build(load, serve_url=SERVE_URL)
        builder.when_idle()
        walks = [0]
        count = gc.get_freeze_count

        def get_freeze_count() -> int:
            walks[0] += 1
            return count()

        monkeypatch.setattr(gc, "get_freeze_count", get_freeze_count)
        _append(next((root / "docs" / "support").glob("*.md")), "Saved on a frozen heap.")
        builder.build(load, serve_url=SERVE_URL)
        assert walks == [0]
        assert builder.last_built >= 1
        records = plugins[-1].pages.generated
        assert records
        assert all(page.markdown for page in records.values())  # the records as rendered
        monkeypatch.undo()
        assert_same_site(site, _full_site(root, tmp_path / "full"), ["doc_body"])
    finally:
        if builder._idle_timer is not None:
            builder._idle_timer.cancel()
        gc.unfreeze()
