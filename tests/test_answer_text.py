"""Content words of a question (``bot/answer/text.py``): what the ranking is asked for."""

from __future__ import annotations

import pytest

from paved.bot.answer.text import content_words, expand_shorthand


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("I don't know what the kettle is called", ["kettle", "called"]),
        ("the kettle didn't boil", ["kettle", "boil"]),
        ("why isn't the kettle hot", ["kettle", "hot"]),
        ("the kettle wasn't cleaned and we haven't noticed", ["kettle", "cleaned", "noticed"]),
        ("we can't and won't descale the kettle", ["descale", "kettle"]),
        ("you needn't descale it", ["descale"]),
    ],
)
def test_a_negated_auxiliary_leaves_no_fragment(asked: str, expected: list[str]) -> None:
    """ "don't" is one filler word, not "don" (or "didn", "isn", "wasn") left behind when the
    clitic goes: the index never holds such a fragment, so it weighed as the rarest word
    of the question and sank the coverage of the section that answers."""
    assert content_words(asked) == expected


def test_a_typographic_apostrophe_reads_as_a_plain_one() -> None:
    assert content_words("I don’t know who’s descaling the kettle") == ["descaling", "kettle"]


def test_other_clitics_are_still_dropped() -> None:
    assert content_words("what's the kettle's wattage, they're asking") == [
        "kettle",
        "wattage",
        "asking",
    ]


def test_a_word_ending_in_nt_is_kept() -> None:
    """Only the clitic "n't" joins its auxiliary: "tenant", "payment" keep their letters."""
    assert content_words("the tenant's payment isn't due") == ["tenant", "payment", "due"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("choir practice hrs - when n where?", "choir practice hours - when and where?"),
        ("is the kettle fixed rn", "is the kettle fixed right now"),
        ("a rota for new ppl", "a rota for new people"),
        ("rehearsal cancelled bc of snow?", "rehearsal cancelled because of snow?"),
        ("can I borrow a bike w/o a card", "can I borrow a bike without a card"),
        ("Lockers HRS when N where", "Lockers hours when and where"),
        ("does the rota go thru the secretary", "does the rota go through the secretary"),
    ],
)
def test_chat_shorthand_is_read_as_the_word_it_stands_for(typed: str, meant: str) -> None:
    assert expand_shorthand(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "the top n bikes by rentals",
        "show the first n rows",
        "who runs the hr system",  # the HR system, not "hour"
        "the u/v split of the lockers",
        "hrsfield and rnd tables",  # inside a word
    ],
)
def test_words_that_only_look_like_shorthand_are_kept(typed: str) -> None:
    assert expand_shorthand(typed) == typed


def test_shorthand_then_reads_as_fillers_and_question_words() -> None:
    assert content_words(expand_shorthand("rota hrs pls, thx")) == ["rota", "hours"]
