"""SQLite FTS5 ranking of sections: weights, stemming, kind filter and coverage."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator

import pytest

from paved.bot.answer.ranking import UNKNOWN_SHARE, SectionSearch
from paved.generator.core.index import IndexSection


def section(title: str, text: str, *, kind: str = "doc", page: str = "Guide") -> IndexSection:
    anchor = title.lower().replace(" ", "-")
    return IndexSection(
        page_title=page,
        title=title,
        level=2,
        anchor=anchor,
        url=f"{kind}/#{anchor}",
        text=text,
        summary=text,
        kind=kind,
        status=None,
        owner=None,
        subject_id=None,
        src_uri=f"{kind}.md",
    )


FILLER = [section(f"Filler {n}", f"data platform note number {n}") for n in range(20)]


@pytest.fixture
def search() -> Iterator[SectionSearch]:
    built = SectionSearch(
        [
            section("Request a grant", "Fill in the form and wait for approval."),
            section("Audit", "Every grant and every request is logged; grants expire."),
            section("Grants", "How grants work.", kind="decision", page="ADR-0009"),
            *FILLER,
        ]
    )
    yield built
    built.close()


def test_heading_match_outranks_body_mentions(search: SectionSearch) -> None:
    hits = search.search("request grant", kinds=["doc"])
    assert hits[0].section.title == "Request a grant"
    assert hits[0].coverage == pytest.approx(1.0)


def test_porter_stemming_matches_word_forms(search: SectionSearch) -> None:
    hits = search.search("requesting grants", kinds=["doc"])
    assert hits[0].section.title == "Request a grant"


def test_kind_filter_is_applied_in_the_query(search: SectionSearch) -> None:
    assert {h.section.kind for h in search.search("grants", kinds=["decision"])} == {"decision"}
    assert {h.section.kind for h in search.search("grants")} == {"doc", "decision"}


def test_coverage_is_weighted_by_rarity(search: SectionSearch) -> None:
    hits = search.search("grant unicorn", kinds=["doc"])
    assert hits
    assert hits[0].matched == frozenset({"grant"})
    # "unicorn" is in no section: it counts against coverage, at UNKNOWN_SHARE of what
    # a word in no section would weigh, so one unknown name cannot outweigh the rest.
    assert 0 < hits[0].coverage < 1
    n = len(search.sections)
    assert search.weight("unicorn") == pytest.approx(UNKNOWN_SHARE * math.log(1 + (n - 0.5) / 1.5))


def test_synonyms_and_phrases_match_as_one_term(search: SectionSearch) -> None:
    plain = search.search_terms([("grant",), ("unicorn",)], kinds=["doc"])
    widened = search.search_terms([("grant",), ("unicorn", "request a grant")], kinds=["doc"])
    assert widened[0].coverage > plain[0].coverage
    assert widened[0].matched == frozenset({"grant", "unicorn"})


def test_words_in_most_sections_are_not_searched_unless_alone(search: SectionSearch) -> None:
    hits = search.search("data grant", kinds=["doc"])
    assert all("data" not in h.matched for h in hits)
    assert search.search("data", kinds=["doc"])[0].matched == frozenset({"data"})


def test_no_words_no_hits(search: SectionSearch) -> None:
    assert search.search("  ?! ") == []
    assert search.search("zebra") == []


def test_searches_from_several_threads_agree(search: SectionSearch) -> None:
    results: list[str] = []

    def ask() -> None:
        for _ in range(20):
            results.append(search.search("request grant", kinds=["doc"])[0].section.title)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["Request a grant"] * 80
