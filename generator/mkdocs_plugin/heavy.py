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
# A block is the first match at a position, as ``re.sub`` would find it, of
#   <div class="paved-(?:columns|diagram)" data-search-exclude>.*?</div>
#   <div class="paved-dataset"[^>]*>\n.*?</div>
#   <div class="paved-table"[^>]*><table>\n.*?</table></div>
# (DOTALL): its head is matched here, its end found with ``str.find`` (``blocks``).
_OPEN = '<div class="paved-'
_HEAD = re.compile(
    r'<div class="paved-(?:(?:columns|diagram)" data-search-exclude>'
    r'|dataset"[^>]*>\n|(table)"[^>]*><table>\n)'
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


def blocks(content: str) -> list[tuple[int, int]]:
    """Where the heavy blocks of ``content`` start and end. The regular expression with
    its lazy ``.*?`` took 0.37 s CPU for the 36 MB of HTML of a medium portal's 3,168
    pages (a step of the engine per character); ``str.find`` takes 0.07 s, and a test
    compares both on random pages."""
    found: list[tuple[int, int]] = []
    start = content.find(_OPEN)
    while start >= 0:
        head = _HEAD.match(content, start)
        end = -1
        if head is not None:
            close = "</table></div>" if head.group(1) else "</div>"
            end = content.find(close, head.end())
        if end < 0:  # no block here: the next candidate
            start = content.find(_OPEN, start + 1)
            continue
        end += len(close)
        found.append((start, end))
        start = content.find(_OPEN, end)
    return found


def set_aside(content: str) -> tuple[str, list[str]]:
    """The content with each heavy block replaced by a numbered comment (a dataset block
    also by a paragraph of its text, for search to index), and the blocks."""
    kept: list[str] = []
    parts: list[str] = []
    last = 0
    for start, end in blocks(content):
        block = content[start:end]
        kept.append(block)
        parts.append(content[last:start])
        mark = _MARK.format(len(kept) - 1)
        if block.startswith(_AS_TEXT) and not _EXCLUDED.match(block):
            text = _SPACE.sub(" ", _TAG.sub(" ", block)).strip()
            mark = f"{mark}<p>{text}</p><!--/paved-heavy-->"
        parts.append(mark)
        last = end
    if not kept:
        return content, kept
    parts.append(content[last:])
    return "".join(parts), kept


def restore(content: str, blocks: list[str]) -> str:
    """Put the blocks back where ``set_aside`` took them from."""
    if not blocks:
        return content

    def put_back(match: re.Match[str]) -> str:
        index = int(match.group(1))
        # A page may hold such a comment of its own: left as it is.
        return blocks[index] if index < len(blocks) else match.group(0)

    return _MARKED.sub(put_back, content)
