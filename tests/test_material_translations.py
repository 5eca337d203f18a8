"""``translations``: Material's interface texts asked once per key give the very text
Material's own ``t`` gives, and a site that overrides the language partial is left as
it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.theme import Theme

from paved.generator.mkdocs_plugin import translations

KEYS = ["search.placeholder", "action.edit", "clipboard.copy", "no.such.key", "toc"]
PAGE = '{% import "partials/language.html" as lang with context %}' + "|".join(
    "{{ lang.t('" + key + "') }}" for key in KEYS * 3
)


def render(theme: Theme, *, cached: bool, language: str = "en") -> tuple[str, object]:
    env = theme.get_env()
    cache = translations.install(env) if cached else None
    config = {"theme": {"language": language}}
    return env.from_string(PAGE).render(config=config), cache


@pytest.mark.parametrize("language", ["en", "de"])
def test_cached_texts_are_materials_own(language: str) -> None:
    theme = Theme(name="material", language=language)
    plain, _ = render(theme, cached=False, language=language)
    cached, cache = render(theme, cached=True, language=language)

    assert cached == plain
    assert isinstance(cache, translations.Translations)
    assert set(cache.texts) == set(KEYS)  # each key asked once, three uses each
    assert "no.such.key" in plain.split("|")  # Material's fallback: the key itself


def test_an_overridden_language_partial_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "language.html").write_text(
        "{% macro t(key) %}[{{ key }}@{{ page }}]{% endmacro %}", encoding="utf-8"
    )
    theme = Theme(name="material", custom_dir=str(tmp_path))
    env = theme.get_env()

    assert translations.install(env) is None
    assert not isinstance(env.loader, translations.TranslationsLoader)
    text = env.from_string(PAGE).render(config={"theme": {"language": "en"}}, page="p")
    assert text.startswith("[search.placeholder@p]")
