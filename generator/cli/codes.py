"""``paved codes``: what each diagnostic code means and how to fix it."""

from __future__ import annotations

import click


@click.command()
@click.argument("code", required=False)
def codes(code: str | None) -> None:
    """List every diagnostic code, or explain one.

    \b
    Example:
        paved codes
        paved codes WID103
    """
    from paved.generator.core.codes import registry

    known = registry()
    if code is None:
        for info in sorted(known.values(), key=lambda i: i.code):
            click.echo(f"{info.code}  {info.severity.value:<7}  {info.title}")
        return
    entry = known.get(code.strip().upper())
    if entry is None:
        raise click.BadParameter(f"unknown code '{code}'; `paved codes` lists them all")
    click.echo(f"{entry.code} ({entry.severity.value}, rule {entry.rule}): {entry.title}")
    click.echo(f"fix: {entry.hint}")
