"""Golden files: the exact Markdown of representative pages of the hand-built platform.

A change to a template shows up as a readable diff of these files (pytest-regressions'
``file_regression``). After an intended change, rewrite them with
``.venv/bin/pytest tests/test_render_golden.py --force-regen`` and review the diff before
committing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytest_regressions.file_regression import FileRegressionFixture
from sample_platform import small_git, small_platform

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
    "catalogue/datasets/index.md",
    "catalogue/datasets/pos.orders.md",
    "reports/ownership.md",
    "reports/onboarding.md",
]


def rendered(git: GitFacts) -> dict[str, Page]:
    pages = render_site(small_platform(), git, today=date(2026, 5, 1), site_name="Halden Data")
    return {p.src_uri: p for p in pages}


def compare(golden: FileRegressionFixture, name: str, actual: str) -> None:
    golden.check(actual, fullpath=GOLDEN / name, encoding="utf-8", newline="\n")


@pytest.mark.parametrize("src_uri", PAGES)
def test_page_matches_golden(file_regression: FileRegressionFixture, src_uri: str) -> None:
    compare(file_regression, src_uri, rendered(small_git())[src_uri].markdown)


def test_onboarding_without_history_matches_golden(
    file_regression: FileRegressionFixture,
) -> None:
    compare(
        file_regression,
        "no-history/reports/onboarding.md",
        rendered(GitFacts.empty())["reports/onboarding.md"].markdown,
    )
