"""Golden files: the exact Markdown of representative pages of the hand-built platform.

A change to a template shows up as a readable diff of these files. After an intended
change, rewrite them with ``PAVED_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_golden.py``
and review the diff before committing.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from test_render_sample import small_git, small_platform

from paved.generator.core.gitfacts import GitFacts
from paved.generator.core.render.site import render_site
from paved.generator.core.render.types import Page

GOLDEN = Path(__file__).parent / "golden" / "render"
PAGES = [
    "index.md",
    "products/wid-0001.md",
    "products/wid-0002.md",
    "decisions/index.md",
    "decisions/adr-0001.md",
    "catalogue/systems/pos.md",
    "reports/ownership.md",
    "reports/onboarding.md",
]


def rendered(git: GitFacts) -> dict[str, Page]:
    pages = render_site(small_platform(), git, today=date(2026, 5, 1), site_name="Halden Data")
    return {p.src_uri: p for p in pages}


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PAVED_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with PAVED_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if intended, rerun with PAVED_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("src_uri", PAGES)
def test_page_matches_golden(src_uri: str) -> None:
    compare(src_uri, rendered(small_git())[src_uri].markdown)


def test_onboarding_without_history_matches_golden() -> None:
    compare(
        "no-history/reports/onboarding.md",
        rendered(GitFacts.empty())["reports/onboarding.md"].markdown,
    )
