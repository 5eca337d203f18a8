"""What ``paved build`` and ``paved serve`` share: quiet MkDocs' banners, show its log."""

from __future__ import annotations

import logging
import os

import click

DEFAULT_CONFIG = "mkdocs.yml"

config_file_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False),
    default=DEFAULT_CONFIG,
    show_default=True,
    help="The MkDocs configuration of the portal.",
)


class _EchoHandler(logging.Handler):
    """Writes through ``click.echo`` to whatever stderr is current (tests swap it)."""

    _paved = True

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # noqa: BLE001 - logging must never raise (logging's own policy)
            self.handleError(record)


def prepare_logging(*, quiet: bool = False) -> None:
    """Print MkDocs' log (and the Paved plugin's) the way ``mkdocs`` itself does.

    MkDocs only installs its log handler in its own CLI; called through the API, its
    warnings would be counted but never shown.
    """
    # Material prints a multi-line notice about MkDocs 2.0 on every run; it is not news
    # to someone running Paved (see docs on Zensical), so keep the output about the site.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_paved", False) for h in logger.handlers):
        handler = _EchoHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)


trust_config_option = click.option(
    "--trust-config",
    is_flag=True,
    help="Read mkdocs.yml even if it runs code (hooks:, !!python/ tags), names paths "
    "outside the repository or reads environment variables (!ENV) other than those in "
    "PAVED_CONFIG_ENV; same as PAVED_TRUST_CONFIG=1. Only for a configuration your team "
    "reviews.",
)


def refuse_untrusted_config(config_file: str, *, trust: bool) -> None:
    """Stop before MkDocs reads ``config_file`` when it would run code, reach outside
    the repository or read the build's environment into the site
    (``core.load.config_guard``), unless the user trusts it."""
    from pathlib import Path

    from paved.generator.core.load.config_guard import check_config_file, trusted

    if trusted(trust):
        return
    file = Path(config_file)
    findings = check_config_file(file, file.name)
    if not findings:
        return
    from paved.generator.report import text

    click.echo(text.render(findings, 1, colour=False), nl=False, err=True)
    raise click.ClickException(
        f"{file.name} was not read: it would run code, use paths outside the repository "
        "or publish the build's environment variables (a pull request can change it). Fix "
        "it as the hints say, or pass --trust-config if your team reviews this "
        "configuration."
    )
