"""Near-duplicate tags (rule ``tags``, DOC403) across WIDs, ADRs and docs pages."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from paved.generator.core import api
from paved.generator.core.load.markdown import parse_markdown
from paved.generator.core.load.types import LoadedRepository, MarkdownDoc
from paved.generator.core.validate import validate
from paved.generator.core.validate.rules.tags import fold, near_duplicates, one_edit_apart

ROOT = Path(__file__).resolve().parents[1]


def page(path: str, tags: list[str]) -> MarkdownDoc:
    listed = "".join(f"  - {t}\n" for t in tags)
    text = f"---\ntitle: T\ntags:\n{listed}---\n# T\n"
    doc, found = parse_markdown(text, path, require_front_matter=False)
    assert doc is not None, found
    return doc


def docs_only(*docs: MarkdownDoc) -> LoadedRepository:
    return dataclasses.replace(LoadedRepository(root=str(ROOT)), docs=tuple(docs))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("cost", "costs"),
        ("data-quality", "data_quality"),
        ("Data Quality", "data-quality"),
        ("policy", "policies"),
        ("pipeline", "pipelines"),
    ],
)
def test_spellings_that_fold_together(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("pipeline", "pipline", True),  # deletion
        ("ingestion", "ingestoin", True),  # swap
        ("governance", "governence", True),  # substitution
        ("ops", "opt", False),  # too short to judge
        ("access", "process", False),
        ("streaming", "steaming", True),
    ],
)
def test_one_letter_apart_for_long_words_only(a: str, b: str, near: bool) -> None:
    assert bool(near_duplicates(Counter({a: 2, b: 1}))) is near
    if near:
        assert one_edit_apart(fold(a), fold(b))


def test_the_less_used_spelling_is_reported_where_it_is_written() -> None:
    loaded = docs_only(
        page("docs/a.md", ["cost", "lakehouse"]),
        page("docs/b.md", ["cost"]),
        page("docs/c.md", ["sql", "costs"]),
    )
    found = [d for d in validate(loaded) if d.code == "DOC403"]
    assert len(found) == 1
    [d] = found
    assert d.severity.value == "warning"
    assert d.location.path == "docs/c.md"
    assert (d.location.line, d.location.column) == (5, 5)  # "costs" in "  - costs"
    assert "'costs'" in d.message
    assert "'cost' (used 2 times)" in d.message
    assert d.hint


def test_distinct_tags_raise_nothing() -> None:
    loaded = docs_only(page("docs/a.md", ["cost", "contracts", "data-contracts", "ops", "opt"]))
    assert [d for d in validate(loaded) if d.code == "DOC403"] == []


def test_the_example_uses_one_spelling_per_tag() -> None:
    result = api.check(ROOT)
    assert [d for d in result.diagnostics if d.code == "DOC403"] == []
    platform = result.platform
    tags = Counter(t for p in platform.products.values() for t in p.tags)
    tags.update(t for d in platform.decisions.values() for t in d.tags)
    tags.update(t for d in platform.docs.values() for t in d.tags)
    assert near_duplicates(tags) == {}
