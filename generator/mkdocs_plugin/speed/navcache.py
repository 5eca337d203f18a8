"""Render Material's navigation once per folder instead of once per page.

Material writes the whole navigation into every page, and even the portal's small
navigation (index pages, the hand-written docs, the API reference) was the largest part
of the theme's work: about 5 ms of the 7 per page on a large portal, 2,300 times over.
The navigation a page shows depends on the page in two ways only: which entries are
active (the page and its sections, if the page is in the navigation) and the relative
links (which depend on the folder the page's URL sits in). A generated page outside the
navigation activates nothing, so every such page in one folder shows the same HTML: it
is rendered for the first and reused for the rest. Pages in the navigation, and any page
whose URL has navigation entries below it, are rendered as before.

``Speed.prepare`` installs this by wrapping the theme's template loader, so no theme file
is copied: ``partials/nav.html`` becomes a two-line template that calls the cache around
the original (still found under its own name, including a ``custom_dir`` override).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import Any

import jinja2
from markupsafe import Markup

NAV_TEMPLATE = "partials/nav.html"
ORIGINAL_PREFIX = "paved-original/"
CACHE_GLOBAL = "paved_nav_once"

_WRAPPER = (
    "{%- call " + CACHE_GLOBAL + "(page) -%}"
    '{% include "' + ORIGINAL_PREFIX + NAV_TEMPLATE + '" %}'
    "{%- endcall -%}"
)


class NavCacheLoader(jinja2.BaseLoader):
    """The theme's loader, with ``partials/nav.html`` wrapped in the cache."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template == NAV_TEMPLATE:
            return _WRAPPER, None, lambda: True
        template = template.removeprefix(ORIGINAL_PREFIX)
        return self.inner.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class NavCache:
    """The navigation HTML per folder, for pages that activate no navigation entry."""

    def __init__(self, nav_urls: Iterable[str]) -> None:
        self.in_nav = set(nav_urls)
        # A page whose URL is a prefix of a navigation entry links to it as "sub/",
        # not "../x/sub/": its siblings' HTML would be wrong for it.
        self.above_nav = {
            url[: i + 1] for url in self.in_nav for i, ch in enumerate(url) if ch == "/"
        }
        self.html: dict[str, Markup] = {}
        self.rendered = 0

    def key(self, page: Any) -> str | None:
        url = getattr(page, "url", None)
        if not isinstance(url, str) or url in self.in_nav or url in self.above_nav:
            return None
        return posixpath.dirname(url.rstrip("/"))

    def __call__(self, page: Any, caller: Callable[[], str]) -> Markup:
        key = self.key(page)
        if key is None:
            return Markup(caller())  # noqa: S704 - the theme's own rendered navigation
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = Markup(caller())  # noqa: S704 - as above, cached
            self.rendered += 1
        return html


def install(env: jinja2.Environment, nav_urls: Iterable[str]) -> NavCache:
    """Wrap ``env``'s loader and register a fresh cache for this build."""
    if not isinstance(env.loader, NavCacheLoader):
        assert env.loader is not None
        env.loader = NavCacheLoader(env.loader)
    cache = NavCache(nav_urls)
    env.globals[CACHE_GLOBAL] = cache
    return cache
