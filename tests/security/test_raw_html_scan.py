"""A page of start tags that never close is converted in linear time, with the output
Python-Markdown gives it.

Python-Markdown's raw-HTML extractor read every attribute of an unclosed tag again
from each ``<`` after it: ``'<div class="x" ' * 2000`` (30 kB) took 3.7 s, each doubling
four times as long, so one page under the 5 MB limit stalled a build for hours.
``paved.generator.mkdocs_plugin.start_tags`` answers the same question reading each
character about once; these tests check the answers are Python-Markdown's own and count
the characters read.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import htmlparser
from mkdocs.structure.pages import _HTMLHandler

from paved.generator.mkdocs_plugin import start_tags

PAVED = Path(sys.executable).parent / "paved"
TIMEOUT = 60
MEMORY = 1 << 30

# Shapes of unclosed tags: attributes, one long tag name, ``<`` inside quoted values
# (read as tags from there), a ``>`` only inside a quoted value at the end, quotes that
# never close, quotes of both kinds interleaved.
ATTACKS = {
    "attributes": '<div class="x" ',
    "names": "<a",
    "quoted": '<a b="<c d>" ',
    "quoted-close": '<div class="x" ',
    "open-quote": "<a b='x' c=",
    "mixed-quotes": "<a b=\"x'<c d='\" ",
}
TAILS = {"quoted-close": 'y=">"', "open-quote": "'"}

# Pieces the generated text is made of: what the scan's expression treats specially.
PIECES = [
    "<", "<a", "<div", "a", "b", "=", "==", "'", '"', " ", "\n", "\t", "\x0b", "\xa0",
    "/", "/>", ">", "`", "\x00", ",", 'x="y"', "<a b='c'>", "</a>", "= \"", "='", "<c d=\"",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
START = re.compile("<[a-zA-Z]")


@pytest.fixture
def linear() -> Iterator[None]:
    assert start_tags.install(), "not the parser start_tags was derived from"
    yield
    start_tags.install()  # the state every build leaves


def test_the_scan_is_the_one_paved_builds_with() -> None:
    # Python-Markdown 3.11 on a standard library from before gh-135462 (Python 3.11.7,
    # the project's). Another version leaves Python-Markdown as it is: re-derive then.
    assert start_tags.install()
    assert start_tags.installed()
    # Python-Markdown's extractor and MkDocs' anchor collector, which reads each page first.
    for reader in (htmlparser.HTMLExtractor, _HTMLHandler):
        assert reader.check_for_whole_start_tag is start_tags.check_for_whole_start_tag


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, keep=st.lists(st.booleans(), min_size=40, max_size=40))
def test_each_answer_is_python_markdowns_own(text: str, keep: list[bool]) -> None:
    # The parser asks at increasing positions, skipping those inside a tag it took.
    parser = htmlparser.HTMLExtractor(markdown.Markdown())
    parser.rawdata = text
    asked = [m.start() for n, m in enumerate(START.finditer(text)) if keep[n % len(keep)]]
    for i in asked:
        expected = start_tags._ORIGINAL(parser, i)
        assert start_tags.check_for_whole_start_tag(parser, i) == expected, (text, i)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, extensions=st.sampled_from([[], ["md_in_html"], ["md_in_html", "attr_list"]]))
def test_a_page_converts_as_before(text: str, extensions: list[str]) -> None:
    try:
        start_tags.uninstall()
        before = markdown.markdown(text, extensions=extensions)
    finally:
        assert start_tags.install()
    assert markdown.markdown(text, extensions=extensions) == before


@pytest.mark.parametrize("name", ATTACKS)
def test_each_character_is_read_a_bounded_number_of_times(linear: None, name: str) -> None:
    # Python-Markdown's own check read ~n²/30 characters here (the rest of the line
    # from each ``<``): 1.5 million for 4,000 repetitions, 24 million for 16,000.
    reads = []
    for count in (4_000, 16_000):
        text = ATTACKS[name] * count + TAILS.get(name, "")
        parser = htmlparser.HTMLExtractor(markdown.Markdown())
        parser.feed(text)
        parser.close()
        read = parser._paved_scan.reads
        assert read <= 3 * len(text), (name, count, read, len(text))
        reads.append(read)
    assert reads[1] <= 4 * reads[0] + 100  # four times the text, four times the reading


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def test_a_page_of_unclosed_tags_is_built(tmp_path: Path) -> None:
    # RS-003's shape, 1 MB: days of CPU with Python-Markdown's own check (60 kB took
    # 7 s, quadratic), a second or two now. Bounded by the subprocess timeout.
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Unclosed\ntheme:\n  name: material\nplugins:\n  - paved\n", encoding="utf-8"
    )
    line = '<div class="x" ' * 70_000
    (tmp_path / "docs" / "notes.md").write_text(f"# Unclosed\n\n{line}\n", encoding="utf-8")
    result = subprocess.run(
        [str(PAVED), "build"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limits,
        check=False,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-2000:]
    assert result.returncode == 0, output[-2000:]
    page = (tmp_path / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall('&lt;div class="x"', page)) == 70_000  # text, escaped once
