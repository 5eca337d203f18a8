"""The one rule for URLs the bot stores, links to or publishes: ``http``/``https``, a
host, and only characters that need no quoting anywhere the bot writes a link (an mrkdwn
``<url|label>``, a Markdown ``[label](url)``, an HTML attribute). No spaces, quotes,
angle brackets, pipes, backslashes or braces; at most 2,048 characters."""

from __future__ import annotations

import re

MAX_URL = 2048
# host: letters, digits, dots, hyphens; then an optional port; then path, query and
# fragment from RFC 3986's unreserved, sub-delims, ":", "@", "/", "?", "#" and "%",
# without "'", "(", ")" (they end a Markdown link target or an attribute).
_SAFE_URL = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
    r"(?:[/?#][A-Za-z0-9\-._~!$&*+,;=:@/?#%]*)?"
)


def safe_url(url: str | None) -> str | None:
    """``url`` when it passes the rule above, else None."""
    if url is None or len(url) > MAX_URL or not _SAFE_URL.fullmatch(url):
        return None
    return url


def origin_of(url: str) -> str:
    """``https://host:port`` of an absolute URL (what a browser's Origin header says)."""
    scheme, _, rest = url.partition("://")
    return f"{scheme.lower()}://{rest.split('/', 1)[0].split('?', 1)[0].split('#', 1)[0].lower()}"
