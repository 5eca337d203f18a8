"""Material's interface translations looked up once per build instead of on every use.

Each page calls Material's ``lang.t(key)`` about twenty times (the search box, the
header, the ``__config`` block...). Material's ``t`` calls the language file's macro,
which builds its whole table of about a hundred strings anew to read one of them: on a
500-decision log that was some 10,000 tables a build. The language files are imported
without the page's context, so a key's text is the same on every page of a build: the
wrapper below asks Material's own ``t`` once per key and reuses its answer.

Installed by wrapping the theme's template loader (no theme file is copied), and only
while ``partials/language.html`` is Material's own: a site that overrides it keeps its
version untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

LANGUAGE_TEMPLATE = "partials/language.html"
ORIGINAL_PREFIX = "paved-translations-original/"
CACHE_GLOBAL = "paved_translation"

_WRAPPER = (
    '{% import "' + ORIGINAL_PREFIX + LANGUAGE_TEMPLATE + '" as paved_language with context %}'
    "{% macro t(key) %}{{ " + CACHE_GLOBAL + "(paved_language.t, key) }}{% endmacro %}"
)


class TranslationsLoader(jinja2.BaseLoader):
    """The theme's loader, with ``partials/language.html`` wrapped in the cache."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template == LANGUAGE_TEMPLATE:
            return _WRAPPER, None, lambda: True
        return self.inner.get_source(environment, template.removeprefix(ORIGINAL_PREFIX))

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class Translations:
    """Material's ``t(key)``, asked once per key."""

    def __init__(self) -> None:
        self.texts: dict[str, Any] = {}

    def __call__(self, translate: Callable[[str], Any], key: str) -> Any:
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = translate(key)
        return text


def _materials_own(env: jinja2.Environment) -> bool:
    """Whether ``partials/language.html`` comes from Material's package (not a
    ``custom_dir`` override or another theme)."""
    try:
        import material
    except ImportError:
        return False
    assert env.loader is not None
    try:
        _, filename, _ = env.loader.get_source(env, LANGUAGE_TEMPLATE)
    except jinja2.TemplateNotFound:
        return False
    package = Path(material.__file__).resolve().parent
    return filename is not None and Path(filename).resolve().is_relative_to(package)


def install(env: jinja2.Environment) -> Translations | None:
    """Wrap ``env``'s loader and register a fresh cache for this build; None (and
    nothing changed) when the theme's language partial is not Material's own."""
    if isinstance(env.loader, TranslationsLoader) or env.loader is None:
        return None
    if not _materials_own(env):
        return None
    env.loader = TranslationsLoader(env.loader)
    cache = Translations()
    env.globals[CACHE_GLOBAL] = cache
    return cache
