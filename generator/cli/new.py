"""``paved new wid|adr`` and ``paved adr new|supersede``: start a document from the
scaffold with the next free id, then tell the author which sections to write."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from paved.generator.core import scaffold

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path),
    default=".",
    show_default=True,
    help="Repository root (the folder holding wids/ and adrs/).",
)
NO_INPUT_OPTION = click.option(
    "--no-input", is_flag=True, help="Never prompt; fail if a required value is missing."
)

WID_STATUSES = ("draft", "submitted", "approved", "onboarded", "retired")
ADR_STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
#: "section left as template text" codes: expected in a file just created.
TEMPLATE_CODES = frozenset({"WID113", "ADR212"})
_ADR_ID = re.compile(r"^(?:ADR-)?(\d{1,4})$", re.IGNORECASE)


def _ask(
    value: str | None, label: str, flag: str, no_input: bool, missing: list[str]
) -> str | None:
    if value:
        return value
    if no_input or not _interactive():
        missing.append(flag)
        return None
    answer: str = click.prompt(label)
    return answer.strip() or None


def _interactive() -> bool:
    """Prompt only when a person is at a terminal: scripts and CI get a usage error
    naming the missing flags instead of a prompt that waits or aborts."""
    return sys.stdin.isatty()


def _require(missing: list[str]) -> None:
    if missing:
        raise click.UsageError(
            f"missing {', '.join(missing)} (pass them as options when not at a terminal)"
        )


def _write_new(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(content)


def _report_created(root: Path, path: Path, kind: str) -> None:
    from paved.generator.core.load.markdown import load_markdown
    from paved.generator.core.validate.rules.sections import unwritten_sections

    rel = path.relative_to(root).as_posix()
    click.echo(f"Created {rel}")
    doc, _ = load_markdown(path, rel, require_front_matter=True)
    todo = unwritten_sections(doc, kind) if doc is not None else []
    if todo:
        click.echo("Still to write (template text):")
        for name in todo:
            click.echo(f"  - {name}")
    problems = _other_problems(root, rel)
    if problems:
        click.echo("Also fix:")
        for line in problems:
            click.echo(f"  - {line}")
    click.echo("Then check it with: paved validate")


def _other_problems(root: Path, rel: str) -> list[str]:
    """Findings in the new file other than template text (a custodian id typed wrong...)."""
    from paved.generator.core.api import load_and_validate

    _, diagnostics = load_and_validate(root)
    return [
        f"{d.location}: {d.message}" + (f" ({d.hint})" if d.hint.startswith("did you") else "")
        for d in diagnostics
        if d.location.path == rel and d.code not in TEMPLATE_CODES
    ]


# ------------------------------------------------------------------------- WID


@click.command("wid")
@click.option("--title", help="The product's name as readers will search for it.")
@click.option("--domain", help="Domain id from the catalogue (sales, ecommerce, ...).")
@click.option("--owner-name", help="Business owner's full name.")
@click.option("--owner-email", help="Business owner's work email.")
@click.option("--custodian", help="Custodian id from the catalogue's custodians sheet.")
@click.option("--status", type=click.Choice(WID_STATUSES), default="draft", show_default=True)
@NO_INPUT_OPTION
@ROOT_OPTION
def new_wid(
    title: str | None,
    domain: str | None,
    owner_name: str | None,
    owner_email: str | None,
    custodian: str | None,
    status: str,
    no_input: bool,
    root: Path,
) -> None:
    """Create wids/WID-<next>-<slug>.md from the template.

    The business owner is also the technical contact until you change it.

    \b
    Example:
        paved new wid --title "Store footfall" --domain sales \\
            --owner-name "Ines Duarte" --owner-email ines.duarte@halden.example \\
            --custodian anna-berg --no-input
    """
    missing: list[str] = []
    title = _ask(title, "Title", "--title", no_input, missing)
    domain = _ask(domain, "Domain id", "--domain", no_input, missing)
    owner_name = _ask(owner_name, "Business owner name", "--owner-name", no_input, missing)
    owner_email = _ask(owner_email, "Business owner email", "--owner-email", no_input, missing)
    custodian = _ask(custodian, "Custodian id", "--custodian", no_input, missing)
    _require(missing)
    assert title is not None  # for mypy: _require raised otherwise
    ident = scaffold.next_wid_id(root / "wids")
    values: dict[str, Any] = {
        "id": ident,
        "title": title,
        "status": status,
        "domain": domain,
        "owner_name": owner_name,
        "owner_email": owner_email,
        "tech_name": owner_name,
        "tech_email": owner_email,
        "custodian": custodian,
        "value_proposition": f"{scaffold.MARKER} one sentence on who gains what from {title}.",
        "today": scaffold.today(),
    }
    path = root / "wids" / f"{ident}-{scaffold.slugify(title)}.md"
    _write_new(path, scaffold.render("wid", values))
    _report_created(root, path, "wid")


# ------------------------------------------------------------------------- ADR


def adr_file(adrs_dir: Path, ident: str) -> Path | None:
    """The file of ``ADR-0003`` (or ``3``) under adrs/ or a subfolder, by its number."""
    match = _ADR_ID.match(ident.strip())
    if match is None or not adrs_dir.is_dir():
        return None
    prefix = f"{int(match.group(1)):04d}-"
    found = [p for p in scaffold.record_paths(adrs_dir) if p.name.startswith(prefix)]
    return found[0] if found else None


def normalise_adr_id(ident: str) -> str:
    match = _ADR_ID.match(ident.strip())
    if match is None:
        raise click.BadParameter(f"'{ident}' is not an ADR id like ADR-0003")
    return f"ADR-{int(match.group(1)):04d}"


def mark_superseded(text: str, successor: str) -> str | None:
    """Set ``status: superseded`` and ``superseded-by:`` in YAML front matter, keeping
    every other byte of the file. ``None`` when the file has no YAML front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == "---"), None)
    if end is None:
        return None
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    status_at = next((i for i in range(1, end) if lines[i].startswith("status:")), None)
    by_at = next((i for i in range(1, end) if lines[i].startswith("superseded-by:")), None)
    if status_at is not None:
        lines[status_at] = f"status: superseded{newline}"
    else:
        lines.insert(end, f"status: superseded{newline}")
        end += 1
    if by_at is not None:
        lines[by_at] = f"superseded-by: {successor}{newline}"
    else:
        anchor = status_at + 1 if status_at is not None else end
        lines.insert(anchor, f"superseded-by: {successor}{newline}")
    return "".join(lines)


def create_adr(
    root: Path,
    title: str,
    status: str,
    owner_name: str | None,
    supersedes: tuple[str, ...],
) -> None:
    adrs_dir = root / "adrs"
    old_ids = [normalise_adr_id(s) for s in supersedes]
    old_files: list[Path] = []
    for old in old_ids:
        found = adr_file(adrs_dir, old)
        if found is None:
            raise click.BadParameter(f"no file for {old} under adrs/", param_hint="--supersedes")
        old_files.append(found)
    name, ident = scaffold.new_adr_file(adrs_dir, title, scaffold.today())
    updates: list[tuple[Path, str]] = []
    for old, file in zip(old_ids, old_files, strict=True):
        # bytes, not read_text: universal newlines would turn CRLF files into LF
        try:
            updated = mark_superseded(file.read_bytes().decode("utf-8"), ident)
        except UnicodeDecodeError:
            updated = None
        if updated is None:
            raise click.ClickException(
                f"{file.relative_to(root).as_posix()} has no YAML front matter (or is not "
                f"UTF-8); set its status to superseded by {ident} by hand (or import it to "
                "MADR 4 first)"
            )
        updates.append((file, updated))
        click.echo(f"Marked {old} superseded by {ident}")
    values = {
        "title": title,
        "status": status,
        "owner_name": owner_name,
        "supersedes": old_ids,
        "today": scaffold.today(),
    }
    path = adrs_dir / name
    _write_new(path, scaffold.render("adr", values))
    for file, updated in updates:
        file.write_bytes(updated.encode("utf-8"))
    _report_created(root, path, "adr")


def _adr_command() -> Callable[..., None]:
    """A fresh callback per command (click keeps its parameters on the function)."""

    def run(
        title: str | None,
        status: str | None,
        owner_name: str | None,
        supersedes: tuple[str, ...],
        no_input: bool,
        root: Path,
    ) -> None:
        missing: list[str] = []
        title = _ask(title, "Title", "--title", no_input, missing)
        _require(missing)
        assert title is not None
        chosen = status or ("accepted" if supersedes else "proposed")
        create_adr(root, title, chosen, owner_name, supersedes)

    return run


_ADR_HELP = """Create adrs/<next number>-<slug>.md (MADR 4) from the template.

    With --supersedes, the old ADRs get `status: superseded` and `superseded-by:`
    (nothing else in them changes) and the new one lists them in `supersedes:`.

    \b
    Example:
        paved new adr --title "Use Iceberg tables" --owner-name "Ola Nordmann" --no-input
        paved new adr --title "Stream orders" --supersedes ADR-0003 --no-input
    """


def _adr_options(func: Callable[..., None]) -> Callable[..., None]:
    for decorator in reversed(
        (
            click.option("--title", help="The decision, as a short phrase."),
            click.option(
                "--status",
                type=click.Choice(ADR_STATUSES),
                help="Default: proposed (accepted with --supersedes).",
            ),
            click.option("--owner-name", help="The decision-maker's name."),
            click.option(
                "--supersedes",
                multiple=True,
                metavar="ADR-ID",
                help="ADR this one replaces (repeatable).",
            ),
            NO_INPUT_OPTION,
            ROOT_OPTION,
        )
    ):
        func = decorator(func)
    return func


new_adr = click.command("adr", help=_ADR_HELP)(_adr_options(_adr_command()))


@click.group("new")
def new() -> None:
    """Create a new WID or ADR from Paved's template, with the next free id.

    \b
    Example:
        paved new wid --title "Store footfall" --domain sales
        paved new adr --title "Use Iceberg tables"
    """


new.add_command(new_wid)
new.add_command(new_adr)
