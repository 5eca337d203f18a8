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
