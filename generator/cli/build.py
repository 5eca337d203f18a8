"""``paved build``: validate and render the portal into a static site (MkDocs' build)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from paved.generator.cli import old_names
from paved.generator.cli._mkdocs import (
    config_file_option,
    prepare_logging,
    refuse_untrusted_config,
    trust_config_option,
)


@click.command()
@config_file_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site_dir of the configuration, 'site').",
)
@click.option("--strict", is_flag=True, help="Fail on any MkDocs warning (broken links...).")
@click.option("-q", "--quiet", is_flag=True, help="Show warnings and errors only.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes that share the page work (0: one per CPU, at most 4; 1: no workers).",
)
@click.option(
    "--incremental",
    is_flag=True,
    help="Reuse the previous site in the site folder and .paved/site/ (e.g. from a CI "
    "cache): rebuild only the pages that changed; the site is the same as a full build.",
)
@trust_config_option
def build(
    config_file: str,
    site_dir: Path | None,
    strict: bool,
    quiet: bool,
    jobs: int,
    incremental: bool,
    trust_config: bool,
) -> None:
    """Validate the repository and build the portal as a static, self-contained site.

    Validation errors stop the build and are listed with their file and line. The site
    needs nothing from the internet: open it from any static web server.

    \b
    Example:
        paved build --strict
        paved build -d /tmp/portal && python -m http.server -d /tmp/portal
        paved build --jobs 1        # one process (the default shares pages among CPUs)
        paved build --incremental   # CI: keep site/ and .paved/ in a cache between runs
    """
    prepare_logging(quiet=quiet)
    refuse_untrusted_config(config_file, trust=trust_config)
    old_names.install()  # mkdocs.yml files written for Paved before 0.2
    from paved.generator.cli import exit_without_teardown

    exit_without_teardown()
    from jinja2 import TemplateError
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import MkDocsException

    from paved.generator.mkdocs_plugin.templates import template_problem

    try:
        overrides: dict[str, Any] = {"strict": strict}
        if site_dir is not None:
            overrides["site_dir"] = str(site_dir)

        def load() -> MkDocsConfig:
            loaded = load_config(config_file=config_file, **overrides)
            paved = loaded.plugins.get("paved")
            if paved is not None:
                paved.config["jobs"] = 1 if incremental else jobs  # kept pages: one process
            loaded.plugins.on_startup(command="build", dirty=False)
            return loaded

        config = load()
        try:
            if incremental:
                _build_incremental(config, load)
            else:
                mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        raise click.ClickException(error.format_message()) from None
    except TemplateError as error:  # a theme template (the overrides come by pull request)
        raise click.ClickException(template_problem(error)) from None
    click.echo(f"paved: portal built in {config.site_dir}")


def _build_incremental(config: Any, load: Callable[[], Any]) -> None:
    """The previous build's pages from ``.paved/site/`` (signed like the validation
    cache: a planted or foreign file is ignored with a note), kept where unchanged."""
    from paved.generator.core.validate.cache import Store, environment
    from paved.generator.mkdocs_plugin.speed.memo import PageMemo
    from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder

    root = Path(config.config_file_path or ".").resolve().parent
    store = Store(
        root,
        environment("site"),
        lambda text: click.echo(f"paved: note: {text}", err=True),
        section="site",
    )
    memo = store.read("pages")
    if not isinstance(memo, PageMemo) or not memo.by_content:
        memo = PageMemo(by_content=True)
    first = [config]
    builder = IncrementalBuilder(memo, background=False)
    builder.build(lambda: first.pop() if first else load())
    memo.previous_site = None
    store.write("pages", memo)
