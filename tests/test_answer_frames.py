"""How a question is framed, read the way people ask (issue 11, ninth round).

Each behaviour is a general mechanism, tested on made-up sentences about a made-up club:
a problem is reported only when the asker asks whom or where to tell, not when "where"
asks where something is defined.
"""

from __future__ import annotations

import pytest

from paved.bot.answer.intents import read


@pytest.mark.parametrize(
    ("text", "reports"),
    [
        ("the booking page is broken, where do I report it", True),
        ("the rota export failed, who do I tell?", True),
        ("if the rota export fails who should I tell", True),
        # "Where" of where something lives asks no one to be told.
        ("rota checks - where are they defined, and what happens if one fails?", False),
        ("where is the rota stored when the export fails", False),
    ],
)
def test_a_problem_is_reported_only_when_asked_whom_or_where_to_tell(
    text: str, reports: bool
) -> None:
    assert read(text).reports is reports
