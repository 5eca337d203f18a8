"""``search/search_index.json`` from kept per-page fragments (``paved serve``): the
bytes Material's own writer gives, each page's entries dumped once while its list is
kept, and Material's writer whenever the short cut did not match it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from material.plugins.search.plugin import SearchIndex

from paved.generator.mkdocs_plugin.speed.search_text import SearchText

SETTINGS = {"lang": ["en"], "separator": r"[\s\-_,:!=\[\]()\"`/]+|\.(?!\d)", "pipeline": []}


def _index(pages: list[tuple[str, list[dict[str, Any]]]]) -> SearchIndex:
    index = SearchIndex(**SETTINGS, fields={"title": {"boost": 1000}})
    index.entries = [entry for _, entries in pages for entry in entries]
    return index


def _pages() -> list[tuple[str, list[dict[str, Any]]]]:
    return [
        ("a.md", [{"location": "a/", "title": "A “quoted” ü", "text": "<p>x</p>"}]),
        ("empty.md", []),
        (
            "b.md",
            [
                {"location": "b/", "title": "B", "text": "", "tags": ["t"]},
                {"location": "b/#s", "title": "S", "text": "1 < 2", "boost": 2},
            ],
        ),
    ]


def test_the_text_is_materials_own() -> None:
    pages = _pages()
    index = _index(pages)
    assert SearchText().text(index.config, pages) == index.generate_search_index(None)


def test_a_kept_list_is_not_dumped_again_and_a_new_one_is() -> None:
    pages = _pages()
    writer = SearchText()
    first = writer.text(_index(pages).config, pages)
    pages[0][1][0]["title"] = "changed in place"  # the same list: its fragment is kept
    assert writer.text(_index(pages).config, pages) == first
    pages[2] = ("b.md", [{"location": "b/", "title": "B2", "text": ""}])  # a new list
    again = writer.text(_index(pages).config, pages)
    assert '"title":"B2"' in again
    assert again == _index(pages).generate_search_index(None).replace(
        "changed in place", "A \\u201cquoted\\u201d \\u00fc"
    )


def test_install_checks_against_material_first_and_then_takes_the_short_cut() -> None:
    pages = _pages()
    writer = SearchText()
    index = _index(pages)
    writer.install(SimpleNamespace(search_index=index), pages)
    assert index.generate_search_index(None) == _index(pages).generate_search_index(None)
    assert writer.same_as_material is True
    index.entries = []  # Material's writer would now write no page: the short cut is used
    writer.install(SimpleNamespace(search_index=index), pages)
    assert '"location":"b/#s"' in index.generate_search_index(None)


class _OtherWriter(SearchIndex):
    """A search plugin that writes its index in another layout."""

    def generate_search_index(self, prev: Any) -> str:
        return "other:" + super().generate_search_index(prev)


def test_a_writer_that_differs_is_always_used() -> None:
    pages = _pages()
    writer = SearchText()
    for _ in range(2):
        index = _OtherWriter(**SETTINGS, fields={})
        index.entries = [entry for _, entries in pages for entry in entries]
        writer.install(SimpleNamespace(search_index=index), pages)
        assert index.generate_search_index(None).startswith("other:")
    assert writer.same_as_material is False
