"""One escaping function per output format, so contributed text (file names, values,
sheet names) can never act on whoever reads the report.

File names and values come from pull requests. Printed raw, an ESC sequence clears a
CI log or a maintainer's terminal, rewrites the window title, plants an OSC 8 link or
writes the clipboard (OSC 52); a CR or a newline forges a log line; U+202E shows
``invoice\u202emd.exe`` as ``invoiceexe.md``. Every reporter passes every contributed
string through the function of its format:

* ``terminal`` (text reporter): unsafe characters as visible escapes (``\\x1b``,
  ``\\u202e``);
* ``workflow_data`` / ``workflow_property`` (GitHub workflow commands): the same, then
  GitHub's own rules (``%``, CR and LF; in properties also ``:`` and ``,``);
* ``summary_cell`` (the step summary's Markdown table): the same, then HTML and Markdown
  specials as character references, so a value renders as the text it is;
* ``json_text`` (JSON): ``json`` escapes C0 controls itself; this adds the C1
  controls, DEL, bidirectional controls, line separators and lone surrogates.
"""

from __future__ import annotations

import re

from paved.generator.core.load.text import UNSAFE_CHARACTER

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """Text for a terminal or a log: unsafe characters shown as escapes."""
    return UNSAFE_CHARACTER.sub(_visible, text)


def workflow_data(text: str) -> str:
    """The message part of a GitHub workflow command (GitHub's rules: %, CR, LF).
    Line breaks the reporter itself puts in (before a hint) survive as %0A."""
    return (
        "\n".join(terminal(part) for part in text.split("\n"))
        .replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
    )


def workflow_property(text: str) -> str:
    """A property value (file=, title=) of a workflow command: also ':' and ','."""
    return workflow_data(terminal(text)).replace(":", "%3A").replace(",", "%2C")


_MARKDOWN = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "|": "&#124;",
        "\\": "&#92;",
        "`": "&#96;",
        "*": "&#42;",
        "_": "&#95;",
        "[": "&#91;",
        "]": "&#93;",
        "~": "&#126;",
        "@": "&#64;",
        ":": "&#58;",
    }
)


def summary_cell(text: str) -> str:
    """A cell of the step summary's Markdown table: shown as the text it is (no markup,
    links, mentions, images or HTML), on one line."""
    return terminal(text).translate(_MARKDOWN)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(rendered: str) -> str:
    """JSON text (already produced by ``json.dumps``) with the characters json leaves
    raw written as ``\\uXXXX`` escapes: the decoded values are unchanged."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", rendered)
