"""The model builder: typed values from the mini repository, and tolerance of bad input."""

from __future__ import annotations

import dataclasses

from test_validation_fixtures import md, mini, sheet, wid

from paved.generator.core.build_model import build_platform
from paved.generator.core.model import Classification, DecisionStatus, ProductStatus


def test_mini_repository_becomes_a_typed_platform() -> None:
    platform = build_platform(mini())
    product = platform.products["WID-0001"]
    assert product.status is ProductStatus.APPROVED
    assert product.upstream_datasets == ("pos.sales_lines", "pos.stores")
    assert product.ingress[0].system == "pos"
    assert product.business_owner is not None
    assert product.business_owner.slack == "@ingrid.solberg"
    old = platform.decisions["ADR-0001"]
    assert old.status is DecisionStatus.SUPERSEDED
    assert old.superseded_by == "ADR-0002"
    assert old.title == "Load till data in a nightly batch"
    assert platform.successor_of("ADR-0001") is platform.decisions["ADR-0002"]
    orders = platform.datasets["shop.orders"]
    assert orders.classification is Classification.CONFIDENTIAL
    assert [c.name for c in orders.columns] == ["order_id", "customer_email"]
    assert orders.has_personal_data
    assert platform.custodians["ingrid-solberg"].expertise == ("store KPIs", "POS data")
    assert platform.upstream_of("pos.sales_lines")[0].upstream == "pos.stores"
    page = platform.docs["index.md"]
    assert (page.title, page.owner, page.review_by) == ("Welcome", "ingrid-solberg", "2027-01-01")


def test_invalid_values_fall_back_instead_of_raising() -> None:
    loaded = mini()
    bad = wid(
        "---\nid: WID-0002\nstatus: aproved\nsurfaced_as: table\npersonal_data: yes\n"
        "business_owner: nobody\nclassification: 7\n---\n\n# Half written\n",
        "wids/WID-0002-half.md",
    )
    no_id = md("---\ntitle: x\n---\n", "wids/notes.md")
    datasets = sheet(
        "datasets",
        ["id", "system", "classification"],
        ["no-dot", "pos", "internal"],
        ["pos.ok", "pos", "secret"],
        strict=False,
    )
    changed = dataclasses.replace(
        loaded, wids=(*loaded.wids, bad, no_id), sheets={**loaded.sheets, "datasets": datasets}
    )
    platform = build_platform(changed)
    product = platform.products["WID-0002"]
    assert product.status is ProductStatus.DRAFT
    assert product.title == "Half written"
    assert product.surfaced_as == ("table",)
    assert product.business_owner is None
    assert product.classification is Classification.RESTRICTED
    assert list(platform.datasets) == ["pos.ok"]
    assert platform.datasets["pos.ok"].classification is Classification.RESTRICTED


def test_docs_pages_keep_their_front_matter_tags() -> None:
    from pathlib import Path

    from paved.generator.core.api import check

    platform = check(Path(__file__).resolve().parents[1]).platform
    access = platform.docs["access/index.md"]
    assert "personal-data" in access.tags
    assert all(isinstance(tag, str) for page in platform.docs.values() for tag in page.tags)
