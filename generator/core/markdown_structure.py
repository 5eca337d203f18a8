"""Where a Markdown page's fences, raw HTML, code and headings are, as the portal renders them.

One scanner for every caller that must agree with MkDocs: the search index and the bot
(heading anchors), the loader (sections), rendering and validation (which lines are
live Markdown, which are code). It agrees with **Python-Markdown + pymdownx.superfences
configured as the site's mkdocs.yml** (not with CommonMark, which differs on most of the
cases that matter: ``#Title`` is a heading, ``  # Title`` is not, a closing fence must
be the opening's exact length at the opening's indentation, an unclosed fence is no
fence, raw HTML blocks run to their matching close tag, admonition bodies are Markdown).

It emulates, line by line and in linear time, the parts of that pipeline that decide
structure:

1. tab expansion (4) as ``NormalizeWhitespace`` does;
2. pymdownx.superfences' fence preprocessor (its exact opening, option validation,
   indentation and closing rules; fences in blockquotes and indented containers);
3. the raw-HTML block preprocessor (``md_in_html``): a block-level tag or a comment at
   the start of a line (indent <= 3) opens a raw block that ends with its matching
   close tag; ``markdown="1"``/``"block"`` makes the inside Markdown again;
4. Python-Markdown's block parser for the processors that matter for headings:
   admonition / details / tabbed containers, list continuation, indented code, tables,
   ATX (``#``) and setext headings, horizontal rules, lists, blockquotes, definition
   lists, paragraphs.

Line classification (``Structure``), per line of ``body.split("\\n")``:

* ``code``: fenced code (delimiter lines included) and indented code blocks. Raw HTML
  and Markdown written there is shown, escaped: it is never live.
* ``html``: lines of a raw HTML block (or HTML comment block). Python-Markdown passes
  them through verbatim: their HTML *is* live, their Markdown (links, headings) is not.
  The delimiter lines of a ``markdown="1"`` element are ``html``; its inside is prose.
* ``prose``: everything else: Markdown the renderer parses (paragraphs, headings,
  lists, quotes, tables, admonition bodies, blank lines). A fence that never closes is
  no fence to superfences, so its lines are prose.

So "is raw HTML live here?" is ``not code[i]`` (``prose[i] or html[i]``); "is a
Markdown link/heading live here?" is ``prose[i]``.

Anchors are the ids the toc extension writes: ``heading_anchor`` (one heading), made
unique within the page as toc does (ids given explicitly with ``{#id}`` are reserved
first, then ``_1``, ``_2``... in document order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import markdown
from markdown.extensions.toc import slugify, unique

__all__ = [
    "Fence",
    "Heading",
    "Section",
    "Structure",
    "heading_anchor",
    "outside_fences",
    "scan",
    "sections",
    "without_attr_list",
]

TAB = 4
_INDENT = " " * TAB


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading the renderer makes (and toc gives an id)."""

    line: int  # 0-based index into body.split("\n") (the text line for setext)
    level: int
    text: str  # as written: ATX markers and closing hashes removed, stripped; {#id} kept
    anchor: str  # unique within the page, as toc writes it
    kind: Literal["atx", "setext"]


@dataclass(frozen=True, slots=True)
class Fence:
    """A fenced code block superfences renders (both delimiter lines included)."""

    start: int
    end: int
    marker: str  # the opening ``` or ~~~ run
    info: str  # what follows the marker on the opening line, stripped
    language: str  # the language superfences uses ('' when none)


@dataclass(frozen=True, slots=True)
class Structure:
    prose: list[bool]
    code: list[bool]
    html: list[bool]
    headings: list[Heading]
    fences: list[Fence]


@dataclass(frozen=True, slots=True)
class Section:
    heading: Heading
    markdown: str  # the lines below the heading up to the next heading (any level)


# --------------------------------------------------------------------------- anchors

#: The site's Markdown setup, as far as heading text goes (see NOTES.md). Python-Markdown
#: renders a heading's inline markup; toc slugifies the resulting text.
_ANCHOR_EXTENSIONS: list[str] = [
    "toc",
    "abbr",
    "attr_list",
    "footnotes",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.emoji",
    "pymdownx.superfences",
]


def _anchor_configs() -> dict[str, dict[str, object]]:
    # pymdownx's own twemoji index and SVG generator: the core imports no theme, and an
    # emoji contributes no text to a heading's id either way (the oracle test checks the
    # site's Material configuration against this).
    from pymdownx.emoji import to_svg, twemoji

    return {
        "toc": {"permalink": True},
        "pymdownx.highlight": {"anchor_linenums": True},
        "pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg},
    }


@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=_ANCHOR_EXTENSIONS, extension_configs=_anchor_configs())


@lru_cache(maxsize=1)
def _attr_renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list"])


_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_MARKUP = frozenset("`*[]<>&\\{}!^~=")


def _plain(text: str) -> bool:
    """True when Python-Markdown's inline processors leave ``text`` as it is."""
    if not _MARKUP.isdisjoint(text):
        return False
    if "_" in text:  # emphasis needs an underscore at a word boundary
        n = len(text)
        for i, c in enumerate(text):
            if c == "_":
                before = text[i - 1] if i else " "
                after = text[i + 1] if i + 1 < n else " "
                if (before not in _WORD and before != "_") or (after not in _WORD and after != "_"):
                    return False
    if text.count(":") >= 2:  # an emoji shortcode :name:
        parts = text.split(":")
        for part in parts[1:-1]:
            if part and " " not in part:
                return False
    return True


# Cached: a large catalogue asks for each dataset's anchor a dozen times (its heading,
# every link and diagram click to it).
@lru_cache(maxsize=65536)
def heading_anchor(text: str) -> str:
    """The id the portal's toc gives a heading written as ``text`` (before de-duplication)."""
    text = text.strip()
    if _plain(text):
        return str(slugify(text, "-"))
    return _rendered_anchor(text, "")


@lru_cache(maxsize=4096)
def _rendered_anchor(text: str, references: str) -> str:
    md = _renderer()
    md.reset()
    md.convert("# " + text + ("\n\n" + references if references else ""))
    tokens = getattr(md, "toc_tokens", [])
    if tokens:
        return str(tokens[0]["id"])
    return str(slugify(text, "-"))  # pragma: no cover


@lru_cache(maxsize=4096)
def _explicit_id(text: str) -> bool:
    """True when attr_list gives this heading its id (``{#id}``): toc keeps it as is."""
    if not text.endswith("}") or "#" not in text:
        return False
    md = _attr_renderer()
    md.reset()
    html = md.convert("# " + text)
    return html.startswith("<h1 ") and " id=" in html[: html.find(">")]


# --------------------------------------------------------------------------- fences

_LANG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_#.+-")
_KEY_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_HL_LINES = re.compile(r"\d+(?:-\d+)?(?:[ \t]+\d+(?:-\d+)?)*\Z")
_LINENUMS = re.compile(r"[\d]+")


def _is_lang_char(c: str) -> bool:
    return c in _LANG_CHARS or (c.isalnum() and not c.isascii())


def _parse_options(rest: str) -> dict[str, str] | None:
    """superfences' ``options`` group: ``key`` or ``key="value"`` words; None if not that."""
    out: dict[str, str] = {}
    i, n = 0, len(rest)
    while True:
        while i < n and rest[i] in " \t":
            i += 1
        if i >= n:
            return out or None
        if rest[i] not in _KEY_START:
            return None
        j = i + 1
        while j < n and rest[j] in _KEY_CHARS:
            j += 1
        key = rest[i:j]
        if j < n and rest[j] == "=" and j + 1 < n and rest[j + 1] in "\"'":
            quote = rest[j + 1]
            k = j + 2
            while True:  # lazy: the first closing quote followed by a blank or the end
                k = rest.find(quote, k)
                if k < 0:
                    return None
                if k + 1 >= n or rest[k + 1] in " \t":
                    break
                k += 1
            out[key] = rest[j + 2 : k]
            i = k + 1
        else:
            if j < n and rest[j] not in " \t":
                return None
            out[key] = key
            i = j


def _fence_header(rest: str) -> tuple[bool, str]:
    """(superfences accepts this opening line, language) for what follows the marker."""
    i, n = 0, len(rest)
    while i < n and rest[i] in " \t":
        i += 1
    lang = ""
    j = i + 1 if i < n and rest[i] == "." else i
    k = j
    while k < n and _is_lang_char(rest[k]):
        k += 1
    if k > j and (k >= n or rest[k] in " \t"):
        lang, tail = rest[j:k], rest[k:]
    else:
        tail = rest
    stripped = tail.strip(" \t")
    if not stripped:
        return True, lang
    if stripped.startswith("{") and stripped.endswith("}"):
        if not lang:  # the language is the first class: {.python ...}
            for word in stripped[1:-1].split():
                if word.startswith("."):
                    lang = word[1:]
                    break
        return True, lang
    options = _parse_options(tail)
    if options is None:
        return False, lang  # "unrecognized": superfences (relaxed_headers off) drops it
    for key, value in options.items():
        # pymdownx.highlight's validator: anything else becomes an attribute, which
        # makes superfences refuse the fence (custom fences accept no option at all).
        if key in ("title", "title_mode"):
            continue
        if key == "hl_lines" and _HL_LINES.match(value):
            continue
        if key == "linenums" and _LINENUMS.match(value):
            continue
        return False, lang
    return True, lang


def _find_fences(lines: list[str]) -> list[tuple[int, int, str, str, str, int]]:
    """Port of SuperFencesBlockPreprocessor.search_nested over tab-expanded lines:
    (start, end, marker, info, language, prefix length)."""
    found: list[tuple[int, int, str, str, str, int]] = []
    fence = ""
    start = 0
    ws_len = 0  # opening's prefix length (spaces and '>')
    quote_level = 0
    empty_lines = 0
    info = lang = ""
    for count, line in enumerate(lines):
        if not fence:
            c0 = line[:1]
            if c0 not in ("`", "~", " ", ">"):
                continue
            p = 0
            n = len(line)
            while p < n and line[p] in " >":
                p += 1
            c = line[p : p + 1]
            if c not in ("`", "~"):
                continue
            q = p
            while q < n and line[q] == c:
                q += 1
            if q - p < 3:
                continue
            rest = line[q:]
            ok, language = _fence_header(rest)
            if not ok:
                continue
            fence, start, ws_len = line[p:q], count, p
            quote_level = line[:p].count(">")
            empty_lines = 0
            info, lang = rest.strip(" \t"), language
            continue
        # parse_fence_line: consume up to ws_len prefix characters
        p = 0
        n = len(line)
        while p < ws_len and p < n and line[p] in " >":
            p += 1
        ws, content = line[:p], line[p:]
        level = ws.count(">")
        closes = content.startswith(fence) and not content[len(fence) :].strip(" \t")
        if quote_level:
            if level > quote_level:
                fence = ""
            elif content == "":
                empty_lines += 1
            elif p < ws_len or (empty_lines and level < quote_level):
                fence = ""
            elif closes:
                found.append((start, count, fence, info, lang, ws_len))
                fence = ""
            else:
                empty_lines = 0
        elif level == 0:
            if not line.strip():
                empty_lines += 1
            elif p != ws_len and content != "":
                fence = ""
            elif closes and content[:1] not in (" ", "\t"):
                found.append((start, count, fence, info, lang, ws_len))
                fence = ""
            else:
                empty_lines = 0
        else:
            fence = ""
    return found


# --------------------------------------------------------------------------- raw HTML

_BLOCK_TAGS = frozenset(markdown.util.BLOCK_LEVEL_ELEMENTS)
_TAG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_MD_ATTR = re.compile(
    r"""\smarkdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|\smarkdown(?=[\s/>])"""
)


#: A tag that ends on the line it starts on: ``/``, the name as ``_tag_at`` reads it, then
#: attributes up to the first ``>`` outside quotes, as ``_tag_end`` reads them (a quote
#: left open, or no ``>``, is no match: the tag goes on, and the scanner follows it).
_TAG_ON_LINE = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9:-]*+)(?:[^"'>]++|"[^"]*+"|'[^']*+')*+>""")


def _tag_at(text: str, i: int) -> tuple[str, bool, int] | None:
    """A tag starting at ``text[i] == '<'``: (lowercased name, is end tag, index after
    the name); None when it is no tag."""
    j = i + 1
    closing = text[j : j + 1] == "/"
    if closing:
        j += 1
    k = j
    n = len(text)
    if k >= n or not text[k].isascii() or not text[k].isalpha():
        return None
    while k < n and text[k] in _TAG_CHARS:
        k += 1
    return text[j:k].lower(), closing, k


def _tag_end(lines: list[str], line: int, col: int) -> tuple[int, int] | None:
    """Where a tag whose attributes start at (line, col) ends: the position after '>'."""
    quote = ""
    while line < len(lines):
        text = lines[line]
        n = len(text)
        while col < n:
            c = text[col]
            if quote:
                if c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif c == ">":
                return line, col + 1
            col += 1
        line += 1
        col = 0
    return None


def _raw_end(
    lines: list[str], skip: list[bool], line: int, col: int, stack: list[str]
) -> tuple[int, int]:
    """Follow tags from (line, col) until ``stack`` empties: the position after the
    closing tag, or (len(lines), 0) when the block never closes."""
    while line < len(lines):
        if skip[line]:
            line += 1
            col = 0
            continue
        text = lines[line]
        i = text.find("<", col)
        while i >= 0:
            whole = _TAG_ON_LINE.match(text, i)
            if whole is not None:  # the common case, in one match: what the loop below does
                name = whole.group(2).lower()
                after = whole.end()
                if whole.group(1):
                    if name in stack:
                        while stack and stack.pop() != name:
                            pass
                    if not stack:
                        return line, after
                elif name not in _VOID and name != "hr" and text[after - 2 : after - 1] != "/":
                    stack.append(name)
                i = text.find("<", after)
                continue
            if text.startswith("<!--", i):
                end = _comment_end(lines, skip, line, i + 4)
                if end is None:
                    i = text.find("<", i + 1)
                    continue
                line, col = end
                break
            tag = _tag_at(text, i)
            if tag is None:
                i = text.find("<", i + 1)
                continue
            name, closing, after = tag
            end2 = _tag_end(lines, line, after)
            if end2 is None:
                return len(lines), 0
            if closing:
                if name in stack:
                    while stack and stack.pop() != name:
                        pass
                if not stack:
                    return end2
            else:
                selfclosed = lines[end2[0]][end2[1] - 2 : end2[1] - 1] == "/"
                if name not in _VOID and name != "hr" and not selfclosed:
                    stack.append(name)
            if end2[0] != line:
                line, col = end2
                break
            i = text.find("<", end2[1])
        else:
            line += 1
            col = 0
    return len(lines), 0


def _comment_end(lines: list[str], skip: list[bool], line: int, col: int) -> tuple[int, int] | None:
    """Where an HTML comment opened on ``line`` closes. A ``-->`` inside a fenced code
    block does not close it: the renderer takes fences out before it reads HTML."""
    while line < len(lines):
        k = -1 if skip[line] else lines[line].find("-->", col)
        if k >= 0:
            return line, k + 3
        line += 1
        col = 0
    return None


# --------------------------------------------------------------------------- blocks

_F = "\x02F\x03"  # a fence, as superfences leaves it (a placeholder line)
_H = "\x02H\x03"  # a raw HTML block
_M = "\x02M\x03"  # an element with markdown="1": its inside is parsed (see _Doc.inner)


class _Ctx:
    """A parent element: what its last child is decides where indented blocks go."""

    __slots__ = ("child", "detabbed", "last", "li")

    def __init__(self, li: bool = False) -> None:
        self.last = ""  # "", "list", "container", "quote", "code", "other"
        self.child: _Ctx | None = None
        self.li = li
        self.detabbed = False


def _detab(texts: list[str], s: int, e: int) -> int:
    """The end of the leading run of lines indented by a tab (CodeBlock/Admonition detab)."""
    k = s
    while k < e and (texts[k].startswith(_INDENT) or not texts[k].strip()):
        k += 1
    return k


def _atx(text: str) -> tuple[int, str] | None:
    """Python-Markdown's HashHeaderProcessor on one line: (level, text) or None."""
    n = len(text)
    level = 0
    while level < 6 and level < n and text[level] == "#":
        level += 1
    if level == 0:
        return None
    # header: (\\.|[^\\#]|#+(?=[^#\n]))*? then #* to the end: lazily, so trailing
    # hashes are the closing sequence, unless escaped.
    end = level + len(text[level:].rstrip("#"))
    i = text.find("\\", level)
    if i < 0:
        return level, text[level:end].strip()
    while i < end:
        if text[i] == "\\":
            if i + 1 >= n:
                return None
            i += 2
        else:
            i += 1
    if i > end:  # an escaped '#' starts the closing run: it belongs to the header
        end = i
    return level, text[level:end].strip()


def _is_hr(text: str) -> bool:
    s = text.lstrip(" ")
    if len(text) - len(s) > 3 or not s or s[0] not in "-_*":
        return False
    c = s[0]
    s = s.rstrip(" ")
    if s.count(c) < 3 or "   " in s:
        return False
    return not s.replace(c, "").replace(" ", "")


def _is_underline(text: str) -> int:
    s = text.rstrip(" ")
    if not s:
        return 0
    if s[0] == "=" and not s.strip("="):
        return 1
    if s[0] == "-" and not s.strip("-"):
        return 2
    return 0


def _is_quote(text: str) -> bool:
    s = text.lstrip(" ")
    return s[:1] == ">" and len(text) - len(s) <= 3


def _list_marker(text: str) -> int:
    """Length of a list item's marker and its spaces (``- ``, ``12. ``), or 0."""
    s = text.lstrip(" ")
    ind = len(text) - len(s)
    if ind > 3 or not s:
        return 0
    if s[0] in "*+-":
        k = 1
    else:
        k = 0
        while k < len(s) and s[k].isdigit() and s[k].isascii():
            k += 1
        if k == 0 or s[k : k + 1] != ".":
            return 0
        k += 1
    if s[k : k + 1] != " ":
        return 0
    while k < len(s) and s[k] == " ":
        k += 1
    return ind + k


_ADMONITION = re.compile(r'!!! ?[\w\-]+(?: +[\w\-]+)*(?: +"(?:.*?)")? *\Z')
_DETAILS = re.compile(
    r'\?{3}\+? ?(?:(?:[\w\-]+(?: +[\w\-]+)*?)?(?: +"(?:.*?)")|(?:[\w\-]+(?: +[\w\-]+)*?)) *\Z'
)
_TABBED = re.compile(r'={3}(?:\+|\+!|!\+|!)? +"(?:.*?)" *\Z')


def _is_container(text: str) -> bool:
    head = text[:3]
    if head == "!!!":
        return _ADMONITION.match(text) is not None
    if head == "???":
        return _DETAILS.match(text) is not None
    if head == "===":
        return _TABBED.match(text) is not None
    return False


def _cells(row: str) -> tuple[int, bool]:
    """(number of cells, has a border pipe) of a table row, as the tables extension splits it."""
    border = False
    if row.startswith("|"):
        border = True
        row = row[1:]
    if row.endswith("|"):
        k = len(row) - 1
        slashes = 0
        while k - 1 - slashes >= 0 and row[k - 1 - slashes] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            border = True
            row = row[:-1]
    return row.replace("\\|", "").count("|") + 1, border


def _is_table(rows: list[str]) -> bool:
    """TableProcessor.test on a block's lines (code spans holding pipes aside)."""
    stripped = [r.strip(" ") for r in rows]
    count, border = _cells(stripped[0])
    is_table = count > 1
    if not is_table and count == 1 and border:
        for row in stripped[1:]:
            is_table = row.startswith("|") or _cells(row)[1]
            if not is_table:
                break
    if not is_table:
        return False
    second = stripped[1]
    if second.startswith("|") or second.endswith("|"):
        second2 = second[1:] if second.startswith("|") and border else second
        second2 = second2[:-1] if second2.endswith("|") and border else second2
    else:
        second2 = second
    return second2.count("|") + 1 == count and not second2.strip("|:- ")


def _is_deflist(text: str) -> bool:
    s = text.lstrip(" ")
    return len(text) - len(s) <= 3 and s[:1] == ":" and s[1:2] == " "


def _next_index(flags: list[bool]) -> list[int] | None:
    """For each line, the index of the next flagged line at or after it (None: none)."""
    if True not in flags:
        return None
    n = len(flags)
    out = [n] * (n + 1)
    nxt = n
    for i in range(n - 1, -1, -1):
        if flags[i]:
            nxt = i
        out[i] = nxt
    return out


#: Python-Markdown stops nesting blockquotes near the interpreter's recursion limit; the
#: scanner stops looking inside containers nested deeper than this.
_MAX_DEPTH = 100


class _Doc:
    def __init__(self, n: int) -> None:
        self.code = [False] * n
        self.heads: list[tuple[int, int, str, bool]] = []  # (line, level, text, setext)
        self.inner: dict[int, tuple[list[int], list[str]]] = {}
        self.lines: list[str] = []
        self.fence_at: dict[int, tuple[int, int]] = {}  # start -> (end, prefix length)
        self.reverted: set[int] = set()
        self.literal: set[int] = set()  # headings whose text is not Markdown (a fence's code)
        self.depth = 0

    # A view: parallel lists of original line indices and the text the current parent
    # sees (blockquote markers or container indentation removed).
    def chunk(self, ctx: _Ctx, idx: list[int], texts: list[str]) -> None:
        n = len(texts)
        if n == 0 or self.depth > _MAX_DEPTH:
            return
        self.depth += 1
        try:
            self._chunk(ctx, idx, texts, n)
        finally:
            self.depth -= 1

    def _chunk(self, ctx: _Ctx, idx: list[int], texts: list[str], n: int) -> None:
        hashes = _next_index([t[:1] == "#" and _atx(t) is not None for t in texts])
        containers = _next_index([t[:1] in "!?=" and _is_container(t) for t in texts])
        rules = _next_index([t[:1] in " -_*" and _is_hr(t) for t in texts])
        quotes = _next_index([t[:1] in " >" and _is_quote(t) for t in texts])
        view = (idx, texts, hashes, containers, rules, quotes)
        i = 0
        while i < n:
            while i < n and (not texts[i] or texts[i].isspace()):
                i += 1
            if i >= n:
                break
            j = i
            while j < n and texts[j] and not texts[j].isspace():
                j += 1
            self.block(ctx, view, i, j)
            i = j

    def block(
        self,
        ctx: _Ctx,
        view: tuple[
            list[int],
            list[str],
            list[int] | None,
            list[int] | None,
            list[int] | None,
            list[int] | None,
        ],
        s: int,
        e: int,
    ) -> None:
        idx, texts, hashes, containers, rules, quotes = view
        while s < e:
            first = texts[s]
            if first == _M:  # md_in_html: the element's inside is Markdown
                inner_idx, inner_texts = self.inner[idx[s]]
                self.chunk(_Ctx(), inner_idx, inner_texts)
                ctx.last = "other"
                s += 1
                continue
            if first == _H:
                ctx.last = "other"
                s += 1
                continue
            # admonition / details / tabbed (priority 105 and thereabouts)
            j = containers[s] if containers is not None else e
            if j < e:
                if j > s:
                    self.block(ctx, view, s, j)
                k = _detab(texts, j + 1, e)
                child = _Ctx()
                ctx.last, ctx.child = "container", child
                self.chunk(child, idx[j + 1 : k], [t[TAB:] for t in texts[j + 1 : k]])
                s = k
                continue
            indented = first.startswith(_INDENT)
            if indented and ctx.last == "container" and ctx.child is not None:
                k = _detab(texts, s, e)
                self.chunk(ctx.child, idx[s:k], [t[TAB:] for t in texts[s:k]])
                s = k
                continue
            # list continuation (ListIndentProcessor, 90)
            if indented and not ctx.detabbed and (ctx.li or ctx.last == "list"):
                target = ctx if ctx.li and ctx.last != "list" else ctx.child
                if target is not None:
                    lines = [t[TAB:] if t.startswith(_INDENT) else t for t in texts[s:e]]
                    target.detabbed = True
                    self.chunk_block(target, idx[s:e], lines)
                    target.detabbed = False
                    return
            # indented code (80): superfences first turns the block's fences back into
            # text ("revert_greedy_fences"); what follows the code is parsed as Markdown.
            if indented:
                if any(texts[m].endswith(_F) and idx[m] in self.fence_at for m in range(s, e)):
                    idx2: list[int] = []
                    texts2: list[str] = []
                    for m in range(s, e):
                        t = texts[m]
                        start = idx[m]
                        if t.endswith(_F) and start in self.fence_at:
                            end, pos = self.fence_at.pop(start)
                            cut = pos - (len(t) - len(_F))
                            self.reverted.add(start)
                            for r in range(start, end + 1):
                                self.code[r] = False
                                idx2.append(r)
                                texts2.append(self.lines[r][cut:])
                        else:
                            idx2.append(start)
                            texts2.append(t)
                    self.chunk_block(ctx, idx2, texts2)
                    return
                k = _detab(texts, s, e)
                for m in range(s, k):
                    self.code[idx[m]] = True
                ctx.last = "code"
                s = k
                continue
            # Tables (priority 75 in Python-Markdown's block parser).
            if s + 1 < e and "|" in first and _is_table(texts[s:e]):
                ctx.last = "other"
                return
            # ATX headings (70), anywhere in the block
            j = hashes[s] if hashes is not None else e
            if j < e:
                if j > s:
                    self.block(ctx, view, s, j)
                head = _atx(texts[j])
                assert head is not None
                self.heads.append((idx[j], head[0], head[1], False))
                ctx.last = "other"
                s = j + 1
                continue
            # setext headings (60): the block's first two lines
            if s + 1 < e:
                level = _is_underline(texts[s + 1])
                if level:
                    text = first.strip()
                    if first.endswith(_F) and idx[s] in self.fence_at:
                        # The fence's rendered code is the heading's text.
                        end, pos = self.fence_at[idx[s]]
                        text = "\n".join(self.lines[idx[s] + 1 : end]).strip()
                        self.literal.add(idx[s])
                    self.heads.append((idx[s], level, text, True))
                    ctx.last = "other"
                    s += 2
                    continue
            # horizontal rules (50), anywhere in the block
            j = rules[s] if rules is not None else e
            if j < e:
                if j > s:
                    self.block(ctx, view, s, j)
                ctx.last = "other"
                s = j + 1
                continue
            # Lists (priorities 40 and 30).
            if _list_marker(first):
                self.items(ctx, idx[s:e], texts[s:e])
                return
            # definition lists (25): the definition's text and the lines below it
            j = s
            while j < e and not _is_deflist(texts[j]):
                j += 1
            if j < e and (j > s or ctx.last):
                dd = _Ctx(li=True)
                definition = texts[j].lstrip(" ")[1:]
                spaces = 0
                while spaces < 3 and definition[spaces : spaces + 1] == " ":
                    spaces += 1
                body_idx, body = [idx[j]], [definition[spaces:]]
                after = j + 1
                if after < e:
                    following = texts[after]
                    unindented = len(following) - len(following.lstrip(" ")) <= 3
                    if unindented and following.lstrip(" ")[:1] not in ("", ":"):
                        body_idx += idx[after:e]
                        body += texts[after:e]
                        after = e
                    else:
                        stop = _detab(texts, after, e)
                        body_idx += idx[after:stop]
                        body += [t[TAB:] for t in texts[after:stop]]
                        after = stop
                self.chunk_block(dd, body_idx, body)
                ctx.last, ctx.child = "list", dd
                s = after
                continue
            # blockquotes (20), anywhere in the block
            j = quotes[s] if quotes is not None else e
            if j < e:
                if j > s:
                    self.block(ctx, view, s, j)
                inner: list[str] = []
                for t in texts[j:e]:
                    stripped = t.lstrip(" ")
                    if len(t) - len(stripped) <= 3 and stripped[:1] == ">":
                        quoted = stripped[1:]
                        if not quoted.strip():
                            inner.append("")
                        else:
                            inner.append(quoted[1:] if quoted[:1] == " " else quoted)
                    else:
                        inner.append(t)
                if ctx.last != "quote" or ctx.child is None:
                    ctx.child = _Ctx()
                ctx.last = "quote"
                self.chunk(ctx.child, idx[j:e], inner)
                return
            ctx.last = "other"
            return

    def chunk_block(self, ctx: _Ctx, idx: list[int], texts: list[str]) -> None:
        """parseBlocks(parent, [block]): one block that may hold no blank line split."""
        n = len(texts)
        if n == 0 or self.depth > _MAX_DEPTH:
            return
        self.depth += 1
        try:
            self._chunk_block(ctx, idx, texts, n)
        finally:
            self.depth -= 1

    def _chunk_block(self, ctx: _Ctx, idx: list[int], texts: list[str], n: int) -> None:
        hashes = _next_index([t[:1] == "#" and _atx(t) is not None for t in texts])
        containers = _next_index([t[:1] in "!?=" and _is_container(t) for t in texts])
        rules = _next_index([t[:1] in " -_*" and _is_hr(t) for t in texts])
        quotes = _next_index([t[:1] in " >" and _is_quote(t) for t in texts])
        self.block(ctx, (idx, texts, hashes, containers, rules, quotes), 0, n)

    def items(self, ctx: _Ctx, idx: list[int], texts: list[str]) -> None:
        """OListProcessor/UListProcessor.get_items, then each item parsed in its li."""
        items: list[tuple[list[int], list[str]]] = []
        for i, t in zip(idx, texts, strict=False):
            marker = _list_marker(t)
            if marker:
                items.append(([i], [t[marker:]]))
            elif (
                t.startswith(_INDENT)
                and _list_marker(t[TAB:])
                and len(t) - len(t.lstrip(" ")) < 2 * TAB
            ):
                if items[-1][1][0].startswith(_INDENT):
                    items[-1][0].append(i)
                    items[-1][1].append(t)
                else:
                    items.append(([i], [t]))
            else:
                items[-1][0].append(i)
                items[-1][1].append(t)
        if ctx.last != "list" or ctx.child is None:
            ctx.child = _Ctx(li=True)
        ctx.last = "list"
        for item_idx, item_texts in items:
            if not item_texts[0].startswith(_INDENT):
                ctx.child = _Ctx(li=True)
            self.chunk_block(ctx.child, item_idx, item_texts)


# Validation (sections, unsafe HTML), rendering (headings, links, defang) and the index
# each ask about the same bodies: scanned once. Callers never change a Structure.
@lru_cache(maxsize=8192)
def scan(body: str) -> Structure:
    """The structure of a Markdown page body (front matter already removed)."""
    raw = body.split("\n")
    n = len(raw)
    lines = [t.expandtabs(TAB) if "\t" in t else t for t in raw]
    lines = ["" if t and t.isspace() else t for t in lines]
    code = [False] * n
    html = [False] * n
    fences: list[Fence] = []
    view_text = list(lines)
    dropped = [False] * n
    prefixes: list[int] = []
    for start, end, marker, info, lang, ws in _find_fences(lines):
        fences.append(Fence(start, end, marker, info, lang))
        prefixes.append(ws)
        for k in range(start, end + 1):
            code[k] = True
            dropped[k] = True
        dropped[start] = False
        view_text[start] = lines[start][:ws] + _F
    doc = _Doc(n)
    idx: list[int] = []
    texts: list[str] = []
    i = 0
    while i < n:
        if dropped[i]:
            i += 1
            continue
        t = view_text[i]
        unindented = t.lstrip(" ")
        if unindented[:1] == "<" and len(t) - len(unindented) <= 3 and not code[i]:
            raw_block = _html_block(lines, code, i, len(t) - len(unindented))
            if raw_block is not None:
                last, col, markdown_inside = raw_block
                stop = min(last, n - 1)
                for k in range(i, stop + 1):
                    html[k] = True
                idx.append(-1)
                texts.append("")
                if markdown_inside and last > i + 1:
                    inner_idx = [k for k in range(i + 1, min(last, n)) if not dropped[k]]
                    doc.inner[i] = (inner_idx, [view_text[k] for k in inner_idx])
                    for k in range(i + 1, min(last, n)):
                        html[k] = False
                    idx.append(i)
                    texts.append(_M)
                else:
                    idx.append(i)
                    texts.append(_H)
                idx.append(-1)
                texts.append("")
                if last >= n:
                    break
                tail = lines[last][col:]
                if tail.strip():
                    idx.append(last)
                    texts.append(tail)
                i = last + 1
                continue
        idx.append(i)
        texts.append(t)
        i += 1
    doc.code = code
    doc.lines = lines
    doc.fence_at = {f.start: (f.end, ws) for f, ws in zip(fences, prefixes, strict=False)}
    doc.chunk(_Ctx(), idx, texts)
    if doc.reverted:
        fences = [f for f in fences if f.start not in doc.reverted]
    heads = sorted(doc.heads)
    references = _references(lines, code, html)
    headings = _anchors(heads, references, doc.literal)
    prose = [not code[k] and not html[k] for k in range(n)]
    return Structure(prose, code, html, headings, fences)


def _html_block(
    lines: list[str], skip: list[bool], i: int, ind: int
) -> tuple[int, int, bool] | None:
    """A raw HTML block starting on line i: (last line, column after it, markdown="1")."""
    t = lines[i]
    if t.startswith("<!--", ind):
        end = _comment_end(lines, skip, i, ind + 4)
        if end is None:
            return None
        return end[0], end[1], False
    tag = _tag_at(t, ind)
    if tag is None:
        return None
    name, closing, after = tag
    if closing or name not in _BLOCK_TAGS:
        return None
    end = _tag_end(lines, i, after)
    if end is None:
        return len(lines), 0, False
    opening = t[ind : end[1]] if end[0] == i else t[ind:]
    selfclosed = opening.endswith("/>")
    if name == "hr" or selfclosed:
        return end[0], end[1], False
    attr = _MD_ATTR.search(opening)
    inside = False
    if attr is not None:
        value = attr.group(1) or attr.group(2) or attr.group(3) or ""
        inside = value in ("1", "block", "") and end[0] == i and not t[end[1] :].strip()
    last, col = _raw_end(lines, skip, end[0], end[1], [name])
    if inside and last < len(lines) and lines[last][:col].strip().startswith("<"):
        inside = lines[last].lstrip(" ").startswith("</")
    return last, col, inside


_REFERENCE = re.compile(r" {0,3}\[([^\]^][^\]]*)\]:[ ]*\S")


def _references(lines: list[str], code: list[bool], html: list[bool]) -> str:
    """The page's link reference definitions (a heading's ``[text][ref]`` needs them)."""
    found = [
        t.strip()
        for k, t in enumerate(lines)
        if not code[k] and not html[k] and "]:" in t and _REFERENCE.match(t)
    ]
    return "\n".join(found)


def _anchors(
    heads: list[tuple[int, int, str, bool]], references: str, literal: set[int]
) -> list[Heading]:
    """toc: explicit ids are reserved first, the others made unique in document order."""
    explicit = [line not in literal and _explicit_id(text) for line, _, text, _ in heads]
    anchors = [
        str(slugify(text, "-")) if line in literal else _anchor_in_page(text, references)
        for line, _, text, _ in heads
    ]
    used: set[str] = {a for a, e in zip(anchors, explicit, strict=False) if e}
    counters: dict[str, int] = {}
    out: list[Heading] = []
    for (line, level, text, setext), anchor, is_explicit in zip(
        heads, anchors, explicit, strict=True
    ):
        if not is_explicit:
            anchor = str(unique(anchor, used, counters))
        out.append(Heading(line, level, text, anchor, "setext" if setext else "atx"))
    return out


def _anchor_in_page(text: str, references: str) -> str:
    if references and "[" in text:
        return _rendered_anchor(text.strip(), references)
    return heading_anchor(text)


# --------------------------------------------------------------------------- helpers


def sections(body: str) -> list[Section]:
    """Every heading with the Markdown below it, up to the next heading (any level)."""
    found = scan(body)
    lines = body.split("\n")
    out: list[Section] = []
    for k, heading in enumerate(found.headings):
        first = heading.line + (2 if heading.kind == "setext" else 1)
        end = found.headings[k + 1].line if k + 1 < len(found.headings) else len(lines)
        out.append(Section(heading, "\n".join(lines[first:end])))
    return out


def outside_fences(body: str) -> list[tuple[int, str, bool]]:
    """``(index, line, live)`` per line: the old ``fences.outside_fences`` contract,
    where live means not code (raw HTML blocks count as live: their HTML is)."""
    found = scan(body)
    return [(k, line, not found.code[k]) for k, line in enumerate(body.split("\n"))]


def without_attr_list(text: str) -> str:
    """A heading's text without a trailing attr_list block (``Title {#id .class}``), in
    linear time (no backtracking pattern over contributed text)."""
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return text
    opening = stripped.rfind("{")
    if opening < 0 or "}" in stripped[opening + 1 : -1]:
        return text
    return stripped[:opening].rstrip()
