"""A WID's file name becomes a CODEOWNERS pattern: GitHub reads ``*``, ``?`` and ``**``
in it as wildcards (and a pattern it cannot parse makes the line an error), so a name
holding them would give its owners other files (``WID-0099-*.md`` owns every other
``WID-0099-`` file, the later rule winning). Such a name is left out with a comment,
like one holding control characters; every rule written matches exactly its file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from diff_helpers import default_platform, wid

from paved.generator.core import codeowners
from paved.generator.core.api import load_and_validate

#: What gitignore-style matching gives a meaning to, besides the escaped space, '#', '\'.
WILDCARDS = ["*", "?", "[ab]", "**", "!"]


@pytest.mark.parametrize("wildcard", WILDCARDS)
def test_a_file_name_with_a_wildcard_owns_no_other_file(tmp_path: Path, wildcard: str) -> None:
    platform = default_platform()
    platform.wids["WID-0001-daily.md"] = wid(1, github="@eva-holm")
    platform.wids[f"WID-0009-x{wildcard}.md"] = wid(9, github="@attacker")
    for rel, text in platform.files().items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    text = codeowners.generate(load_and_validate(tmp_path)[0], ["@kari"])
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert "@attacker" not in text
    assert not [rule for rule in rules if any(c in rule.split(" ")[0] for c in "*?[]!")]
    assert "/wids/WID-0001-daily.md @eva-holm" in rules
    assert f"WID-0009-x{wildcard}.md" in text  # named in the comment that leaves it out
