"""Escaping for untrusted values that land in generated Markdown.

Everything in the model comes from files anyone can edit in a pull request, so a
description must not be able to break a table (``|``, newlines), open raw HTML
(``<``), inject a link or attribute list (``[``, ``{``) or close a quoted Mermaid
label. Escaping with HTML character references keeps the visible text identical.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, urlsplit

_MD_TABLE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "|": "&#124;",
        "[": "&#91;",
        "]": "&#93;",
        "{": "&#123;",
        "}": "&#125;",
        "`": "&#96;",
        "\\": "&#92;",
        "\r": " ",
        "\n": " ",
        "\t": " ",
    }
)

_MERMAID = str.maketrans(
    {
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "\n": " ",
        "\r": " ",
        "|": "#124;",
        "`": "#96;",
    }
)

_NEEDS_ESCAPE = re.compile(r'[&<>"|\[\]{}`\\\r\n\t]')
_SAFE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def md_escape(value: object) -> str:
    """Inline-safe text: one line, no HTML, no Markdown link/attribute syntax, no table breaks."""
    if value is None:
        return ""
    text = str(value)
    # Most values need nothing; the search is several times cheaper than translate,
    # and column tables call this hundreds of thousands of times.
    return text.translate(_MD_TABLE) if _NEEDS_ESCAPE.search(text) else text


def mermaid_label(value: object) -> str:
    """Text for a double-quoted Mermaid node label."""
    if value is None:
        return ""
    return str(value).translate(_MERMAID)


#: What ends or breaks a Markdown link target, or is markup in HTML: percent-encoded in
#: the targets the renderer writes (``%`` too, so MkDocs, which unquotes a link's path,
#: finds the file as it is named). Other characters (letters of any script) stay.
_TARGET_UNSAFE = re.compile(r"[\s()<>\"'`\[\]{}|\\%^\x00-\x1f\x7f]")


def link_target(target: str) -> str:
    """A page path (``#anchor``) as a Markdown link target that is one token: no space,
    parenthesis, quote or angle bracket of a file name or explicit heading id can end
    the link, leave it as text, or reach the HTML it becomes as markup."""
    return _TARGET_UNSAFE.sub(lambda m: quote(m.group(), safe=""), target)


def mailto(email: str) -> str:
    """A ``mailto:`` URL whose address cannot close the Markdown link it sits in."""
    return "mailto:" + quote(email.strip(), safe="@.+-_~")


# Cached: a large catalogue asks for each dataset's anchor a dozen times (its heading,
# every link and diagram click to it), 130,000 calls in all.
@lru_cache(maxsize=65536)
def slug(value: str) -> str:
    """A slug for CSS classes and path segments (toc's default slugify, reimplemented so
    the hot path needs no Markdown import; a test compares the two). Heading anchors
    are not computed here: ``markdown_structure.heading_anchor`` is the one for them.
    """
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@lru_cache(maxsize=65536)
def segment(identifier: str) -> str:
    """A path segment for an id: the id in lower case when it is a valid id, else a slug.

    Valid ids (the schemas' patterns) pass through unchanged, so URLs follow the contract;
    invalid ones (the model is built even when validation fails) never escape their folder.
    """
    lowered = identifier.strip().lower()
    if _SAFE_SEGMENT.fullmatch(lowered) and ".." not in lowered:
        return lowered
    return slug(lowered) or "unnamed"


#: What a browser drops before reading a URL: leading C0 controls and spaces, and every
#: tab and line break.
_URL_LEADING = "".join(chr(code) for code in range(0x21))
_URL_DROPPED = str.maketrans("", "", "\t\n\r")


def _as_browser_reads(url: str) -> str:
    return url.lstrip(_URL_LEADING).translate(_URL_DROPPED)


def allowed_target(url: str) -> bool:
    """Whether ``url``, read as a browser reads it, is http(s), mailto or a path of this
    site: no other scheme, and no other host through ``//``, ``/\\`` or ``\\\\``."""
    text = _as_browser_reads(url)
    if urlsplit(text).scheme.lower() not in ("", "http", "https", "mailto"):
        return False
    return not text.replace("\\", "/").startswith("//")


def web_url(url: str) -> bool:
    """Whether ``url``, read as a browser reads it, is absolute http(s)."""
    return urlsplit(_as_browser_reads(url)).scheme.lower() in ("http", "https")
