"""Incremental validation (``core/validate/incremental.py``, ``cache.py``): after any
sequence of edits, a run through the cache in ``.paved/`` finds exactly what a cold run
finds; a damaged, foreign or planted cache is never trusted; ``--no-cache`` is cold.

The property test edits a small synthetic repository (``benchmarks/generate.py``, tiny,
CSV catalogue) at random: WID, ADR and docs bodies and front matter, catalogue cells,
files added, deleted and renamed. Each step compares the warm findings with a cold run
(``pipeline.load_and_validate``, which knows nothing of the cache).
"""

from __future__ import annotations

import functools
import importlib
import os
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paved.generator.cli import main
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.load import adr_sections, repository
from paved.generator.core.validate import Rule, context, incremental
from paved.generator.core.validate.cache import MAGIC, Store, environment
from paved.generator.core.validate.incremental import Checked, check
from paved.generator.core.validate.inputs import rule_name

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        generate = importlib.import_module("generate")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path_factory.mktemp("tiny") / "repo"
    generate.generate(out, generate.PRESETS["tiny"], seed=3, fmt="csv")
    return out


@pytest.fixture(autouse=True)
def cache_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAVED_CACHE_KEY", "tests")


def fresh(pristine: Path, tmp: Path) -> Path:
    repo = tmp / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    shutil.copytree(pristine, repo)
    return repo


def cold(repo: Path) -> Checked:
    return check(repo, cache=False)


def warm(repo: Path, notes: list[str] | None = None) -> Checked:
    return check(repo, cache=True, note=(notes if notes is not None else []).append)


# --- edits ---------------------------------------------------------------------------


def _pick(repo: Path, folder: str, draw: st.DrawFn, pattern: str = "*.md") -> Path | None:
    files = sorted((repo / folder).rglob(pattern))
    return draw(st.sampled_from(files)) if files else None


def _replace_line(path: Path, prefix: str, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, old in enumerate(lines):
        if old.startswith(prefix):
            lines[i] = line + "\n"
            break
    else:
        lines.append(line + "\n")
    path.write_text("".join(lines), encoding="utf-8")


TEXTS = [
    "A changed title",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "## Extra section\n\nMore words.",
    "",
]


@st.composite
def edit(draw: st.DrawFn, repo: Path) -> str:
    """One random edit of ``repo``; returns what was done (for the failure message)."""
    kind = draw(
        st.sampled_from(
            [
                "wid_field",
                "wid_body",
                "adr_field",
                "adr_body",
                "doc_body",
                "cell",
                "add",
                "delete",
                "rename",
                "nothing",
            ]
        )
    )
    if kind == "nothing":
        return kind
    if kind in {"wid_field", "adr_field"}:
        target = _pick(repo, "wids" if kind == "wid_field" else "adrs", draw)
        if target is None:
            return "no file"
        field, value = draw(
            st.sampled_from(
                [
                    ("title:", "title: Edited"),
                    ("domain:", "domain: nowhere"),
                    ("custodian:", "custodian: david-dal"),
                    ("status:", "status: superseded"),
                    ("status:", "status: accepted"),
                    ("id:", "id: WID-0001"),
                    ("id:", "id: ADR-0002"),
                    ("  wids:", "  wids: [WID-0009]"),
                    ("  datasets:", "  datasets: [nope.table]"),
                    ("  systems:", "  systems: [erp-sales, nope]"),
                ]
            )
        )
        _replace_line(target, field, value)
        return f"{kind} {target.name}: {value}"
    if kind in {"wid_body", "adr_body", "doc_body"}:
        folder = {"wid_body": "wids", "adr_body": "adrs", "doc_body": "docs"}[kind]
        target = _pick(repo, folder, draw)
        if target is None:
            return "no file"
        text = draw(st.sampled_from(TEXTS))
        if draw(st.booleans()):
            target.write_text(target.read_text(encoding="utf-8") + "\n" + text + "\n")
        else:
            _replace_line(target, "## ", text)
        return f"{kind} {target.name}: {text!r}"
    if kind == "cell":
        target = _pick(repo, "custodians", draw, "*.csv")
        assert target is not None
        lines = target.read_text(encoding="utf-8").splitlines()
        if len(lines) < 2:
            return "empty sheet"
        row = draw(st.integers(1, len(lines) - 1))
        cells = lines[row].split(",")
        column = draw(st.integers(0, len(cells) - 1))
        cells[column] = draw(st.sampled_from(["", "sales", "x.y", "david-dal", "WID-0001"]))
        lines[row] = ",".join(cells)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return f"cell {target.name} row {row} column {column}"
    folder = draw(st.sampled_from(["wids", "adrs", "docs"]))
    target = _pick(repo, folder, draw)
    if target is None:
        return "no file"
    if kind == "add":
        copy = target.with_name(f"{draw(st.sampled_from(['WID-0042-', '0042-', 'new-']))}x.md")
        copy.write_bytes(target.read_bytes())
        return f"add {copy.name} from {target.name}"
    if kind == "delete":
        target.unlink()
        return f"delete {target.name}"
    renamed = target.with_name(f"{draw(st.sampled_from(['WID-0077-', '0077-', 'zz-']))}moved.md")
    target.rename(renamed)
    return f"rename {target.name} → {renamed.name}"


# --- the property --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("small_sheet", "racy_ms"), [(context.SMALL_SHEET, None), (8, None), (8, 20)]
)
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_warm_findings_equal_cold_findings_after_random_edits(
    pristine: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    small_sheet: int,
    racy_ms: int | None,
    data: st.DataObject,
) -> None:
    # small_sheet 8: the tiny catalogue's bigger sheets count as big, so warm runs use
    # the catalogue's facts instead of the catalogue (the path a large repository takes).
    monkeypatch.setattr(context, "SMALL_SHEET", small_sheet)
    # racy_ms: files are trusted by their status 20 ms after an edit (not 3 s), so warm
    # runs also take unchanged files and the decision log by status, as on a desk.
    if racy_ms is not None:
        monkeypatch.setattr(incremental, "RACY_NS", racy_ms * 1_000_000)
    repo = fresh(pristine, tmp_path)

    def settle() -> None:
        if racy_ms is not None:
            time.sleep(racy_ms * 1.5 / 1000)

    settle()
    notes: list[str] = []
    assert warm(repo, notes) == cold(repo)  # fills the cache
    done = []
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        done.append(data.draw(edit(repo)))
        settle()
        assert warm(repo, notes) == cold(repo), done
    assert notes == []


@pytest.mark.parametrize("small_sheet", [context.SMALL_SHEET, 8])
def test_edits_do_produce_findings(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_sheet: int
) -> None:
    """The edits the property test draws make the validator find things (otherwise
    comparing empty lists would prove little), each kind in a warm run."""
    monkeypatch.setattr(context, "SMALL_SHEET", small_sheet)
    repo = fresh(pristine, tmp_path)
    warm(repo)
    wids = sorted((repo / "wids").glob("*.md"))
    _replace_line(wids[0], "domain:", "domain: nowhere")
    _replace_line(wids[1], "  datasets:", "  datasets: [nope.table]")
    (repo / "docs" / "index.md").write_text("<script>x</script>\n", encoding="utf-8")
    result = warm(repo)
    assert {"WID104", "WID107", "SEC501"} <= {d.code for d in result.diagnostics}
    assert result == cold(repo)
    datasets = repo / "custodians" / "datasets.csv"
    listed = wids[0].read_text(encoding="utf-8").split("  datasets: [", 1)[1].split("]")[0]
    upstream = listed.split(",")[0].strip()
    text = datasets.read_text(encoding="utf-8")
    assert f"\n{upstream}," in text
    datasets.write_text(text.replace(f"\n{upstream},", "\nrenamed.table,"), encoding="utf-8")
    result = warm(repo)
    assert result == cold(repo)
    assert any(d.code == "WID107" and upstream in d.message for d in result.diagnostics)


def test_unchanged_files_are_not_read_again(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = fresh(pristine, tmp_path)
    warm(repo)
    read: list[str] = []
    real = repository.read_markdown

    def counting(kind: str, file: Path, rel: str):  # type: ignore[no-untyped-def]
        read.append(rel)
        return real(kind, file, rel)

    monkeypatch.setattr(incremental, "read_markdown", counting)
    assert warm(repo) == cold(repo)
    assert read == []
    wid = sorted((repo / "wids").glob("*.md"))[1]
    wid.write_text(wid.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert warm(repo) == cold(repo)
    assert read == [f"wids/{wid.name}"]
    read.clear()
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert warm(repo) == cold(repo)
    assert len(read) == len(list(repo.glob("*/**/*.md")))  # configuration: all again


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose bytes a run reads to hash them (the real reader, counted)."""
    read: list[str] = []
    real = incremental._bounded_bytes

    def counting(file: Path) -> bytes | None:
        read.append(file.name)
        return real(file)

    monkeypatch.setattr(incremental, "_bounded_bytes", counting)
    return read


def test_a_file_whose_status_is_unchanged_is_not_read_to_hash_it(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file of the fresh copy is "old enough" once the racy margin is zero.
    monkeypatch.setattr(incremental, "RACY_NS", 0)
    repo = fresh(pristine, tmp_path)
    time.sleep(0.05)  # past the copy's clock tick
    warm(repo)
    read = _counting_reads(monkeypatch)
    assert warm(repo) == cold(repo)
    assert read == []
    wid = sorted((repo / "wids").glob("*.md"))[1]
    wid.write_text(wid.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    result = warm(repo)
    assert result == cold(repo)
    assert read == [wid.name]


def test_a_same_size_edit_with_its_old_modification_time_is_seen(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A same-size edit that leaves the modification time as it was (a tool that
    restores it, as ``cp -p`` or ``rsync -t`` do) is still seen: the change time, which
    no tool can set, is part of the status. Without the racy margin, so that only the
    status can tell."""
    monkeypatch.setattr(incremental, "RACY_NS", 0)
    repo = fresh(pristine, tmp_path)
    time.sleep(0.05)
    warm(repo)
    wid = sorted((repo / "wids").glob("*.md"))[1]
    before = wid.stat()
    text = wid.read_text(encoding="utf-8")
    edited = text.replace("domain:", "domian:", 1)
    assert len(edited) == len(text)
    assert edited != text
    wid.write_text(edited, encoding="utf-8")
    os.utime(wid, ns=(before.st_atime_ns, before.st_mtime_ns))
    read = _counting_reads(monkeypatch)
    result = warm(repo)
    assert result == cold(repo)
    assert wid.name in read
    assert any(d.location.path == f"wids/{wid.name}" for d in result.diagnostics)


# --- a cache that cannot be trusted ----------------------------------------------------


def test_damaged_cache_is_ignored_with_a_note(pristine: Path, tmp_path: Path) -> None:
    repo = fresh(pristine, tmp_path)
    _replace_line(min((repo / "wids").glob("*.md")), "domain:", "domain: nowhere")
    expected = warm(repo)
    stored = repo / ".paved" / "validate" / "documents.bin"
    data = bytearray(stored.read_bytes())
    data[-10] ^= 0xFF
    stored.write_bytes(bytes(data))
    (repo / ".paved" / "validate" / "catalogue.bin").write_bytes(b"garbage")
    notes: list[str] = []
    assert warm(repo, notes) == expected == cold(repo)
    assert len(notes) == 2
    assert "documents.bin" in notes[0]
    assert "signature" in notes[0]
    assert "catalogue.bin" in notes[1]
    assert "not a Paved validation cache" in notes[1]
    assert all("\n" not in note for note in notes)
    later: list[str] = []
    assert warm(repo, later) == expected
    assert later == []  # rewritten


def test_foreign_cache_is_never_unpickled(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache planted in the repository (a pull request can commit ``.paved/``) or
    written under another key is refused before unpickling: its payload would run."""
    repo = fresh(pristine, tmp_path)
    expected = warm(repo)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (marker.touch, ())  # type: ignore[return-value]

    monkeypatch.setenv("PAVED_CACHE_KEY", "someone else")
    Store(repo, environment(), lambda _: None).write("documents", Evil())
    monkeypatch.setenv("PAVED_CACHE_KEY", "tests")
    notes: list[str] = []
    assert warm(repo, notes) == expected
    assert not marker.exists()
    assert len(notes) == 1
    assert "another user or machine" in notes[0]


def test_cache_of_another_paved_is_ignored_quietly(pristine: Path, tmp_path: Path) -> None:
    """After an upgrade (or an edited rule) the cache is simply rebuilt: expected, so
    no note; its findings are never used."""
    repo = fresh(pristine, tmp_path)
    _replace_line(min((repo / "wids").glob("*.md")), "domain:", "domain: nowhere")
    expected = warm(repo)
    assert expected.diagnostics
    Store(repo, b"\0" * 32, lambda _: None).write("documents", {"result": [], "files": 0})
    Store(repo, b"\0" * 32, lambda _: None).write("catalogue", None)
    notes: list[str] = []
    assert warm(repo, notes) == expected
    assert notes == []
    assert Store(repo, environment(), notes.append).read("documents") is not None  # rewritten


def test_symbolic_link_out_of_the_repository_disables_the_cache(
    pristine: Path, tmp_path: Path
) -> None:
    repo = fresh(pristine, tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / ".paved").symlink_to(outside, target_is_directory=True)
    notes: list[str] = []
    assert warm(repo, notes) == cold(repo)
    assert list(outside.iterdir()) == []
    assert len(notes) == 1
    assert ".paved is not a plain folder" in notes[0]


def test_cache_files_start_with_the_magic(pristine: Path, tmp_path: Path) -> None:
    repo = fresh(pristine, tmp_path)
    warm(repo)
    names = sorted(p.name for p in (repo / ".paved" / "validate").iterdir())
    assert names == [
        "catalogue.bin",
        "documents.bin",
        "files-adr.bin",
        "files-doc.bin",
        "files-wid.bin",
    ]
    for name in names:
        assert (repo / ".paved" / "validate" / name).read_bytes().startswith(MAGIC)
    assert (repo / ".paved" / "validate" / "documents.bin").read_bytes().startswith(MAGIC)


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_no_cache_neither_reads_nor_writes(
    pristine: Path, tmp_path: Path, runner: CliRunner
) -> None:
    repo = fresh(pristine, tmp_path)
    _replace_line(min((repo / "wids").glob("*.md")), "domain:", "domain: nowhere")
    cold_run = runner.invoke(main, ["validate", "--no-cache", str(repo)])
    assert not (repo / ".paved").exists()
    first = runner.invoke(main, ["validate", str(repo)])
    again = runner.invoke(main, ["validate", str(repo)])
    assert (repo / ".paved" / "validate" / "documents.bin").is_file()
    assert cold_run.exit_code == first.exit_code == again.exit_code == 1
    assert cold_run.output == first.output == again.output
    assert "WID104" in cold_run.output


def test_cli_prints_one_line_note_on_stderr(
    pristine: Path, tmp_path: Path, runner: CliRunner
) -> None:
    repo = fresh(pristine, tmp_path)
    runner.invoke(main, ["validate", str(repo)])
    (repo / ".paved" / "validate" / "documents.bin").write_bytes(b"junk")
    result = runner.invoke(main, ["validate", "--format", "json", str(repo)])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("paved: note:")]
    assert len(notes) == 1
    assert "documents.bin" in notes[0]
    assert result.stdout.strip().startswith("[") or result.stdout.strip().startswith("{")


# --- what a warm run does not do again --------------------------------------------------


def _counting_rules(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The real cross-document rules, each call counted by its module's name."""
    calls: Counter[str] = Counter()

    def counted(rule: Rule) -> Rule:
        @functools.wraps(rule)  # keeps __module__: the rule's READS still apply
        def counting(ctx: context.Context) -> list[Diagnostic]:
            calls[rule_name(rule)] += 1
            return rule(ctx)

        return counting

    monkeypatch.setattr(incremental, "OTHER_RULES", tuple(map(counted, incremental.OTHER_RULES)))
    return calls


@pytest.mark.parametrize("small_sheet", [context.SMALL_SHEET, 8])
def test_a_rule_whose_inputs_did_not_change_is_not_run(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_sheet: int
) -> None:
    monkeypatch.setattr(context, "SMALL_SHEET", small_sheet)
    repo = fresh(pristine, tmp_path)
    calls = _counting_rules(monkeypatch)
    warm(repo)
    assert calls["decisions.check"] > 0  # the first run runs them all
    calls.clear()
    page = min((repo / "docs").rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>x</script>\n", "utf-8")
    assert warm(repo) == cold(repo)
    assert set(calls) == {"tags.check"}  # the only rule of OTHER_RULES that reads docs pages
    calls.clear()
    wid = min((repo / "wids").glob("*.md"))
    _replace_line(wid, "domain:", "domain: nowhere")
    result = warm(repo)
    assert result == cold(repo)
    assert "WID104" in {d.code for d in result.diagnostics}
    assert "identity.check" in calls
    assert "references.check" in calls
    assert "identity.adr_records" not in calls
    assert "catalogue.check" not in calls  # the catalogue alone: unchanged
    assert "decisions.check" not in calls
    assert "synonyms.check" not in calls
    calls.clear()
    adr = min((repo / "adrs").glob("*.md"))
    _replace_line(adr, "status:", "status: superseded")
    assert warm(repo) == cold(repo)
    assert "decisions.check" in calls
    assert "identity.adr_records" in calls
    assert "personal_data.check" not in calls  # WIDs and the catalogue only


def _counting_log_splits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each ADR file whose decision log is worked out (split into records)."""
    split: list[str] = []
    real = adr_sections.split_log

    def counting(doc, parse):  # type: ignore[no-untyped-def]
        split.append(doc.path)
        return real(doc, parse)

    monkeypatch.setattr(repository, "split_log", counting)
    return split


def test_an_unchanged_decision_log_is_not_worked_out_again(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incremental, "RACY_NS", 0)
    repo = fresh(pristine, tmp_path)
    time.sleep(0.05)  # past the copy's clock tick
    warm(repo)
    split = _counting_log_splits(monkeypatch)
    _replace_line(min((repo / "wids").glob("*.md")), "title:", "title: Edited")
    result = warm(repo)
    assert split == []  # no ADR changed: the log as the last run left it
    assert result == cold(repo)
    time.sleep(0.05)
    _replace_line(min((repo / "adrs").glob("*.md")), "status:", "status: superseded")
    split.clear()
    result = warm(repo)
    assert split != []  # an ADR changed: the log is read again
    assert result == cold(repo)


@pytest.mark.parametrize("log", ["log4brains", "govuk-forms"])
def test_a_kept_decision_log_with_index_pages_gives_the_cold_findings(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log: str
) -> None:
    """Logs whose index pages give statuses (their records are not the files read one
    by one) are kept whole too, and give exactly a cold run's findings."""
    monkeypatch.setattr(incremental, "RACY_NS", 0)
    repo = fresh(pristine, tmp_path)
    shutil.rmtree(repo / "adrs")
    shutil.copytree(ROOT / "tests" / "fixtures" / "adr-logs" / log / "log", repo / "adrs")
    time.sleep(0.05)
    expected = cold(repo)
    assert warm(repo) == expected
    split = _counting_log_splits(monkeypatch)
    assert warm(repo) == expected
    assert split == []
    assert any(p.stem.lower() in {"readme", "index"} for p in (repo / "adrs").rglob("*.md"))
    wid = min((repo / "wids").glob("*.md"))
    _replace_line(wid, "domain:", "domain: nowhere")
    time.sleep(0.05)
    assert warm(repo) == cold(repo)
    index = next(
        p for p in sorted((repo / "adrs").rglob("*.md")) if p.stem.lower() in {"readme", "index"}
    )
    index.write_text(
        index.read_text(encoding="utf-8").replace("ccepted", "ccepted, then rejected", 1), "utf-8"
    )
    time.sleep(0.05)
    split.clear()
    result = warm(repo)
    assert split != []
    assert result == cold(repo)


def test_a_run_writes_only_the_cache_files_of_the_kinds_that_changed(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incremental, "RACY_NS", 0)  # every status trusted from the first run
    repo = fresh(pristine, tmp_path)
    time.sleep(0.05)
    warm(repo)
    folder = repo / ".paved" / "validate"

    def written() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}

    before = written()
    time.sleep(0.05)  # past the clock tick of the first writes
    _replace_line(min((repo / "wids").glob("*.md")), "domain:", "domain: nowhere")
    assert warm(repo) == cold(repo)
    after = written()
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert rewritten == {"documents.bin", "files-wid.bin"}


def test_an_unchanged_catalogue_is_not_read_to_hash_it(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incremental, "RACY_NS", 0)
    repo = fresh(pristine, tmp_path)
    time.sleep(0.05)
    warm(repo)
    hashed: list[str] = []
    real = incremental._digest_files

    def counting(root: Path, files: list[Path], found: list, salt: bytes) -> bytes:  # type: ignore[type-arg]
        hashed.extend(f.parent.name for f in files)
        return real(root, files, found, salt)

    monkeypatch.setattr(incremental, "_digest_files", counting)
    _replace_line(min((repo / "wids").glob("*.md")), "title:", "title: Edited")
    assert warm(repo) == cold(repo)
    warm_hashed, hashed[:] = list(hashed), []
    assert "custodians" not in warm_hashed
    datasets = repo / "custodians" / "datasets.csv"
    time.sleep(0.05)
    text = datasets.read_text(encoding="utf-8")
    datasets.write_text(text.replace(",", ";", 1), encoding="utf-8")  # same size
    result = warm(repo)
    assert "custodians" in hashed
    assert result == cold(repo)


# --- decision records kept as YAML files ----------------------------------------------

YAML_RECORD = """\
name: Use a message queue for order events
date: 2024-03-01
status: {status}
context: Orders are lost when the consumer restarts.
decision: Publish order events to a durable queue.
consequences: One more system to run.
"""


@pytest.mark.parametrize("status", ["proposed", "no-such-status-at-all"])
def test_an_edit_of_a_yaml_decision_record_is_seen(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: str
) -> None:
    """A decision log may keep its records as YAML files (``adr_yaml``). They are read
    apart from the Markdown records, and a warm run must see an edit of one like any
    other file's: findings equal to a cold run's, after the edit and after it is undone."""
    monkeypatch.setattr(incremental, "RACY_NS", 0)
    repo = fresh(pristine, tmp_path)
    record = repo / "adrs" / "2024-03-01-use-a-message-queue.yaml"
    record.write_text(YAML_RECORD.format(status="accepted"), encoding="utf-8")
    time.sleep(0.05)
    first = warm(repo)
    assert first == cold(repo)
    record.write_text(YAML_RECORD.format(status=status), encoding="utf-8")
    edited = warm(repo)
    assert edited == cold(repo)
    if status == "no-such-status-at-all":
        assert edited != first  # the edit is one the rules report on (ADR214)
    record.unlink()
    assert warm(repo) == cold(repo)


def test_a_file_checked_alone_reads_its_repositorys_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed file's per-document findings (kept in the cache and reused while the
    file is unchanged) come from its own repository's ``mkdocs.yml``, not from that of
    the folder ``paved validate`` was started in: the example's ``adr_strict_from``
    makes a missing section of a newer record an error, the defaults a warning."""
    from example_site import copy_example

    from paved.generator.core.load.repository import load_documents
    from paved.generator.core.load.types import LoadedRepository
    from paved.generator.core.validate.rules import sections

    repo = copy_example(tmp_path / "repo")
    adr = next((repo / "adrs").glob("0008-*.md"))
    text = adr.read_text(encoding="utf-8")
    start = text.index("## Consequences")
    end = text.find("\n## ", start + 1)
    adr.write_text(text[:start] + (text[end + 1 :] if end >= 0 else ""), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no mkdocs.yml here: the defaults
    reader = incremental._Reader({}, root=repo)
    documents = load_documents(repo, reader.read, reader)
    whole = LoadedRepository(root=str(repo), wids=documents.wids, adrs=documents.adrs)
    expected = sections.check(context.Context(whole))
    assert any(d.code == "ADR211" and d.severity.name == "ERROR" for d in expected)
    assert Counter(reader.per_document(0)) == Counter(expected)
