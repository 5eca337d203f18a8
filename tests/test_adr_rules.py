"""The decision log's rules and settings (issue 10): status words and the team's
mapping in mkdocs.yml, strict-from, dates, misspelt keys, references in any form."""

from __future__ import annotations

import shutil
from pathlib import Path

from paved.generator.core.api import check
from paved.generator.core.diagnostics import Diagnostic, Severity
from paved.generator.core.load.adr_ids import AdrIndex
from paved.generator.core.load.adr_status import canonical, written_phrase
from paved.generator.core.model import DecisionStatus

NYGARD = "# {n}. Decision {n}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n"
MADR4 = "---\nstatus: {status}\ndate: {date}\n---\n\n# Decision {n}\n\n## Context\n\nWhy.\n"


def repo(tmp_path: Path, records: dict[str, str], mkdocs: str = "") -> Path:
    root = tmp_path / "repo"
    (root / "adrs").mkdir(parents=True)
    for name, text in records.items():
        (root / "adrs" / name).write_text(text, encoding="utf-8")
    if mkdocs:
        (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    return root


def codes(found: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in found if d.code == code]


def test_synonyms_and_the_written_word() -> None:
    assert canonical("Approved", {}) == "accepted"
    assert canonical("In Review", {}) == "proposed"
    assert canonical("under review", {}) == "proposed"
    assert canonical("Superceded", {}) == "superseded"
    assert canonical("Partly superseded", {}) == "accepted"
    assert canonical("Ratified", {}) is None
    assert canonical("Ratified", {"ratified": "accepted"}) == "accepted"
    assert canonical("Pending", {"pending": "rejected"}) == "rejected"  # the team's word wins
    assert written_phrase("🤔 Proposed") == "Proposed"


def test_an_unknown_word_warns_naming_the_word_and_the_configuration_line(tmp_path: Path) -> None:
    mkdocs = (
        "site_name: X\nplugins:\n  - search\n  - paved:\n"
        "      adr_statuses:\n        parked: proposed\n"
    )
    root = repo(
        tmp_path,
        {"0001-a.md": NYGARD.format(n=1, date="2020-01-02", status="Ratified")},
        mkdocs,
    )
    result = check(root)
    (found,) = codes(result.diagnostics, "ADR214")
    assert found.severity is Severity.WARNING
    assert str(found.location) == "adrs/0001-a.md:7:1"
    assert "'Ratified'" in found.message
    assert "mkdocs.yml under `adr_statuses:` (line 5)" in found.hint
    assert "`ratified: proposed`" in found.hint
    decision = result.platform.decisions["ADR-0001"]
    assert (decision.status, decision.status_label) == (DecisionStatus.OTHER, "Ratified")
    (root / "mkdocs.yml").write_text(mkdocs + "        ratified: accepted\n", encoding="utf-8")
    result = check(root)
    assert not codes(result.diagnostics, "ADR214")
    assert result.platform.decisions["ADR-0001"].status is DecisionStatus.ACCEPTED


def test_without_a_mapping_the_hint_says_where_to_add_one(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {"0001-a.md": NYGARD.format(n=1, date="2020-01-02", status="Ratified")},
        "site_name: X\nplugins:\n  - paved\n",
    )
    (found,) = codes(check(root).diagnostics, "ADR214")
    assert "under `plugins: - paved:` (line 3)" in found.hint


def test_a_status_written_as_a_sentence_is_read_as_what_it_says(tmp_path: Path) -> None:
    said = "The two points above have been implemented."
    denied = "This was never accepted by the board"
    root = repo(
        tmp_path,
        {
            "0001-a.md": NYGARD.format(n=1, date="2020-01-02", status=said),
            "0002-b.md": NYGARD.format(n=2, date="2020-01-03", status=denied),
        },
        "site_name: X\nplugins:\n  - paved\n",
    )
    result = check(root)
    read = result.platform.decisions["ADR-0001"]
    assert (read.status, read.status_label) == (
        DecisionStatus.ACCEPTED,
        "The two points above have been implemented",
    )
    unread = result.platform.decisions["ADR-0002"]
    assert unread.status is DecisionStatus.OTHER  # a negated status is no status
    warned = {str(d.location.path): d for d in codes(result.diagnostics, "ADR214")}
    assert "read as accepted" in warned["adrs/0001-a.md"].message
    assert "under `plugins: - paved:` (line 3)" in warned["adrs/0001-a.md"].hint
    assert "not a status Paved knows" in warned["adrs/0002-b.md"].message


def test_dates_whose_day_and_month_cannot_be_told_apart_follow_adr_date_order(
    tmp_path: Path,
) -> None:
    records = {
        "0001-a.md": NYGARD.format(n=1, date="05/02/2018", status="Accepted"),
        "0002-b.md": NYGARD.format(n=2, date="10/04/18", status="Accepted"),
        "0003-c.md": NYGARD.format(n=3, date="22/10/2024", status="Accepted"),  # unambiguous
    }
    root = repo(tmp_path, records, "site_name: X\nplugins:\n  - paved\n")
    result = check(root)
    assert result.platform.decisions["ADR-0001"].date == "05/02/2018"  # shown as written
    warned = {str(d.location.path): d for d in codes(result.diagnostics, "ADR215")}
    assert set(warned) == {"adrs/0001-a.md", "adrs/0002-b.md"}
    assert "`adr_date_order: day-first`" in warned["adrs/0001-a.md"].hint
    assert "(line 3)" in warned["adrs/0001-a.md"].hint
    for order, first, second in (
        ("day-first", "2018-02-05", "2018-04-10"),
        ("month-first", "2018-05-02", "2018-10-04"),
    ):
        mkdocs = f"site_name: X\nplugins:\n  - paved:\n      adr_date_order: {order}\n"
        (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
        result = check(root)
        decisions = result.platform.decisions
        assert (decisions["ADR-0001"].date, decisions["ADR-0002"].date) == (first, second)
        assert decisions["ADR-0003"].date == "2024-10-22"
        assert not codes(result.diagnostics, "ADR215")
    (root / "mkdocs.yml").write_text(
        "site_name: X\nplugins:\n  - paved:\n      adr_date_order: sideways\n", encoding="utf-8"
    )
    (found,) = codes(check(root).diagnostics, "ADR218")
    assert str(found.location) == "mkdocs.yml:4:23"


def test_a_front_matter_title_every_record_shares_gives_way_to_the_heading(
    tmp_path: Path,
) -> None:
    labelled = "---\ntitle: Décision (MADR)\ndate: {date}\nstatus: accepté\n---\n\n# {h1}\n"
    root = repo(
        tmp_path,
        {
            "2021-09-15-Infrastructure.md": labelled.format(date="2021-09-15", h1="Hébergement"),
            "2021-09-21-Outils_IAC.md": labelled.format(date="2021-09-21", h1="Outil IaC"),
            "2022-01-01-Own.md": "---\ntitle: Own title\nstatus: accepted\n---\n\n# Heading\n",
        },
    )
    titles = {d.path: d.title for d in check(root).platform.decisions.values()}
    assert titles == {
        "adrs/2021-09-15-Infrastructure.md": "Hébergement",
        "adrs/2021-09-21-Outils_IAC.md": "Outil IaC",
        "adrs/2022-01-01-Own.md": "Own title",  # its own: the front matter's wins
    }


def test_a_wrong_mapping_is_located_in_mkdocs_yml(tmp_path: Path) -> None:
    mkdocs = "site_name: X\nplugins:\n  - paved:\n      adr_statuses:\n        parked: maybe\n"
    root = repo(tmp_path, {"0001-a.md": NYGARD.format(n=1, date="2020", status="Accepted")}, mkdocs)
    (found,) = codes(check(root).diagnostics, "ADR218")
    assert str(found.location) == "mkdocs.yml:5:17"


def test_no_status_is_not_recorded_never_proposed(tmp_path: Path) -> None:
    root = repo(tmp_path, {"0001-a.md": "---\ndate: 2021-03\n---\n# A\n\n## Context\n\nWhy.\n"})
    result = check(root)
    assert not [d for d in result.diagnostics if d.is_error]
    decision = result.platform.decisions["ADR-0001"]
    assert decision.status is DecisionStatus.NOT_RECORDED
    assert (decision.status_label, decision.date) == ("status not recorded", "2021-03")


def test_one_message_per_date_problem(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            "0001-a.md": MADR4.format(n=1, status="accepted", date="2019"),
            "0002-b.md": MADR4.format(n=2, status="accepted", date="2019-13"),
            "0003-c.md": MADR4.format(n=3, status="accepted", date="03/04/2019"),
        },
    )
    found = check(root).diagnostics
    dates = [(d.code, d.location.path) for d in found if d.location.path.endswith(".md")]
    assert [p for c, p in dates if c in ("ADR201", "ADR215")] == [
        "adrs/0002-b.md",
        "adrs/0003-c.md",
    ]
    assert len(codes(found, "ADR215")) + len(codes(found, "ADR201")) == 2


def test_a_week_or_a_quarter_is_a_date_in_front_matter_and_in_prose(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            "0001-a.md": MADR4.format(n=1, status="accepted", date="2021-W12"),
            "0002-b.md": NYGARD.format(n=2, status="Accepted", date="Q3 2021"),
            "0003-c.md": MADR4.format(n=3, status="accepted", date="2021-W54"),
        },
    )
    result = check(root)
    found = [(d.code, d.location.path) for d in result.diagnostics if d.code.startswith("ADR2")]
    assert [p for c, p in found if c in ("ADR201", "ADR215")] == ["adrs/0003-c.md"]
    dates = {d.id: d.date for d in result.platform.decisions.values()}
    assert (dates["ADR-0001"], dates["ADR-0002"]) == ("2021-W12", "2021-Q3")


def test_strict_from_names_every_missing_field_once(tmp_path: Path) -> None:
    mkdocs = "site_name: X\nplugins:\n  - paved:\n      adr_strict_from: ADR-0002\n"
    root = repo(
        tmp_path,
        {
            "0001-old.md": "# 1. Old\n\nWe did it.\n",
            "0002-new.md": "---\ndecision-makers: [Ann]\n---\n# New\n\n## Context\n\nWhy.\n",
        },
        mkdocs,
    )
    found = check(root).diagnostics
    (strict,) = codes(found, "ADR213")
    assert strict.location.path == "adrs/0002-new.md"
    assert strict.message.endswith("has no status and no date")
    assert strict.message.count("status") == 1
    assert all(
        d.severity is Severity.WARNING for d in found if d.location.path == "adrs/0001-old.md"
    )
    assert any(
        d.code == "ADR211" and d.is_error for d in found if d.location.path == "adrs/0002-new.md"
    )


def test_a_misspelt_madr_key_warns_other_keys_are_ignored(tmp_path: Path) -> None:
    text = (
        "---\nstatus: accepted\ndate: 2020-01-01\ndecison-makers: [Ann]\nnav_order: 2\n---\n# A\n"
    )
    (found,) = codes(check(repo(tmp_path, {"0001-a.md": text})).diagnostics, "ADR216")
    assert str(found.location) == "adrs/0001-a.md:4:1"
    assert "did you mean 'decision-makers'?" in found.hint


def test_references_accept_what_people_type() -> None:
    index = AdrIndex.build(
        [("ADR-0005", "adrs/0005-use-x.md"), ("20201016-use-slug", "adrs/20201016-use-slug.md")]
    )
    for ref in ("ADR-0005", "adr-5", "ADR 5", "0005", "5", "0005-use-x", "0005-use-x.md"):
        assert index.resolve(ref) == "ADR-0005", ref
    assert index.resolve("[Use X](../adrs/0005-use-x.md)") == "ADR-0005"
    assert index.resolve("20201016-use-slug") == "20201016-use-slug"
    assert index.resolve("20201016-use-slug.md") == "20201016-use-slug"
    assert index.resolve("6") is None


def test_two_records_of_one_day_do_not_collide(tmp_path: Path) -> None:
    bullets = "# {t}\n\n- Status: accepted\n- Date: 2020-09-25\n\n## Context\n\nWhy.\n"
    root = repo(
        tmp_path,
        {
            "20200925-use-lerna.md": bullets.format(t="Use Lerna"),
            "20200925-use-prettier.md": bullets.format(t="Use Prettier"),
        },
    )
    result = check(root)
    assert not codes(result.diagnostics, "ADR202")
    assert sorted(result.platform.decisions) == ["20200925-use-lerna", "20200925-use-prettier"]


def test_a_wid_may_cite_an_adr_by_number_or_file_name(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(Path(__file__).parent / "fixtures" / "validation" / "mini", root)
    wid = root / "wids" / "WID-0001-store-sales.md"
    text = wid.read_text(encoding="utf-8")
    wid.write_text(text.replace("[ADR-0002]", "[2]"), encoding="utf-8")
    result = check(root)
    assert not codes(result.diagnostics, "WID109")
    assert result.platform.products["WID-0001"].related_adrs == ("ADR-0002",)
    wid.write_text(text.replace("[ADR-0002]", "[0002-hourly-batch.md]"), encoding="utf-8")
    assert check(root).platform.products["WID-0001"].related_adrs == ("ADR-0002",)
    wid.write_text(text.replace("[ADR-0002]", "[7]"), encoding="utf-8")
    (found,) = codes(check(root).diagnostics, "WID109")
    assert "'7'" in found.message


def test_a_wid_citing_an_adr_that_cannot_be_read_is_told_so(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(Path(__file__).parent / "fixtures" / "validation" / "mini", root)
    adr = root / "adrs" / "0002-hourly-batch.md"
    adr.write_text("---\nstatus: [accepted\n---\n# Hourly\n", encoding="utf-8")
    found = check(root).diagnostics
    (cited,) = codes(found, "WID109")
    assert cited.message == (
        "related ADR 'ADR-0002' is adrs/0002-hourly-batch.md, which could not be read"
    )
    assert any(d.location.path == "adrs/0002-hourly-batch.md" and d.is_error for d in found)


def test_status_words_in_other_languages_keep_their_letters() -> None:
    assert written_phrase("Accepté.") == "Accepté"
    assert written_phrase("Acceptée le 2026-07-16 après la revue") == "Acceptée"
    assert written_phrase("[Approved](https://example.org/pull/918)") == "Approved"
    assert [canonical(w, {}) for w in ("Accepté", "Aceptado", "Abgelehnt", "已接受")] == [
        "accepted",
        "accepted",
        "rejected",
        "accepted",
    ]
    assert canonical("En discussion", {}) == "proposed"


def test_a_wrong_date_typed_in_prose_is_a_warning_shown_as_written(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            "0001-a.md": NYGARD.format(n=1, status="Accepted", date="2023-13-10"),
            "0002-b.md": NYGARD.format(n=2, status="Accepted", date="2025-11- 05"),
            "0003-c.md": MADR4.format(n=3, status="accepted", date="2023-13-10"),
        },
    )
    result = check(root)
    found = [(d.code, d.severity, d.location.path) for d in result.diagnostics]
    assert ("ADR215", Severity.WARNING, "adrs/0001-a.md") in found
    assert ("ADR215", Severity.WARNING, "adrs/0002-b.md") in found
    assert ("ADR215", Severity.ERROR, "adrs/0003-c.md") in found
    assert [p for c, s, p in found if s is Severity.ERROR] == ["adrs/0003-c.md"]
    assert result.platform.decisions["ADR-0001"].date == "2023-13-10"


def test_superseded_followed_by_a_link_names_the_successor_without_by(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            "0004-a.md": NYGARD.format(n=4, date="2020", status="⌛️ Superseded [0019](0019-b.md)"),
            "0019-b.md": NYGARD.format(n=19, date="2022", status="✅ Accepted"),
            "0025-c.md": NYGARD.format(n=25, date="2023", status="⌛ Superseded\n\nMoved away."),
        },
    )
    result = check(root)
    assert not [d for d in result.diagnostics if d.is_error]
    old = result.platform.decisions["ADR-0004"]
    assert (old.status_written, old.superseded_by) == ("Superseded", "ADR-0019")
    assert result.platform.decisions["ADR-0019"].supersedes == ("ADR-0004",)
    assert result.platform.decisions["ADR-0025"].superseded_by is None


def test_files_sharing_a_number_all_reach_the_portal(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        {
            "0010-django-templates.md": NYGARD.format(n=10, date="2022", status="Approved"),
            "0010-user-models.md": NYGARD.format(n=10, date="2022", status="Superseded"),
            "0011-login.md": NYGARD.format(n=11, date="2022", status="Accepted"),
        },
    )
    result = check(root)
    assert not [d for d in result.diagnostics if d.is_error]
    (shared,) = codes(result.diagnostics, "ADR202")
    assert (shared.severity, shared.location.path) == (Severity.WARNING, "adrs/0010-user-models.md")
    decisions = result.platform.decisions
    assert {k: d.status_written for k, d in decisions.items()} == {
        "ADR-0010": "Approved",
        "0010-user-models": "Superseded",
        "ADR-0011": "Accepted",
    }


def test_a_date_written_before_the_status_word() -> None:
    assert written_phrase("2020-02-01: Accepted") == "Accepted"
    assert written_phrase("- 2020-02-01 - Proposed") == "Proposed"


def test_statuses_kept_only_in_the_logs_readme_table(tmp_path: Path) -> None:
    """A log whose records record no status, and whose README lists each with one: the
    README's status (and date, and successor) for each record that has none; a status
    the record writes wins."""
    readme = (
        "# ADRs\n\n| # | Título | Estado | Fecha |\n|---|---|---|---|\n"
        "| [0001](0001-a.md) | A | Aceptado | 2026-01-01 |\n"
        "| [0002](0002-b.md) | B | ✅ Superseded by [0003](0003-c.md) | 2026-02-01 |\n"
        "| 0003 | C | Proposed | |\n"
    )
    root = repo(
        tmp_path,
        {
            "README.md": readme,
            "0001-a.md": "# A\n\n## Context\n\nWhy.\n",
            "0002-b.md": "# B\n\n## Context\n\nWhy.\n",
            "0003-c.md": NYGARD.format(n=3, status="Accepted", date="2026-03-01"),
        },
    )
    result = check(root)
    assert not [d for d in result.diagnostics if d.is_error or d.code == "ADR001"]
    shown = {
        d.id: (d.status_written, d.date, d.superseded_by)
        for d in result.platform.decisions.values()
    }
    assert shown == {
        "ADR-0001": ("Aceptado", "2026-01-01", None),
        "ADR-0002": ("Superseded", "2026-02-01", "ADR-0003"),
        "ADR-0003": ("Accepted", "2026-03-01", None),
    }


def test_tables_of_contents_and_link_lists_are_not_records(tmp_path: Path) -> None:
    """GitBook's SUMMARY.md, docsify's _sidebar.md, toc.md, adr-000-index.md and any page
    that records nothing and is mostly links to the records: none is a decision."""
    links = "# Decisions\n\n* [ADR-0001](0001-a.md)\n* [ADR-0002](0002-b.md)\n"
    pages = ("SUMMARY.md", "_sidebar.md", "toc.md", "adr-000-index.md", "overview.md")
    root = repo(
        tmp_path,
        {
            **dict.fromkeys(pages, links),
            "0001-a.md": NYGARD.format(n=1, status="Accepted", date="2020-01-01"),
            "0002-b.md": NYGARD.format(n=2, status="Accepted", date="2020-01-01"),
            "0003-c.md": "# C\n\nSee [A](0001-a.md) and [B](0002-b.md).\n\n## Context\n\n"
            "Why we chose this, in a few sentences.\n\n## Decision\n\nWe will do C.\n",
        },
    )
    result = check(root)
    assert sorted(d.path for d in result.platform.decisions.values()) == [
        "adrs/0001-a.md",
        "adrs/0002-b.md",
        "adrs/0003-c.md",  # links, but mostly its own text: a record with no status
    ]


def test_a_log_page_of_dated_entries_is_a_located_warning_saying_how_to_split(
    tmp_path: Path,
) -> None:
    dated = (
        "# DECISIONS.md\n\n## Decisiones\n\n### 2026-01-01 — Un contrato\n"
        "**Contexto:** x\n**Decisión:** y\n\n### 2026-02-01 — Otro\n**Contexto:** x\n"
    )
    root = repo(tmp_path, {"DECISIONS.md": dated})
    result = check(root)
    found = [d for d in result.diagnostics if d.code == "ADR220"]
    assert [(d.location.path, d.severity) for d in found] == [
        ("adrs/DECISIONS.md", Severity.WARNING)
    ]
    assert "## ADR-<n>: <title>" in (found[0].hint or "")
    assert not result.platform.decisions
