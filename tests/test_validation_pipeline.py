"""The validation pipeline: same findings however it runs, and cheap to import."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from paved.generator.core import scaffold
from paved.generator.core.load.repository import load_catalogue
from paved.generator.core.validate.pipeline import (
    CheckedDocuments,
    _collect,
    _fork,
    can_fork,
    check_documents,
    gc_paused,
    load_and_validate,
    worth_a_worker,
)
from paved.generator.core.validate.rules import sections

MINI = Path(__file__).parent / "fixtures" / "validation" / "mini"
HEAVY = (
    "jsonschema.",  # the Python jsonschema package; jsonschema_rs is the validator
    "fastjsonschema",
    "rapidfuzz",
    "jinja2",
    "rich",
    "paved.generator.core.model",
    "paved.generator.core.render",
    "paved.generator.core.scaffold",
    "bot",
    "git",
)


def test_sections_marker_is_the_scaffold_marker() -> None:
    assert sections.MARKER == scaffold.MARKER


def test_template_text_is_found_only_through_the_scaffold() -> None:
    for placeholder in scaffold.placeholders("wid"):
        assert sections.holds_template_text("wid", f"intro\n  {placeholder.upper()}  \n")
    assert not sections.holds_template_text("wid", "Our own words, no template: here.")
    assert not sections.holds_template_text("wid", "Nothing left from the template.")


def test_gc_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_validate_command_does_not_import_heavy_modules() -> None:
    """``paved validate`` on a clean repository never needs the Python jsonschema,
    rapidfuzz (only for "did you mean"), jinja2 (scaffolds), rich, the model or the
    renderer."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from paved.generator.cli.validate import _run\n"
        f"loaded, found = _run(Path({str(MINI)!r}), progress=False)\n"
        "assert loaded.wids and loaded.sheets and not found, found\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


CASES = [
    MINI,
    *sorted((Path(__file__).parent / "fixtures" / "bad").iterdir()),
    *sorted((Path(__file__).parent / "fixtures" / "validation" / "bad").iterdir()),
]


def _only_this_thread() -> None:
    """Let the last worker's executor threads finish, so the next call may fork."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join(timeout=10)


def test_two_processes_give_exactly_the_one_process_result() -> None:
    for case in CASES:
        alone = load_and_validate(case, parallel=False)
        _only_this_thread()
        assert can_fork()  # so the next call really forks
        forked = load_and_validate(case, parallel=True)
        assert forked == alone, case.name


def test_the_worker_sends_back_what_it_read() -> None:
    _only_this_thread()
    pending = _fork(MINI)
    assert pending is not None
    assert pending.result(timeout=60) == check_documents(MINI)


def test_no_fork_while_another_thread_runs() -> None:
    _only_this_thread()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        other.join()
    assert can_fork()


def test_the_spinner_starts_after_the_fork() -> None:
    _only_this_thread()
    seen: list[bool] = []

    @contextmanager
    def spinner() -> Iterator[None]:
        seen.append(True)
        yield

    assert load_and_validate(MINI, parallel=True, progress=spinner) == load_and_validate(
        MINI, parallel=False
    )
    assert seen == [True]


def test_a_dead_worker_means_reading_here() -> None:
    dead: Future[CheckedDocuments] = Future()
    dead.set_exception(BrokenProcessPool("killed"))
    assert _collect(dead, MINI) == check_documents(MINI)


def test_a_workbook_is_overlapped_by_a_thread_not_a_worker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PAVED_PARALLEL", raising=False)
    (tmp_path / "custodians").mkdir()
    (tmp_path / "custodians" / "columns.csv").write_text("x" * 400_000)
    (tmp_path / "wids").mkdir()
    for number in range(1, 151):
        (tmp_path / "wids" / f"WID-{number:04d}-x.md").write_text("---\n---\n")
    (tmp_path / "custodians" / "catalogue.xlsx").write_bytes(b"PK")
    assert not worth_a_worker(tmp_path)


def test_small_repositories_and_the_environment_decide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PAVED_PARALLEL", raising=False)
    assert not worth_a_worker(MINI)  # a few files: one process
    monkeypatch.setenv("PAVED_PARALLEL", "1")
    assert worth_a_worker(MINI)
    monkeypatch.setenv("PAVED_PARALLEL", "0")
    assert not worth_a_worker(MINI)


def test_the_paved_program_exits_fast_with_its_output_and_code() -> None:
    """Run as ``paved`` the command skips the interpreter's teardown (os._exit): the
    report must still be complete and the exit code right."""
    program = Path(sys.executable).parent / "paved"
    if not program.exists():
        pytest.skip("no paved console script in this environment")
    bad = Path(__file__).parent / "fixtures" / "bad" / "header-duplicate"
    done = subprocess.run(
        [str(program), "validate", "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.rstrip().endswith("]")
    assert '"SHEET005"' in done.stdout
    clean = subprocess.run(
        [str(program), "validate", str(MINI)], capture_output=True, text=True, timeout=60
    )
    assert clean.returncode == 0
    assert clean.stdout.endswith("0 errors, 0 warnings in 10 files\n")


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "case",
    [
        MINI,  # a workbook: called while calamine reads it
        FIXTURES / "good" / "csv-catalogue",  # CSV only: called at the end
        FIXTURES / "bad" / "xlsx-corrupt",  # refused before reading: called at the end
        FIXTURES / "bad" / "sheet-far-cell",  # a sheet too wide to read
        FIXTURES / "bad" / "yaml-invalid",  # whatever the catalogue holds
    ],
    ids=lambda p: p.name,
)
def test_meanwhile_runs_exactly_once_and_changes_nothing(case: Path) -> None:
    calls: list[str] = []
    sheets, found = load_catalogue(
        case, meanwhile=lambda: calls.append(threading.current_thread().name)
    )
    assert calls == [threading.current_thread().name]  # run here, not in the helper
    assert (sheets, found) == load_catalogue(case)


def test_without_meanwhile_no_thread_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """PAVED_PARALLEL=0 means one thread: what the profiler (which follows no thread) sees."""
    from concurrent.futures import ThreadPoolExecutor

    from paved.generator.core.load import workbook

    started: list[int] = []

    class Counting(ThreadPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            started.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(workbook, "ThreadPoolExecutor", Counting)
    book = FIXTURES / "bad" / "formula-cells"
    monkeypatch.setenv("PAVED_PARALLEL", "0")
    load_and_validate(book)
    assert started == []
    monkeypatch.delenv("PAVED_PARALLEL")
    load_and_validate(book)
    assert started == [1]


def test_errors_of_meanwhile_are_not_a_damaged_workbook() -> None:
    def broken() -> None:
        raise ValueError("a bug in the Markdown loader")

    with pytest.raises(ValueError, match="a bug in the Markdown loader"):
        load_catalogue(MINI, meanwhile=broken)


def test_one_process_with_the_thread_gives_the_plain_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for case in CASES:
        monkeypatch.setenv("PAVED_PARALLEL", "0")
        plain = load_and_validate(case)
        monkeypatch.delenv("PAVED_PARALLEL")
        assert load_and_validate(case, parallel=False) == plain, case.name


def test_checking_while_rendering_gives_exactly_what_check_gives() -> None:
    """``check_while`` runs the rules in a forked child: same findings, same order, and
    the work it was given saw the same model."""
    from paved.generator.core.api import check, check_while

    for case in CASES:
        _only_this_thread()
        assert can_fork()
        plain = check(case)
        result, products = check_while(case, lambda platform: sorted(platform.products))
        assert result.diagnostics == plain.diagnostics, case.name
        assert products == sorted(plain.platform.products), case.name


def test_a_rule_child_that_dies_is_replaced_by_running_the_rules_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from paved.generator.core import api
    from paved.generator.mkdocs_plugin.speed import forking

    run_aside = forking.run_aside

    def killed(task: object, what: str) -> forking.Aside[object] | None:
        return run_aside(lambda: os._exit(9), what)  # the child dies without a word

    monkeypatch.setattr(forking, "run_aside", killed)
    _only_this_thread()
    result, _ = api.check_while(CASES[0], lambda platform: None)
    assert result.diagnostics == api.check(CASES[0]).diagnostics
