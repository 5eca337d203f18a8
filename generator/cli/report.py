"""``paved report``: what the bot's store has learned (page feedback, weak questions)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from paved.generator.report.escape import json_text

if TYPE_CHECKING:
    from paved.bot.answer.suggest import Suggestion
    from paved.bot.store import QuestionGroup, Store

FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, markdown for the portal.",
)


def _open_store() -> Store | None:
    """The store PAVED_DATABASE_URL names; None when its SQLite file does not exist yet
    (a report must not create an empty database as a side effect). A store that cannot
    be opened, or that is (or lies in a folder of the repository that is) a symbolic
    link, ends the command with its message, exit 1."""
    from paved.bot.settings import database_url_from_env
    from paved.bot.store import StoreError, open_store, sqlite_path
    from paved.bot.store.sqlite import refuse_links

    url = database_url_from_env()
    try:
        if url.startswith("sqlite:"):
            path = sqlite_path(url)
            refuse_links(path)  # before exists(), which follows a link
            if path != ":memory:" and not Path(path).exists():
                return None
        return open_store(url)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


@click.group("report")
def report() -> None:
    """Reports from the bot's store (PAVED_DATABASE_URL, default .paved/paved.db).

    \b
    Example:
        paved report feedback
        paved report questions --format json
    """


@report.command("feedback")
@FORMAT
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count ratings from this day (UTC) on; the trend always compares the last two weeks.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="List only the N pages with the most 👎 (the store reads no more); default: all.",
)
def feedback(output_format: str, since: object, limit: int | None) -> None:
    """Per page: 👍, 👎, comments and the trend (this week against the previous one),
    then what readers wrote, under each page (newest first, at most 1,000).

    \b
    Example:
        paved report feedback --since 2026-01-01 --format json
        paved report feedback --limit 50
    """
    from datetime import UTC, datetime

    from paved.bot import reports

    store = _open_store()
    start = since.replace(tzinfo=UTC) if isinstance(since, datetime) else None
    # One row more than asked for tells whether pages were left out, still cut in SQL.
    bound = None if limit is None else limit + 1
    try:
        summaries = store.feedback_summary(since=start, limit=bound) if store else []
        comments = store.feedback_comments(since=start) if store else []
    finally:
        if store:
            store.close()
    more = limit is not None and len(summaries) > limit
    summaries = summaries[:limit]
    note = (
        f"\nMore pages were rated than the {limit} listed (most 👎 first); "
        "raise --limit to see them.\n"
        if more
        else ""
    )
    if output_format == "json":
        data = reports.feedback_data(summaries, comments)
        click.echo(json_text(json.dumps(data, ensure_ascii=False, indent=2)))
    elif output_format == "markdown":
        click.echo(reports.feedback_markdown(summaries, comments) + note, nl=False)
    else:
        click.echo(reports.feedback_text(summaries, comments) + note, nl=False)


@report.command("questions")
@FORMAT
@click.option(
    "--suggest-synonyms",
    "suggestions",
    is_flag=True,
    help="Also ask the declined questions again (content at PAVED_REPO_ROOT, else here) "
    "and, for those answered today, pair the asker's words with the answering section's: "
    "synonyms to consider for synonyms.yml. JSON is then an object with 'questions' and "
    "'synonym_suggestions'.",
)
def questions(output_format: str, suggestions: bool) -> None:
    """Unanswered questions and 👎-rated answers, grouped by normalised text, with counts.

    \b
    Examples:
        paved report questions --format markdown > questions.md
        paved report questions --suggest-synonyms
    """
    from paved.bot import reports

    store = _open_store()
    try:
        groups = store.unanswered_summary() if store else []
    finally:
        if store:
            store.close()
    found = _suggestions(groups) if suggestions else []
    if output_format == "json":
        data: object = reports.questions_data(groups)
        if suggestions:
            data = {"questions": data, "synonym_suggestions": reports.suggestions_data(found)}
        click.echo(json_text(json.dumps(data, ensure_ascii=False, indent=2)))
    elif output_format == "markdown":
        text = reports.questions_markdown(groups) + reports.suggestions_markdown(found)
        click.echo(text, nl=False)
    else:
        click.echo(reports.questions_text(groups) + reports.suggestions_text(found), nl=False)


def _suggestions(groups: list[QuestionGroup]) -> list[Suggestion]:
    """Synonym suggestions from the declined questions the repository's content (at
    PAVED_REPO_ROOT, else here) answers today; none when there is nothing declined."""
    if not any(g.kind == "unanswered" for g in groups):
        return []
    from paved.bot.answer import engine_for, repository_root
    from paved.bot.answer.suggest import suggest

    try:
        root = repository_root()
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    return suggest(engine_for(root), groups)
