"""Scaffold helpers: ids, slugs, rendering and template-text detection."""

from __future__ import annotations

from pathlib import Path

from paved.generator.core import scaffold


def test_next_ids_scan_the_folders(tmp_path: Path) -> None:
    assert scaffold.next_wid_id(tmp_path / "wids") == "WID-0001"
    (tmp_path / "wids").mkdir()
    (tmp_path / "wids" / "WID-0009-x.md").write_text("")
    (tmp_path / "wids" / "README.md").write_text("")
    assert scaffold.next_wid_id(tmp_path / "wids") == "WID-0010"
    (tmp_path / "adrs").mkdir()
    (tmp_path / "adrs" / "0041-y.md").write_text("")
    assert scaffold.next_adr_number(tmp_path / "adrs") == 42


def test_slugify() -> None:
    assert scaffold.slugify("Store footfall (daily)") == "store-footfall-daily"
    assert scaffold.slugify("Kundeløsning für Händler") == "kundelsning-fur-handler"
    assert scaffold.slugify("!!!") == "untitled"


def test_titles_with_yaml_syntax_are_quoted() -> None:
    text = scaffold.render(
        "wid",
        {
            "id": "WID-0001",
            "title": 'Orders: "all" # of them',
            "status": "draft",
            "domain": "sales",
            "owner_name": "A B",
            "owner_email": "a@b.example",
            "tech_name": "A B",
            "tech_email": "a@b.example",
            "custodian": "a-b",
            "value_proposition": "Template: x",
            "today": "2026-01-01",
        },
    )
    assert 'title: "Orders: \\"all\\" # of them"\n' in text


def test_template_text_detection_ignores_spacing_and_case() -> None:
    placeholder = next(iter(sorted(scaffold.placeholders("wid"))))
    assert scaffold.holds_template_text("wid", "  " + placeholder.upper() + "  \n")
    assert not scaffold.holds_template_text("wid", "Our own words.")


def test_every_required_wid_section_has_a_placeholder() -> None:
    assert scaffold.section_titles("wid") == [
        "Value proposition",
        "Architecture",
        "Integration points",
        "How the data is surfaced",
    ]
    assert len(scaffold.placeholders("wid")) == 4


def test_next_adr_number_counts_a_log_filed_in_subfolders(tmp_path: Path) -> None:
    adrs = tmp_path / "adrs"
    for rel in ("accepted/0003-a.md", "superseded/0007-b.markdown", ".drafts/0099-c.md"):
        (adrs / rel).parent.mkdir(parents=True, exist_ok=True)
        (adrs / rel).write_text("# x\n", encoding="utf-8")
    assert scaffold.next_adr_number(adrs) == 8
