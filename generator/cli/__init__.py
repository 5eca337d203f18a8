"""The ``paved`` command line: one click group; each command lives in its own module
under ``paved.generator.cli`` and is imported only when it runs (no work at import time)."""

from __future__ import annotations

import importlib
import os
import sys

import click

from paved.generator import __version__

# command name → "module:attribute". Add a line here when you add a command module.
COMMANDS: dict[str, str] = {
    "build": "paved.generator.cli.build:build",
    "serve": "paved.generator.cli.serve:serve",
    "validate": "paved.generator.cli.validate:validate",
    "new": "paved.generator.cli.new:new",
    "adr": "paved.generator.cli.adr:adr",
    "codes": "paved.generator.cli.codes:codes",
    "bot": "paved.generator.cli.bot:bot",
    "report": "paved.generator.cli.report:report",
    "ask": "paved.generator.cli.ask:ask",
    "render": "paved.generator.cli.render:render",
    "diff": "paved.generator.cli.diff:diff",
    "codeowners": "paved.generator.cli.codeowners:codeowners",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command is used or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="paved")
def main() -> None:
    """Paved: validate, render and answer from your data platform's docs-as-code repository.

    \b
    Example:
        paved validate .
        paved new wid --title "Store footfall" --domain sales
    """


# Set by a command whose state is only memory (``paved build``): see ``run``.
_hard_exit = False


def exit_without_teardown() -> None:
    """Ask ``run`` to skip the interpreter's teardown once this command is done."""
    global _hard_exit  # noqa: PLW0603 - one flag a command sets for run(), read once
    _hard_exit = True


def run() -> None:
    """The ``paved`` console script: ``main``, then, after a command that asked for it,
    ``os._exit``. A large portal build leaves millions of objects (the model, every
    page) that the interpreter would free one by one on the way out, about a second
    after the last file is written; the files are closed and the output flushed
    first. Servers and anything that keeps a store never ask."""
    try:
        main()
    except SystemExit as done:
        if not _hard_exit:
            raise
        code = done.code
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)  # noqa: T201 - after click, at the very end
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)
