"""``paved validate``: check a repository and report, with exit codes CI can use."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from paved.generator.core.diagnostics import Diagnostic, Severity
from paved.generator.core.load.types import LoadedRepository

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_INTERNAL = 3


def count_files(loaded: LoadedRepository) -> int:
    """Markdown files plus catalogue files read (a workbook counts once)."""
    sheet_files = {sheet.path for sheet in loaded.sheets.values()}
    return len(loaded.wids) + len(loaded.adrs) + len(loaded.docs) + len(sheet_files)


def exit_code(diagnostics: list[Diagnostic], *, strict: bool) -> int:
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return EXIT_ERRORS
    if strict and diagnostics:
        return EXIT_ERRORS
    return EXIT_OK


@click.command()
@click.argument(
    "path",
    default=".",
    type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for workflow annotations + job summary, json for tools.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any finding).")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Report errors only, not warnings (with --strict, warnings are errors and are shown).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read and check every file; neither use nor update the cache in .paved/.",
)
@click.option(
    "--trust-config",
    is_flag=True,
    help="Do not report what in mkdocs.yml runs code, leads out of the repository, reads "
    "the build's environment or connects to a database server (SEC504 to SEC507); same as "
    "PAVED_TRUST_CONFIG=1.",
)
def validate(
    path: Path, output_format: str, strict: bool, quiet: bool, no_cache: bool, trust_config: bool
) -> None:
    """Check the WIDs, ADRs, custodian catalogue and docs under PATH (default: .).

    Every finding names the file and line (or sheet, row and column), says what is
    wrong and how to fix it.

    \b
    Exit codes:
      0  no errors (warnings allowed, unless --strict)
      1  errors found (or warnings with --strict)
      2  usage error (unknown option, PATH is not a directory)
      3  internal error in Paved itself (please report it)

    \b
    Example:
        paved validate .
        paved validate --format github --strict
        paved validate -q --format json > findings.json
        paved validate --no-cache     # cold: ignore the cache of the last run

    Unchanged files are not read again: the last run's work is kept in .paved/
    (delete that folder to clear it); the findings are always those of a cold run.
    """
    if _program():
        # The process ends with ``os._exit`` (``_exit``): the cyclic collector, paused
        # while loading (``pipeline.gc_paused``), is not switched back on, whose first
        # pass would walk the millions of objects just loaded (0.1 s or more on the
        # large benchmark) for a process about to end. Reference counting still frees.
        gc.disable()
    try:
        files, diagnostics = _run(path, progress=output_format == "text", cache=not no_cache)
        diagnostics = _with_config_findings(path, diagnostics, trust=trust_config)
        shown = _shown(diagnostics, quiet=quiet, strict=strict)
        _report(shown, files, output_format)
    except Exception as error:  # noqa: BLE001 - exit 3, one line: the documented contract
        click.echo(
            f"paved: internal error: {type(error).__name__}: {error} (please report this)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    _exit(exit_code(diagnostics, strict=strict))


def _with_config_findings(
    path: Path, diagnostics: list[Diagnostic], *, trust: bool
) -> list[Diagnostic]:
    """The findings plus what in ``mkdocs.yml`` would run code or reach outside the
    repository when the portal is built (``paved build`` refuses to read it)."""
    from paved.generator.core.diagnostics import sort_key
    from paved.generator.core.load.config_guard import check_config_file, trusted

    if trusted(trust):
        return diagnostics
    found = check_config_file(path / "mkdocs.yml")
    return sorted([*diagnostics, *found], key=sort_key) if found else diagnostics


def _shown(diagnostics: list[Diagnostic], *, quiet: bool, strict: bool) -> list[Diagnostic]:
    """What to print: ``-q`` hides warnings, except under ``--strict``, where a warning
    fails the run and so must be shown (and counted) for the exit code to be explained."""
    if not quiet or strict:
        return diagnostics
    return [d for d in diagnostics if d.is_error]


def _exit(code: int) -> NoReturn:
    """Exit with ``code``. Run as the ``paved`` program, skip the interpreter's teardown:
    freeing a large repository's millions of objects one by one costs 50 ms or more
    (large benchmark) for a process that is ending anyway (mypy does the same). Inside
    another program (tests, the profiler) exit normally."""
    if _program():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    sys.exit(code)


def _run(path: Path, *, progress: bool, cache: bool) -> tuple[int, list[Diagnostic]]:
    """Files read and findings; a spinner on an interactive terminal (never in CI or
    pipes). The cache's notes (a damaged or foreign cache) go to stderr, one line each."""
    from paved.generator.core.validate.incremental import check

    def note(text: str) -> None:
        click.echo(f"paved: note: {text}", err=True)

    if not (progress and sys.stderr.isatty()):
        checked = check(path, cache=cache, note=note)
        return checked.files, checked.diagnostics
    from rich.console import Console

    with Console(stderr=True).status(f"Checking {path} ..."):
        checked = check(path, cache=cache, note=note)
    return checked.files, checked.diagnostics


def _report(diagnostics: list[Diagnostic], files: int, output_format: str) -> None:
    if output_format == "json":
        from paved.generator.report import json as json_report

        click.echo(json_report.render(diagnostics), nl=False)
    elif output_format == "github":
        from paved.generator.report import github

        click.echo(github.render(diagnostics), nl=False)
        click.echo(f"paved: {_summary(diagnostics, files)}")
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with Path(summary_path).open("a", encoding="utf-8") as handle:
                handle.write(github.step_summary(diagnostics, files))
    else:
        from paved.generator.report import text

        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(text.render(diagnostics, files, colour=colour), nl=False)


def _summary(diagnostics: list[Diagnostic], files: int) -> str:
    from paved.generator.report import summary

    return summary(diagnostics, files)


def _program() -> bool:
    """Run as the ``paved`` program (not inside tests or the profiler)."""
    return Path(sys.argv[0]).name == "paved"
