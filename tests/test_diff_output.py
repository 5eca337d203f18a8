"""paved diff output: GitHub workflow commands and the Markdown review checked against
GitHub's documented formats, JSON for tools, text for people, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from diff_helpers import Platform, Repo, _col, default_platform

from paved.generator.cli import main
from paved.generator.core.diff.changes import DiffResult
from paved.generator.core.diff.run import diff_repository
from paved.generator.report.diff import github

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# https://docs.github.com/actions/reference/workflow-commands-for-github-actions:
# ::error file={name},line={line},endLine={endLine},title={title}::{message}
# Property values escape %, CR, LF, ':' and ','; the message escapes %, CR and LF.
COMMAND = re.compile(
    r"^::(error|warning|notice) "
    r"file=(?P<file>[^,:\r\n]+),line=(?P<line>[1-9]\d*)(?:,col=[1-9]\d*)?,title=(?P<title>[^,:\r\n]+)"
    r"::(?P<message>[^\r\n]*)$"
)
NAME = "<script>x</script>|@everyone"
HOSTILE = "@everyone <script>alert(1)</script> | [x](javascript:alert(1)) `code` %0A::error::"


def _branch(tmp_path: Path, after: Platform) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.commit(default_platform(), "base")
    repo.branch()
    repo.commit(after, "change")
    return repo


def _breaking_and_hostile(tmp_path: Path) -> Repo:
    after = default_platform()
    after.rows("columns").remove(after.row("columns", dataset="pos.sales_lines", name="amount"))
    after.row("columns", dataset="pos.stores", name="store_name")["description"] = HOSTILE
    after.rows("columns").append(_col("pos.stores", NAME, "string", HOSTILE))
    return _branch(tmp_path, after)


def test_github_annotations_follow_the_documented_format(tmp_path: Path) -> None:
    repo = _breaking_and_hostile(tmp_path)
    summary = tmp_path / "summary.md"
    comment = tmp_path / "comment.md"
    result = CliRunner(env={"GITHUB_STEP_SUMMARY": str(summary)}).invoke(
        main,
        [
            "diff",
            str(repo.root),
            "--base",
            "main",
            "--format",
            "github",
            "--comment-file",
            str(comment),
        ],
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert lines[-1] == "paved diff: 1 breaking, 0 to review, 2 for information"
    assert len(commands) == 3
    for line in commands:
        match = COMMAND.match(line)
        assert match, line
        assert "::error::" not in match.group("message")  # a forged command stays text
    first = COMMAND.match(commands[0])
    assert first is not None
    assert first.group(1) == "error"
    assert first.group("file") == "custodians/datasets.csv"
    assert first.group("title") == "paved diff%3A breaking column.removed"
    # Summary and comment are the same review, starting with the sticky marker.
    assert summary.read_text() == comment.read_text()
    assert comment.read_text().startswith(github.MARKER + "\n")


def test_review_shows_contributed_text_as_text(tmp_path: Path) -> None:
    repo = _breaking_and_hostile(tmp_path)
    review = github.review(diff_repository(repo.root, "main"), fail_on="breaking", failed=True)
    assert "<script>" not in review
    assert "@everyone" not in review
    assert "](javascript:" not in review
    assert "&lt;script&gt;" in review
    table = [line for line in review.splitlines() if line.startswith("| ") and "&#124;" in line]
    assert table
    assert table[0].count("|") == 3  # two cells: the pipe in the name is escaped
    assert "❌ **This check fails**" in review
    assert "#### 🔴 Column pos.sales&#95;lines.amount (decimal) was removed." in review
    assert "**Products that use it (2):** **WID-0002** Product 2, **WID-0001** Product 1" in review


def test_review_fits_a_github_comment(tmp_path: Path) -> None:
    after = default_platform()
    for i in range(3000):
        after.rows("columns").append(_col("pos.stores", f"extra_{i}", "string", "x" * 60))
    repo = _branch(tmp_path, after)
    result = diff_repository(repo.root, "main")
    assert len(result.changes) == 3000
    review = github.review(result, fail_on="breaking", failed=False)
    assert len(review) <= github.COMMENT_LIMIT
    assert review.count("<details>") == review.count("</details>") == 1
    assert "more: run <code>paved diff</code> to see them all." in review


def test_json_has_stable_keys(tmp_path: Path) -> None:
    repo = _breaking_and_hostile(tmp_path)
    result = CliRunner().invoke(
        main, ["diff", str(repo.root), "--base", "main", "--format", "json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"base", "head", "fail_on", "failed", "counts", "notes", "changes"}
    assert data["counts"] == {"info": 2, "review": 0, "breaking": 1}
    assert data["failed"] is True
    first = data["changes"][0]
    assert first["kind"] == "column.removed"
    assert first["effective_level"] == "breaking"
    assert first["location"]["text"].startswith("custodians/datasets.csv[datasets]!A")
    assert [p["id"] for p in first["impact"]["products"]] == ["WID-0002", "WID-0001"]
    assert HOSTILE in json.dumps(data["changes"])


def test_text_output_and_fail_on(tmp_path: Path) -> None:
    after = default_platform()
    after.row("columns", dataset="pos.sales_lines", name="amount")["type"] = "integer"
    after.row("datasets", id="pos.stores")["classification"] = "confidential"
    repo = _branch(tmp_path, after)
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(repo.root), "--base", "main"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("paved diff main (")
    assert lines[1] == (
        "custodians/columns.csv[columns]!C3: breaking column.type "
        "Column pos.sales_lines.amount: type changed from decimal to integer."
    )
    assert "    downstream: lake.cur_sales (1 hop), lake.prd_daily (2 hops)" in lines
    assert "    products: WID-0002 Product 2, WID-0001 Product 1" in lines
    assert lines[-1] == "1 breaking, 1 to review, 0 for information; fails --fail-on breaking"
    never = runner.invoke(main, ["diff", str(repo.root), "--base", "main", "--fail-on", "never"])
    assert never.exit_code == 0
    assert never.output.splitlines()[-1].endswith("; passes")


def test_clean_diff_passes_every_policy(tmp_path: Path) -> None:
    repo = _branch(tmp_path, default_platform())
    for policy in ("breaking", "review", "never"):
        result = CliRunner().invoke(
            main, ["diff", str(repo.root), "--base", "main", "--fail-on", policy]
        )
        assert result.exit_code == 0
    review = github.review(DiffResult(base="main", head="abc"), fail_on="breaking", failed=False)
    assert "No changes to products, decisions or the catalogue" in review


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["diff", "--help"])
    assert result.exit_code == 0
    for text in ("Example:", "paved diff --base origin/main", "Exit codes:", "--fail-on"):
        assert text in result.output


def test_an_intended_break_is_visible_in_the_review_and_passes(tmp_path: Path) -> None:
    after = default_platform()
    after.rows("columns").remove(after.row("columns", dataset="pos.sales_lines", name="amount"))
    repo = Repo(tmp_path / "repo")
    repo.commit(default_platform(), "base")
    repo.branch()
    repo.commit(
        after, "drop\n\npaved: breaking-change-intended pos.sales_lines.amount see ADR-0009\n"
    )
    comment = tmp_path / "comment.md"
    result = CliRunner().invoke(
        main,
        [
            "diff",
            str(repo.root),
            "--base",
            "main",
            "--format",
            "github",
            "--comment-file",
            str(comment),
        ],
    )
    assert result.exit_code == 0
    assert "title=paved diff%3A intended breaking column.removed::" in result.output
    review = comment.read_text()
    assert "| 🟠 intended | Column pos.sales&#95;lines.amount (decimal) was removed." in review
    assert "- **Marked intended** in commit " in review
    assert ": see ADR-0009" in review
    assert "✅ **Nothing here fails the check**" in review
