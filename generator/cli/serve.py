"""``paved serve``: preview the portal, rebuilt on every change (MkDocs' dev server)."""

from __future__ import annotations

import click

from paved.generator.cli import old_names
from paved.generator.cli._mkdocs import config_file_option, prepare_logging


@click.command()
@config_file_option
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="IP:PORT",
    help="Address the preview server listens on.",
)
@click.option("--no-livereload", is_flag=True, help="Do not reload pages on changes.")
def serve(config_file: str, dev_addr: str, no_livereload: bool) -> None:
    """Serve the portal locally and rebuild it when docs/, wids/, adrs/ or custodians/ change.

    A validation error does not stop the server: the home page lists the problems with
    their file and line until they are fixed.

    \b
    Example:
        paved serve
        paved serve --dev-addr 0.0.0.0:8080
    """
    prepare_logging()
    old_names.install()  # mkdocs.yml files written for Paved before 0.2
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    try:
        mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=not no_livereload)
    except MkDocsException as error:
        raise click.ClickException(error.format_message()) from None
