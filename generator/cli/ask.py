"""``paved ask``: the bot's answer to a question, in a terminal, without Slack."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from paved.bot.answer.types import Answer

EXIT_ANSWERED = 0
EXIT_DECLINED = 1
DEFAULT_PORTAL_URL = "http://127.0.0.1:8000/"


def absolute(portal_url: str, url: str) -> str:
    """A citation URL (relative to the portal root) under ``portal_url``."""
    return portal_url.rstrip("/") + "/" + url.lstrip("/")


def as_text(answer: Answer, portal_url: str) -> str:
    lines = [answer.text]
    if answer.citations:
        lines += ["", "Sources:"]
        for number, citation in enumerate(answer.citations, start=1):
            label = f" [{citation.status}]" if citation.status else ""
            lines.append(f"  {number}. {citation.title}{label}")
            lines.append(f"     {absolute(portal_url, citation.url)}")
    if answer.owner:
        lines += ["", f"Ask a human: {answer.owner}"]
    return "\n".join(lines)


def as_json(answer: Answer, portal_url: str) -> str:
    data: dict[str, Any] = {
        "answered": answer.answered,
        "text": answer.text,
        "confidence": answer.confidence,
        "owner": answer.owner,
        "intent": answer.intent,
        "citations": [
            {
                "title": c.title,
                "url": absolute(portal_url, c.url),
                "path": c.url,
                "kind": c.kind,
                "status": c.status,
            }
            for c in answer.citations
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


@click.command()
@click.argument("question")
@click.argument(
    "path",
    default=".",
    type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
@click.option(
    "--portal-url",
    default=DEFAULT_PORTAL_URL,
    show_default=True,
    help="Base URL the cited pages are linked under.",
)
def ask(question: str, path: Path, output_format: str, portal_url: str) -> None:
    """Answer QUESTION from the repository at PATH (default: .), as the Slack bot would:
    a short answer, the page sections it comes from, and who to ask otherwise.

    Exit code 0 when answered, 1 when the content holds no good answer.

    \b
    Example:
        paved ask "who is the custodian of the orders table?"
        paved ask "what did we decide about streaming?" --format json
    """
    from paved.bot.answer.engine import Engine

    if not question.strip():
        raise click.UsageError("QUESTION is empty: write the question in quotes.")
    engine = Engine.from_root(path)
    try:
        answer = engine.ask(question)
    finally:
        engine.close()
    render = as_json if output_format == "json" else as_text
    click.echo(render(answer, portal_url))
    raise SystemExit(EXIT_ANSWERED if answer.answered else EXIT_DECLINED)
