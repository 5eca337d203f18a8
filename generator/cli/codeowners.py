"""``paved codeowners``: write CODEOWNERS from the WIDs and the catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument(
    "path",
    default=".",
    type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path),
)
@click.option(
    "--architect",
    "architects",
    multiple=True,
    metavar="@USER",
    help="GitHub user or team that owns adrs/ (repeat for several). Default: the ones "
    "the current file names.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write, relative to PATH. Default: the file GitHub uses now, else "
    ".github/CODEOWNERS.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the file is not current.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the file instead of writing it.")
def codeowners(
    path: Path, architects: tuple[str, ...], output: Path | None, check: bool, to_stdout: bool
) -> None:
    """Write CODEOWNERS so GitHub asks the right people to approve each change.

    Each WID file is owned by its business owner and technical contact (else its
    custodian), the catalogue by the custodians, adrs/ by the architects. GitHub users
    come from the custodians sheet's github column or a WID contact's github: field.
    `paved validate` reports a generated CODEOWNERS that is no longer current (OWN601).

    \b
    Exit codes:
      0  written (or, with --check, current)
      1  with --check: missing or out of date
      2  usage error

    \b
    Example:
        paved codeowners --architect @halden/architects
        paved codeowners --check
    """
    from paved.generator.core import codeowners as owners
    from paved.generator.core.load.repository import load_catalogue, load_documents

    documents = load_documents(path)
    sheets, _ = load_catalogue(path)
    loaded = documents.repository(path, sheets)
    current = owners.committed(path)
    chosen = list(architects) or (owners.architects_in(current[1]) if current else [])
    bad = [
        a for a in architects if owners.HANDLE.match(a if a.startswith("@") else "@" + a) is None
    ]
    if bad:
        raise click.BadParameter(
            f"not a GitHub user or team: {', '.join(bad)}", param_hint="--architect"
        )
    text = owners.generate(loaded, chosen)
    if to_stdout:
        click.echo(text, nl=False)
        return
    rel = (
        output.as_posix()
        if output is not None
        else (current[0] if current else owners.LOCATIONS[0])
    )
    target = path / rel
    _refuse_links(path, target, rel)
    if check:
        existing = None
        if target.is_file():
            with target.open("rb") as handle:
                existing = handle.read(owners.MAX_BYTES + 1).decode("utf-8", errors="replace")
        if existing == text:
            click.echo(f"{rel} is current")
            return
        click.echo(
            f"{rel} is {'missing' if existing is None else 'out of date'}: run paved codeowners"
        )
        sys.exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    rules = sum(1 for line in text.splitlines() if line.startswith("/"))
    click.echo(f"wrote {rel}: {rules} rules")


def _refuse_links(root: Path, target: Path, rel: str) -> None:
    """The file is written (and read) where it is, never through a link: a committed
    ``.github/CODEOWNERS -> ~/.ssh/authorized_keys`` or ``.github -> .git/hooks`` would
    otherwise be overwritten outside the repository or in git's own folder."""
    from paved.generator.report.escape import terminal

    real_root = root.resolve()
    parent = target.parent.resolve()
    if target.is_symlink():
        problem = "is a symbolic link"
    elif parent != real_root and real_root not in parent.parents:
        problem = f"leads outside the repository, to {parent}"
    else:
        parts = parent.relative_to(real_root).parts
        hidden = [
            part
            for index, part in enumerate(parts)
            if part.startswith(".") and not (index == 0 and part == ".github")
        ]
        problem = f"leads into the hidden {hidden[0]!r}" if hidden else ""
    if problem:
        raise click.BadParameter(
            f"{terminal(rel)} {terminal(problem)}; paved codeowners writes only a regular "
            "file of the repository (remove the link)",
            param_hint="--output",
        )
