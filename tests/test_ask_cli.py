"""``paved ask``: the same answer as the bot, printed for a terminal or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from paved.generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ask", *args])
    return result.exit_code, result.output


def test_text_answer_lists_sources_with_portal_urls_and_a_human() -> None:
    code, output = run("who is the custodian of the orders table?", str(ROOT))
    assert code == 0
    assert output == (
        "The custodian of webshop.orders is Mikkel Haugen (@mikkel.haugen, E-commerce "
        "Product Lead).\n"
        "\n"
        "Sources:\n"
        "  1. webshop.orders\n"
        "     http://127.0.0.1:8000/catalogue/datasets/webshop.orders/\n"
        "  2. Custodian: Mikkel Haugen\n"
        "     http://127.0.0.1:8000/catalogue/custodians/mikkel-haugen/\n"
        "\n"
        "Ask a human: @mikkel.haugen\n"
    )


def test_status_labels_are_shown_next_to_sources() -> None:
    code, output = run("is ADR-0007 still valid?", str(ROOT))
    assert code == 0
    assert "is superseded" in output
    assert (
        "  1. ADR-0010 · Stream selected sources through Kafka, micro-batch the rest [accepted]"
        in output
    )
    assert "[superseded]" in output


def test_json_answer_with_a_custom_portal_url() -> None:
    code, output = run(
        "what did we decide about streaming?",
        str(ROOT),
        "--format",
        "json",
        "--portal-url",
        "https://data.example/portal",
    )
    assert code == 0
    data = json.loads(output)
    assert data["answered"] is True
    assert data["intent"] == "decision"
    first = data["citations"][0]
    assert first["url"] == "https://data.example/portal/decisions/adr-0010/#decision-outcome"
    assert first["path"] == "decisions/adr-0010/#decision-outcome"
    assert first["status"] == "accepted"
    assert 0 < data["confidence"] <= 1


def test_declined_question_exits_1_and_says_so() -> None:
    code, output = run("When is the company christmas party?", str(ROOT), "--format", "json")
    assert code == 1
    data = json.loads(output)
    assert data["answered"] is False
    assert data["citations"] == []
    assert "Ask a human" in data["text"]


def test_empty_question_is_a_usage_error() -> None:
    code, output = run("  ", str(ROOT))
    assert code == 2
    assert "QUESTION is empty" in output


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, output = run("who owns pos?", str(tmp_path / "nope"))
    assert code == 2
    assert "does not exist" in output


def test_help_has_an_example() -> None:
    code, output = run("--help")
    assert code == 0
    assert 'paved ask "who is the custodian of the orders table?"' in output
