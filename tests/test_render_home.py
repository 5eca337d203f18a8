"""The home page as a dashboard (paved.generator.core.render.home, .attention)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from example_site import html_of, pages_of
from sample_platform import HOSTILE, decision, product, small_git, small_platform

from paved.generator.core.gitfacts import FileHistory, GitFacts
from paved.generator.core.model import DecisionStatus, DocPage, Platform
from paved.generator.core.render.attention import SHOWN, attention, recent_changes

TODAY = dt.date(2026, 5, 1)


def busy_platform() -> Platform:
    base = small_platform()
    stale = DocPage("ops/runbook.md", HOSTILE, "maria", "2026-01-31", (), "# R\n")
    fresh = DocPage("ops/fresh.md", "Fresh", None, "2027-01-31", (), "# F\n")
    orphan = product("WID-0009", "Orphan", business_owner=None, custodian=None)
    waiting = decision("ADR-0009", "Adopt a lakehouse", DecisionStatus.PROPOSED, "2026-04-01")
    busy: Platform = dataclasses.replace(
        base,
        docs={**base.docs, stale.path: stale, fresh.path: fresh},
        products={**base.products, orphan.id: orphan},
        decisions={**base.decisions, waiting.id: waiting},
    )
    return busy


def test_attention_lists_stale_reviews_ownerless_products_and_waiting_decisions() -> None:
    found = attention(busy_platform(), TODAY)
    assert [(d.path, due) for d, due in found.stale_docs] == [("ops/runbook.md", "2026-01-31")]
    # WID-0002 has no owner either, but it is a draft: not presented as current.
    assert [(p.id, why) for p, why in found.ownerless] == [
        ("WID-0009", "business owner and custodian")
    ]
    assert [(d.id, days) for d, days in found.proposed] == [("ADR-0009", 30)]
    assert found.datasets_without_custodian == 1  # pos.stores
    assert found.total == 4


def test_home_shows_attention_with_links_and_escapes_titles_once() -> None:
    page = pages_of(busy_platform())["index.md"].markdown
    section = page.split("## Needs attention", 1)[1].split("## Recently changed", 1)[0]
    assert "4 items to follow up" in section
    assert '<a href="ops/runbook/">' in section
    assert "review was due 2026-01-31" in section
    assert '(<a href="catalogue/custodians/maria/">Maria Solberg</a>)' in section
    assert '<a href="products/wid-0009/">WID-0009 · Orphan</a>: no business owner' in section
    assert "ADR-0009 · Adopt a lakehouse</a>: proposed" in section
    assert "1 dataset without a custodian" in section
    html = html_of(page)
    assert "<script" not in html
    assert "&amp;lt;" not in html  # escaped once
    assert "&lt;script&gt;" in html


def test_recent_changes_come_from_git_newest_first_with_their_page() -> None:
    base = small_platform()
    git = GitFacts(
        files={
            **small_git().files,
            "custodians/catalogue.xlsx": FileHistory(
                "2025-01-01T00:00:00+00:00", "2026-04-20T08:00:00+00:00", ("Maria Solberg",)
            ),
            "somewhere/else.txt": FileHistory(None, "2026-04-30T00:00:00+00:00", ()),
        },
        status_history={},
    )
    platform = dataclasses.replace(base, sheet_paths={"datasets": "custodians/catalogue.xlsx"})
    changes = recent_changes(platform, git)
    assert [(c.day, c.page, c.title) for c in changes] == [
        ("2026-04-20", "catalogue/index.md", "Custodian catalogue"),
        ("2026-04-01", "products/wid-0001.md", "WID-0001 · Store sales daily"),
    ]
    page = pages_of(platform, git)["index.md"].markdown
    section = page.split("## Recently changed", 1)[1]
    assert '<td><a href="catalogue/">Custodian catalogue</a></td><td>Maria Solberg</td>' in section
    # Without history the dashboard says so instead of showing an empty table.
    empty = pages_of(git=GitFacts.empty())["index.md"].markdown
    assert "No git history was available" in empty


def test_cards_for_each_kind_of_reader_in_material_grid_markup() -> None:
    page = pages_of()["index.md"].markdown
    assert page.count('<div class="grid cards">') == 1
    assert '<div class="grid cards paved-stats">' in page
    for title in ("New here?", "Onboarding a data product", "Looking for data", "Architect"):
        assert f"<li><p><strong>{title}</strong></p>" in page
    assert '<a href="catalogue/datasets/">Dataset index</a>' in page


def test_a_long_list_is_capped_and_counted() -> None:
    base = small_platform()
    many = {
        f"ADR-01{i:02d}": decision(f"ADR-01{i:02d}", f"D{i}", DecisionStatus.PROPOSED, "2026-01-01")
        for i in range(SHOWN + 3)
    }
    platform = dataclasses.replace(base, decisions={**base.decisions, **many})
    section = pages_of(platform)["index.md"].markdown.split("## Needs attention", 1)[1]
    assert section.count("proposed 120 days ago") == SHOWN
    assert '<li>and 3 more: <a href="decisions/">decision log</a></li>' in section
