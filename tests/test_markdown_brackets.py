"""``brackets``: Python-Markdown's link bracket matching, made linear in the brackets,
returns what Python-Markdown's own does, so pages convert to the same HTML."""

from __future__ import annotations

import random

import markdown
import pytest
from markdown.inlinepatterns import LinkInlineProcessor

from paved.generator.mkdocs_plugin.brackets import NAME, bracket_ends, register

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
