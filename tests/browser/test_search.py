"""The portal's own search (Material's) in real headless Chromium: a table name without
its system, a column name and a person's name find the right entry first.

The example is built once for the module (conftest's ``site``) and searched by typing
into Material's search box. What must come first is resolved from the model the portal
publishes (``api/platform.json``), never from URLs: each dataset is its own search entry
titled with its id, wherever the renderer puts it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any
from urllib.request import urlopen

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

RESULT = ".md-search-result__item"


@pytest.fixture(scope="module")
def catalogue(site: str) -> dict[str, Any]:
    with urlopen(f"{site}/api/platform.json", timeout=10) as response:
        data: dict[str, Any] = json.load(response)
    return dict(data["catalogue"])


def search(page: Any, site: str, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the titles of the results, in order.

    The search worker loads its index in the background and a query typed before it is
    ready finds nothing, so the query is typed again until results show."""
    page.goto(f"{site}/")
    box = page.locator("input.md-search__input")
    box.click()
    for _attempt in range(20):
        box.fill("")
        box.fill(query)
        box.press("End")  # Material's search listens for key events, not for input
        try:
            page.locator(RESULT).first.wait_for(timeout=1_000)
            break
        except PlaywrightTimeout:
            continue
    page.locator(RESULT).first.wait_for(timeout=1_000)
    titles = page.locator(f"{RESULT} article :is(h1, h2)").all_inner_texts()
    return [" ".join(t.split()) for t in titles]


def table_of(dataset_id: str) -> str:
    return dataset_id.split(".", 1)[1]


def test_search_splits_on_underscores_and_dots(site: str) -> None:
    with urlopen(f"{site}/search/search_index.json", timeout=10) as response:
        config = json.load(response)["config"]
    assert "_" in config["separator"]
    assert "." in config["separator"]


def test_a_shared_table_name_finds_the_datasets_that_have_it_first(
    site: str, page: Any, catalogue: dict[str, Any]
) -> None:
    # The onboarding exercise's table, "sales_lines" (it found nothing before the
    # separator split on "_"). Other tables contain the same words (cur_sales_lines,
    # raw_pos_sales_lines): every dataset so named comes before anything else. Which of
    # them is first is Material's call (its lunr index ranks without length
    # normalisation, so the raw copy, whose description repeats the name, can win).
    wanted = [d["id"] for d in catalogue["datasets"] if table_of(d["id"]) == "sales_lines"]
    assert len(wanted) == 1, "the example has one table named sales_lines"
    named = {d["id"] for d in catalogue["datasets"] if "sales_lines" in table_of(d["id"])}
    assert len(named) > 1, "the test needs tables whose names contain it"
    titles = search(page, site, "sales_lines")
    datasets = [t for t in titles if "." in t]
    assert wanted[0] in datasets[: len(named)], titles[:6]
    assert set(datasets[: len(named)]) == named, titles[:6]


def test_a_product_table_name_finds_its_dataset_first(
    site: str, page: Any, catalogue: dict[str, Any]
) -> None:
    tables = Counter(table_of(d["id"]) for d in catalogue["datasets"])
    # A multi-word table name no other table name contains.
    unique = [
        d["id"]
        for d in catalogue["datasets"]
        if "_" in table_of(d["id"])
        and tables[table_of(d["id"])] == 1
        and not any(table_of(d["id"]) in other and other != table_of(d["id"]) for other in tables)
    ]
    assert unique
    chosen = unique[-1]
    titles = search(page, site, table_of(chosen))
    assert titles[0] == chosen, titles[:5]


def test_a_column_name_finds_its_dataset_first(
    site: str, page: Any, catalogue: dict[str, Any]
) -> None:
    # Column tables are kept out of Material's index (200,000 rows at scale); a dataset's
    # personal-data columns are named in its facts, so they are searchable. One such
    # column that only one dataset has:
    owners: dict[str, list[str]] = {}
    for dataset in catalogue["datasets"]:
        for column in dataset["columns"]:
            owners.setdefault(column["name"], []).append(dataset["id"])
    personal = {
        c["name"]: d["id"]
        for d in catalogue["datasets"]
        for c in d["columns"]
        if c["personal_data"] and "_" in c["name"] and len(owners[c["name"]]) == 1
    }
    # Material weighs a title match 1000 times a text match: a column whose words are in
    # some heading ("inspector_key": "How are ids and keys written") ranks that heading
    # first. Columns are text, not titles; the test takes one no heading shares words with.
    with urlopen(f"{site}/search/search_index.json", timeout=10) as response:
        headings = {
            word
            for entry in json.load(response)["docs"]
            for word in re.split(r"[\s\-_.]+", entry["title"].lower())
        }
    distinct = {
        column: dataset
        for column, dataset in personal.items()
        # Material searches each word as a prefix ("key*" finds "keys").
        if not any(h.startswith(w) for w in column.lower().split("_") for h in headings)
    }
    assert distinct, "the example needs a personal-data column only one dataset has"
    column, dataset = min(distinct.items())
    titles = search(page, site, column)
    assert titles[0] == dataset, (column, titles[:5])


def test_a_person_finds_their_custodian_page_first(
    site: str, page: Any, catalogue: dict[str, Any]
) -> None:
    person = catalogue["custodians"][0]["name"]
    titles = search(page, site, person)
    assert person in titles[0], titles[:5]
