"""Links in authors' bodies, pointed at the pages the files become.

Authors link between files as they sit in the repository (an adr-tools log writes
``[2. Use Kafka](0002-use-kafka.md)``, a WID may link ``../adrs/0008-x.md`` or
``../docs/access/index.md``). In the portal those files are pages at other paths, so
such links are rewritten to the generated page, and links to the images kept next to
the records to where they are published; anything else is left as written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from paved.generator.core.load.adr_ids import is_record_file
from paved.generator.core.load.markdown import code_spans
from paved.generator.core.markdown_structure import scan
from paved.generator.core.render import paths

# The target stops at ']' so each '](' is scanned only up to the next one (linear).
_INLINE = re.compile(r"(\]\()(<?)([^)\s>\]]+)(>?)((?:\s++\"[^\"]*+\")?\))")
_REFERENCE = re.compile(r"^([ ]{0,3}\[[^\]]+\]:[ \t]*)(<?)(\S+?)(>?)([ \t].*)?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _target(link: str, source: str, page_uri: str, pages: Mapping[str, str]) -> str | None:
    """The rewritten link, or None to keep it."""
    if _SCHEME.match(link) or link.startswith(("#", "/")):
        return None
    path, hash_, anchor = link.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if not is_record_file(path):
        return _asset(resolved, page_uri, hash_ + anchor)
    page = pages.get(resolved)
    if page is None:
        return None
    return paths.relative(page_uri, page) + hash_ + anchor


#: Where the files kept next to the records are published (``mkdocs_plugin.assets``):
#: ``adrs/accepted/img/d.png`` → ``decisions/accepted/img/d.png``.
ASSET_FOLDERS = {"adrs/": "decisions/"}


def _asset(resolved: str, page_uri: str, fragment: str) -> str | None:
    """A link to a file next to the records, pointed at where it is published; a record
    in a subfolder (``adrs/accepted/0001-x.md``) links its images relative to itself,
    while its page sits in ``decisions/``. Other paths (and any leaving the folder) are
    kept as written."""
    for folder, published in ASSET_FOLDERS.items():
        if resolved.startswith(folder) and not resolved.endswith("/"):
            return paths.relative(page_uri, published + resolved[len(folder) :]) + fragment
    return None


def _rewrite_text(text: str, source: str, page_uri: str, pages: Mapping[str, str]) -> str:
    def inline(match: re.Match[str]) -> str:
        new = _target(match.group(3), source, page_uri, pages)
        if new is None:
            return match.group(0)
        return match.group(1) + match.group(2) + new + match.group(4) + match.group(5)

    return _INLINE.sub(inline, text)


def _rewrite_line(line: str, source: str, page_uri: str, pages: Mapping[str, str]) -> str:
    reference = _REFERENCE.match(line)
    if reference:
        new = _target(reference.group(3), source, page_uri, pages)
        if new is not None:
            return (
                reference.group(1)
                + reference.group(2)
                + new
                + reference.group(4)
                + (reference.group(5) or "")
            )
        return line
    out: list[str] = []
    last = 0
    for start, end in code_spans(line):
        out.append(_rewrite_text(line[last:start], source, page_uri, pages))
        out.append(line[start:end])
        last = end
    out.append(_rewrite_text(line[last:], source, page_uri, pages))
    return "".join(out)


def rewrite_links(text: str, source: str, page_uri: str, pages: Mapping[str, str]) -> str:
    """``text`` (the body of repository file ``source``, rendered as page ``page_uri``)
    with links to other repository files (keys of ``pages``) pointed at their pages."""
    if "](" not in text and "]:" not in text:
        return text
    lines = text.split("\n")
    prose = scan(text).prose  # a link is live only in Markdown the renderer parses
    for i, line in enumerate(lines):
        if prose[i] and ("](" in line or "]:" in line):
            lines[i] = _rewrite_line(line, source, page_uri, pages)
    return "\n".join(lines)


def page_of_file(
    products: Mapping[str, str], decisions: Mapping[str, str], docs: Mapping[str, str]
) -> dict[str, str]:
    """Repository path → generated page path, from (id → repository path) mappings.

    ``docs`` maps docs-relative paths to themselves; they live under ``docs/`` in the
    repository and keep their path in the portal.
    """
    pages = {path: paths.product(wid) for wid, path in products.items()}
    pages.update({path: paths.decision(adr) for adr, path in decisions.items()})
    pages.update({f"docs/{path}": path for path in docs})
    return pages
