"""Python-Markdown's raw-HTML scan, made linear on start tags that never close.

Python-Markdown finds raw HTML with its own copy of the standard library's
``html.parser``, and MkDocs reads every page with that copy first (for anchors). At
every ``<`` followed by a letter they ask ``check_for_whole_start_tag`` whether a whole
tag starts there: one regular expression (``locatestarttagend_tolerant``) reads the tag
name and every attribute after it. When the tag never closes (no ``>``), the answer is
"no", the ``<`` is taken as text and the next ``<`` is asked, and the same attributes
are read again. A line of ``<div class="x" `` repeated, or ``<a<a<a…``, cost the square
of its length: 30 kB took 3.7 s, each doubling four times as long, and one page under
the 5 MB limit could stall a build and the live preview for hours. No newer
Python-Markdown fixes it (3.11.4 is the latest), and the standard library's 2025 fix
(gh-135462, Python 3.11.13+) would not either, from reading its code: its check still
reads to the end of the text (``locatetagend``), and Python-Markdown's ``parse_starttag``
still answers "no" one character at a time.

``check_for_whole_start_tag`` here gives the very same answers with the expression cut
where it can be: the tag name (with the ``[\\s/]*`` after it), then one attribute at a
time, then the trailing blanks. Nothing after the attribute loop can fail, so the
regular-expression engine never backtracks into an attribute it has matched and the
loop is exactly "match attributes while one matches". Two facts make it linear:

- a ``<`` inside the tag name read for an earlier ``<`` has the same name end (the
  name's characters include ``<`` and letters), so the same attributes follow;
- an attribute loop that reaches a position where a loop has already been (the start
  of an attribute, or the place one failed) ends where that one ended: the rest of the
  loop depends on the position alone (a lookbehind reads the text before it, which is
  the same text).

So each part of the text is read about once per way of reading it, and the answer
(a match end ``j``, then the standard library's own tests of the character at ``j``)
is unchanged. ``install`` sets it only when the loaded expressions are the ones this was
derived from (Python-Markdown 3.11 on a standard library of before gh-135462, as on
Python 3.11.7); otherwise it leaves Python-Markdown as it is, and ``installed`` says so.
``tests/security/test_raw_html_scan.py`` compares both on generated text.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from typing import Any

from markdown import htmlparser as md_htmlparser

# ``locatestarttagend_tolerant`` as Python-Markdown 3.11 sets it, cut in three parts.
_EXPECTED = r"""
  <[a-zA-Z][^`\t\n\r\f />\x00]*       # tag name <= added backtick here
  (?:[\s/]*                           # optional whitespace before attribute name
    (?:(?<=['"\s/])[^`\s/>][^\s/=>]*  # attribute name <= added backtick here
      (?:\s*=+\s*                     # value indicator
        (?:'[^']*'                    # LITA-enclosed value
          |"[^"]*"                    # LIT-enclosed value
          |(?!['"])[^`>\s]*           # bare value <= added backtick here
         )
         (?:\s*,)*                    # possibly followed by a comma
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*                                 # trailing whitespace
"""
_HEAD = re.compile(r"<[a-zA-Z][^`\t\n\r\f />\x00]*[\s/]*")
_ATTRIBUTE = re.compile(
    r"""(?<=['"\s/])[^`\s/>][^\s/=>]*
    (?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^`>\s]*)(?:\s*,)*)?
    (?:\s|/(?!>))*""",
    re.VERBOSE,
)
_BLANKS = re.compile(r"\s*")
_AFTER_NAME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/")

# sha256 of ``inspect.getsource(html.parser.HTMLParser.check_for_whole_start_tag)``
# before gh-135462 (Python 3.11.7, 3.12.1, 3.13.0 alike).
_STDLIB_CHECK_SHA256 = "47aa87ac4b7ea3931ae62076502d421db0fbf01c063e01c811ce9b34991f460b"
# Python-Markdown's subclass of its copy of ``html.parser.HTMLParser``: its raw-HTML
# extractor (``HTMLExtractor``, and md_in_html's) and MkDocs' anchor collector
# (``mkdocs.structure.pages._HTMLHandler``, which reads every page before it) derive from it.
_PARSER = md_htmlparser.htmlparser.HTMLParser
_OWN = "check_for_whole_start_tag" in vars(_PARSER)
_ORIGINAL = _PARSER.check_for_whole_start_tag


class _Scan:
    """What was learnt about one text: where attribute loops end, the last tag name."""

    __slots__ = ("data", "head", "loop_end", "reads")

    def __init__(self, data: str) -> None:
        self.data = data
        self.head = (-1, -1)  # (the ``<`` read, the position after its name and blanks)
        self.loop_end: dict[int, int] = {}  # attribute-loop position -> match end
        self.reads = 0  # characters matched by the parts (tests count the work with it)


def match_end(scan: _Scan, i: int) -> int:
    """``locatestarttagend_tolerant.match(scan.data, i).end()``, reusing earlier reads."""
    data = scan.data
    start, after_head = scan.head
    if not start < i < after_head:  # else ``i`` is inside that name: the same end
        after_head = _HEAD.match(data, i).end()  # type: ignore[union-attr]
        scan.reads += after_head - i
    scan.head = (i, after_head)
    loop_end = scan.loop_end
    end = loop_end.get(after_head)
    if end is not None:
        return end
    visited = []
    position = after_head
    while position not in loop_end:
        attribute = _ATTRIBUTE.match(data, position)
        if attribute is None:
            break
        visited.append(position)
        scan.reads += attribute.end() - position
        position = attribute.end()
    end = loop_end.get(position)
    if end is None:
        end = _BLANKS.match(data, position).end()  # type: ignore[union-attr]
        scan.reads += end - position
        loop_end[position] = end
    for seen in visited:
        loop_end[seen] = end
    return end


def check_for_whole_start_tag(self: Any, i: int) -> int:
    """The standard library's (3.11.7) answer: the end of the start tag at ``i``, or -1
    when it is incomplete."""
    rawdata: str = self.rawdata
    scan: _Scan | None = getattr(self, "_paved_scan", None)
    if scan is None or scan.data is not rawdata:
        scan = _Scan(rawdata)
        self._paved_scan = scan
    j = match_end(scan, i)
    following = rawdata[j : j + 1]
    if following == ">":
        return j + 1
    if following == "/":
        return j + 2 if rawdata.startswith("/>", j) else -1
    if following == "" or following in _AFTER_NAME:
        return -1
    return j if j > i else i + 1


def _derived_from_this() -> bool:
    """Whether the loaded parser is the one ``check_for_whole_start_tag`` reproduces:
    the standard library's method as in Python 3.11.0-3.11.12 and 3.12/3.13 before
    gh-135462 (its source, hashed), and Python-Markdown 3.11's expression."""
    parser = md_htmlparser.htmlparser
    pattern = getattr(parser, "locatestarttagend_tolerant", None)
    try:
        source = inspect.getsource(_ORIGINAL)
    except (OSError, TypeError):  # no source to compare: leave Python-Markdown as it is
        return False
    return (
        hashlib.sha256(source.encode()).hexdigest() == _STDLIB_CHECK_SHA256
        and isinstance(pattern, re.Pattern)
        and pattern.pattern == _EXPECTED
        and pattern.flags == re.VERBOSE | re.UNICODE
    )


def install() -> bool:
    """Give Python-Markdown's HTML parser the linear check; True when it has it."""
    if not _derived_from_this():
        return False
    _PARSER.check_for_whole_start_tag = check_for_whole_start_tag
    return True


def uninstall() -> None:
    """Python-Markdown's own check again (tests compare both)."""
    if _OWN:
        _PARSER.check_for_whole_start_tag = _ORIGINAL
    elif installed():
        del _PARSER.check_for_whole_start_tag


def installed() -> bool:
    return vars(_PARSER).get("check_for_whole_start_tag") is check_for_whole_start_tag
