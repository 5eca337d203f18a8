"""Settings of ``mkdocs.yml`` that Material writes into every page as given, made inert.

``mkdocs.yml`` reaches the repository by pull request like any other file, and
Material's templates place several of its values without escaping: ``site_name`` in
``aria-label`` attributes, ``site_description`` and ``site_author`` in meta tags,
``repo_name`` in the header, ``site_url`` (every page's canonical link) and ``repo_url``
as ``href`` (percent-encoded, or left out when not http(s)), ``copyright`` in every
footer (HTML by Material's design), each ``theme.palette`` option's ``media`` and toggle
``name`` in attributes, ``extra.homepage``, each ``extra.social`` and
``extra.alternate`` link as an ``href`` (an alternate's ``name`` and ``lang`` as text
and an attribute), a social ``icon`` as the path of a template include,
``extra.consent`` (its title, cookie names and the description, which Material takes as
HTML), and the titles and links of a ``nav`` written in ``mkdocs.yml`` (in every page's
navigation). Each is escaped once here, where it is handed to the theme, or dropped when
it is a link no reader should follow (``javascript:``, another host through ``//``).

Values are handed over as ``Markup``: Material's own ``| e`` (on ``site_name`` in
``title`` attributes) leaves them as they are, so nothing is escaped twice.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from paved.generator.core.render.escape import allowed_target, web_url
from paved.generator.mkdocs_plugin.sanitize import sanitize

#: A theme icon name (``fontawesome/brands/github``): Material includes the file
#: ``.icons/<name>.svg``, so anything else (``../../etc/passwd``) must not reach it.
_ICON = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)+")


def is_theme_icon(name: str) -> bool:
    return _ICON.fullmatch(name) is not None


_DEFAULT_ICON = "fontawesome/solid/link"
#: What a URL may hold as it is (RFC 3986's reserved and unreserved characters, and '%'
#: of the escapes already in it): ``"``, ``<``, ``>`` and spaces are percent-encoded.
_URL_CHARACTERS = ":/?#[]@!$&'()*+,;=%~"


def inert_theme_settings(config: MkDocsConfig) -> list[str]:
    """Escape or drop, in place, what Material would place raw; returns one note per
    value dropped, for the build log."""
    notes: list[str] = []
    for key in ("site_name", "site_description", "site_author", "repo_name"):
        value = config.get(key)
        if value:
            config[key] = _text(value)
    if config.get("copyright"):
        # HTML by Material's design: through the portal's allow-list sanitiser.
        config["copyright"] = Markup(sanitize(str(config["copyright"])))  # noqa: S704
    for key in ("site_url", "repo_url"):  # MkDocs checks only that each parses as a URL
        if not config.get(key):
            continue
        if web_url(str(config[key])):
            config[key] = quote(str(config[key]), safe=_URL_CHARACTERS)
        else:
            notes.append(f"{key} {str(config[key])[:80]!r} is not a web link: left out")
            config[key] = None
            if key == "repo_url":
                config["edit_uri"] = None  # "Edit this page" is made from the two
    _palette(config.theme.get("palette"))
    if config.get("nav"):
        config["nav"] = _nav(config["nav"], notes)
    extra = config.extra
    homepage = extra.get("homepage")
    if homepage is not None:
        if allowed_target(str(homepage)):
            extra["homepage"] = _text(homepage)
        else:
            del extra["homepage"]
            notes.append(f"extra.homepage {str(homepage)[:80]!r} is not a web link: left out")
    if "social" in extra:
        extra["social"] = _social(extra.get("social"), notes)
    if "alternate" in extra:
        extra["alternate"] = _alternate(extra.get("alternate"), notes)
    if isinstance(extra.get("consent"), Mapping):
        extra["consent"] = _consent(extra["consent"])
    return notes


def _text(value: object) -> Markup:
    return Markup(html.escape(str(value)))  # noqa: S704 - escaped on this line


def _social(links: object, notes: list[str]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    for item in links if isinstance(links, list) else []:
        if not isinstance(item, Mapping):
            continue
        link = str(item.get("link") or "")
        if not link or not allowed_target(link):
            notes.append(f"extra.social link {link[:80]!r} is not a web link: left out")
            continue
        icon = str(item.get("icon") or "")
        # Material derives a missing name from the link (then escapes it again).
        name = str(item.get("name") or urlsplit(link).netloc or link)
        kept.append(
            {
                **item,
                "link": _text(link),
                "icon": icon if is_theme_icon(icon) else _DEFAULT_ICON,
                "name": name,  # Material escapes it (``title | e``)
            }
        )
    return kept


def _nav(items: object, notes: list[str]) -> list[Any]:
    """A ``nav`` as written: each title escaped, each link that is not a web link or a
    path of the site (``javascript:``, another host through ``//``) left out."""
    kept: list[Any] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            kept.append(item)  # a path: the page names itself
            continue
        entry: dict[Any, Any] = {}
        for title, value in item.items():
            if isinstance(value, list):
                entry[_text(title)] = _nav(value, notes)
            elif value is None or allowed_target(str(value)):
                entry[_text(title)] = value
            else:
                notes.append(f"nav link {str(value)[:80]!r} is not a web link: left out")
        if entry:
            kept.append(entry)
    return kept


def _palette(palette: object) -> None:
    """Each option's ``media`` and toggle ``name`` escaped in place (one option or a list)."""
    for option in palette if isinstance(palette, list) else [palette]:
        if not isinstance(option, dict):
            continue
        if option.get("media"):
            option["media"] = _text(option["media"])
        toggle = option.get("toggle")
        if isinstance(toggle, dict) and toggle.get("name"):
            toggle["name"] = _text(toggle["name"])


def _alternate(links: object, notes: list[str]) -> list[dict[str, Any]]:
    """The language selector's links: web links only, names and languages as text."""
    kept: list[dict[str, Any]] = []
    for item in links if isinstance(links, list) else []:
        if not isinstance(item, Mapping):
            continue
        link = str(item.get("link") or "")
        if not link or not allowed_target(link):
            notes.append(f"extra.alternate link {link[:80]!r} is not a web link: left out")
            continue
        kept.append(
            {
                **item,
                "link": _text(link),  # MkDocs' url filter leaves quotes as they are
                "name": _text(item.get("name", "")),
                **({"lang": _text(item["lang"])} if item.get("lang") else {}),
            }
        )
    return kept


def _consent(consent: Mapping[str, Any]) -> dict[str, Any]:
    cookies = consent.get("cookies")
    safe_cookies: dict[str, Any] = {}
    if isinstance(cookies, Mapping):
        for kind, cookie in cookies.items():
            if isinstance(cookie, Mapping):
                cookie = {**cookie, "name": _text(cookie.get("name", kind))}
            elif cookie:
                cookie = _text(cookie)
            safe_cookies[str(_text(kind))] = cookie
    return {
        **consent,
        "title": _text(consent.get("title", "")),
        # HTML by Material's design: through the portal's allow-list sanitiser.
        "description": Markup(sanitize(str(consent.get("description", "")))),  # noqa: S704
        "cookies": safe_cookies,
    }
