"""ADR formats: MADR 4, MADR 2, log4brains and adr-tools/Nygard into the same fields."""

from __future__ import annotations

from paved.generator.core.decision_log import title_from_file
from paved.generator.core.load.adr_formats import adr_reference, parse_adr, prose_date
from paved.generator.core.load.adr_ids import id_from_file, is_template, number_of
from paved.generator.core.load.adr_sections import entry_headings, split_log
from paved.generator.core.load.adr_status import canonical, written_phrase

MADR2 = """\
# Use Kafka for store events

* Status: superseded by [ADR-0007](0007-use-pulsar.md)
* Deciders: Anna Berg, Tom Lund
* Date: 2021-03-04
* Supersedes: ADR-0003, [ADR-0004](0004-old.md)
* Tags: streaming, events

Technical Story: the tills publish receipts.

## Context and Problem Statement

How do receipts reach the platform?
"""

NYGARD = """\
# 3. Use PostgreSQL for the feedback store

Date: 2020-01-01

## Status

Accepted

Supersedes [1. Use SQLite](0001-use-sqlite.md)

Amended by [5. Add pooling](0005-add-pooling.md)

## Context

We need a shared store.
"""

LOG4BRAINS = """\
# Use log4brains

- Status: draft
- Deciders: Eirik Sand
- Date: 2022-01-02 <!-- optional -->
- Tags: [docs, tooling]

## Context and Problem Statement
"""


def test_madr2_bullets_become_schema_fields_with_positions() -> None:
    doc, found = parse_adr(MADR2, "adrs/0005-use-kafka.md")
    assert found == []
    assert doc is not None
    assert doc.format == "madr2"
    assert doc.title == "Use Kafka for store events"
    assert doc.front_matter == {
        "id": "ADR-0005",
        "status": "superseded",
        "superseded-by": "ADR-0007",
        "decision-makers": ["Anna Berg", "Tom Lund"],
        "date": "2021-03-04",
        "supersedes": ["ADR-0003", "ADR-0004"],
        "tags": ["streaming", "events"],
    }
    assert doc.positions[("id",)] == (1, 1)
    assert doc.positions[("status",)] == (3, 11)
    assert doc.positions[("date",)] == (5, 9)
    assert doc.positions[("decision-makers", 1)] == (4, 24)
    assert doc.positions[("supersedes", 1)] == (6, 25)
    assert doc.locate(("date",)).line == 5


def test_nygard_status_section_and_date_line() -> None:
    doc, found = parse_adr(NYGARD, "adrs/0003-use-postgresql.md")
    assert found == []
    assert doc is not None
    assert doc.format == "nygard"
    assert doc.title == "Use PostgreSQL for the feedback store"
    assert doc.front_matter == {
        "id": "ADR-0003",
        "date": "2020-01-01",
        "supersedes": ["ADR-0001"],
        "status": "Accepted",
    }
    assert doc.positions[("date",)] == (3, 7)
    assert doc.positions[("status",)] == (7, 1)
    assert doc.positions[("supersedes", 0)] == (9, 12)


def test_nygard_superseded_wins_over_the_old_status() -> None:
    text = NYGARD.replace("Amended by", "Superseded by [9. Use X](0009-use-x.md)\n\nAmended by")
    doc, _ = parse_adr(text, "adrs/0003-use-postgresql.md")
    assert doc is not None
    assert doc.front_matter["status"] == "Superseded"
    assert doc.front_matter["superseded-by"] == "ADR-0009"
    assert doc.positions[("superseded-by",)] == (11, 15)


def test_log4brains_dash_bullets_are_madr2() -> None:
    doc, found = parse_adr(LOG4BRAINS, "adrs/0010-use-log4brains.md")
    assert found == []
    assert doc is not None
    assert doc.format == "madr2"
    assert doc.front_matter["status"] == "draft"
    assert doc.front_matter["date"] == "2022-01-02"
    assert doc.front_matter["tags"] == ["docs", "tooling"]


def test_madr4_front_matter_is_native_and_gets_the_file_number() -> None:
    doc, found = parse_adr("---\nstatus: accepted\ndate: 2024-01-02\n---\n# T\n", "adrs/0012-t.md")
    assert found == []
    assert doc is not None
    assert doc.format == "madr4"
    assert doc.front_matter["id"] == "ADR-0012"
    given, _ = parse_adr("---\nid: ADR-0099\nstatus: accepted\n---\n# T\n", "adrs/0012-t.md")
    assert given is not None
    assert given.front_matter["id"] == "ADR-0099"
    assert given.positions[("id",)] == (2, 5)


def test_unknown_status_word_is_kept_as_written() -> None:
    doc, _ = parse_adr(
        MADR2.replace("superseded by [ADR-0007](0007-use-pulsar.md)", "Maybe"), "adrs/0005-x.md"
    )
    assert doc is not None
    assert doc.front_matter["status"] == "Maybe"


def test_adr_without_metadata_is_kept_with_a_located_warning() -> None:
    doc, found = parse_adr("# Use a lakehouse\n\nWe use one.\n", "adrs/0001-x.md")
    assert doc is not None
    assert doc.front_matter == {"id": "ADR-0001"}
    assert [(d.code, d.severity.value, str(d.location)) for d in found] == [
        ("ADR001", "warning", "adrs/0001-x.md:1:1")
    ]


def test_adr_references() -> None:
    assert adr_reference("ADR-7") == "ADR-0007"
    assert adr_reference("[ADR-0012](0012-x.md)") == "ADR-0012"
    assert adr_reference("[3. Use X](0003-use-x.md)") == "ADR-0003"
    assert adr_reference("[Use X](../adrs/0004-use-x.md)") == "ADR-0004"
    assert adr_reference("the old one") == "the old one"


# ---------------------------------------------------------------- issue 10: logs as written

ADR_TOOLS_SUPERCEDED = """\
# 2. Use JUnit 4.12 for testing

Date: 2018-09-27

## Status

Superceded by [3. Use JUnit 5 for testing](0003-use-junit-5-for-testing.md)

## Context
"""


def test_adr_tools_own_spelling_superceded_and_supercedes() -> None:
    doc, found = parse_adr(ADR_TOOLS_SUPERCEDED, "adrs/0002-use-junit-4-12-for-testing.md")
    assert (doc is not None, found) == (True, [])
    assert doc.front_matter == {
        "id": "ADR-0002",
        "date": "2018-09-27",
        "superseded-by": "ADR-0003",
        "status": "Superceded",
    }
    new = "# 3. Use JUnit 5\n\n## Status\n\nAccepted\n\nSupercedes [2. Use JUnit 4](0002-x.md)\n"
    doc, _ = parse_adr(new, "adrs/0003-use-junit-5.md")
    assert doc is not None
    assert doc.front_matter["supersedes"] == ["ADR-0002"]
    assert doc.front_matter["status"] == "Accepted"


def test_status_words_keep_their_spelling_without_decoration() -> None:
    for written, expected in (
        ("✅ Accepted", "Accepted"),
        ("❌ Rejected (see [019](019-Shared-Ingress-Controllers.md))", "Rejected"),
        ("Accepted on 2026-09-08 for the first release", "Accepted"),
        ("Partly superseded", "Partly superseded"),
        ("Under Review", "Under Review"),
    ):
        doc, _ = parse_adr(f"# 1. X\n\n## Status\n\n{written}\n", "adrs/0001-x.md")
        assert doc is not None
        assert doc.front_matter["status"] == expected, written


def test_log4brains_names_are_slug_ids_and_links_are_read() -> None:
    text = (
        "# Use the slug\n\n- Status: accepted\n- Date: 2020-10-16\n\n## Decision\n\nSlugs.\n\n"
        "## Links\n\n- Supersedes [20200926-use-numbers](20200926-use-numbers.md)\n"
    )
    doc, found = parse_adr(text, "adrs/20201016-use-the-slug.md")
    assert (doc is not None, found) == (True, [])
    assert doc.format == "log4brains"
    assert doc.front_matter["id"] == "20201016-use-the-slug"
    assert doc.front_matter["supersedes"] == ["20200926-use-numbers"]
    link = "[20201016-use-the-slug](20201016-use-the-slug.md)"
    old = f"# Use numbers\n\n- Status: superseded by {link}\n"
    doc, _ = parse_adr(old, "adrs/20200926-use-numbers.md")
    assert doc is not None
    assert doc.front_matter["status"] == "superseded"
    assert doc.front_matter["superseded-by"] == "20201016-use-the-slug"


def test_madr_front_matter_as_the_specification_allows() -> None:
    text = (
        "---\nparent: Decisions\nnav_order: 3\nstatus: superseded by ADR-0002\n"
        "deciders: Ann, Bo\nconsulted: Cy\n---\n# Use X\n"
    )
    doc, found = parse_adr(text, "adrs/0001-use-x.md")
    assert (doc is not None, found) == (True, [])
    assert doc.format == "madr4"
    fm = doc.front_matter
    assert (fm["status"], fm["superseded-by"]) == ("superseded", "ADR-0002")
    assert (fm["decision-makers"], fm["consulted"]) == (["Ann", "Bo"], ["Cy"])
    assert (fm["parent"], fm["nav_order"]) == ("Decisions", 3)
    assert doc.locate(("decision-makers",)).line == 5


def test_docusaurus_front_matter_without_status_keeps_its_id() -> None:
    text = "---\nid: adrs-adr001\ntitle: 'ADR001: A log'\ndescription: Why.\n---\n\n## Decision\n"
    doc, found = parse_adr(text, "adrs/adr001-add-adr-log.md")
    assert (doc is not None, found) == (True, [])
    assert doc.format == "site"
    assert doc.front_matter["id"] == "adrs-adr001"
    assert "status" not in doc.front_matter


def _fields(text: str, name: str = "0001-x.md") -> tuple[str, dict[str, object]]:
    doc, found = parse_adr(text, f"adrs/{name}")
    assert doc is not None
    assert not [d for d in found if d.is_error]
    return doc.format, {k: v for k, v in doc.front_matter.items() if k != "id"}


def test_status_heading_at_any_level_or_holding_its_value() -> None:
    h1 = "# 28. Sessions\n\nDate: 2025-05-29\n\n# Status\n\nApproved\n\n## Context\n\nWhy.\n"
    assert _fields(h1) == ("nygard", {"date": "2025-05-29", "status": "Approved"})
    inline = "# ADR-016: Remove X\n\n## Status: Accepted\n## Date: 2026-07-02\n\n## Context\n"
    assert _fields(inline) == ("nygard", {"status": "Accepted", "date": "2026-07-02"})
    h2_title = "## 1. Record decisions\n\nDate: 2024-10-28\n\n### Status\nAccepted\n\n### Context\n"
    doc, _ = parse_adr(h2_title, "adrs/0001-record.md")
    assert doc is not None
    assert (doc.title, doc.front_matter["status"]) == ("Record decisions", "Accepted")


def test_metadata_written_as_plain_lines_and_a_date_section() -> None:
    plain = "# ADR-010: Tests\n\n**Date:** 2024-12-19  \n**Status:** Accepted  \n\n## Context\n"
    assert _fields(plain) == ("madr2", {"date": "2024-12-19", "status": "Accepted"})
    section = (
        "# Home\n\n## Status\n\nSuperseded by [ADR-007](./007-x.md)\n\n## Date\n\n2026-01-20\n"
    )
    assert _fields(section)[1] == {
        "status": "Superseded",
        "superseded-by": "ADR-0007",
        "date": "2026-01-20",
    }


def test_logs_written_in_other_languages() -> None:
    french = "# 1. Enregistrer\n\nDate : 2019-04-25\n\n## État\n\nAccepté\n\n## Contexte\n"
    assert _fields(french) == ("nygard", {"date": "2019-04-25", "status": "Accepté"})
    spanish = "# 1. Registrar\n\nFecha: 2026-05-21\n\n## Estado\n\nAceptado\n"
    assert _fields(spanish) == ("nygard", {"date": "2026-05-21", "status": "Aceptado"})
    german = "# X\n\n## Status\n\nAbgelöst durch [ADR-3](0003-y.md)\n"
    assert _fields(german)[1] == {"status": "Abgelöst", "superseded-by": "ADR-0003"}


def test_status_section_skips_relations_and_link_definitions_for_the_word() -> None:
    text = (
        "# 49. Node\n\nDate : 2023-07-03\n\n## État\n\nAmende [0018-x.md][0018]\n\n"
        "[0018]: ./0018-x.md\n\nEn discussion\n\n## Contexte\n"
    )
    assert _fields(text)[1] == {"date": "2023-07-03", "status": "En discussion"}


def test_a_status_written_as_a_link_is_its_text() -> None:
    text = "# 2. M\n\nDate: 2020-12-18\n\n## Status\n\n[Deprecated](https://example.org/pull/395)\n"
    assert _fields(text)[1] == {"date": "2020-12-18", "status": "Deprecated"}


def test_superseded_by_prose_names_no_record() -> None:
    text = "# X\n\n## Status\n\nSuperseded by Session 09 (inline display block removed)\n"
    assert _fields(text)[1] == {"status": "Superseded"}


def test_dates_written_in_prose() -> None:
    cases = {
        "2024-05-22 (back dated)": "2024-05-22",
        "22.05.2024": "2024-05-22",
        "May 3, 2021": "2021-05-03",
        "3 May 2021": "2021-05-03",
        "2024/05/22": "2024-05-22",
        "2019-03": "2019-03",
        "2023-13-10": "2023-13-10",
    }
    for written, read in cases.items():
        assert _fields(f"# X\n\n* Status: accepted\n* Date: {written}\n")[1]["date"] == read


def test_front_matter_after_a_licence_comment() -> None:
    text = (
        "<!--\nSPDX-License-Identifier: CC-BY-SA-4.0\n-->\n\n---\nstatus: superseded by ADR 10\n"
        "date: 2024-06-27\n---\n# Cursor positions\n"
    )
    doc, _ = parse_adr(text, "adrs/07-cursor.md")
    assert doc is not None
    assert (doc.format, doc.front_matter["status"], doc.front_matter["superseded-by"]) == (
        "madr4",
        "superseded",
        "ADR-0010",
    )
    assert doc.positions[("date",)][0] == 7
    rule = "<!-- x -->\n---\n\n# T\n\n## Status\n\nAccepted\n\n---\n\nEnd.\n"
    assert _fields(rule)[1] == {"status": "Accepted"}


def test_a_front_matter_for_the_site_is_completed_from_the_body() -> None:
    jekyll = (
        "---\nparent: Decisions\nnav_order: 3\n---\n# 3. Use X\n\nDate: 2020-01-02\n\n"
        "## Status\n\nSuperseded by [4. Y](0004-y.md)\n"
    )
    doc, found = parse_adr(jekyll, "adrs/0003-use-x.md")
    assert doc is not None
    assert not found
    assert (doc.front_matter["status"], doc.front_matter["superseded-by"]) == (
        "Superseded",
        "ADR-0004",
    )
    assert (doc.front_matter["date"], doc.positions[("date",)]) == ("2020-01-02", (7, 7))
    assert doc.prose_fields == ("status", "date", "superseded-by")
    created = (
        "---\nid: 0037-x\nstatus: Accepted\ncreated: 2026-01-29\n"
        "tags: [Dependency Injection]\n---\n# X\n"
    )
    doc, _ = parse_adr(created, "adrs/0037-x.md")
    assert doc is not None
    assert (doc.front_matter["date"], doc.front_matter["tags"]) == (
        "2026-01-29",
        ["dependency-injection"],
    )


def test_an_id_that_is_the_file_stem_carries_the_file_number() -> None:
    assert number_of("0037-aws-test-resource-cleanup") == 37
    assert number_of("20200924-use-markdown") is None
    assert number_of("use-markdown") is None


def test_hugo_and_zola_toml_front_matter_with_bullets_and_no_title_heading() -> None:
    text = (
        '+++\n# licence header\n\ntitle = "ADR-0004: Be Secure"\nweight = 4\n+++\n\n'
        "- Status: accepted \n- Date: 2024-05-11\n\n## Context and Problem Statement\n\nWhy.\n"
    )
    doc, found = parse_adr(text, "adrs/20240510-adr-0004-be-secure.md")
    assert doc is not None
    assert not [d for d in found if d.is_error]
    assert doc.front_matter["title"] == "ADR-0004: Be Secure"
    assert doc.positions[("title",)] == (4, 9)
    assert (doc.front_matter["status"], doc.front_matter["date"]) == ("accepted", "2024-05-11")
    assert doc.body.startswith("\n- Status")
    broken = "+++\ntitle = \n+++\n# T\n\n## Status\n\nAccepted\n"
    doc, _ = parse_adr(broken, "adrs/0001-t.md")
    assert doc is not None
    assert doc.front_matter["status"] == "Accepted"


def test_metadata_tables_across_or_down() -> None:
    across = (
        "| Status   | Date       | Author(s) |\n|:---|:---|:---|\n"
        "| Proposed | 2025-01-07 | Ann       |\n\n## Context\n\nWhy.\n"
    )
    fmt, fields = _fields(across)
    assert (fmt, fields) == (
        "madr2",
        {"status": "Proposed", "date": "2025-01-07", "decision-makers": ["Ann"]},
    )
    down = (
        "# ADR-5: X\n\n| Field | Value |\n|---|---|\n| Status | Accepted |\n| Date | 2026-09-11 |\n"
    )
    assert _fields(down)[1] == {"status": "Accepted", "date": "2026-09-11"}
    later = "# X\n\n## Schema\n\n| Column | Type |\n|---|---|\n| STATUS | TEXT |\n"
    assert _fields(later)[0] == "markdown"


def test_numbered_index_pages_are_not_records() -> None:
    assert is_template("000-index.md")
    assert is_template("0000-README.md")
    assert not is_template("0005-search-index-strategy.md")
    assert title_from_file("adrs/001-drop-kafka-dependency.md") == "Drop kafka dependency"


def test_metadata_keys_in_other_scripts_and_bullets_under_the_status_heading() -> None:
    japanese = "# ADR-3: X\n\n日付: 2024-01-02  \nステータス: Accepted\n\n## 背景 / Context\n"
    assert _fields(japanese) == ("madr2", {"date": "2024-01-02", "status": "Accepted"})
    under = "# X\n\n## Status\n- **提案日**: 2024-01-01\n- **状態**: Accepted\n\n## Context\n"
    assert _fields(under)[1] == {"status": "Accepted"}
    chinese = "# X\n\n## 状态\n采纳\n\n## 背景\n"
    assert _fields(chinese)[1] == {"status": "采纳"}


def test_metadata_shown_in_a_code_block_is_not_read() -> None:
    example = "# X\n\nWe write:\n\n```md\n* Status: accepted\n```\n\n## Context\n"
    assert _fields(example) == ("markdown", {})
    both = "# X\n\n* Status: accepted\n\n~~~\n* Status: rejected\n~~~\n"
    assert _fields(both)[1] == {"status": "accepted"}


def test_a_status_history_gives_the_current_status() -> None:
    dated_lines = "# 3. Use X\n\n## Status\n\nProposed 2020-01-01\n\nAccepted 2020-02-01\n"
    assert _fields(dated_lines)[1]["status"] == "Accepted"
    out_of_order = "# 3. X\n\n## Status\n\n- 2021-01-01: Deprecated\n- 2020-02-01: Accepted\n"
    assert _fields(out_of_order)[1]["status"] == "Deprecated"  # the most recent date
    table = (
        "# 4. Y\n\n## Status\n\n| Status | Date |\n|---|---|\n"
        "| Proposed | 2020-03-01 |\n| Accepted | 2020-04-02 |\n"
    )
    assert _fields(table)[1]["status"] == "Accepted"
    one_line = "# 5. Z\n\n## Status\n\nProposed 2020-01-01 / Accepted 2020-02-01\n"
    assert _fields(one_line)[1]["status"] == "Accepted"
    undated = "# 6. W\n\n## Status\n\nProposed\n\nAccepted\n"
    assert _fields(undated)[1]["status"] == "Accepted"
    bullet = "# 7. V\n\n* Status: proposed 2020-01-01, accepted 2020-02-01\n\n## Context\n"
    assert _fields(bullet)[1]["status"] == "accepted"
    # A sentence that merely starts with a status word is not a history entry.
    prose = "# 8. U\n\n## Status\n\nAccepted\n\nOpen questions remain about the rollout.\n"
    assert _fields(prose)[1]["status"] == "Accepted"


def test_a_later_sentence_replacing_the_record_and_template_choices() -> None:
    replaced = (
        "# ADR 009: X\n\n## Status\n\nImplemented. Superseded by [ADR-013](./adr-013-y.md).\n"
    )
    fields = _fields(replaced, "adr-009-x.md")[1]
    assert (fields["status"], fields["superseded-by"]) == ("Superseded", "ADR-0013")
    partly = "# ADR 006: X\n\n## Status\n\nImplemented. Parts were superseded by ADR-020.\n"
    assert _fields(partly, "adr-006-x.md")[1]["status"] == "Implemented"
    left = "# ADR 036: X\n\n## Status\n\n> A decision may be proposed...\n\n{Deprecated|Proposed}\n"
    assert "status" not in _fields(left, "adr-036-x.md")[1]


def test_supersede_sentences_under_the_title_and_placeholders() -> None:
    old = (
        "# 7. X\n\n**Date:** 2020-04-01\n\nThis decision has been superseded by decision: "
        "[0022 Proxy](0022-proxy.md)\n\n## Context\n"
    )
    fields = _fields(old, "0007-x.md")[1]
    assert (fields["status"], fields["superseded-by"], fields["date"]) == (
        "superseded",
        "ADR-0022",
        "2020-04-01",
    )
    new = "# 9. Y\n\n**Date:** 2020-07-21\n\nThis decision supersedes decision: [0008](0008-x.md)\n"
    assert _fields(new, "0009-y.md")[1]["supersedes"] == ["ADR-0008"]
    table = (
        "# Z\n\n|  |  |\n| --- | --- |\n| Date | 22-10-2024 |\n| Status | Draft |\n"
        "| Supersedes | https://github.com/o/r/pull/23 |\n| Superseded by: | N/A |\n"
    )
    fields = _fields(table, "ODH-ADR-0005-z.md")[1]
    assert fields["date"] == "2024-10-22"
    assert fields["status"] == "Draft"
    assert "supersedes" not in fields
    assert "superseded-by" not in fields


def test_a_changelog_dates_a_record_without_a_date() -> None:
    text = (
        "# ADR 018: X\n\n## Status\n\nProposed\n\n"
        "## Changelog\n\n- 2023/08/29: b\n- 2023/03/29: a\n"
    )
    assert _fields(text, "adr-018-x.md")[1]["date"] == "2023-03-29"


def test_more_dates_written_in_prose() -> None:
    assert prose_date("22-10-2024") == "2024-10-22"
    assert prose_date("11-April-2023") == "2023-04-11"
    assert prose_date("January , 2026") == "2026-01"
    assert prose_date("10/22/2024") == "2024-10-22"
    assert prose_date("05/06/2024") == "05/06/2024"  # day or month first: not guessed


def test_mdx_records_lose_their_javascript_lines_only() -> None:
    text = (
        "---\nstatus: accepted\ndate: 2024-01-02\n---\n"
        "import Tabs from '@theme/Tabs';\nexport const meta = {\n  a: 1,\n};\n\n# Use MDX\n\n"
        '## Context\n\n<Tabs groupId="x"\n  values={[]}>\n<TabItem value="a">\n\n'
        "We like **MDX**.\n\n"
        "</TabItem>\n</Tabs>\n\n{/* a comment */}\n\n```js\nimport x from 'y';\n```\n"
    )
    doc, found = parse_adr(text, "adrs/accepted/0001-use-mdx.mdx")
    assert doc is not None
    assert not [d for d in found if d.is_error]
    assert (doc.front_matter["status"], doc.front_matter["id"]) == ("accepted", "ADR-0001")
    for gone in ("@theme/Tabs", "export const", "<Tabs", "TabItem", "a comment"):
        assert gone not in doc.body
    assert "We like **MDX**." in doc.body
    assert "import x from 'y';" in doc.body
    assert doc.body.count("\n") == text.split("---\n", 2)[2].count("\n")  # lines kept


def test_record_file_names_suffixes_and_ids() -> None:
    assert is_template("adr.template.md")
    assert is_template("adr-template copy.md")
    assert is_template("ODH-ADR-0000-template.md")
    assert is_template("template.mdx")
    assert not is_template("0004-templates-for-emails.md")
    assert id_from_file("adrs/x/0007-use-x.markdown") == "ADR-0007"
    assert id_from_file("adrs/ops/Observability-component metrics.md") == (
        "Observability-component-metrics"
    )
    assert adr_reference("[1. Use MDX](accepted/0001-use-mdx.mdx)") == "ADR-0001"


def test_a_record_without_a_status_takes_its_status_folder() -> None:
    doc, found = parse_adr("# Use X\n\nWe use X.\n", "adrs/Accepted/use-x.md")
    assert doc is not None
    assert not found
    assert doc.front_matter["status"] == "Accepted"
    written, _ = parse_adr("# Use Y\n\n* Status: proposed\n", "adrs/accepted/use-y.md")
    assert written is not None
    assert written.front_matter["status"] == "proposed"
    team, _ = parse_adr("# Use Z\n\nWe use Z.\n", "adrs/payments/use-z.md")
    assert team is not None
    assert "status" not in team.front_matter


def test_front_matter_keys_without_the_space_yaml_needs() -> None:
    text = (
        "---\ntag:Web Client\n---\n\n"
        "# 2. Build Setup\n\nDate: 2018-08-28\n\n## Status\n\nAccepted\n"
    )
    doc, found = parse_adr(text, "adrs/0002-build-setup.md")
    assert doc is not None
    assert (doc.front_matter["tag"], doc.front_matter["status"]) == ("Web Client", "Accepted")
    assert [(d.code, d.severity.value) for d in found] == [("YAML003", "warning")]
    broken, errors = parse_adr("---\njust words here\n---\n# T\n", "adrs/0003-t.md")
    assert broken is None
    assert [(d.code, d.severity.value) for d in errors] == [("YAML003", "error")]


def test_a_template_list_of_every_status_is_no_status() -> None:
    listed = "# 9. T\n\n## Status\n\nProposed, Accepted, Rejected, Deprecated, Superseded\n"
    assert "status" not in _fields(listed)[1]
    bullet = "# T\n\n* Status: [proposed | rejected | accepted | deprecated]\n* Date: 2020-01-01\n"
    assert "status" not in _fields(bullet)[1]
    moved = "# 9. T\n\n## Status\n\nProposed → Accepted → Implemented\n"
    assert _fields(moved)[1]["status"] == "Implemented"


def test_front_matter_keys_in_the_logs_language_and_kubernetes_proposals() -> None:
    french = "---\nstatut: accepté\ndate: 2026-08-05\ndécideurs: Anne, Paul\n---\n\n# T\n"
    fm = _fields(french)[1]
    assert (fm["status"], fm["decision-makers"]) == ("accepté", ["Anne", "Paul"])
    assert "statut" not in fm
    kep = (
        "---\ntitle: Conditions\ncreation-date: 2020-05-06\nstatus: replaced\n"
        "superseded-by: [20240916-status.md]\nreplaces: [https://docs.google.com/d/1]\n---\n# C\n"
    )
    fm = _fields(kep)[1]
    assert (fm["date"], fm["superseded-by"]) == ("2020-05-06", "20240916-status.md")
    assert "supersedes" not in fm  # a document elsewhere is not a record
    empty = "---\nstatus: implementable\nsuperseded-by: []\n---\n# E\n"
    assert "superseded-by" not in _fields(empty)[1]


def test_a_front_matter_field_yaml_cannot_parse_is_left_out_with_a_warning() -> None:
    text = (
        "---\ntitle: Status\nstatus: implementable\nsee-also:\n"
        "- [Old proposal](https://example.org/old.md)\n- [Guide](https://example.org/g)\n"
        "creation-date: 2024-07-17\n---\n\n# Status\n"
    )
    doc, found = parse_adr(text, "adrs/20240916-status.md")
    assert doc is not None
    assert (doc.front_matter["status"], doc.front_matter["date"]) == ("implementable", "2024-07-17")
    assert [(d.code, d.severity.value) for d in found] == [("YAML002", "warning")]
    assert "'see-also'" in found[0].message


def test_a_metadata_table_in_a_blockquote_with_code_spans() -> None:
    text = (
        "# ADR-001: Use hooks\n\n>|              |              |\n>| ------------ | --- |\n"
        ">| Date         | `2023-07-04` |\n>| Status       | `RFC` |\n>| Owners | `Dan` |\n"
    )
    fm = _fields(text)[1]
    assert (fm["status"], fm["date"]) == ("RFC", "2023-07-04")
    draft = (
        "# ADR-XXX: Draft\n\n>| | |\n>| --- | --- |\n"
        ">| Date | `dd/mm/YYYY` _when the decision was last updated_ |\n"
        ">| Status | `RFC by dd/mm/YYYY, Proposed, In Discussion, Pending Approval, Withdrawn, "
        "Rejected, Accepted, Deprecated, ..., Superseded by ADR-XXX or Supersedes ADR-XXX` |\n"
    )
    assert "status" not in _fields(draft)[1]
    assert "date" not in _fields(draft)[1]


def test_a_header_row_naming_columns_paved_does_not_read() -> None:
    text = (
        "# TITLE: Pilot content\n| CREATED DATE | LAST UPDATED | STATUS | IMPLEMENTED |"
        " AUTHOR |\n| :---: | :---: | :---: | :---: | :---: |\n"
        "| 06/20/2023 | 06/21/2023| Proposed| No | @td |\n"
    )
    fm = _fields(text)[1]
    assert (fm["status"], fm["date"], fm["decision-makers"]) == ("Proposed", "2023-06-20", ["@td"])
    doc, _ = parse_adr(text, "adrs/0004-pilot.md")
    assert doc is not None
    assert doc.title == "Pilot content"
    one_per_row = "# T\n\n| Status | Implemented |\n| Date | 2024-01-02 |\n"
    assert _fields(one_per_row)[1]["status"] == "Implemented"


def test_a_dated_history_in_chinese_gives_the_latest_status() -> None:
    text = (
        "# 7. 在 list 展示 ADR 的状态\n\n日期: 2017/11/22\n\n## 状态\n\n"
        "列表：提议/通过/完成/已弃用/已取代\n\n2017-11-23 提议\n\n2017-11-23 通过\n\n"
        "2017/11/24 完成\n\n## 上下文\n"
    )
    fm = _fields(text)[1]
    assert (fm["status"], fm["date"]) == ("完成", "2017-11-22")


def test_templates_named_in_other_languages() -> None:
    for name in ("0000-modele-adr.md", "adr-vorlage.md", "ADR-nnn_Any_Decision_Record_Template.md"):
        assert is_template(name), name
    for name in ("0005-use-a-template-engine.md", "0002-modelo-de-datos.md"):
        assert not is_template(name), name


def test_mdx_expressions_over_several_lines_are_blank_and_unclosed_braces_text() -> None:
    text = (
        "---\nstatus: accepted\n---\n# Use MDX\n\n## Context\n\n"
        "{/*\n  a comment\n  over lines\n*/}\n\nWe like **MDX**.\n\n"
        "{items.map((x) => (\n  <li>{x}</li>\n))}\n\n{ braces left open are text\n"
    )
    doc, _ = parse_adr(text, "adrs/0002-use-mdx.mdx")
    assert doc is not None
    for gone in ("a comment", "over lines", "items.map", "<li>"):
        assert gone not in doc.body
    assert "We like **MDX**." in doc.body
    assert "{ braces left open are text" in doc.body
    assert doc.body.count("\n") == text.split("---\n", 2)[2].count("\n")  # lines kept


def test_a_date_line_without_its_colon() -> None:
    fm = _fields("# Use GitHub\n\nDate 09/04/2018\n\n## Status\n\n✅ Accepted\n")[1]
    assert (fm["date"], fm["status"]) == ("09/04/2018", "Accepted")
    assert _fields("# T\n\nDate 2018-04-09\n")[1]["date"] == "2018-04-09"
    assert "date" not in _fields("# T\n\nDate of the meeting: see below\n\nDate night 5\n")[1]


def test_status_written_as_teams_write_it_in_more_shapes() -> None:
    current = "# B\n\n## Current status\n\nRejected\n"
    assert _fields(current)[1]["status"] == "Rejected"
    quoted = "# M\n\n> **Status:** Accepted  \n> **Date:** 2020-01-01\n"
    assert _fields(quoted)[1] == {"status": "Accepted", "date": "2020-01-01"}
    ticked = "# O\n\n## Status\n\n- [ ] Proposed\n- [x] Accepted\n- [ ] Deprecated\n"
    assert _fields(ticked)[1]["status"] == "Accepted"
    listed = "---\nstatus: [accepted]\ndate: 2021-03-04\n---\n# C\n"
    assert _fields(listed)[1]["status"] == "accepted"
    history = "---\nstatus:\n  - proposed\n  - accepted\n---\n# H\n"
    assert _fields(history)[1]["status"] == "accepted"
    nested = "---\nadr:\n  status: accepted\n  date: 2021-03-04\n---\n# D\n"
    fm = _fields(nested)[1]
    assert (fm["status"], fm["date"]) == ("accepted", "2021-03-04")
    japanese = "# T\n\n## ステータス\n\n承認済み\n\n## 日付\n\n2023年4月1日\n"
    assert _fields(japanese)[1] == {"status": "承認済み", "date": "2023-04-01"}


def test_a_title_numbered_without_a_full_stop_loses_only_its_own_number() -> None:
    logging = "# 23 Logging\n\nDate: 2024-11-11\n\n## Status\n\n✅ Accepted\n"
    doc, _ = parse_adr(logging, "adrs/023-Logging.md")
    assert doc is not None
    assert doc.title == "Logging"
    ways = "# 3 ways to fail\n\n## Status\n\nAccepted\n"
    doc, _ = parse_adr(ways, "adrs/0005-ways.md")
    assert doc is not None
    assert doc.title == "3 ways to fail"  # not this record's number: the title's words


def test_a_title_opening_with_its_own_number_in_any_format() -> None:
    german = (
        "# 1. Einführung eines ADR-Prozesses\n\n**Datum:** 05.04.2025  \n**Status:** In Arbeit\n"
    )
    doc, _ = parse_adr(german, "adrs/deutsch/adr-001-de.md")
    assert doc is not None
    assert doc.title == "Einführung eines ADR-Prozesses"
    assert (doc.front_matter["status"], doc.front_matter["date"]) == ("In Arbeit", "2025-04-05")


def test_portuguese_korean_and_more_status_words_and_keys() -> None:
    portuguese = "# 1. Backend em Rails\n\n* Status: Descontinuado\n* Data: 2026-10-07\n"
    assert _fields(portuguese)[1] == {"status": "Descontinuado", "date": "2026-10-07"}
    english = "# Store events\n\n* Status: Accepted\n* Data: kept for seven years\n"
    assert "date" not in _fields(english)[1]  # "Data:" that is no date is about data
    korean = "# 로그 수집\n\n## 상태\n\n승인됨\n"
    assert _fields(korean)[1]["status"] == "승인됨"


def test_a_loaded_logs_index_is_built_once_and_is_the_index_of_its_records() -> None:
    """The model, the products' references and the rules of one build ask for the same
    records' index: built once for one tuple of records, never shared with another."""
    from paved.generator.core.load.adr_links import index_of

    docs = []
    for name, text in (
        ("adrs/0001-use-kafka.md", "# Use Kafka\n\n- Status: accepted\n"),
        ("adrs/20201016-use-the-slug.md", "# Use the slug\n\n- Status: proposed\n"),
    ):
        doc, _ = parse_adr(text, name)
        assert doc is not None
        docs.append(doc)
    records = tuple(docs)
    index = index_of(records)
    assert index_of(records) is index
    assert index.resolve("1") == "ADR-0001"
    assert index.resolve("20201016-use-the-slug.md") == "20201016-use-the-slug"
    other = tuple(docs[:1])  # another load: its own index, without the second record
    assert index_of(other) is not index
    assert index_of(other).resolve("20201016-use-the-slug") is None
    assert index_of(iter(docs)).aliases == index.aliases  # not a tuple: built each time


def test_several_fields_on_one_line_and_russian_words() -> None:
    """Logs in Italian and Russian write the date and the status on one line, joined by a
    full stop or a middle dot; Russian keys and status words map like the others."""
    italian = "# ADR 0032 — Il compilato\n\nData: 2026-06-11. Stato: accettato, applicato.\n"
    assert _fields(italian)[1] == {"date": "2026-06-11", "status": "accettato"}
    dotted = "# ADR 0004 — Estrazione\nData: 2026-08-26 · Stato: accettato\n"
    assert _fields(dotted)[1] == {"date": "2026-08-26", "status": "accettato"}
    russian = "# ADR-0291: Zulip\n\nСтатус: Принято\nДата: 2026-07-26\n"
    assert _fields(russian)[1] == {"status": "Принято", "date": "2026-07-26"}
    assert canonical(written_phrase("Принято"), {}) == "accepted"
    assert canonical(written_phrase("Заменено на [ADR-0005](0005-x.md)"), {}) == "superseded"
    assert canonical(written_phrase("TENTATIVE"), {}) == "proposed"
    assert canonical(written_phrase("To be discussed with wider team"), {}) == "proposed"


def test_a_title_numbered_with_a_dash_loses_only_its_own_number() -> None:
    spanish = "# 0001 — Registrar decisiones\n\n**Estado:** Aceptado\n**Fecha:** 2026-01-01\n"
    doc, _ = parse_adr(spanish, "adrs/0001-registrar-decisiones.md")
    assert doc is not None
    assert (doc.title, doc.front_matter["status"]) == ("Registrar decisiones", "Aceptado")
    other, _ = parse_adr(spanish, "adrs/0007-registrar-decisiones.md")
    assert other is not None
    assert other.title == "0001 — Registrar decisiones"


def test_a_title_that_only_names_the_kind_of_document_gives_way_to_the_heading_below() -> None:
    text = (
        "# Architectural Decision Record (ADR)\n\n## ADR: Adopt Keep a Changelog\n\n"
        "### Status\n\nTo be discussed with wider team\n"
    )
    doc, _ = parse_adr(text, "adrs/0008-release-notes.md")
    assert doc is not None
    assert doc.title == "Adopt Keep a Changelog"
    plain, _ = parse_adr("# Architecture Decision Records\n\n## Status\n\nAccepted\n", "adrs/1.md")
    assert plain is not None
    assert plain.title == "Architecture Decision Records"


def test_a_one_file_log_splits_only_when_its_sections_are_records() -> None:
    log = (
        "# Decisions\n\nIntro.\n\n## ADR-1: Use Kafka\n\n* Status: accepted\n\nBody one.\n\n"
        "## ADR-2 — Use Pulsar\n\n| Current status | Proposed |\n|---|---|\n\n### Context\n\n"
        "Body two.\n"
    )
    doc, _ = parse_adr(log, "adrs/DECISIONS.md")
    assert doc is not None
    records = [record for record, _ in split_log(doc, parse_adr)]
    assert [(r.front_matter["id"], r.title, r.front_matter["status"]) for r in records] == [
        ("ADR-0001", "Use Kafka", "accepted"),
        ("ADR-0002", "Use Pulsar", "Proposed"),
    ]
    assert "Body one" not in records[1].body
    assert "Body two" in records[1].body
    assert records[1].locate(("status",)).line == 13  # lines stay the file's
    index = "# ADRs\n\n## ADR-1: Use Kafka\n\nSee [it](0001-x.md).\n\n## ADR-2: Use Pulsar\n\nx\n"
    listed, _ = parse_adr(index, "adrs/README.md")
    assert listed is not None
    assert split_log(listed, parse_adr) == []


def test_front_matter_keys_however_spelt_and_a_status_history() -> None:
    capital = "---\nStatus: Accepted\nDate: 2021-03-04\n---\n# Use Kafka\n"
    assert _fields(capital)[1] == {"status": "Accepted", "date": "2021-03-04"}
    snake = "---\nstatus: superseded\nsuperseded_by: ADR-0003\n---\n# x\n"
    assert _fields(snake)[1]["superseded-by"] == "ADR-0003"
    camel = "---\nstatus: superseded\nsupersededBy: ADR-0004\n---\n# x\n"
    assert _fields(camel)[1]["superseded-by"] == "ADR-0004"
    history = "---\nstatus:\n  - 2021-01-01: proposed\n  - 2021-02-01: accepted\n---\n# x\n"
    assert _fields(history)[1] == {"status": "accepted", "date": "2021-02-01"}


def test_a_week_or_a_quarter_is_a_date_written_year_first() -> None:
    for written, kept in (("2021-W12", "2021-W12"), ("Q3 2021", "2021-Q3"), ("2021Q3", "2021-Q3")):
        nygard = f"# 6. Use Kafka\n\nDate: {written}\n\n## Status\n\nAccepted\n"
        assert _fields(nygard, "0006-x.md")[1]["date"] == kept
    front = "---\nstatus: accepted\ndate: 2021-W12\n---\n# Use Kafka\n"
    assert _fields(front)[1]["date"] == "2021-W12"


def test_struck_through_words_and_a_successor_after_a_comma_or_an_arrow() -> None:
    struck = "# 11. Use Kafka\n\n## Status\n\n~~Accepted~~ Superseded by ADR 3\n"
    assert _fields(struck, "0011-x.md")[1] == {"status": "Superseded", "superseded-by": "ADR-0003"}
    comma = "# 14. X\n\n## Status\n\nDeprecated, superseded by [0003](0003-x.md)\n"
    assert _fields(comma, "0014-x.md")[1]["superseded-by"] == "ADR-0003"
    arrow = "# 5. X\n\n**Status:** ~~Accepted~~ → Superseded by [ADR-3](0003-x.md)\n"
    assert _fields(arrow, "0005-x.md")[1] == {"status": "Superseded", "superseded-by": "ADR-0003"}


def test_a_date_named_record_with_an_adr_label_and_a_status_spelt_as_a_key() -> None:
    assert id_from_file("adrs/ADR-2026-08-24-folder-local.md") == "ADR-2026-08-24-folder-local"
    assert adr_reference("ADR-2026-08-24-folder-local.md") == "ADR-2026-08-24-folder-local"
    assert adr_reference("ADR-0007-use-x.md") == "ADR-0007"
    keyed = '---\nstatus: "superseded_by: ADR-0002"\ndate: 2026-01-01\n---\n# Use X\n'
    assert _fields(keyed)[1]["superseded-by"] == "ADR-0002"


def test_translations_by_language_folder_or_by_the_same_name_with_a_tag() -> None:
    from paved.generator.core.load.adr_translations import translations

    names = [
        "adrs/0001-x.md",
        "adrs/0001-x.de.md",  # the same name, tagged: German
        "adrs/en/0003-a.md",
        "adrs/de/0003-b.md",  # language folders, one number
        "adrs/0012-use-it.md",
        "adrs/0012-other.md",  # "-it" in a name: not Italian, two decisions
    ]
    docs = [parse_adr("# A\n\n* Status: accepted\n", name)[0] for name in names]
    found = translations(d for d in docs if d is not None)
    assert {k: (v.original, v.language) for k, v in found.items()} == {
        "adrs/0001-x.de.md": ("adrs/0001-x.md", "Deutsch"),
        "adrs/de/0003-b.md": ("adrs/en/0003-a.md", "Deutsch"),
    }


def test_a_status_section_left_as_other_templates_wrote_it_records_no_status() -> None:
    """Joel Parker Henderson's templates (Tyree and Akerman, business case, Planguage)
    and Merson's explain the status instead of listing choices in brackets: left in
    place, they record no status; filled in, their words map."""
    for explained in (
        "The decision's status, such as pending, decided, or approved.",
        "  * One of proposed, accepted, rejected, deprecated, superseded, etc.",
        "The status of the requirement (draft, reviewed, committed, etc.)",
        "[Proposed | Accepted | Deprecated | Superseded]\nIf deprecated, indicate why.",
    ):
        assert "status" not in _fields(f"# Use X\n\n## Status\n\n{explained}\n\n## Issue\n")[1]
    planguage = _fields("# Use X\n\n## Status\n\ncommitted\n\n## Tag\n\nx\n")[1]["status"]
    assert canonical(written_phrase(str(planguage)), {}) == "accepted"
    dotnet_adr = "# Use X\n\n## Status\n\nSuperseded by ADR 0005 - Use Y\n\n## Context\n"
    assert _fields(dotnet_adr)[1] == {"status": "Superseded", "superseded-by": "ADR-0005"}


def test_one_file_logs_headed_by_label_or_bare_number_and_the_ones_paved_cannot_split() -> None:
    labelled = (
        "# Overview\n\n## Decision 1: Use Kafka\n\n* Status: accepted\n\nx\n\n"
        "## Decision 2: Use Y\n\n* Status: rejected\n\ny\n"
    )
    bare = (
        "# Decisions\n\n## 1. Use Kafka\n\nStatus: Accepted\n\nWhy.\n\n"
        "## 2. Use Pulsar\n\nStatus: Proposed\n\nWhy.\n"
    )
    for text, titles in (
        (labelled, ["Use Kafka", "Use Y"]),
        (bare, ["Use Kafka", "Use Pulsar"]),
    ):
        doc, _ = parse_adr(text, "adrs/decision-log.md")
        assert doc is not None
        assert [r.title for r, _ in split_log(doc, parse_adr)] == titles
    unstated = bare.replace("Status: Proposed\n\n", "")  # a bare number needs every status
    doc, _ = parse_adr(unstated, "adrs/decision-log.md")
    assert doc is not None
    assert split_log(doc, parse_adr) == []
    dated = "# Log\n\n### 2026-01-01 — One\n\nx\n\n### 2026-02-01 — Two\n\ny\n"
    doc, _ = parse_adr(dated, "adrs/DECISIONS.md")
    assert doc is not None
    assert (split_log(doc, parse_adr), entry_headings(doc)) == ([], 2)
