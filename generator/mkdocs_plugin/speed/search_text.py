"""Material's ``search/search_index.json`` written from each page's entries as JSON,
kept between the builds of one ``paved serve`` process.

Material writes the index with one ``json.dumps`` of every page's entries: about half a
second of every rebuild of the large benchmark (tens of thousands of entries), though a
one-file edit changes the entries of a handful of pages. JSON without indentation is its
items joined by ``,``, so the same text is the kept pages' fragments joined with the new
ones. A page's fragment is kept with its entry list, by identity: ``PageMemo`` hands a
kept page's very list back, and a page built again gets a new one.

The first build of a process writes Material's own text and compares: the short cut is
used only once it gave the same bytes (another Material version may write otherwise).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

#: Material's ``generate_search_index`` writes these keys of its configuration.
_CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)


class SearchText:
    """One per serve process (with its ``PageMemo``)."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[list[dict[str, Any]], str]] = {}
        #: None until a build compared the short cut with Material's text.
        self.same_as_material: bool | None = None

    def text(
        self, config: dict[str, Any], pages: Sequence[tuple[str, list[dict[str, Any]]]]
    ) -> str:
        """The index of ``pages`` (``src_uri`` and entries, in the build's order)."""
        kept: dict[str, tuple[list[dict[str, Any]], str]] = {}
        parts = []
        for src_uri, entries in pages:
            last = self._last.get(src_uri)
            if last is not None and last[0] is entries:
                fragment = last[1]
            else:
                fragment = ",".join(_dumps(entry) for entry in entries)
            kept[src_uri] = (entries, fragment)
            if fragment:
                parts.append(fragment)
        self._last = kept
        settings = _dumps({key: config[key] for key in _CONFIG_KEYS})
        return '{"config":' + settings + ',"docs":[' + ",".join(parts) + "]}"

    def install(self, search: Any, pages: Sequence[tuple[str, list[dict[str, Any]]]]) -> None:
        """Have ``search`` (Material's search plugin of this build) write the index from
        ``pages``' fragments: after a build whose text matched Material's own."""
        index: Any = getattr(search, "search_index", None)
        original = getattr(index, "generate_search_index", None)
        settings = getattr(index, "config", None)
        if not pages or original is None or settings is None or self.same_as_material is False:
            return
        if any(key not in settings for key in _CONFIG_KEYS):
            return

        def generate(prev: Any) -> str:
            if prev or self.same_as_material is False:
                return str(original(prev))
            text = self.text(settings, pages)
            if self.same_as_material is None:
                expected = str(original(prev))
                self.same_as_material = text == expected
                return expected
            return text

        index.generate_search_index = generate
