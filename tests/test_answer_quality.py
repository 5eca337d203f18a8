"""Quality gate: the five benchmark question sets against the bundled Halden example.

Not a timing: it fails when a change to ranking, intents or thresholds makes the bot cite
the wrong sections, answer what the content cannot answer, or quote text that does not
state the fact. The tuning set (``questions``) must stay at hit@1 >= 0.90 and hit@3 >=
0.96 (it is at 0.99 / 1.00); the blind sets (``blind`` to ``blind6``, written without
reading the content, each held out for a while and tuned on since: see the comments
below) are held to the figures the engine reaches today, so any regression fails. The
held-out measure is a sealed set kept outside the repository.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from paved.bot.answer.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "benchmarks" / "questions.yaml"
# benchmarks/ is a folder of scripts, not a package: its helpers import by file name.
sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    from _quality import (
        HELD_OUT,
        SETS,
        Report,
        evaluate,
        load_questions,
        resolve,
        states,
        unresolved,
    )
finally:
    sys.path.remove(str(ROOT / "benchmarks"))

# What the blind sets reach now (benchmarks/README.md, sixth round, 2026-12-06), less one
# question of slack: other changes to the rendered pages move the index's word
# statistics, and borderline questions with them.
# blind: hit@1 95/109, hit@3 104/109, fact stated 95/104 (eighth round: a "why" quotes
# the decision's reason), 21/21 unanswerable declined,
# 1/109 answerable declined. Its targets (hit@1 0.80, hit@3 0.92, fact 0.85, every
# unanswerable declined, at most 5 % wrongly declined) are met.
BLIND_HIT_AT_1 = 0.86
BLIND_HIT_AT_3 = 0.94
BLIND_FACT_STATED = 0.91  # fifteenth round: 95/103, held less one question
BLIND_DECLINED = 0.95
BLIND_WRONGLY_DECLINED = 0.02
# blind2: hit@1 54/60, hit@3 57/60 (tenth round: the change log page), fact stated 49/57,
# 10/10 unanswerable declined (seventh round: a money question needs an amount), 2/60
# answerable declined.
BLIND2_HIT_AT_1 = 0.88
BLIND2_HIT_AT_3 = 0.93
BLIND2_FACT_STATED = 0.85
BLIND2_DECLINED = 0.9
BLIND2_WRONGLY_DECLINED = 0.05


class Floor(NamedTuple):
    """What a blind set must keep: hit@1, hit@3, fact stated, unanswerable declined,
    and at most this share of answerable questions declined."""

    hit_at_1: float
    hit_at_3: float
    stated: float
    declined: float
    wrongly_declined: float


FLOORS = {
    "blind": Floor(
        BLIND_HIT_AT_1, BLIND_HIT_AT_3, BLIND_FACT_STATED, BLIND_DECLINED, BLIND_WRONGLY_DECLINED
    ),
    "blind2": Floor(
        BLIND2_HIT_AT_1,
        BLIND2_HIT_AT_3,
        BLIND2_FACT_STATED,
        BLIND2_DECLINED,
        BLIND2_WRONGLY_DECLINED,
    ),
}
# blind3 and blind4: written after blind2 was tuned on, in other styles (terse, rambling,
# two questions in one message); held out in the sixth and seventh rounds, development
# sets since the eighth (benchmarks/README.md: data-value questions declined, everyday
# platform words, times read as situation, typos that are obscure English words, and
# more; each a general mechanism with unit tests on made-up sentences). Still below the
# targets. After the ninth round (benchmarks/README.md): blind3 hit@1 44/60, hit@3 52/60,
# fact stated 37/52, 10/10 unanswerable declined, 3/60 answerable declined; blind4 hit@1
# 41/49, hit@3 42/49, fact stated 35/42, 11/11 declined, 2/49 answerable declined. Held
# here, less one question, against regressions (blind3's facts stated at the eighth
# round's floor: its three new hits brought one answer that does not state the fact).
# Fifteenth round (the kind of answer asked weighs the sentence and the section): blind3
# hit@1 45/60, fact stated 38/52; blind6 fact stated 73/90; held less one question.
# Eighteenth round: blind3 fact stated 40/52, held less one question.
FLOORS["blind3"] = Floor(0.73, 0.84, 0.75, 0.9, 0.07)
FLOORS["blind4"] = Floor(0.81, 0.83, 0.8, 0.9, 0.07)
# blind5: written and labelled blind at the start of the seventh round, kept sealed
# outside the repository through the seventh and eighth rounds (at f4debfe: hit@1 46/69,
# hit@3 56/69, fact stated 39/56, 9/11 unanswerable declined, 4/69 answerable declined);
# a development set since the ninth round, when a new sealed set, kept outside the
# repository, became the held-out measure. After the ninth round: hit@1 54/69, hit@3
# 64/69, fact stated 50/64, 11/11 declined, 0/69 answerable declined; after the tenth:
# hit@1 55/69, hit@3 65/69, fact stated 50/65. Held less one question. After the
# eighteenth round: fact stated 53/65.
FLOORS["blind5"] = Floor(0.78, 0.92, 0.80, 0.9, 0.02)
# blind6: written and labelled blind on 2026-12-07 (writer given only page titles and sheet
# names; labeller reading the content, never running the engine), kept outside the
# repository through the ninth round and measured before it entered the file: at b70065b
# hit@1 0.75, hit@3 0.81, fact stated 0.78, 16/18 unanswerable declined, 6/102 answerable
# declined (the targets are 0.80, 0.92, 0.85, 100 % and 5 %). A development set since the
# tenth round (its misses are read; a new sealed set, kept outside the repository, is the
# held-out measure). After the tenth round (benchmarks/README.md): hit@1 82/102, hit@3
# 88/102, fact stated 70/88, 18/18 unanswerable declined, 5/102 answerable declined.
# Held less one question against regressions.
# After the seventeenth round: hit@1 85/102, hit@3 91/102, fact stated 74/91. After the
# eighteenth: fact stated 75/91.
FLOORS["blind6"] = Floor(0.82, 0.88, 0.81, 0.94, 0.06)
# blind7: written and labelled blind at the start of the tenth round (writer given only
# page titles and sheet names; labeller reading the content, never running the engine),
# kept outside the repository while the tenth round was tuned on blind6, and measured
# before it entered the file: at 917e231 hit@1 0.68, hit@3 0.77, fact stated 0.74, 13/16
# unanswerable declined, 17/104 answerable declined; after the tenth round (93e0b7f..)
# hit@1 73/104, hit@3 83/104, fact stated 61/83, 13/16 declined, 15/104 answerable
# declined. A development set since the eleventh round (its misses are read; the next
# sealed set, kept outside the repository, is the held-out measure). After the eleventh
# round (benchmarks/README.md): hit@1 85/104, hit@3 96/104, fact stated 73/96, 16/16
# unanswerable declined, 4/104 answerable declined. Held less one question.
FLOORS["blind7"] = Floor(0.80, 0.91, 0.75, 0.93, 0.05)
# blind9: written and labelled blind at the start of the eleventh round (writer given only
# page titles and sheet names; labeller reading the content, never running the engine),
# kept outside the repository while the eleventh round was tuned on blind7, and measured
# before it entered the file: at 011e98e hit@1 0.72, hit@3 0.80, fact stated 0.67 of 82,
# 12/17 unanswerable declined, 8/103 answerable declined; after the eleventh round
# (18f8a37) hit@1 76/103, hit@3 84/103, fact stated 59/84, 12/17 declined, 7/103 answerable
# declined. A development set since the twelfth round (its misses are read; the next
# sealed set, kept outside the repository, is the held-out measure). After the twelfth
# round (benchmarks/README.md): hit@1 87/103, hit@3 95/103, fact stated 70/95, 16/17
# unanswerable declined, 4/103 answerable declined. Held less one question.
# After the seventeenth round: hit@1 88/103, hit@3 95/103, fact stated 74/95.
# After the eighteenth round: fact stated 75/95, held less one question.
FLOORS["blind9"] = Floor(0.84, 0.91, 0.77, 0.88, 0.05)
# blind10: written and labelled blind at the start of the twelfth round (writer given only
# page titles and sheet names; labeller reading the content, never running the engine),
# kept outside the repository while the twelfth and thirteenth rounds were tuned on blind7
# and blind9, and measured before it entered the file: at ca7df01 hit@1 0.82, hit@3 0.91,
# fact stated 0.71 of 98, 12/17 unanswerable declined, 5/108 answerable declined; after
# the thirteenth round (3f4d991) hit@1 90/108, hit@3 99/108, fact stated 72/99, 12/17
# declined, 5/108 answerable declined. Held out through the fifteenth round (its misses
# were not shown); a development set since the sixteenth (its misses are read; blind11 is
# the held-out measure). After the sixteenth round's attribute check: 15/17 unanswerable
# declined. Held less one question.
# After the seventeenth round: hit@1 93/108, hit@3 102/108, fact stated 75/102, 15/17
# declined, 3/108 answerable declined. After the eighteenth round: fact stated 79/102
# (held less one question).
FLOORS["blind10"] = Floor(0.85, 0.93, 0.76, 0.82, 0.06)
# blind11: written and labelled blind at the start of the fifteenth round (the same way),
# kept outside the repository while that round was tuned on the development sets, and
# measured before it entered the file: at 1037160 hit@1 79/108, hit@3 87/108, fact stated
# 58/87, 11/17 unanswerable declined, 7/108 answerable declined; after the fifteenth round
# (344ba78) hit@1 79/108, hit@3 86/108, fact stated 57/86, 11/17 declined, 8/108 answerable
# declined. Held out until the seventeenth round, a development set since (its misses are
# read). After the seventeenth round: hit@1 83/108, hit@3 89/108, fact stated 65/89, 11/17
# declined, 8/108 answerable declined. Held less one question. After the eighteenth
# round: fact stated 69/89 (held less one question).
FLOORS["blind11"] = Floor(0.75, 0.81, 0.76, 0.58, 0.09)
# blind12: written and labelled blind at the start of the sixteenth round (the same way),
# kept outside the repository while that round was tuned on the development sets, and
# measured before it entered the file: at 8d88056 and after the sixteenth round (1e10a76)
# alike, hit@1 79/108, hit@3 87/108, fact stated 60/88, 10/17 unanswerable declined,
# 9/108 answerable declined; with the attribute rule (ee4952c) 11/17 declined, the rest the
# same. Held out (its misses are not shown); held less one question.
FLOORS["blind12"] = Floor(0.72, 0.79, 0.66, 0.52, 0.10)
# blind13: written and labelled blind at the start of the seventeenth round (the same
# way; 2 of the writer's guesses overridden by the labeller), kept outside the repository
# while the seventeenth and eighteenth rounds were tuned, and measured before it entered
# the file: at 4333bc7, after the seventeenth round (6707b3f) and after the eighteenth
# (d154364) alike, hit@1 0.81, hit@3 0.86, fact stated 0.58 of 93, 14/17 unanswerable
# declined, 9/108 answerable declined. Held out (its misses are not shown); held less
# one question.
FLOORS["blind13"] = Floor(0.79, 0.85, 0.56, 0.76, 0.10)
# Pages and sections the portal writes only from the repository's git history (not in the
# bot's index): the change log, and the onboarding report's lead time and products in
# progress (both from the dates of the WIDs' status changes).
GIT_HISTORY_PAGES = frozenset(
    {"changes/", "reports/onboarding/#lead-time", "reports/onboarding/#in-progress"}
)


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    built = Engine.from_root(ROOT)
    yield built
    built.close()


@pytest.fixture(scope="module")
def report(engine: Engine) -> Report:
    return evaluate(engine.ask, resolve(load_questions(QUESTIONS), engine.sections))


def describe(report: Report) -> str:
    if any(o.question.set in HELD_OUT for o in report.outcomes):
        return "held-out set: its misses are not shown (reading them would tune to them)"
    return "; ".join(
        f"{o.question.text!r} -> {[c.url for c in o.answer.citations[:3]]}" for o in report.misses()
    )


def test_question_sets_cover_every_kind_of_content() -> None:
    questions = load_questions(QUESTIONS)
    old = [q for q in questions if q.set == "questions"]
    blind = [q for q in questions if q.set == "blind"]
    blind2 = [q for q in questions if q.set == "blind2"]
    assert len(old) >= 82
    assert len(blind) >= 100
    assert len(blind2) >= 70
    for held_out in SETS[SETS.index("blind3") :]:  # every set written after blind2
        assert sum(1 for q in questions if q.set == held_out) >= 60
    for part in (old, blind, blind2):
        topics = {q.topic for q in part if q.answerable}
        assert {"docs", "products", "decisions", "catalogue"} <= topics
    assert sum(1 for q in blind if not q.answerable) >= 15
    assert sum(1 for q in blind2 if not q.answerable) >= 10


def test_tuning_set_stays_at_its_figures(report: Report) -> None:
    old = report.of_set("questions")
    assert old.hit_at(1) >= 0.90, describe(old)
    assert old.hit_at(3) >= 0.96, describe(old)
    assert old.declined_correctly == 1.0, describe(old)
    assert old.declined_wrongly <= 1, describe(old)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_set_hits(report: Report, name: str) -> None:
    blind, floor = report.of_set(name), FLOORS[name]
    assert blind.hit_at(1) >= floor.hit_at_1, describe(blind)
    assert blind.hit_at(3) >= floor.hit_at_3, describe(blind)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_set_declines(report: Report, name: str) -> None:
    blind, floor = report.of_set(name), FLOORS[name]
    assert blind.declined_correctly >= floor.declined, describe(blind)
    assert blind.declined_wrongly_share <= floor.wrongly_declined, describe(blind)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_answers_state_the_fact(report: Report, name: str) -> None:
    blind, floor = report.of_set(name), FLOORS[name]
    unstated = "; ".join(f"{o.question.text!r}: {o.answer.text[:120]!r}" for o in blind.unstated())
    if name in HELD_OUT:
        unstated = describe(blind)
    assert blind.fact_stated >= floor.stated, unstated


def test_expected_urls_exist_in_the_portal(engine: Engine) -> None:
    """A typo in questions.yaml would otherwise look like a ranking failure; so would a
    catalogue entry (``dataset:``, ``system:``) the portal does not have."""
    questions = resolve(load_questions(QUESTIONS), engine.sections)
    assert unresolved(questions) == []
    known = {s.url for s in engine.sections} | {s.url.split("#")[0] for s in engine.sections}
    # The change log is written from the git history, which the bot's index is built
    # without: a blind2 question labelled with it is a miss the engine cannot avoid.
    known |= GIT_HISTORY_PAGES
    missing = [url for q in questions for url in q.expect if url not in known]
    assert missing == []


def test_answer_has_scoring() -> None:
    assert states("Target: 2 working days.", ["2 working days"])
    assert states("It is the Custodian.", ["custodian|owner"])
    assert not states("It is the custodian.", ["custodian", "2 days"])


def test_malformed_question_file_names_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "q.yaml"
    bad.write_text("questions:\n  - q: fine\n    expect: declined\n  - q: broken\n", "utf-8")
    with pytest.raises(ValueError, match="question 2 needs 'expect:'"):
        load_questions(bad)
    bad.write_text(
        "questions: []\nblind:\n  - q: x\n    expect: [a/]\n    answer_has: 3\n", "utf-8"
    )
    with pytest.raises(ValueError, match="blind question 1: 'answer_has:'"):
        load_questions(bad)
