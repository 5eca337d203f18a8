"""The oracle test: ``markdown_structure.scan`` agrees with what the portal renders.

The oracle is Python-Markdown configured exactly as the example's ``mkdocs.yml`` (MkDocs'
own config loader gives the extension list and settings, Paved's fence formatters
included), on tricky hand-written cases, every page of the example and generated
combinations. Headings (ids and order) must be those the renderer writes.
"""

from __future__ import annotations

import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from types import FrameType
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from paved.generator.core.markdown_structure import heading_anchor, scan, sections

REPO = Path(__file__).resolve().parents[1]

# ------------------------------------------------------------------------ the oracle


def _site_markdown() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The example site's Markdown extensions and their settings, as MkDocs loads them."""
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


_MD: markdown.Markdown | None = None


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.ids.append(dict(attrs).get("id"))


def oracle(text: str) -> list[tuple[int, str]]:
    """(level, id) of every heading toc gave an id, in document order, checked against
    the h1-h6 of the rendered HTML (raw-HTML headings aside, they have no toc id)."""
    global _MD
    if _MD is None:
        extensions, configs = _site_markdown()
        _MD = markdown.Markdown(extensions=extensions, extension_configs=configs)
    _MD.reset()
    html = _MD.convert(text)
    out: list[tuple[int, str]] = []

    def walk(tokens: list[dict[str, Any]]) -> None:
        for t in tokens:
            out.append((t["level"], t["id"]))
            walk(t["children"])

    walk(_MD.toc_tokens)  # type: ignore[attr-defined]
    parser = _Headings()
    parser.feed(html)
    parser.close()
    rendered = iter(parser.ids)
    for _, anchor in out:
        assert any(r == anchor for r in rendered), f"{anchor} not among the rendered h1-h6"
    return out


def scanned(text: str) -> list[tuple[int, str]]:
    return [(h.level, h.anchor) for h in scan(text).headings]


# ------------------------------------------------------------------------ the corpus

CASES: dict[str, str] = {
    "plain": "# Plain\n\nText\n\n## Second\n",
    "nospace": "#NoSpace\n##Two",
    "indented-atx": "  # Indented two\n   # three\n# real",
    "mid-paragraph": "text\n# mid paragraph\nmore",
    "closing-hashes": "# foo #\n## bar ##########\n# C#\n# escaped \\#\n### a # b ###",
    "seven-hashes": "####### seven\n#######",
    "empty-headings": "#\n# ###\n##",
    "trailing-backslash": "# foo\\\n# ok",
    "explicit-id": "# Title {#custom}\n# Other {: #other .cls }\n# Title\n# custom",
    "explicit-later": "# Later\n## Something {#later}",
    "class-only-attr": "# Styled {.big}",
    "duplicates": "## Dup\n## Dup\n## Dup\n## Dup_1",
    "inline-markup": "# `code_x` and **bold** _em_ [link](x) &amp; <b>raw</b>",
    "emoji": "# Done :white_check_mark: here",
    "snake": "# sales_lines table\n# _private\n# a__b",
    "entities": "# Caf&eacute; &#169; &lt;tag&gt;",
    "ref-link": "# See [the guide][g]\n\n[g]: https://example.com",
    "undefined-ref": "# See [the guide][nope]",
    "unicode": "# Über straße — naïve 日本",
    "fence-basic": "```\n# in fence\n```\n# after",
    "fence-indented-close": "```\n# in fence\n    ```\n# still in\n```\n# after",
    "fence-two-space-close": "```\n# x\n  ```\n# y\n```\n# z",
    "fence-backtick-info": "```py`x\n# after bad info\n```\n# two",
    "fence-tilde-backtick-info": "~~~ foo`bar\n# tilde bad info\n~~~",
    "fence-tilde": "~~~python\n# t\n~~~\n# after tilde",
    "fence-longer-close": "````\n# a\n```\n# b\n`````\n# c\n````\n# d",
    "fence-unclosed": "# top\n```\n# unclosed\n## more",
    "fence-two-space-open": "  ```\n# two-space opening\n  ```\n# out",
    "fence-bad-option": "```python foo\n# bad option\n```",
    "fence-good-options": '```python title="a.py" linenums="1" hl_lines="1 2-3"\n# good\n```\n# z',
    "fence-attrs": "``` { .python #id }\n# in attrs fence\n```\n# z",
    "fence-bare-linenums": "```python linenums\n# bad linenums\n```",
    "fence-mermaid": "```mermaid\n# m\n```\n```mermaid x\n# m2\n```",
    "fence-columns": "```paved-columns\n# c\n```\n# after columns",
    "fence-in-quote": "> # quoted\n> ```\n> # quoted fence\n> ```\n# out",
    "fence-in-list": "- item\n\n    ```\n    # fence in li\n    ```\n\n    # heading in li",
    "fence-indented-in-para": "para\n    ```\n    # in indented fence\n    ```\n# after",
    "fence-mixed-chars": "```\n# a\n~~~\n# b\n```\n# c",
    "fence-then-setext": "```\nx\n```\nFoo\n---",
    "setext": "Title\n=====\n\nSub\n---",
    "setext-multiline": "Foo\nbar\n===",
    "setext-indented": "  Foo\n  ---\n\nBar\n   ---",
    "setext-trailing-space": "Foo\n--- ",
    "setext-after-atx": "# h\nFoo\n---",
    "setext-after-list": "- a\nFoo\n---",
    "setext-list-text": "- a\n---",
    "hr-then-setext": "Foo\n***\nBar\n===",
    "hr-splits": "Foo\nBar\n---\n# x",
    "html-div": "<div>\n# in div\n\n# in div after blank\n</div>\n# after div",
    "html-md-in-html": '<div markdown="1">\n# md in div\n</div>\n# after',
    "html-md-block": '<div markdown="block" class="x">\n\n## inside block\n\n</div>',
    "html-unclosed": "# before\n<div>\n# unclosed div",
    "html-no-blank-before": "text\n<div>\n# div not after blank\n</div>\n# after",
    "html-comment": "<!-- comment\n# in comment\n-->\n# after comment",
    "html-inline-span": "<span>inline</span>\n# after span",
    "html-tail": "<div>x</div> trailing\n# after trailing",
    "html-nested": "<div><div>\n# a\n</div>\n# b\n</div>\n# c",
    "html-indented-4": "    <div>\n\n# real",
    "html-details": "<details>\n<summary>S</summary>\n# hidden\n</details>\n# shown",
    "html-hr": "<hr>\n# after hr",
    "html-quoted-gt": (
        "<div title=\"a > b\"><span class='x>y'>s</span>\n# in div\n</div>\n# after"
    ),
    "html-quote-over-lines": '<div>\n<span title="one\n# two">x</span>\n</div>\n# after',
    "html-tag-over-lines": '<div>\n<p\nclass="x">t</p></div>\n# after',
    "html-self-closed": "<div>\n<div/>\n# inside\n</div>\n# after",
    "indented-code": "    # indented code\n\n# real",
    "admonition": '!!! note "T"\n    # in admonition\n\n    ## second\n# out',
    "admonition-fence": "!!! note\n    ```\n    # in fence\n    ```\n    # heading",
    "details-tabbed": (
        '??? tip\n    # in details\n=== "Tab 1"\n    # in tab\n\n=== "Tab 2"\n\n    # tab two'
    ),
    "admonition-nested": (
        "!!! note\n    !!! warning\n        # deep\n\n        ## deeper\n\n    # back"
    ),
    "admonition-html": "!!! note\n    <div>\n    # not raw here\n    </div>",
    "list-continuation": "- item\n    # list cont\n\n    # list para cont\n- # in li",
    "ordered-list": "1. one\n2. # two\n\n    # para in two",
    "blockquote": "> # q1\n>\n> ## q2\nlazy\n# out",
    "table": "a | b\n--|--\n# row\n\n# after table",
    "deflist": "Term\n:   Def\n\n    # in def\n\n# after",
    "footnote": "Text[^1]\n\n[^1]: note\n\n# after footnote",
    "tabs-in-heading": "#\tTabbed\n\t# indented by tab",
    "crlf-free-blank-spaces": "# a\n   \n# b",
}


def body_of(text: str) -> str:
    """The page body MkDocs converts: YAML front matter (--- ... --- or ...) removed."""
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        for k in range(1, len(lines)):
            if lines[k].rstrip() in ("---", "..."):
                return "\n".join(lines[k + 1 :])
    return text


ROOT = REPO
FILES = sorted(p for d in ("docs", "wids", "adrs") for p in (ROOT / d).rglob("*.md"))


def corpus() -> list[tuple[str, str]]:
    """Every tricky case and every page of the site, as (name, body)."""
    out = list(CASES.items())
    out += [(str(p.relative_to(ROOT)), body_of(p.read_text(encoding="utf-8"))) for p in FILES]
    return out


# ------------------------------------------------------------------------ tests


@pytest.mark.parametrize("name", list(CASES))
def test_case_agrees_with_the_renderer(name: str) -> None:
    text = CASES[name]
    assert scanned(text) == oracle(text)


@pytest.mark.skipif(not FILES, reason="no corpus under CORPUS_ROOT")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_site_page_agrees_with_the_renderer(path: Path) -> None:
    text = body_of(path.read_text(encoding="utf-8"))
    assert scanned(text) == oracle(text)


_FRAGMENTS = [
    "# Heading",
    "## Sub heading",
    "#NoSpace",
    "  # indented",
    "### Closing ###",
    "# Dup",
    "# Dup",
    "# Title {#custom}",
    "# `code` **b**",
    "Setext",
    "======",
    "------",
    "---",
    "***",
    "text line",
    "more text",
    "",
    "",
    "",
    "```",
    "````",
    "~~~",
    "```python",
    "``` bash",
    "```py`x",
    "~~~ a`b",
    "```python foo",
    "```mermaid",
    "  ```",
    "    ```",
    "   ```",
    "<div>",
    "</div>",
    "<!-- note",
    "-->",
    "<span>x</span>",
    "<hr>",
    "    # code",
    "    indented",
    "- item",
    "- # item heading",
    "1. first",
    "> # quoted",
    "> text",
    "!!! note",
    '!!! tip "Title"',
    "??? info",
    '=== "Tab"',
    "    ## inside",
    "        ### deeper",
    "a | b",
    "--|--",
    "Term",
    ":   definition",
]


# Well-formed md_in_html elements are in CASES; nested or unclosed markdown="1" elements
# mixed with other raw HTML still disagree sometimes (see NOTES.md), so they are left out.
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=25))
# Found by this test in CI: a comment's "-->" inside a fence does not close it.
@example(["<!-- note", "# Heading", "```", "-->", "```"])
def test_generated_combinations_agree_with_the_renderer(parts: list[str]) -> None:
    text = "\n".join(parts)
    assert scanned(text) == oracle(text)


def test_fence_lines_are_code_and_headings_inside_are_not_seen() -> None:
    text = "# a\n```\n# b\n    ```\n# c\n```\n# d"
    found = scan(text)
    assert [h.text for h in found.headings] == ["a", "d"]
    assert found.code == [False, True, True, True, True, True, False]
    assert found.prose == [True, False, False, False, False, False, True]
    assert [(f.start, f.end, f.marker) for f in found.fences] == [(1, 5, "```")]


def test_unclosed_fence_is_prose() -> None:
    found = scan("```\n<b>x</b> [a](b)\n# h")
    assert found.fences == []
    assert all(found.prose)
    assert [h.anchor for h in found.headings] == ["h"]


def test_html_blocks_and_indented_code() -> None:
    found = scan("<div>\n<b>x</b>\n</div>\n\n    <script>\n\ntext")
    assert found.html == [True, True, True, False, False, False, False]
    assert found.code == [False, False, False, False, True, False, False]
    assert found.prose == [False, False, False, True, False, True, True]


def test_fence_info_and_language() -> None:
    found = scan('```python title="a.py"\nx\n```\n~~~ {.yaml}\ny\n~~~')
    assert [(f.language, f.info) for f in found.fences] == [
        ("python", 'python title="a.py"'),
        ("yaml", "{.yaml}"),
    ]


def test_sections_split_at_every_heading() -> None:
    found = sections("# A\none\n\nB\n---\ntwo\n## C\nthree")
    assert [(s.heading.text, s.heading.kind, s.markdown) for s in found] == [
        ("A", "atx", "one\n"),
        ("B", "setext", "two"),
        ("C", "atx", "three"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Plain title",
        "personal_data",
        "**Bold** title",
        "`code_span`",
        "A [link](x)",
        "Caf&eacute;",
        "x <b>y</b>",
        "Title {#given}",
        "Done :tada:",
        "C# and F#",
    ],
)
def test_heading_anchor_is_tocs_id(text: str) -> None:
    assert heading_anchor(text) == oracle("# " + text)[0][1]


@pytest.mark.parametrize(
    "line",
    [
        " " * 100_000,
        "#" * 100_000,
        "`" * 100_000,
        "~" * 100_000,
        "<" * 100_000,
        ">" * 100_000,
        "# " + "a " * 50_000,
        "```" + " " * 100_000 + "x",
        '```a="' + '"x' * 50_000,
        "!!! note " + "a " * 50_000 + '"',
        "<div " + '"' * 100_000,
        "- " * 50_000,
        "| " * 50_000,
        "[" * 100_000 + "]:",
        "_ " * 50_000,
        '=== "' + " " * 100_000,
    ],
    ids=lambda s: repr(s[:12]),
)
def test_long_lines_take_milliseconds(line: str) -> None:
    scan("# warm up {#x}\n")
    # Linear work on these lines is milliseconds; a backtracking pattern on 100,000
    # characters is 10^10 steps, minutes. The bound is far from both, so a loaded
    # machine cannot make it flaky.
    budget = 2.0
    for text in (line, "para\n" + line + "\n\n" + line + "\n# end", "<div>\n" + line + "\n</div>"):
        started = time.perf_counter()
        scan(text)
        assert time.perf_counter() - started < budget, len(text)


@pytest.mark.parametrize(
    "line", ["# h", "- a", "> q", "---", "!!! note", "    code", "<div>", "```", "text", "a|b"]
)
def test_many_lines_scale_linearly(line: str) -> None:
    """Counted, not timed: the Python lines the scanner executes grow with the input."""

    def steps(n: int) -> int:
        text = "\n".join([line] * n)
        count = 0

        def trace(frame: FrameType, event: str, arg: object) -> Any:
            nonlocal count
            count += 1
            return trace

        sys.settrace(trace)
        try:
            scan(text)
        finally:
            sys.settrace(None)
        return count

    small, large = steps(500), steps(4_000)
    assert large <= 8 * 1.25 * small, (small, large)
