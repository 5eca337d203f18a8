"""``paved diff``: what a pull request changes, what it breaks downstream, who approves."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from paved.generator.core.diff.changes import DiffResult

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


@click.command()
@click.argument(
    "path",
    default=".",
    type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path),
)
@click.option(
    "--base",
    "base_ref",
    metavar="REF",
    help="Branch, tag or commit to compare with. Default: the pull request's base branch "
    "in GitHub Actions (GITHUB_BASE_REF), else the remote's default branch.",
)
@click.option(
    "--no-merge-base",
    is_flag=True,
    help="Compare with REF itself instead of the merge base of REF and HEAD.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "review", "never"]),
    default="breaking",
    show_default=True,
    help="Exit 1 when a change is at least this severe (intended breaking changes count "
    "as review).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people; github for annotations + the Markdown review in the job "
    "summary (and --comment-file); json for tools.",
)
@click.option(
    "--comment-file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the Markdown review here (the workflow posts it as the sticky "
    "pull-request comment).",
)
def diff(
    path: Path,
    base_ref: str | None,
    no_merge_base: bool,
    fail_on: str,
    output_format: str,
    comment_file: Path | None,
) -> None:
    """Compare the products, decisions and catalogue under PATH with the base branch.

    Every change gets a severity: info, review or breaking. A breaking change (a
    removed, renamed or retyped column, a removed dataset, a lowered classification,
    a removed personal-data flag) lists everything downstream of it across all
    lineage hops and the products that read it, with the people to tell.

    Mark an intended breaking change in a commit message of the pull request (or in a
    WID it changes):  paved: breaking-change-intended <subject> <reason>

    \b
    Exit codes:
      0  nothing at or above --fail-on
      1  a change at or above --fail-on
      2  usage error (unknown option, PATH not a directory, base not readable)
      3  internal error in Paved itself (please report it)

    \b
    Example:
        paved diff --base origin/main
        paved diff --format github --comment-file paved-review.md
        paved diff --fail-on review --format json > changes.json
    """
    from paved.generator.core.diff.gitbase import BaseRefError

    try:
        result = _run(
            path, base_ref, merge_base=not no_merge_base, progress=output_format == "text"
        )
    except BaseRefError as error:
        from paved.generator.report.escape import terminal

        click.echo(
            f"paved diff: {terminal(error.message)}\n    hint: {terminal(error.hint)}", err=True
        )
        sys.exit(EXIT_USAGE)
    except Exception as error:  # noqa: BLE001 - exit 3, one line: the documented contract
        click.echo(
            f"paved: internal error: {type(error).__name__}: {error} (please report this)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    from paved.generator.report.diff import fails

    failed = fails(result, fail_on)
    _report(result, output_format, fail_on=fail_on, failed=failed, comment_file=comment_file)
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


def _run(path: Path, base_ref: str | None, *, merge_base: bool, progress: bool) -> DiffResult:
    from paved.generator.core.diff.run import diff_repository

    if not (progress and sys.stderr.isatty()):
        return diff_repository(path, base_ref, merge_base=merge_base)
    from rich.console import Console

    with Console(stderr=True).status(f"Comparing {path} with its base ..."):
        return diff_repository(path, base_ref, merge_base=merge_base)


def _report(
    result: DiffResult, output_format: str, *, fail_on: str, failed: bool, comment_file: Path | None
) -> None:
    from paved.generator.report.diff import github, headline, text
    from paved.generator.report.diff import json as json_report

    review: str | None = None
    if output_format == "json":
        click.echo(json_report.render(result, fail_on=fail_on, failed=failed), nl=False)
    elif output_format == "github":
        click.echo(github.workflow_commands(result), nl=False)
        click.echo(f"paved diff: {headline(result)}")
        review = github.review(result, fail_on=fail_on, failed=failed)
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with Path(summary_path).open("a", encoding="utf-8") as handle:
                handle.write(review)
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(text.render(result, fail_on=fail_on, failed=failed, colour=colour), nl=False)
    if comment_file is not None:
        if review is None:
            review = github.review(result, fail_on=fail_on, failed=failed)
        comment_file.write_text(review, encoding="utf-8")
