"""``paved validate``: exit codes, formats and exact first lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from paved.generator.cli import main

MINI = Path(__file__).parent / "fixtures" / "validation" / "mini"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(MINI, target)
    return target


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args], env=env)
    return result.exit_code, result.output


def break_domain(repo: Path) -> None:
    wid = repo / "wids" / "WID-0001-store-sales.md"
    wid.write_text(wid.read_text().replace("domain: sales", "domain: sale"))


def test_clean_repository_exits_zero(repo: Path) -> None:
    code, out = run(str(repo))
    assert code == 0
    assert out == "0 errors, 0 warnings in 10 files\n"


def test_errors_exit_one_with_located_first_line(repo: Path) -> None:
    break_domain(repo)
    code, out = run(str(repo))
    assert code == 1
    assert out.splitlines()[0] == (
        "wids/WID-0001-store-sales.md:5:9: error WID104 domain 'sale' does not exist"
    )
    assert out.splitlines()[1].startswith("    hint: did you mean 'sales'?")
    assert out.splitlines()[-1] == "1 error, 0 warnings in 10 files"


def test_warnings_pass_unless_strict_and_quiet_hides_them(repo: Path) -> None:
    datasets = repo / "custodians" / "datasets.csv"
    datasets.write_text(datasets.read_text().replace("One row per own store.", ""))
    code, out = run(str(repo))
    assert code == 0
    assert "warning CAT307" in out
    assert run("--strict", str(repo))[0] == 1
    code, out = run("-q", str(repo))
    assert code == 0
    assert out == "0 errors, 0 warnings in 10 files\n"


def test_json_format(repo: Path) -> None:
    code, out = run("--format", "json", str(repo))
    assert (code, json.loads(out)) == (0, [])
    break_domain(repo)
    code, out = run("--format", "json", str(repo))
    assert code == 1
    assert [d["code"] for d in json.loads(out)] == ["WID104"]


def test_github_format_writes_the_step_summary(repo: Path, tmp_path: Path) -> None:
    break_domain(repo)
    summary = tmp_path / "summary.md"
    code, out = run("--format", "github", str(repo), env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    assert out.splitlines()[0].startswith(
        "::error file=wids/WID-0001-store-sales.md,line=5,col=9,title=WID104 wid-domain-exists::"
    )
    assert "| error | WID104 |" in summary.read_text()


def test_default_path_is_the_current_directory(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert run() == (0, "0 errors, 0 warnings in 10 files\n")


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run(str(tmp_path / "missing"))[0] == 2
    assert run("--format", "xml", str(tmp_path))[0] == 2
    (tmp_path / "file.txt").write_text("x")
    assert run(str(tmp_path / "file.txt"))[0] == 2


def test_bad_content_never_gives_a_traceback(repo: Path) -> None:
    wid = repo / "wids" / "WID-0001-store-sales.md"
    wid.write_bytes(b"---\nid: [unclosed\n---\n\xff\xfe garbage")
    (repo / "custodians" / "columns.csv").write_bytes(b"\x00\x01\x02")
    code, out = run(str(repo))
    assert code == 1
    assert "Traceback" not in out


def test_help_documents_exit_codes_and_an_example() -> None:
    result = CliRunner().invoke(main, ["validate", "--help"])
    assert result.exit_code == 0
    for text in ("Exit codes:", "3  internal error", "Example:", "paved validate ."):
        assert text in result.output


def test_internal_error_is_one_line_and_exits_three(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulate a fault below Paved (the standard library failing while reading files)."""

    def broken_read(self: Path, *args: object, **kwargs: object) -> bytes:
        raise MemoryError("simulated")

    monkeypatch.setattr(Path, "read_bytes", broken_read)
    code, out = run(str(repo))
    assert code == 3
    assert out == "paved: internal error: MemoryError: simulated (please report this)\n"


def test_codes_lists_and_explains() -> None:
    listing = CliRunner().invoke(main, ["codes"])
    assert listing.exit_code == 0
    assert "WID103  error    The WID's file name and its front matter id differ" in listing.output
    assert "YAML001" in listing.output
    one = CliRunner().invoke(main, ["codes", "wid103"])
    assert one.output.splitlines() == [
        "WID103 (error, rule wid-id-matches-file): The WID's file name and its front matter "
        "id differ",
        "fix: Rename the file to `wids/<id>-<slug>.md` or correct the `id:` field.",
    ]
    assert CliRunner().invoke(main, ["codes", "NOPE1"]).exit_code == 2
