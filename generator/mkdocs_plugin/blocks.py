"""HTML blocks of a generated page kept out of Python-Markdown.

A product or decision page starts with HTML blocks (banners, then the metadata card:
see ``paved.generator.core.render.card``). Python-Markdown would run its raw-HTML parser over every
tag of them only to pass them through unchanged; on a 500-decision log that was 0.15 s of
the build. The plugin lifts them out before conversion, leaving a numbered comment, and
puts them back in the converted page before Material's search reads it: the card as a
paragraph of its text (``put_back_for_search``), the card itself once search has read
the page (``restore_card``). Only the head of the page, up to the end of the card, is
touched: the author's body, which follows, is converted as written. A page the templates
write whole (the decision log, a custodian or system page) has its tables and dataset
blocks lifted the same way, and a system page its fences drawn first (``lift``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from paved.generator.core.render.catalogue import USED_BY_HEAD
from paved.generator.mkdocs_plugin.sanitize import sanitize

# A pymdownx.superfences custom-fence formatter: (source, language, class, options, md).
Formatter = Callable[..., str]

CARD_END = "</table></div>\n"
_CARD_START = '<div class="paved-card">'
_BLOCK = re.compile(
    r'^<div class="(?:paved-card|admonition (?:info|warning))">.*?</div>\n',
    re.MULTILINE | re.DOTALL,
)
_MARK = "<!--paved-html:{}-->\n"
_MARKED = re.compile(r"<!--paved-html:(\d+)-->")


# Whole-table blocks (decision log, custodian pages) and a system page's dataset blocks
# (``paved.generator.core.render.catalogue``: paragraphs only, no nested <div>), each
# starting a line and ending one:
#   <div class="paved-table"[^>\n]*><table>\n.*?</table></div>\n
#   <div class="paved-dataset"[^>\n]*>\n.*?</div>\n
# and a system page's fences (``paved-columns``, ``mermaid``), written by the template
# at column 0, their content escaped so that no line starts a fence:
#   ^```([\w-]+)\n(.*?)^```\n
# (MULTILINE, DOTALL).
# Found with ``str.find``: as regular expressions, their lazy ``.*?`` stepped the
# engine once per character, and the dataset index and system pages hold megabytes
# (0.6 + 0.3 s of a medium portal's build, twice: the pages and api/sections.json).
# Each finder returns the matches ``finditer`` would, as (start, end, groups); a test
# compares them on random pages.
_TABLE_HEAD = re.compile(r'<div class="paved-(?:(table)"[^>\n]*><table>\n|dataset"[^>\n]*>\n)')
_FENCE_HEAD = re.compile(r"```([\w-]+)\n")
Found = tuple[int, int, tuple[str, ...]]


# A block's end and its groups, given the page and where its opening text starts a
# line; ``None`` when no block starts there.
_Closer = Callable[[str, int], tuple[int, tuple[str, ...]] | None]


def _find_blocks(markdown: str, opener: str, close: _Closer) -> list[Found]:
    """Each block that starts a line with ``opener`` and that ``close`` ends, left to
    right and not overlapping (as ``finditer`` would find them): the one scan the three
    kinds of block share, each kind saying only where its block ends."""
    found: list[Found] = []
    start = markdown.find(opener)
    while start >= 0:
        block = close(markdown, start) if start == 0 or markdown[start - 1] == "\n" else None
        if block is None:
            start = markdown.find(opener, start + 1)
            continue
        end, groups = block
        found.append((start, end, groups))
        start = markdown.find(opener, end)
    return found


def _table_end(markdown: str, start: int) -> tuple[int, tuple[str, ...]] | None:
    head = _TABLE_HEAD.match(markdown, start)
    if head is None:
        return None
    close = "</table></div>\n" if head.group(1) else "</div>\n"
    end = markdown.find(close, head.end())
    return None if end < 0 else (end + len(close), ())


def _fence_end(markdown: str, start: int) -> tuple[int, tuple[str, ...]] | None:
    head = _FENCE_HEAD.match(markdown, start)
    if head is None:
        return None
    # The closing fence starts a line at or after the head's end (which ends a line):
    # the first "\n```\n" from the head's own newline on.
    close = markdown.find("\n```\n", head.end() - 1)
    if close < 0:
        return None
    return close + 5, (head.group(1), markdown[head.end() : close + 1])


def _used_by_end(markdown: str, start: int) -> tuple[int, tuple[str, ...]] | None:
    # The line's newline stays out of the block, as Python-Markdown ends a table.
    close = markdown.find("\n</table>", start)
    return None if close < 0 else (close + len("\n</table>"), ())


def _table_blocks(markdown: str) -> list[Found]:
    return _find_blocks(markdown, '<div class="paved-', _table_end)


def _fences(markdown: str) -> list[Found]:
    return _find_blocks(markdown, "```", _fence_end)


def _used_by_tables(markdown: str) -> list[Found]:
    """A system page's "Used by products" table (``catalogue.USED_BY_HEAD`` at a line's
    start, to its ``</table>``): already the HTML Python-Markdown would make of it."""
    return _find_blocks(markdown, USED_BY_HEAD, _used_by_end)


class _Found:
    """What a ``re.Match`` gives the replacement functions of ``lift``."""

    __slots__ = ("_groups", "_text")

    def __init__(self, text: str, groups: tuple[str, ...]) -> None:
        self._text = text
        self._groups = groups

    def group(self, number: int = 0) -> str:
        return self._text if number == 0 else self._groups[number - 1]


def _substitute(text: str, found: list[Found], replace: Callable[[Any], str]) -> str:
    """``text`` with each found match replaced, as ``re.sub`` with a function does."""
    if not found:
        return text
    parts: list[str] = []
    last = 0
    for start, end, groups in found:
        parts.append(text[last:start])
        parts.append(replace(_Found(text[start:end], groups)))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def fence_formatters(configs: Mapping[str, Any]) -> dict[str, Formatter]:
    """The custom fences of the site's pymdownx.superfences options, by name."""
    fences = (configs.get("pymdownx.superfences") or {}).get("custom_fences") or []
    return {
        str(f["name"]): f["format"]
        for f in fences
        if isinstance(f, dict) and callable(f.get("format")) and f.get("name")
    }


def lift(markdown: str, formatters: Mapping[str, Formatter] | None = None) -> tuple[str, list[str]]:
    """``markdown`` with the HTML blocks of its head replaced by numbered comments, or
        with its whole-table and dataset blocks (a page the templates write whole, such as
        the decision log or a system page) replaced so, and a system page's "Used by products"
    table (``catalogue.USED_BY_HEAD``).

        ``formatters`` (only for a page the template writes whole: a system page) also draws
        its custom fences with the site's own superfences formatters and lifts them: the
        same HTML superfences would make, without its line-by-line scan of 200,000 column
        rows and 10,000 diagrams (about 40 % of a large system page's conversion)."""
    start = markdown.find(_CARD_START)
    if start < 0:
        return _lift_tables(markdown, formatters or {})
    end = markdown.find(CARD_END, start)
    if end < 0:
        return markdown, []
    end += len(CARD_END)
    blocks: list[str] = []

    # The head is not the templates' alone: the page's title line holds the document's
    # id, and a value that reached it unescaped (an invalid id, which ``paved serve``
    # still renders) could start a look-alike block whose text would skip the
    # sanitiser. So the head's blocks are sanitised here (the identity on what the
    # templates write: a card is a few KB, about 0.3 ms).
    def keep(match: re.Match[str]) -> str:
        blocks.append(sanitize(match.group(0)))
        return _MARK.format(len(blocks) - 1)

    return _BLOCK.sub(keep, markdown[:end]) + markdown[end:], blocks


def _lift_tables(markdown: str, formatters: Mapping[str, Formatter]) -> tuple[str, list[str]]:
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(0))
        return _MARK.format(len(blocks) - 1)

    def draw(match: re.Match[str]) -> str:
        name = match.group(1)
        formatter = formatters.get(name)
        if formatter is None:
            return match.group(0)
        blocks.append(formatter(match.group(2).rstrip("\n"), name, name, {}, None))
        return _MARK.format(len(blocks) - 1)

    lifted = _substitute(markdown, _table_blocks(markdown), keep)
    lifted = _substitute(lifted, _used_by_tables(lifted), keep)
    if formatters:
        lifted = _substitute(lifted, _fences(lifted), draw)
    return _merge_runs(lifted, blocks)


# Comments separated by blank lines only: a dataset's facts, columns, lineage and diagram.
_RUN = re.compile(r"<!--paved-html:(\d+)-->\n(?:\n<!--paved-html:\d+-->\n)+")


def _merge_runs(markdown: str, blocks: list[str]) -> tuple[str, list[str]]:
    """One comment for each run of consecutive lifted blocks. Python-Markdown parses
    every comment as a raw-HTML block (its HTML parser, then each block processor's
    test): on a system page, four per dataset were about 40 % of its conversion. The
    run's blocks come back together, a blank line apart, where its first one stood."""

    def merge(match: re.Match[str]) -> str:
        numbers = [int(n) for n in _MARKED_NUMBER.findall(match.group(0))]
        first = numbers[0]
        blocks[first] = "\n\n".join(blocks[n].rstrip("\n") for n in numbers)
        for number in numbers[1:]:
            blocks[number] = ""
        return _MARK.format(first)

    return _RUN.sub(merge, markdown), blocks


_MARKED_NUMBER = re.compile(r"<!--paved-html:(\d+)-->")


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with the lifted blocks where their comments are."""
    if not blocks:
        return html

    def restore(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return blocks[index] if index < len(blocks) else match.group(0)

    # The head comes first: an author's look-alike comment further down is left alone.
    return _MARKED.sub(restore, html, count=len(blocks))


_CARD_ROW = re.compile(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>")
_TAG = re.compile(r"<[^>]+>")
_STAND_IN = re.compile(r"<!--paved-card-->.*?<!--/paved-card-->\n", re.DOTALL)


def card_text(card: str) -> str:
    """The card as one line of text, ``Field: value · …`` (its HTML stays escaped)."""
    rows = (f"{label}: {_TAG.sub('', value)}" for label, value in _CARD_ROW.findall(card))
    return " · ".join(rows)


def put_back_for_search(html: str, blocks: list[str]) -> tuple[str, str]:
    """Like ``put_back``, but the card comes back as a paragraph of its text, and is
    returned for ``restore_card``. Material's search walks every tag of a page; the
    card's seventy made up most of a decision page's share, yet only its text is
    indexed, and the text is all the stand-in holds."""
    card = next((b for b in blocks if b.startswith(_CARD_START)), "")
    if not card:
        return put_back(html, blocks), ""
    stand_in = f"<!--paved-card--><p>{card_text(card)}</p><!--/paved-card-->\n"
    return put_back(html, [stand_in if b is card else b for b in blocks]), card


def restore_card(html: str, card: str) -> str:
    """The page with the card where ``put_back_for_search`` left its stand-in."""
    if not card:
        return html
    return _STAND_IN.sub(lambda _: card, html, count=1)
