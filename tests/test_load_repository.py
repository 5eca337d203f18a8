"""Walking a repository: which files are read, in which order, with which paths."""

from __future__ import annotations

from pathlib import Path

from paved.generator.core.load.repository import is_adr_record, load_repository

FIXTURES = Path(__file__).parent / "fixtures"

WID = "---\nid: {id}\ntitle: T\n---\n# T\n"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_empty_repository_is_fine(tmp_path: Path) -> None:
    loaded, found = load_repository(tmp_path)
    assert found == []
    assert (loaded.wids, loaded.adrs, loaded.docs, loaded.sheets) == ((), (), (), {})


def test_files_are_read_sorted_with_posix_paths(tmp_path: Path) -> None:
    write(tmp_path, "wids/WID-0002-b.md", WID.format(id="WID-0002"))
    write(tmp_path, "wids/WID-0001-a.md", WID.format(id="WID-0001"))
    write(tmp_path, "wids/README.md", "# About WIDs\n")
    write(tmp_path, "adrs/README.md", "# Decisions\n")
    write(tmp_path, "adrs/template.md", "# Title\n")
    write(tmp_path, "adrs/0001-x.md", "# 1. X\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n")
    write(tmp_path, "docs/index.md", "# Home\n")
    write(tmp_path, "docs/access/request.md", "---\nowner: anna\n---\n# Request\n")
    write(tmp_path, "docs/notes.txt", "not markdown")
    loaded, found = load_repository(tmp_path)
    assert found == []
    assert [d.path for d in loaded.wids] == ["wids/WID-0001-a.md", "wids/WID-0002-b.md"]
    assert [d.path for d in loaded.adrs] == ["adrs/0001-x.md"]
    assert [d.path for d in loaded.docs] == ["docs/access/request.md", "docs/index.md"]
    assert loaded.docs[0].front_matter == {"owner": "anna"}
    assert loaded.root == str(tmp_path)


def test_bad_files_are_left_out_and_reported(tmp_path: Path) -> None:
    write(tmp_path, "wids/WID-0001-a.md", WID.format(id="WID-0001"))
    write(tmp_path, "wids/WID-0002-b.md", "# no front matter\n")
    loaded, found = load_repository(tmp_path)
    assert [d.path for d in loaded.wids] == ["wids/WID-0001-a.md"]
    assert [(d.code, str(d.location)) for d in found] == [("YAML001", "wids/WID-0002-b.md:1:1")]


def test_catalogue_from_csv_files() -> None:
    loaded, found = load_repository(FIXTURES / "good" / "csv-catalogue")
    assert found == []
    assert sorted(loaded.sheets) == [
        "columns",
        "custodians",
        "datasets",
        "domains",
        "lineage",
        "systems",
    ]
    assert loaded.sheets["custodians"].rows[0].values["expertise"] == ["store KPIs", "POS data"]


def test_partial_csv_catalogue_names_the_missing_sheets(tmp_path: Path) -> None:
    write(tmp_path, "custodians/domains.csv", "id,name,lead\nsales,Sales,anna\n")
    write(tmp_path, "custodians/Systems.csv", "id\n")  # not a catalogue name: ignored
    _, found = load_repository(tmp_path)
    assert [str(d.location) for d in found] == [
        "custodians/custodians.csv[custodians]",
        "custodians/systems.csv[systems]",
        "custodians/datasets.csv[datasets]",
        "custodians/columns.csv[columns]",
        "custodians/lineage.csv[lineage]",
    ]
    assert {d.code for d in found} == {"SHEET004"}
    assert "sheets found: 'Systems', 'domains'" in found[0].message
    assert "rename 'Systems' to 'systems'" in found[1].message


def test_other_spreadsheet_formats_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "custodians/catalogue.ods", "not read")
    write(tmp_path, "custodians/notes.txt", "ignored")
    loaded, found = load_repository(tmp_path)
    assert loaded.sheets == {}
    assert [(d.code, str(d.location)) for d in found] == [("SHEET001", "custodians/catalogue.ods")]


ADR = "# {n}. Use x\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n"


def test_adrs_in_subfolders_and_other_suffixes_never_through_a_link(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    outside = tmp_path / "outside"
    write(outside, "0009-secret.md", ADR.format(n=9))
    write(root, "adrs/accepted/0001-a.md", ADR.format(n=1))
    write(root, "adrs/proposed/2023/0002-b.markdown", ADR.format(n=2))
    write(root, "adrs/team/0003-c.mdx", ADR.format(n=3))
    write(root, "adrs/team/README.mdx", "# About\n")
    write(root, "adrs/team/index.markdown", "# Index\n")
    write(root, "adrs/.drafts/0004-d.md", ADR.format(n=4))
    write(root, "adrs/team/notes.txt", "not a record\n")
    (root / "adrs" / "linked").symlink_to(outside, target_is_directory=True)
    (root / "adrs" / "team" / "0005-e.md").symlink_to(outside / "0009-secret.md")
    loaded, found = load_repository(root)
    assert [doc.path for doc in loaded.adrs] == [
        "adrs/accepted/0001-a.md",
        "adrs/proposed/2023/0002-b.markdown",
        "adrs/team/0003-c.mdx",
    ]
    assert [doc.front_matter["id"] for doc in loaded.adrs] == ["ADR-0001", "ADR-0002", "ADR-0003"]
    links = sorted((d.location.path, d.is_error) for d in found if d.code == "FILE008")
    assert links == [("adrs/linked", True), ("adrs/team/0005-e.md", True)]


def test_records_of_one_number_and_name_in_two_folders_keep_apart(tmp_path: Path) -> None:
    write(tmp_path, "adrs/team-a/0001-record-architecture-decisions.md", ADR.format(n=1))
    write(tmp_path, "adrs/team-b/0001-record-architecture-decisions.md", ADR.format(n=1))
    write(tmp_path, "adrs/team-b/0001-use-x.md", ADR.format(n=1))
    write(tmp_path, "adrs/team-c/0001-record-architecture-decisions.md", ADR.format(n=1))
    loaded, _ = load_repository(tmp_path)
    assert {doc.path: doc.front_matter["id"] for doc in loaded.adrs} == {
        "adrs/team-a/0001-record-architecture-decisions.md": "ADR-0001",
        "adrs/team-b/0001-record-architecture-decisions.md": "0001-record-architecture-decisions",
        "adrs/team-b/0001-use-x.md": "0001-use-x",
        "adrs/team-c/0001-record-architecture-decisions.md": (
            "team-c-0001-record-architecture-decisions"
        ),
    }


def test_records_of_one_name_in_two_formats_keep_apart(tmp_path: Path) -> None:
    # Two logs dropped into one adrs/: 0001-x.md twice over and an MDX record of that name.
    write(tmp_path, "adrs/0001-choose.md", ADR.format(n=1))
    write(tmp_path, "adrs/0001-record-architecture-decisions.md", ADR.format(n=1))
    write(tmp_path, "adrs/0001-record-architecture-decisions.mdx", ADR.format(n=1))
    loaded, found = load_repository(tmp_path)
    assert {doc.path: doc.front_matter["id"] for doc in loaded.adrs} == {
        "adrs/0001-choose.md": "ADR-0001",
        "adrs/0001-record-architecture-decisions.md": "0001-record-architecture-decisions",
        "adrs/0001-record-architecture-decisions.mdx": "0001-record-architecture-decisions-mdx",
    }
    assert not [d for d in found if d.is_error]


def test_a_logs_landing_page_named_after_it_is_not_a_record(tmp_path: Path) -> None:
    assert not is_adr_record(tmp_path / "adrs" / "adr.md")
    assert not is_adr_record(tmp_path / "adrs" / "english" / "english.md")
    assert not is_adr_record(tmp_path / "adrs" / "decisions.md")
    assert is_adr_record(tmp_path / "adrs" / "english" / "adr-001.md")
    assert is_adr_record(tmp_path / "adrs" / "0001-use-adrs.md")


def test_a_record_in_a_markup_paved_does_not_read_is_reported_not_dropped(
    tmp_path: Path,
) -> None:
    (tmp_path / "adrs").mkdir()
    (tmp_path / "adrs" / "0001-use-asciidoc.adoc").write_text("= 1. Use AsciiDoc\n", "utf-8")
    (tmp_path / "adrs" / "0002-use-rst.rst").write_text("Use RST\n=======\n", "utf-8")
    (tmp_path / "adrs" / "README.adoc").write_text("= Decisions\n", "utf-8")
    (tmp_path / "adrs" / "0003-md.md").write_text("# 3. Md\n\n## Status\n\nAccepted\n", "utf-8")
    loaded, found = load_repository(tmp_path)
    assert [d.path for d in loaded.adrs] == ["adrs/0003-md.md"]
    reported = sorted((str(d.location), d.code, d.severity.value) for d in found)
    assert reported == [
        ("adrs/0001-use-asciidoc.adoc:1:1", "ADR217", "warning"),
        ("adrs/0002-use-rst.rst:1:1", "ADR217", "warning"),
    ]
    assert "AsciiDoc record: not read" in next(
        d.message for d in found if "adoc" in str(d.location)
    )


def _folder_log(root: Path) -> None:
    """A folder-per-decision log: each decision is its folder's index.md (README.md too)."""
    nygard = "# {title}\n\nDate: 2020-01-0{n}\n\n## Status\n\n{status}\n"
    records = {
        "0001-use-adrs": ("Use ADRs", "Accepted"),
        "0002-use-postgres": ("Use Postgres", "Superseded by [MySQL](../0003-use-mysql/index.md)"),
        "0003-use-mysql": ("Use MySQL", "Accepted"),
    }
    for n, (folder, (title, status)) in enumerate(records.items(), start=1):
        text = nygard.format(title=title, n=n, status=status)
        write(root, f"adrs/{folder}/index.md", text)
    write(root, "adrs/0001-use-adrs/README.md", nygard.format(title="Use ADRs", n=1, status="x"))
    write(root, "adrs/README.md", "# Decisions\n")
    write(root, "adrs/team/0004-own.md", nygard.format(title="Own", n=4, status="Accepted"))
    write(root, "adrs/team/README.md", "# The team's decisions\n")


def test_a_decision_kept_as_its_folders_index_page_is_a_record(tmp_path: Path) -> None:
    from paved.generator.core.api import check

    _folder_log(tmp_path)
    loaded, _ = load_repository(tmp_path)
    assert sorted(d.path for d in loaded.adrs) == [
        "adrs/0001-use-adrs/index.md",  # index.md before README.md
        "adrs/0002-use-postgres/index.md",
        "adrs/0003-use-mysql/index.md",
        "adrs/team/0004-own.md",  # a folder with records keeps its README as an intro
    ]
    result = check(tmp_path)
    decisions = result.platform.decisions
    assert sorted(decisions) == ["ADR-0001", "ADR-0002", "ADR-0003", "ADR-0004"]
    assert decisions["ADR-0002"].superseded_by == "ADR-0003"
    assert decisions["ADR-0003"].supersedes == ("ADR-0002",)
    assert not [d for d in result.diagnostics if d.is_error]
