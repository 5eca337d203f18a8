"""``paved new wid|adr`` and ``paved adr supersede``: next free id, a file that
validates except for the sections still to write, byte-preserving supersede."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from paved.generator.cli import main
from paved.generator.core.api import check

MINI = Path(__file__).parent / "fixtures" / "validation" / "mini"
WID_ARGS = [
    "--title",
    "Store footfall (daily)",
    "--domain",
    "sales",
    "--owner-name",
    "Ingrid Solberg",
    "--owner-email",
    "ingrid.solberg@haldencycles.example",
    "--custodian",
    "ingrid-solberg",
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(MINI, target)
    return target


def invoke(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.output


def test_new_wid_takes_the_next_id_and_lists_sections_to_write(repo: Path) -> None:
    code, out = invoke("new", "wid", *WID_ARGS, "--no-input", "--root", str(repo))
    assert code == 0, out
    assert out.splitlines() == [
        "Created wids/WID-0002-store-footfall-daily.md",
        "Still to write (template text):",
        "  - Value proposition",
        "  - Architecture",
        "  - Integration points",
        "  - How the data is surfaced",
        "  - value_proposition",
        "Then check it with: paved validate",
    ]
    assert (repo / "wids" / "WID-0002-store-footfall-daily.md").is_file()


def test_new_wid_validates_except_for_template_text(repo: Path) -> None:
    invoke("new", "wid", *WID_ARGS, "--no-input", "--root", str(repo))
    result = check(repo)
    assert {d.code for d in result.diagnostics} == {"WID113"}
    assert len(result.diagnostics) == 5
    assert result.platform.products["WID-0002"].title == "Store footfall (daily)"


def _run_in_terminal(args: list[str], answers: str, cwd: Path) -> tuple[int, str]:
    """Run the real ``paved`` with a pseudo-terminal as stdin, as a person at a shell would."""
    paved = Path(sys.executable).with_name("paved")
    controller, terminal = os.openpty()
    try:
        process = subprocess.Popen(
            [str(paved), *args],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=cwd,
        )
        os.write(controller, answers.encode())
        output, _ = process.communicate(timeout=60)
    finally:
        os.close(terminal)
        os.close(controller)
    return process.returncode, output.decode()


def test_new_wid_prompts_for_missing_values_at_a_terminal(repo: Path) -> None:
    answers = (
        "Footfall\nsales\nIngrid Solberg\ningrid.solberg@haldencycles.example\ningrid-solberg\n"
    )
    code, out = _run_in_terminal(["new", "wid", "--root", str(repo)], answers, repo)
    assert code == 0, out
    assert "Created wids/WID-0002-footfall.md" in out
    assert (repo / "wids" / "WID-0002-footfall.md").is_file()


def test_new_wid_without_a_terminal_names_the_missing_flags_instead_of_prompting(
    repo: Path,
) -> None:
    code, out = invoke("new", "wid", "--title", "X y z", "--root", str(repo), input="sales\n")
    assert code == 2
    assert "missing --domain, --owner-name, --owner-email, --custodian" in out
    assert not list((repo / "wids").glob("WID-0002*"))


def test_new_wid_without_input_names_the_missing_flags(repo: Path) -> None:
    code, out = invoke("new", "wid", "--title", "X y z", "--no-input", "--root", str(repo))
    assert code == 2
    assert "missing --domain, --owner-name, --owner-email, --custodian" in out


def test_new_adr_is_madr4_and_validates_except_for_template_text(repo: Path) -> None:
    code, out = invoke(
        "new",
        "adr",
        "--title",
        "Use Iceberg",
        "--owner-name",
        "Ingrid",
        "--no-input",
        "--root",
        str(repo),
    )
    assert code == 0, out
    assert out.splitlines()[0] == "Created adrs/0003-use-iceberg.md"
    text = (repo / "adrs" / "0003-use-iceberg.md").read_text()
    assert text.startswith("---\nstatus: proposed\ndate: ")
    assert "## Considered Options" in text
    assert {d.code for d in check(repo).diagnostics} == {"ADR212"}


def test_supersede_updates_only_the_status_lines_of_the_old_adr(repo: Path) -> None:
    old = repo / "adrs" / "0002-hourly-batch.md"
    before = old.read_bytes()
    code, out = invoke(
        "adr",
        "supersede",
        "ADR-0002",
        "--title",
        "Stream till data",
        "--no-input",
        "--root",
        str(repo),
    )
    assert code == 0, out
    assert out.splitlines()[0] == "Marked ADR-0002 superseded by ADR-0003"
    after = old.read_bytes()
    expected = before.replace(
        b"status: accepted\n", b"status: superseded\nsuperseded-by: ADR-0003\n"
    )
    assert after == expected
    new = (repo / "adrs" / "0003-stream-till-data.md").read_text()
    assert "status: accepted\n" in new
    assert "supersedes:\n  - ADR-0002\n" in new
    found = check(repo).diagnostics
    assert {d.code for d in found} == {"ADR212"}  # supersede links agree both ways


def test_new_adr_supersedes_flag_and_unknown_target(repo: Path) -> None:
    code, _ = invoke(
        "new",
        "adr",
        "--title",
        "X",
        "--supersedes",
        "ADR-0009",
        "--no-input",
        "--root",
        str(repo),
    )
    assert code == 2
    assert not (repo / "adrs" / "0003-x.md").exists()


def test_supersede_keeps_crlf_line_endings(repo: Path) -> None:
    old = repo / "adrs" / "0002-hourly-batch.md"
    old.write_bytes(old.read_bytes().replace(b"\n", b"\r\n"))
    invoke("adr", "supersede", "2", "--title", "Next", "--no-input", "--root", str(repo))
    text = old.read_bytes()
    assert b"status: superseded\r\nsuperseded-by: ADR-0003\r\n" in text
    assert b"\n" not in text.replace(b"\r\n", b"")


def test_every_new_and_adr_command_has_an_example_in_its_help() -> None:
    for args in (
        ["new"],
        ["new", "wid"],
        ["new", "adr"],
        ["adr"],
        ["adr", "new"],
        ["adr", "supersede"],
    ):
        code, out = invoke(*args, "--help")
        assert code == 0
        assert "Example:" in out, args


def test_new_wid_reports_other_problems_in_the_new_file(repo: Path) -> None:
    args = [a if a != "ingrid-solberg" else "ingrid-solbreg" for a in WID_ARGS]
    code, out = invoke("new", "wid", *args, "--no-input", "--root", str(repo))
    assert code == 0
    assert (
        "  - wids/WID-0002-store-footfall-daily.md:12:12: custodian 'ingrid-solbreg' does not "
        "exist (did you mean 'ingrid-solberg'? Use a custodian id from the catalogue's "
        "custodians sheet, or add the person there.)"
    ) in out.splitlines()
