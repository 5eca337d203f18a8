"""``paved adr supersede`` and ``paved adr import`` (issue 10), on real files."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from example_site import commit_all

from paved.generator.cli import main
from paved.generator.core import scaffold
from paved.generator.core.api import check
from paved.generator.core.load.adr_formats import parse_adr

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "validation" / "mini"
LOGS = FIXTURES / "adr-logs"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["adr", *args])
    return result.exit_code, result.output


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(MINI, target)
    return target


def test_supersede_refuses_a_decision_already_replaced_naming_its_successor(repo: Path) -> None:
    before = (repo / "adrs" / "0001-nightly-batch.md").read_bytes()
    code, out = run(
        "supersede", "ADR-0001", "--title", "Batch again", "--no-input", "--root", str(repo)
    )
    assert code == 1
    assert "ADR-0001 is already superseded by ADR-0002 (adrs/0002-hourly-batch.md)" in out
    assert "--force" in out
    assert (repo / "adrs" / "0001-nightly-batch.md").read_bytes() == before
    assert sorted(p.name for p in (repo / "adrs").iterdir()) == [
        "0001-nightly-batch.md",
        "0002-hourly-batch.md",
    ]


def test_supersede_carries_affects_and_tags_over_and_lists_citing_wids(repo: Path) -> None:
    code, out = run("supersede", "2", "--title", "Stream orders", "--no-input", "--root", str(repo))
    assert code == 0, out
    platform = check(repo).platform
    old, new = platform.decisions["ADR-0002"], platform.decisions["ADR-0003"]
    assert (old.status.value, old.superseded_by) == ("superseded", "ADR-0003")
    assert new.supersedes == ("ADR-0002",)
    assert (new.affected_wids, new.affected_systems, new.tags) == (
        old.affected_wids,
        old.affected_systems,
        old.tags,
    )
    citing = [p.id for p in platform.products.values() if "ADR-0002" in p.related_adrs]
    assert citing
    assert "WIDs that still cite ADR-0002" in out
    for wid in citing:
        assert f"  - {wid} · " in out
    assert not [d for d in check(repo).diagnostics if d.is_error and d.code != "ADR212"]


def test_supersede_force_replaces_the_link_on_both_sides(repo: Path) -> None:
    code, out = run(
        "supersede",
        "ADR-0001",
        "--force",
        "--title",
        "Batch again",
        "--no-input",
        "--root",
        str(repo),
    )
    assert code == 0, out
    assert "Replaced the link ADR-0001 → ADR-0002 (--force)" in out
    decisions = check(repo).platform.decisions
    assert decisions["ADR-0001"].superseded_by == "ADR-0003"
    assert decisions["ADR-0002"].supersedes == ()
    assert decisions["ADR-0003"].supersedes == ("ADR-0001",)
    assert not [d for d in check(repo).diagnostics if d.code in ("ADR206", "ADR207", "ADR208")]


def _decisions(root: Path) -> dict[str, tuple[object, ...]]:
    return {
        d.id: (
            d.title,
            d.status,
            d.status_label,
            d.date,
            d.superseded_by,
            d.supersedes,
            Path(d.path).name,
        )
        for d in check(root).platform.decisions.values()
    }


@pytest.mark.parametrize("log", sorted(p.name for p in LOGS.iterdir() if p.is_dir()))
def test_import_converts_a_log_to_madr4_with_git_mv_and_the_same_decisions(
    log: str, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(LOGS / log / "log", root / "docs" / "decisions")
    commit_all(root, author="Archivist", date="2024-05-01T12:00:00+00:00")
    shutil.copytree(root / "docs" / "decisions", tmp_path / "before" / "adrs")
    before = _decisions(tmp_path / "before")

    code, out = run("import", str(root / "docs" / "decisions"), "--dry-run", "--root", str(root))
    assert code == 0, out
    assert "(dry run: nothing changed)" in out
    assert not (root / "adrs").exists()

    code, out = run("import", str(root / "docs" / "decisions"), "--root", str(root))
    assert code == 0, out
    assert _decisions(root) == before
    assert not [d for d in check(root).diagnostics if d.is_error]
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    renamed = [line for line in status.splitlines() if line.startswith("R")]
    # One rename per file: a log kept in one file holds several records.
    assert len(renamed) >= len({d[-1] for d in before.values()})
    # A log kept in one file is moved and read as written (MADR 4 is a file per decision).
    per_file = Counter(d[-1] for d in before.values())
    recorded = {
        d[-1] for d in before.values() if d[2] != "status not recorded" and per_file[d[-1]] == 1
    }
    for path in (root / "adrs").glob("*.md"):
        if path.name in recorded:
            # Front matter first (Hugo's TOML too); after a licence comment when it has one.
            text = path.read_text(encoding="utf-8")
            assert text.startswith(("---\n", "+++\n", "<!--")), path.name
            doc, _ = parse_adr(text, f"adrs/{path.name}")
            assert doc is not None, path.name
            assert doc.format == "madr4", path.name
    assert f"{len(before)} records" in out


def test_import_prints_what_it_could_not_decide(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "old").mkdir(parents=True)
    (root / "old" / "0001-use-x.md").write_text(
        "# 1. Use X\n\n## Status\n\nRatified\n\n## Context\n\nWhy.\n", encoding="utf-8"
    )
    code, out = run("import", str(root / "old"), "--root", str(root))
    assert code == 0, out
    assert "status 'Ratified' maps to no status: kept as written" in out
    assert "no date recorded: left out" in out
    text = (root / "adrs" / "0001-use-x.md").read_text(encoding="utf-8")
    assert text.startswith("---\nstatus: Ratified\n---\n\n# Use X\n")


@pytest.mark.parametrize(
    ("log", "old", "expected_line"),
    [
        ("adr-example", "3", "Superseded by [4. Use JUnit 6](0004-use-junit-6.md)"),
        (
            "log4brains",
            "20201103-use-lunr-for-search",
            "- Status: superseded by [{day}-use-junit-6]({day}-use-junit-6.md)",
        ),
    ],
)
def test_supersede_marks_an_old_format_record_in_its_own_format(
    log: str, old: str, expected_line: str, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(LOGS / log / "log", root / "adrs")
    code, out = run("supersede", old, "--title", "Use JUnit 6", "--no-input", "--root", str(root))
    assert code == 0, out
    result = check(root)
    replaced = result.platform.decisions["ADR-0003" if old == "3" else old]
    changed = (root / replaced.path).read_text(encoding="utf-8")
    day = scaffold.today().replace("-", "")
    assert expected_line.format(day=day) in changed.splitlines()
    new_id = replaced.superseded_by
    assert new_id is not None
    assert result.platform.decisions[new_id].supersedes[-1] == replaced.id
    assert not [d for d in result.diagnostics if d.is_error and d.code != "ADR212"]


def test_new_adr_in_a_log4brains_log_is_named_as_log4brains_names_it(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(LOGS / "log4brains" / "log", root / "adrs")
    code, out = run("new", "--title", "Use Astro", "--no-input", "--root", str(root))
    assert code == 0, out
    stem = f"{scaffold.today().replace('-', '')}-use-astro"
    assert f"Created adrs/{stem}.md" in out
    assert stem in check(root).platform.decisions


def test_import_takes_a_metadata_table_out_whole(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "old").mkdir(parents=True)
    (root / "old" / "001-drop-kafka.md").write_text(
        "| Status   | Date       | Author(s) |\n|:---|:---|:---|\n| Proposed | 2025-01-07 | Ann |\n"
        "\n## Context\n\nWhy.\n\n| Column | Type |\n|---|---|\n| STATUS | TEXT |\n",
        encoding="utf-8",
    )
    code, out = run("import", str(root / "old"), "--root", str(root))
    assert code == 0, out
    text = (root / "adrs" / "001-drop-kafka.md").read_text(encoding="utf-8")
    assert text.startswith("---\nstatus: Proposed\n")
    assert "| Status" not in text
    assert text.endswith("| Column | Type |\n|---|---|\n| STATUS | TEXT |\n")


def test_import_writes_toml_front_matter_as_madr4_yaml(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(LOGS / "vsecm" / "log", root / "docs" / "decisions")
    commit_all(root, author="Archivist", date="2024-05-01T12:00:00+00:00")
    code, out = run("import", str(root / "docs" / "decisions"), "--root", str(root))
    assert code == 0, out
    assert "TOML front matter (+++) → MADR 4 YAML front matter" in out
    text = (root / "adrs" / "20240510-adr-0004-be-practically-secure.md").read_text("utf-8")
    assert "+++" not in text
    head = yaml.safe_load(text.split("---\n", 2)[1])
    assert head == {
        "status": "accepted",
        "date": "2024-05-11",
        "tags": ["guidelines", "principles"],  # the "- Tags:" bullet under the front matter
        "title": "ADR-0004: Be Practically Secure",
        "weight": 4,
    }
    assert "# >/'  SPDX-License-Identifier: BSD-2-Clause" in text  # the licence header stays
    assert "- Status: accepted" not in text
    assert "- Tags:" not in text
    assert "## Context and Problem Statement" in text


def test_import_keeps_a_log_kept_in_subfolders_in_its_folders(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(LOGS / "odh" / "log", root / "docs" / "decisions")
    commit_all(root, author="Archivist", date="2024-05-01T12:00:00+00:00")
    code, out = run("import", str(root / "docs" / "decisions"), "--root", str(root))
    assert code == 0, out
    assert (root / "adrs" / "automl" / "ODH-ADR-0001-automl.md").is_file()
    assert (root / "adrs" / "operator" / "assets" / "ODH-ADR-Operator-0006").is_dir()
    assert not list((root / "docs" / "decisions").rglob("*.md"))


def test_import_converts_a_log_kept_one_folder_per_decision(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    nygard = "# {title}\n\nDate: 2020-01-0{n}\n\n## Status\n\n{status}\n"
    for n, (folder, title, status) in enumerate(
        (
            ("0001-use-adrs", "Use ADRs", "Accepted"),
            ("0002-use-postgres", "Use Postgres", "Superseded by [3](../0003-use-mysql/index.md)"),
            ("0003-use-mysql", "Use MySQL", "Accepted"),
        ),
        start=1,
    ):
        page = root / "docs" / "decisions" / folder / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(nygard.format(title=title, n=n, status=status), encoding="utf-8")
    commit_all(root, author="Archivist", date="2024-05-01T12:00:00+00:00")
    code, out = run("import", str(root / "docs" / "decisions"), "--root", str(root))
    assert code == 0, out
    assert "3 records, 0 things to decide" in out
    text = (root / "adrs" / "0002-use-postgres" / "index.md").read_text("utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {"status": "Superseded", "date": "2020-01-02", "superseded-by": "ADR-0003"}
    decisions = check(root).platform.decisions
    assert (decisions["ADR-0002"].title, decisions["ADR-0003"].supersedes) == (
        "Use Postgres",
        ("ADR-0002",),
    )
