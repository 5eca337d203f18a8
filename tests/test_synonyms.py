"""The team's synonyms.yml: loading (bounded, located), validation (SYN701, SYN702), and
what the answering engine does with it."""

from __future__ import annotations

from pathlib import Path

from paved.bot.answer.engine import Engine
from paved.bot.answer.query import Vocabulary, terms
from paved.bot.answer.synonyms import Synonyms, built_in, parse_groups
from paved.generator.core.api import check
from paved.generator.core.load.synonyms import FILE, MAX_BYTES, load_synonyms

ROOT = Path(__file__).resolve().parent.parent


def test_a_repository_without_the_file_has_no_synonyms(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path) == (None, [])


def test_groups_keep_their_lines(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text("# ours\nsynonyms:\n  - [till, pos]\n  - [c360, customer 360]\n")
    found, diagnostics = load_synonyms(tmp_path)
    assert diagnostics == []
    assert found is not None
    assert found.groups == (("till", "pos"), ("c360", "customer 360"))
    assert found.line_of(1) == 4


def test_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("synonyms:\n  - [a, b]\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / FILE).symlink_to(outside)
    assert load_synonyms(repo) == (None, [])


def test_an_oversized_file_is_refused_with_a_located_error(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text("synonyms:\n" + "  - [a, b]\n" * (MAX_BYTES // 8))
    found, diagnostics = load_synonyms(tmp_path)
    assert found is None
    assert [d.code for d in diagnostics] == ["FILE004"]
    assert diagnostics[0].location.path == FILE


def test_the_example_file_is_valid_and_used_by_the_engine() -> None:
    result = check(ROOT)
    assert not [d for d in result.diagnostics if d.code.startswith("SYN")]
    found, _ = load_synonyms(ROOT)
    assert found is not None
    assert found.groups
    engine = Engine.from_root(ROOT)
    try:
        first = found.groups[0]
        assert set(first[1:]) <= set(engine.synonyms.of(first[0]))
    finally:
        engine.close()


def test_groups_are_symmetric_and_merge_with_the_built_in_ones() -> None:
    synonyms = Synonyms.build(built_in(), parse_groups("till, pos\ncatalogue, register"))
    assert "pos" in synonyms.of("till")
    assert "till" in synonyms.of("pos")
    assert {"catalog", "register"} <= set(synonyms.of("catalogue"))


def test_phrases_are_matched_before_words() -> None:
    synonyms = Synonyms.build(built_in())
    asked = terms(["break", "glass", "used"], "when can break-glass be used", synonyms)
    assert asked[0].asked in ("break glass", "break-glass")
    assert "emergency access" in asked[0].alternatives
    assert [t.asked for t in asked[1:]] == ["used"]


def test_typos_are_corrected_to_index_words_but_english_words_are_kept() -> None:
    vocabulary = Vocabulary.of(["the platform catalogue launch", "schema validation"])
    assert vocabulary.corrected("validaton of the shcema on the platfrom") == (
        "validation of the schema on the platform"
    )
    assert vocabulary.correct("lunch") is None  # an English word, not a slip for "launch"
    assert vocabulary.correct("xyzzy") is None  # nothing close: kept as asked


def test_a_day_or_a_month_matches_any_other() -> None:
    """ "Is support there on a saturday" is answered by "Monday to Friday": the docs name
    the days they mean, the question the day it asks about. "May" is a verb first."""
    synonyms = Synonyms.build(built_in())
    assert "monday" in synonyms.of("saturday")
    assert "weekend" in synonyms.of("friday")
    assert "march" in synonyms.of("january")
    assert synonyms.of("may") == ()


def test_everyday_words_for_platform_tasks_match_the_docs_words() -> None:
    """People ask to "hook excel up", "present at the meetup", bring a "half-finished"
    document, have "scratch tables", "backfill" a year, rerun a failed job; the docs say
    connect, speaker, draft, sandbox, replay, severity, retry."""
    synonyms = Synonyms.build(built_in())
    asked = terms(["hook", "excel", "up"], "can i hook excel up to the endpoint", synonyms)
    assert "connect" in asked[0].alternatives
    assert "speaker" in synonyms.of("present")
    assert "draft" in synonyms.of("half-finished")
    assert "sandbox" in synonyms.of("scratch")
    assert "replay" in synonyms.of("backfill")
    assert "severity" in synonyms.of("p1")
    assert "retry" in synonyms.of("rerun")
    assert "freshness" in synonyms.of("late")  # "late loads": what freshness checks catch


def test_an_obscure_english_word_one_slip_from_an_everyday_index_word_is_corrected() -> None:
    """ "frist", "planing", "linage" are in a full English word list (archaic or trade
    words) but nobody means them: each is a slip for the everyday word the index holds.
    A word in everyday use ("lunch") is still kept, and so are the synonyms' own words
    ("joiner" of "new joiner", also an obscure word one slip from "joined")."""
    vocabulary = Vocabulary.of(["first pass yield", "demand planning", "data lineage", "joined"])
    assert vocabulary.corrected("frist pass, demand planing, data linage") == (
        "first pass, demand planning, data lineage"
    )
    assert vocabulary.correct("lunch") is None
    synonyms = Synonyms.build(built_in())
    assert "joiner" in synonyms.words()
    assert vocabulary.corrected("new joiner", keep=synonyms.words()) == "new joiner"


def test_a_hyphenated_term_is_matched_as_one_phrase() -> None:
    """ "hands-on" is written with a hyphen and read as "hands" and "on": it must find its
    group as one term, not leave "hands" as a word of the question."""
    groups = Synonyms.build([("workshop", "hands-on", "practice session"), ("re-run", "retry")])
    assert "hands-on" in groups.phrases
    found = terms(["hands", "workshop", "bikes"], "is there a hands-on workshop for bikes", groups)
    assert [t.asked for t in found] == ["hands-on", "workshop", "bikes"]
    assert "practice session" in found[0].alternatives
    rerun = terms(["re", "run", "load"], "can I re-run the load", groups)
    assert [t.asked for t in rerun] == ["re-run", "load"]
