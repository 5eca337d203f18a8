"""Links Paved builds from configuration and content: whatever the values filled into a
template, the link that reaches the page is still one the template's own check allows
(http(s), mailto or a path of the site), never ``javascript:`` or another host through
``//`` or ``/\\``."""

from __future__ import annotations

from typing import Any

import pytest

from paved.generator.core.model import Classification, Dataset
from paved.generator.core.render.datasets import access_target


def dataset(**overrides: Any) -> Dataset:
    values: dict[str, Any] = {
        "id": "pos.orders",
        "system": "pos",
        "domain": "sales",
        "custodian": "",  # datasets without a custodian are common
        "description": "Orders",
        "classification": Classification.INTERNAL,
        "refresh": None,
        "columns": (),
    }
    values.update(overrides)
    return Dataset(**values)


@pytest.mark.parametrize(
    "template",
    [
        "javascript{custodian}:alert(document.domain)",
        "{custodian}javascript:alert(document.domain)",
        "java{custodian}script:alert(1)",
        "data{custodian}:text/html,<script>alert(1)</script>",
        "{custodian}//evil.example/{dataset}",
        "/{custodian}/evil.example/{dataset}",
        "/\\evil.example/{dataset}",
        "\\\\evil.example/{dataset}",
        " {custodian}javascript:alert(1)",
    ],
)
def test_a_filled_template_never_becomes_a_script_or_foreign_host(template: str) -> None:
    assert access_target(template, dataset()) is None


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "https://svc.example/new?d={dataset}&c={custodian}",
            "https://svc.example/new?d=pos.orders&c=",
        ),
        (
            "mailto:access@example.com?subject={dataset}",
            "mailto:access@example.com?subject=pos.orders",
        ),
        ("/access/{domain}/{dataset}/", "/access/sales/pos.orders/"),
        ("access/?d={dataset}", "access/?d=pos.orders"),
    ],
)
def test_ordinary_templates_still_fill(template: str, expected: str) -> None:
    assert access_target(template, dataset()) == expected
