"""``brackets``: Python-Markdown's link bracket matching, made linear in the brackets,
returns what Python-Markdown's own does, so pages convert to the same HTML."""

from __future__ import annotations

import random

import markdown
import pytest
from markdown.inlinepatterns import LinkInlineProcessor

from paved.generator.mkdocs_plugin.brackets import NAME, bracket_ends, closing_bracket, register

original = getattr(LinkInlineProcessor, "_findBracketEnds", None)
needs_original = pytest.mark.skipif(
    original is None, reason="this Python-Markdown has no _findBracketEnds to compare with"
)


@needs_original
def test_the_same_ends_as_python_markdown_for_any_text() -> None:
    rng = random.Random(7)
    texts = ["", "[", "]", "[]", "][", "[[a]", "[a]]]", "x" * 50]
    texts += ["".join(rng.choice("[]ab\\") for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert bracket_ends(text) == original(text), text


@needs_original
def test_a_page_of_links_converts_to_the_same_html() -> None:
    items = [
        f"- [Decision {n} · [draft] title]({n}.md) (decision), see ![img]({n}.png) [ref][r{n % 3}]"
        for n in range(300)
    ]
    text = "# Tags\n\n## a\n\n" + "\n".join(items) + "\n\n[r0]: a.md\n[r1]: b.md\n"
    plain = markdown.markdown(text, extensions=["toc", "tables"])
    faster = markdown.markdown(text, extensions=["toc", "tables", NAME])
    assert faster == plain
    assert faster.count("<a href=") >= 300
    md = markdown.Markdown(extensions=["toc", NAME])
    assert md.inlinePatterns["link"]._findBracketEnds is bracket_ends
    assert md.inlinePatterns["image_link"]._findBracketEnds is bracket_ends


def test_registered_once_and_last() -> None:
    extensions = ["toc", NAME, "tables"]
    register(extensions)
    register(extensions)
    assert extensions == ["toc", "tables", NAME]


@needs_original
def test_closing_bracket_answers_what_the_table_does_at_every_index() -> None:
    rng = random.Random(11)
    texts = ["", "[", "]", "[]", "][", "[[a]", "[a]]]", "[x](y) [z](w)"]
    texts += ["".join(rng.choice("[]ab") for _ in range(rng.randint(0, 60))) for _ in range(2000)]
    for text in texts:
        table = bracket_ends(text)
        for index in range(len(text) + 1):
            found = closing_bracket(text, index, limit=4)
            if found is not False:  # False: more than 4 brackets ahead, the table decides
                assert found == table[index], (text, index)
            assert closing_bracket(text, index, limit=10_000) == table[index], (text, index)


@needs_original
def test_a_long_cell_of_links_is_not_tabulated_once_per_link() -> None:
    """A paragraph of N links made a bracket table of its whole text for every link
    found (the text changes at each one): N tables, quadratic in N. Now only a scan to
    each link's closing bracket; the same HTML as Python-Markdown's own."""
    links = ", ".join(f"[WID-{n:04d} · Product [{n}]](products/wid-{n:04d}.md)" for n in range(400))
    text = f"| Status | Products |\n|---|---|\n| draft | {links} |\n\nSee also: {links}\n"
    tabulated: list[int] = []

    def counting(data: str) -> list[int | None]:
        tabulated.append(len(data))
        return bracket_ends(data)

    md = markdown.Markdown(extensions=["tables", NAME])
    for name in ("link", "image_link", "reference", "image_reference", "short_reference"):
        md.inlinePatterns[name]._findBracketEnds = counting
    html = md.convert(text)
    assert html == markdown.markdown(text, extensions=["tables"])
    assert html.count("<a href=") == 800
    assert sum(tabulated) <= 2 * len(text), (len(tabulated), sum(tabulated))


@needs_original
def test_a_bracket_that_never_closes_falls_back_to_one_table_per_text() -> None:
    text = "[ " * 300 + " ".join(f"[l{n}](x{n}.md)" for n in range(50))
    assert markdown.markdown(text, extensions=[NAME]) == markdown.markdown(text)
