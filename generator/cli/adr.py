"""``paved adr new|supersede|import``: record, replace and adopt architecture decisions.

``supersede`` refuses to replace a decision that is already replaced (naming the record
that replaced it; ``--force`` replaces the link), carries the old decision's affected
WIDs, systems and tags over to the new one, and lists the WIDs that still cite the old
decision. ``import`` converts a decision log kept in another format to MADR 4 with
``git mv`` (history, and the dates git gives, stay with each file), printing what it
changed and what it left for a person to decide.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from paved.generator.cli.new import (
    _ADR_HELP,
    ADR_STATUSES,
    NO_INPUT_OPTION,
    ROOT_OPTION,
    _adr_command,
    _adr_options,
    _ask,
    _report_created,
    _require,
    _write_new,
    mark_superseded,
)
from paved.generator.core import scaffold
from paved.generator.report.escape import terminal

if TYPE_CHECKING:
    from paved.generator.core.model import Decision


@click.group("adr")
def adr() -> None:
    """Record, replace and adopt architecture decisions.

    \b
    Example:
        paved adr new --title "Use Iceberg tables"
        paved adr supersede ADR-0010 --title "Stream every source through Kafka"
        paved adr import docs/adr --into adrs/ --dry-run
    """


adr.add_command(click.command("new", help=_ADR_HELP)(_adr_options(_adr_command())))


@adr.command("supersede")
@click.argument("old")
@click.option("--title", help="Title of the new decision that replaces OLD.")
@click.option("--owner-name", help="The decision-maker's name.")
@click.option(
    "--status",
    type=click.Choice(ADR_STATUSES),
    default="accepted",
    show_default=True,
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace OLD even when another ADR already replaced it (that link is replaced).",
)
@NO_INPUT_OPTION
@ROOT_OPTION
def supersede(
    old: str,
    title: str | None,
    owner_name: str | None,
    status: str,
    force: bool,
    no_input: bool,
    root: Path,
) -> None:
    """Write a new ADR that replaces OLD, and mark OLD superseded by it.

    OLD may be written ADR-0007, 0007, 7, the slug or the file name. The new ADR starts
    with OLD's affected WIDs, systems and tags. An OLD that another ADR already replaced
    is refused (supersede the current decision instead, or pass --force).

    \b
    Example:
        paved adr supersede ADR-0010 --title "Stream every source through Kafka" --no-input
    """
    from paved.generator.core.api import check

    result = check(root)
    decisions = result.platform.decisions
    from paved.generator.core.load.adr_links import index_of

    old_id = index_of(result.loaded.adrs).resolve(old)
    if old_id is None or old_id not in decisions:
        raise click.BadParameter(f"no ADR '{old}' under adrs/", param_hint="OLD")
    previous = decisions[old_id]
    if previous.superseded_by and not force:
        successor = decisions.get(previous.superseded_by)
        where = f" ({successor.path})" if successor else ""
        raise click.ClickException(
            f"{old_id} is already superseded by {previous.superseded_by}{where}; supersede "
            f"{previous.superseded_by} instead, or pass --force to replace the link"
        )
    missing: list[str] = []
    title = _ask(title, "Title", "--title", no_input, missing)
    _require(missing)
    assert title is not None
    file = root / previous.path
    name, new_id = scaffold.new_adr_file(root / "adrs", title, scaffold.today())
    path = root / "adrs" / name
    number = scaffold.next_adr_number(root / "adrs")
    shown = f"{number}. {title}" if new_id.startswith("ADR-") else name.removesuffix(".md")
    updated = _marked(root, previous.path, new_id, shown, path.name)
    if updated is None:
        raise click.ClickException(
            f"{previous.path}: no status line Paved can change; set its status to "
            f"superseded by {new_id} by hand, or convert the log with `paved adr import`"
        )
    values = {
        "title": title,
        "status": status,
        "owner_name": owner_name,
        "supersedes": [old_id],
        "today": scaffold.today(),
        "wids": list(previous.affected_wids),
        "systems": list(previous.affected_systems),
        "tags": list(previous.tags),
    }
    _write_new(path, scaffold.render("adr", values))
    file.write_bytes(updated.encode("utf-8"))
    if previous.superseded_by:
        click.echo(f"Replaced the link {old_id} → {previous.superseded_by} (--force)")
        _forget_predecessor(root, decisions, previous.superseded_by, old_id)
    click.echo(f"Marked {old_id} superseded by {new_id}")
    carried = [*previous.affected_wids, *previous.affected_systems]
    if carried or previous.tags:
        click.echo(
            "Carried over from "
            + old_id
            + ": "
            + "; ".join(
                part
                for part in (
                    f"WIDs {', '.join(previous.affected_wids)}" if previous.affected_wids else "",
                    f"systems {', '.join(previous.affected_systems)}"
                    if previous.affected_systems
                    else "",
                    f"tags {', '.join(previous.tags)}" if previous.tags else "",
                )
                if part
            )
        )
    citing = sorted(
        (p for p in result.platform.products.values() if old_id in p.related_adrs),
        key=lambda p: p.id,
    )
    if citing:
        click.echo(f"WIDs that still cite {old_id} (point them at {new_id} if it applies):")
        for product in citing:
            click.echo(f"  - {terminal(f'{product.id} · {product.title} ({product.path})')}")
    _report_created(root, path, "adr")


def _marked(root: Path, rel: str, new_id: str, new_title: str, new_file: str) -> str | None:
    """OLD's text marked superseded by the new ADR, in OLD's own format."""
    from paved.generator.core.adr_convert import mark_superseded_as_written
    from paved.generator.core.load.adr_formats import parse_adr

    try:
        text = (root / rel).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    in_front_matter = mark_superseded(text, new_id)
    if in_front_matter is not None:
        return in_front_matter
    doc, _ = parse_adr(text.replace("\r\n", "\n"), rel)
    if doc is None or "\r\n" in text:
        return None
    return mark_superseded_as_written(doc, text, new_title, new_file)


def _forget_predecessor(
    root: Path, decisions: Mapping[str, Decision], successor_id: str, old_id: str
) -> None:
    """``--force``: the record that replaced OLD before no longer lists it."""
    successor = decisions.get(successor_id)
    if successor is None:
        return
    file = root / successor.path
    text = file.read_bytes().decode("utf-8")
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("supersedes:") and old_id in stripped:
            items = [s.strip() for s in stripped[len("supersedes:") :].strip(" []").split(",")]
            kept = [s for s in items if s and s != old_id]
            indent = line[: len(line) - len(line.lstrip())]
            lines[index] = f"{indent}supersedes: [{', '.join(kept)}]"
            file.write_bytes("\n".join(lines).encode("utf-8"))
            click.echo(f"Removed {old_id} from {successor_id}'s supersedes")
            return
        if stripped in (f"- {old_id}", f"- '{old_id}'", f'- "{old_id}"'):
            del lines[index]
            file.write_bytes("\n".join(lines).encode("utf-8"))
            click.echo(f"Removed {old_id} from {successor_id}'s supersedes")
            return
    click.echo(f"Note: remove {old_id} from {successor.path} by hand if it names it")


@adr.command("import")
@click.argument(
    "source",
    type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path),
)
@click.option(
    "--into",
    "into",
    type=click.Path(file_okay=False, dir_okay=True, path_type=Path),
    default=None,
    help="Where the converted records go (default: adrs/ under --root).",
)
@click.option("--dry-run", is_flag=True, help="Print what would change; change nothing.")
@ROOT_OPTION
def import_log(source: Path, into: Path | None, dry_run: bool, root: Path) -> None:
    """Convert the decision log in SOURCE to MADR 4 front matter under adrs/.

    Each record keeps its file name (so its id and its portal URL stay), is moved with
    `git mv` (so its history and the dates git gives stay with it) and gets its status,
    date, people and supersede links as YAML front matter; images next to the records
    move with them. What could not be decided (a status word that maps to nothing, a
    missing date) is printed, never guessed.

    \b
    Example:
        paved adr import docs/adr --dry-run
        paved adr import docs/adr --into adrs/
    """
    from paved.generator.core.adr_convert import convert
    from paved.generator.core.load.adr_formats import load_adr
    from paved.generator.core.load.adr_ids import is_record_file
    from paved.generator.core.load.adr_links import index_of
    from paved.generator.core.load.adr_settings import read_adr_settings
    from paved.generator.core.load.repository import folder_pages, hidden_part, is_adr_record

    target = (into if into is not None else root / "adrs").resolve()
    source = source.resolve()
    repo = root.resolve()
    for folder in (source, target):
        if folder != repo and repo not in folder.parents:
            raise click.BadParameter(f"{folder} is outside the repository {repo}")
        # A committed link (adrs -> .git/hooks) would move the files next to the records
        # into git's own folder, where an executable post-checkout runs at the next checkout.
        hidden = hidden_part(repo, folder)
        if hidden is not None:
            raise click.BadParameter(
                f"{terminal(folder.as_posix())} is inside the hidden {terminal(hidden)!r} of the "
                f"repository {terminal(repo.as_posix())}; decision records go in a visible folder"
            )
    settings, _ = read_adr_settings(repo)
    records = []
    others = []
    files = log_files(source, skip=target)
    pages = folder_pages(files, source)  # a decision kept as its folder's index.md
    for file in files:
        if is_record_file(file.name) and (file in pages or is_adr_record(file)):
            doc, _found = load_adr(file, file.relative_to(repo).as_posix())
            if doc is not None:
                records.append((file, doc))
                continue
        others.append(file)
    # Checked before anything moves: a committed link below the target
    # (adrs/hooks -> ../.git/hooks) would take a file there, git mv refusing and the
    # plain rename following it, and a converted record would be written through it.
    for file in [f for f, _ in records] + others:
        link = _link_below(target, target / file.relative_to(source))
        if link is not None:
            raise click.BadParameter(
                f"{terminal(link.relative_to(repo).as_posix())} is a symbolic link; "
                "paved adr import moves and writes files only into real folders of the "
                "target (replace the link with a folder, or remove it)"
            )
    index = index_of(doc for _, doc in records)
    undecided = 0
    prefix = "would " if dry_run else ""
    if not dry_run:
        target.mkdir(parents=True, exist_ok=True)
    for file, doc in records:
        text = file.read_bytes().decode("utf-8")
        result = convert(doc, text, settings.statuses, index)
        dest = target / file.relative_to(source)  # a log kept in subfolders keeps them
        rel = dest.relative_to(repo).as_posix()
        moved = dest != file
        if moved and not dry_run:
            _move(repo, file, dest)
        if result.text is not None and not dry_run:
            dest.write_bytes(result.text.encode("utf-8"))
        action = "move and convert" if moved else "convert"
        if result.text is None:
            action = "move" if moved else "keep"
        click.echo(f"{terminal(rel)}: {prefix}{action}")
        for line in result.changed:
            click.echo(f"    changed: {terminal(line)}")
        for line in result.undecided:
            click.echo(f"    to decide: {terminal(line)}")
        undecided += len(result.undecided)
    kept = 0
    for file in others:
        dest = target / file.relative_to(source)
        held = _records_kept_as_written(file, file.relative_to(repo).as_posix())
        kept += held
        if dest != file:
            if not dry_run:
                _move(repo, file, dest)
            if held:
                what = f"{held} record{'s' if held > 1 else ''} read as written, not converted"
            else:
                what = "not a record" if is_record_file(file.name) else "next to the records"
            click.echo(f"{terminal(dest.relative_to(repo).as_posix())}: {prefix}move ({what})")
    click.echo(
        f"{len(records) + kept} records, {undecided} "
        f"{'thing' if undecided == 1 else 'things'} to decide"
        + (" (dry run: nothing changed)" if dry_run else "; check with: paved validate")
    )


def _records_kept_as_written(file: Path, rel: str) -> int:
    """How many decisions a file the importer does not convert holds: a YAML record (read
    as it is), or a log kept in one Markdown file (its ``## ADR-n`` sections); 0 for
    anything else. Such files are moved and read as written: MADR 4 is one decision per
    Markdown file, and splitting a file would lose its history."""
    from paved.generator.core.load.adr_formats import load_adr, parse_adr
    from paved.generator.core.load.adr_ids import is_record_file
    from paved.generator.core.load.adr_sections import split_log
    from paved.generator.core.load.adr_yaml import is_yaml_file, load_yaml_record

    if is_yaml_file(file.name):
        doc, _ = load_yaml_record(file, rel)
        return 1 if doc is not None else 0
    if not is_record_file(file.name):
        return 0
    doc, _ = load_adr(file, rel)
    return len(split_log(doc, parse_adr)) if doc is not None else 0


#: How many files ``paved adr import`` looks at in one log (a bound on the walk).
MAX_LOG_FILES = 20_000


def log_files(source: Path, *, skip: Path) -> list[Path]:
    """The regular files of a log folder and its subfolders, sorted: never through a
    symbolic link (a linked file or folder is left where it is), never in a hidden
    folder, never under ``skip`` (the target, when it sits inside the source)."""
    out: list[Path] = []
    for top, dirs, names in os.walk(source, followlinks=False):
        here = Path(top)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and here / d != skip and not (here / d).is_symlink()
        )
        for name in sorted(names):
            file = here / name
            if not name.startswith(".") and not file.is_symlink() and file.is_file():
                out.append(file)
            if len(out) >= MAX_LOG_FILES:
                return sorted(out)
    return sorted(out)


def _link_below(target: Path, dest: Path) -> Path | None:
    """The first symbolic link on the way from ``target`` (a resolved folder) down to
    ``dest``, ``dest`` included; None when every step is a real folder or is missing."""
    here = target
    for part in dest.relative_to(target).parts:
        here = here / part
        if here.is_symlink():
            return here
    return None


def _move(repo: Path, file: Path, dest: Path) -> None:
    """``git mv`` inside a git checkout (history follows the file), a rename otherwise;
    the folders a log kept in subfolders needs are made first."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(  # noqa: S603 - fixed git argv, no shell
            ["git", "mv", "--", str(file), str(dest)],  # noqa: S607 - git from PATH, as gitfacts
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
        )
        moved = done.returncode == 0
    except OSError:
        moved = False
    if not moved:
        file.rename(dest)
