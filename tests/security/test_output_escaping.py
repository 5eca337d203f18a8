"""Control characters in file names and content never reach a terminal, a CI log, a
workflow command, the step summary or JSON raw (TO-001..TO-010): each format has one
escaping function and every reporter uses it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from paved.generator.core.diagnostics import Diagnostic, Location, Severity
from paved.generator.report import github, text
from paved.generator.report import json as json_report
from paved.generator.report.escape import (
    json_text,
    summary_cell,
    terminal,
    workflow_data,
    workflow_property,
)

CASES = {
    case["id"]: case
    for case in yaml.safe_load(
        (Path(__file__).parent / "cases" / "input_cases.yaml").read_text(encoding="utf-8")
    )
}
PAVED = Path(sys.executable).parent / "paved"
HOSTILE = [
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;Y3VybA==\x07",  # OSC 52 clipboard
    "over\rwrite",
    "bell\x07",
    "nul\x00",
    "invoice\u202emd.exe",
    "line\u2028sep",
    "csi\x9b2J",  # 8-bit CSI
    "del\x7f",
    "surrogate\udcff",  # an undecodable byte of a file name
]
#: Nothing of these may appear raw in any output.
RAW = ("\x1b", "\x07", "\r", "\x00", "\u202e", "\u2028", "\x9b", "\x7f", "\udcff")


def raw_in(output: str) -> list[str]:
    return [repr(c) for c in RAW if c in output]


def hostile(value: str) -> Diagnostic:
    return Diagnostic(
        code="WID101",
        severity=Severity.ERROR,
        location=Location(f"wids/{value}.md", line=3, column=1),
        message=f"status {value!s} is bad",
        hint=f"use {value}",
        rule="wid-schema",
        related=(Location(f"docs/{value}.md", line=1),),
    )


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_every_format_escapes_every_control(value: str) -> None:
    found = [hostile(value)]
    outputs = {
        "text": text.render(found, 1),
        "text-colour": text.render(found, 1, colour=True).replace("\x1b[", "<SGR>"),
        "github": github.render(found),
        "summary": github.step_summary(found, 1),
        "json": json_report.render(found),
    }
    for name, output in outputs.items():
        assert raw_in(output) == [], name
    # JSON keeps the exact value, only written as escapes.
    assert json.loads(outputs["json"])[0]["location"]["path"] == f"wids/{value}.md"


def test_terminal_shows_escapes_people_can_read() -> None:
    assert terminal("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert terminal("x\ry\nz\t") == "x\\ry\\nz\\t"
    assert terminal("invoice\u202emd.exe") == "invoice\\u202emd.exe"
    assert terminal("Café ünïcode — fine") == "Café ünïcode — fine"


def test_workflow_commands_follow_githubs_rules_after_escaping() -> None:
    assert workflow_data("50% done\nhint: x") == "50%25 done%0Ahint: x"
    assert workflow_data("a\rb") == "a\\rb"
    assert workflow_property("docs/a:b,c%.md") == "docs/a%3Ab%2Cc%25.md"
    assert workflow_property("a\nb::error::x") == "a\\nb%3A%3Aerror%3A%3Ax"


def test_a_forged_workflow_command_stays_one_annotation() -> None:
    found = [hostile("x\n::error file=evil.md::forged")]
    lines = github.render(found).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::error file=wids/x\\n%3A%3Aerror file=evil.md%3A%3Aforged.md,")


def test_summary_cells_render_as_plain_text() -> None:
    cell = summary_cell("<img src=x onerror=alert(1)> [a](javascript:x) | `b` @team *c*")
    for raw in ("<", ">", "|", "`", "[", "]", "@", "*"):
        assert raw not in cell
    assert "&lt;img" in cell


def test_json_text_keeps_values() -> None:
    rendered = json.dumps({"a": "x\u202ey\x9b\udcff"}, ensure_ascii=False)
    assert json.loads(json_text(rendered)) == {"a": "x\u202ey\x9b\udcff"}
    assert raw_in(json_text(rendered)) == []


# --- the real program, with the corpus' cases -----------------------------------


def run(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(PAVED), "validate", str(root), *args],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


def assert_clean(output: bytes) -> None:
    for raw in (b"\x1b", b"\x07", b"\r", b"\x00", "\u202e".encode(), b"\xc2\x9b"):
        assert raw not in output, (raw, output[-800:])
    assert b"Traceback" not in output


@pytest.mark.parametrize("case_id", ["TO-001", "TO-002", "TO-006", "TO-009"])
def test_hostile_file_names_are_refused_and_shown_escaped(tmp_path: Path, case_id: str) -> None:
    name = CASES[case_id]["payload"]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Page\n\nText.\n", encoding="utf-8")
    for fmt in ("text", "github", "json"):
        summary = tmp_path / "summary.md"
        result = run(tmp_path, "--format", fmt, env={"GITHUB_STEP_SUMMARY": str(summary)})
        assert result.returncode == 1, result.stdout
        assert b"FILE007" in result.stdout
        assert_clean(result.stdout + result.stderr)
        if fmt == "github":
            assert_clean(summary.read_bytes())


def test_undecodable_file_name_bytes_are_shown_escaped(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / os.fsdecode(b"bad\xff.md")).write_text("# Page\n", encoding="utf-8")
    for fmt in ("text", "github", "json"):
        result = run(tmp_path, "--format", fmt)
        assert result.returncode == 1
        assert b"FILE007" in result.stdout
        assert b"internal error" not in result.stderr
        assert b"\\xff" in result.stdout or b"\\udcff" in result.stdout


def test_to004_control_characters_in_front_matter_values(tmp_path: Path) -> None:
    (tmp_path / "wids").mkdir()
    (tmp_path / "wids" / "WID-0941-bell.md").write_text(
        CASES["TO-004"]["payload"], encoding="utf-8"
    )
    for fmt in ("text", "github", "json"):
        result = run(tmp_path, "--format", fmt)
        assert result.returncode == 1
        assert_clean(result.stdout + result.stderr)


def test_to007_and_to010_catalogue_values_and_header_names(tmp_path: Path) -> None:
    # Spreadsheet XML cannot hold ESC or BEL at all (the workbook is refused as damaged),
    # so the catalogue's way in is CSV: values, header names and sheet-like names.
    folder = tmp_path / "custodians"
    folder.mkdir()
    (folder / "domains.csv").write_text(
        f"id,name,\x1b]0;pwned\x07name\n{CASES['TO-007']['payload']},x,y\n", encoding="utf-8"
    )
    (folder / "lineage.csv").write_text(
        "\x1b]0;pwned\x07up,down\n\x1b[6n,\u202ex\n", encoding="utf-8"
    )
    (folder / "systems\x1b[2J.csv").write_text("id\nx\n", encoding="utf-8")
    for fmt in ("text", "github", "json"):
        result = run(tmp_path, "--format", fmt)
        assert result.returncode == 1
        assert_clean(result.stdout + result.stderr)


NYGARD = "# {n}. Record\n\nDate: 2024-01-0{n}\n\n## Status\n\n{status}\n\n## Context\n\nText.\n"


@pytest.mark.parametrize("dry_run", [True, False])
def test_adr_import_shows_file_names_and_status_words_escaped(
    tmp_path: Path, dry_run: bool
) -> None:
    """``paved adr import`` prints each record's file name and what it left to decide (a
    status word): a log from elsewhere must not retitle the terminal, write the
    clipboard or forge a line of the report."""
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    forged = "\x1b]0;pwned\x07ord\nFORGED-0009.md: keep\u202edm.exe"
    (log / f"0001-rec{forged}.md").write_text(
        NYGARD.format(n=1, status="Accepted"), encoding="utf-8"
    )
    (log / "0002-word.md").write_text(
        NYGARD.format(n=2, status="Appr\x1b]52;c;Y3VybA==\x07oved\u202e"), encoding="utf-8"
    )
    (log / "0003-img\x1b]8;;evil\x1b\\x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = subprocess.run(
        [str(PAVED), "adr", "import", str(log), "--root", str(tmp_path),
         *(["--dry-run"] if dry_run else [])],
        capture_output=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout + result.stderr)
    out = result.stdout.decode("utf-8")
    assert "\\x1b]0;pwned\\x07ord\\nFORGED-0009.md: keep\\u202edm.exe.md: " in out
    assert not [line for line in out.splitlines() if line.startswith("FORGED")]
    assert "0003-img\\x1b]8;;evil\\x1b\\x.png: " in out


@pytest.mark.parametrize("report", ["feedback", "questions"])
def test_report_json_escapes_what_json_leaves_raw(tmp_path: Path, report: str) -> None:
    """``paved report ... --format json`` is JSON text like the validator's: the bidi
    controls and line separators the feedback API accepts are written as ``\\uXXXX``
    escapes, and the values read back as they were typed."""
    from paved.bot.store import NewFeedback, open_store

    typed = "invoice\u202emd.exe\u2028line\u2029para\u200f"
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    store = open_store(url)
    try:
        store.add_feedback(
            NewFeedback(page="/docs/", rating=0, title=typed, url="/docs/", comment=typed)
        )
        store.record_unanswered(typed)
    finally:
        store.close()
    result = subprocess.run(
        [str(PAVED), "report", report, "--format", "json"],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PAVED_DATABASE_URL": url},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert raw_in(out) == []
    assert "\u2029" not in out
    assert "\u200f" not in out
    assert typed in json.dumps(json.loads(out), ensure_ascii=False)


@pytest.mark.parametrize("report", ["feedback", "questions"])
def test_report_text_cannot_forge_a_line(tmp_path: Path, report: str) -> None:
    """The feedback API keeps line breaks in a title and a question (only other controls
    are refused), and ``paved report ... --format text`` printed them as they were: a
    stored value forged rows of the report (a page rated 99 times 👎, a question asked
    9,999 times). Each stored value stays on its line, its breaks shown as escapes."""
    from paved.bot.store import NewFeedback, open_store

    forged = "Docs\nFORGED  99 99 99  worse\u2028FORGED\u2029FORGED\x85FORGED"
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    store = open_store(url)
    try:
        # The title is never printed (a sender's word is not a page's label); the comment
        # is, under its page.
        store.add_feedback(
            NewFeedback(page="/docs/", rating=0, title=forged, url="/docs/", comment=forged)
        )
        store.record_unanswered("How?\n  9999 × FORGED\u2028FORGED")
    finally:
        store.close()
    result = subprocess.run(
        [str(PAVED), "report", report, "--format", "text"],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PAVED_DATABASE_URL": url},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "FORGED" in out
    lines = re.split("[\n\u2028\u2029\x85]", out)
    assert [line for line in lines if line.lstrip(" 9×").startswith("FORGED")] == []
    if report == "questions":  # a question's breaks are shown as escapes
        assert "\\n" in out
        assert "\\u2028FORGED" in out
    else:  # a comment's breaks are folded into spaces, on its one line
        assert "Docs FORGED  99 99 99  worse FORGED FORGED FORGED" in out
