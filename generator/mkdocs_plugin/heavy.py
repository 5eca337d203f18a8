"""Heavy blocks set aside while Material's search plugin reads a page.

Column tables and lineage diagrams carry ``data-search-exclude``, so search never
indexes them, but its HTML parser still walks every tag inside them: on a large
catalogue that was the largest cost left in the build (about 200,000 table rows and
10,000 SVG diagrams). The adapter lifts those blocks out of ``page.content`` before
search reads it and puts them back afterwards. Whatever the order of events, the
result is the same: if search read the full content, it would skip the blocks anyway.
"""

from __future__ import annotations

import re

# The wrappers written by ``.tables`` and ``.mermaid``; neither
# holds a nested <div>, so the first </div> closes the block.
# A system page's dataset blocks (paved.generator.core.render.catalogue: paragraphs of links and
# badges, no nested <div>) are read by search, but as one paragraph of their text:
# 10,000 of them held most of the tags search still walked on a large catalogue.
_HEAVY = re.compile(
    r'<div class="paved-(?:columns|diagram)" data-search-exclude>.*?</div>'
    r'|<div class="paved-dataset"[^>]*>\n.*?</div>'
    r'|<div class="paved-table"[^>]*><table>\n.*?</table></div>',
    re.DOTALL,
)
# Generated tables (custodian pages, the decision log) are read the same way: their
# cells' text, without the tags of fifty rows of links and badges; unless they carry
# data-search-exclude (a dataset page's lineage lists, its column table): then nothing.
_AS_TEXT = ('<div class="paved-dataset"', '<div class="paved-table"')
_EXCLUDED = re.compile(r"^<div [^>]*\bdata-search-exclude\b")
_MARK = "<!--paved-heavy:{}-->"
_MARKED = re.compile(r"<!--paved-heavy:(\d+)-->(?:<p>[^<]*</p><!--/paved-heavy-->)?")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def set_aside(content: str) -> tuple[str, list[str]]:
    """The content with each heavy block replaced by a numbered comment (a dataset block
    also by a paragraph of its text, for search to index), and the blocks."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        block = match.group(0)
        blocks.append(block)
        mark = _MARK.format(len(blocks) - 1)
        if block.startswith(_AS_TEXT) and not _EXCLUDED.match(block):
            text = _SPACE.sub(" ", _TAG.sub(" ", block)).strip()
            return f"{mark}<p>{text}</p><!--/paved-heavy-->"
        return mark

    return _HEAVY.sub(keep, content), blocks


def restore(content: str, blocks: list[str]) -> str:
    """Put the blocks back where ``set_aside`` took them from."""
    if not blocks:
        return content

    def put_back(match: re.Match[str]) -> str:
        index = int(match.group(1))
        # A page may hold such a comment of its own: left as it is.
        return blocks[index] if index < len(blocks) else match.group(0)

    return _MARKED.sub(put_back, content)
