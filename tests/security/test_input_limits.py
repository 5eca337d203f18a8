"""Hostile inputs against ``paved validate``, run as the real program in a subprocess
under a memory limit (1 GiB of address space) and a generous time limit: each must end
with exit 1 and a located message (or exit 0/1 in bounded time for the regex cases),
never a traceback, a MemoryError, SIGABRT or minutes of CPU.

Workbooks are written here: openpyxl for ordinary ones, the XML parts by hand for
shared-string bombs, odd quoting and document type declarations."""

from __future__ import annotations

import io
import random
import resource
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from paved.generator.core.load import sheet_xml
from paved.generator.core.load.frontmatter import parse_front_matter
from paved.generator.core.load.limits import MAX_CELL_CHARS

CASES = {
    case["id"]: case
    for case in yaml.safe_load(
        (Path(__file__).parent / "cases" / "input_cases.yaml").read_text(encoding="utf-8")
    )
}
PAVED = Path(sys.executable).parent / "paved"
MEMORY = 1 << 30
TIMEOUT = 60

SYSTEMS_HEADER = ("id", "name", "domain", "custodian")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def validate(root: Path) -> subprocess.CompletedProcess[str]:
    """``paved validate root`` under the memory limit; fails the test on a timeout."""
    return subprocess.run(
        [str(PAVED), "validate", str(root)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limits,
        check=False,
    )


def assert_refused(result: subprocess.CompletedProcess[str], *located: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert result.returncode == 1, (result.returncode, output[-2000:])
    for text in located:
        assert text in output, output[-2000:]


def assert_bounded(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-2000:]
    assert result.returncode in (0, 1), (result.returncode, output[-2000:])


# --- workbooks -------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="systems" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def header_row() -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(SYSTEMS_HEADER)
    )
    return f'<row r="1">{cells}</row>'


def write_book(root: Path, sheet_data: str, *, shared: str = "", before: str = "") -> Path:
    """custodians/catalogue.xlsx holding one 'systems' sheet whose <sheetData> (and
    what comes before it) are given verbatim, plus a shared string table."""
    folder = root / "custodians"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "catalogue.xlsx"
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>{before}'
        f"<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    strings = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>{shared}</sst>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _BOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", strings)
    return path


BOOK = "custodians/catalogue.xlsx"


def incompressible(size: int) -> str:
    """Letters that zip about 1.3:1, so the compression-ratio limit stays out of the way."""
    return "".join(random.Random(size).choices(string.ascii_letters, k=size))


def test_rs008_one_long_shared_string_referenced_by_many_cells(tmp_path: Path) -> None:
    # RS-008: a 16 MB shared string (16 KB zipped) used by 250 cells is 4 GB in calamine.
    assert "shared string" in CASES["RS-008"]["generator"]
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(2, 252))
    write_book(tmp_path, header_row() + rows, shared=f"<si><t>{'a' * 16_000_000}</t></si>")
    assert (tmp_path / BOOK).stat().st_size < 200_000
    assert_refused(validate(tmp_path), BOOK, "SHEET009")  # refused as a zip bomb first


def test_rs008_long_shared_string_is_refused_at_the_first_cell_using_it(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(2, 252))
    write_book(tmp_path, header_row() + rows, shared=f"<si><t>{incompressible(100_000)}</t></si>")
    assert_refused(validate(tmp_path), f"{BOOK}[systems]!A2", "SHEET012", "32,767")


def test_unused_long_shared_string_is_refused_for_the_workbook(tmp_path: Path) -> None:
    write_book(tmp_path, header_row(), shared=f"<si><t>{incompressible(40_000)}</t></si>")
    assert_refused(validate(tmp_path), BOOK, "SHEET012", "no catalogue cell uses it")


def test_rs008_variant_shared_strings_under_the_cell_limit_over_the_workbook_limit(
    tmp_path: Path,
) -> None:
    # 30,000 characters (under the per-cell limit) in 250 cells per row x 20 rows.
    cells = '<c t="s"><v>0</v></c>' * 250
    rows = "".join(f'<row r="{r}">{cells}</row>' for r in range(2, 22))
    write_book(tmp_path, header_row() + rows, shared=f"<si><t>{incompressible(30_000)}</t></si>")
    assert_refused(validate(tmp_path), f"{BOOK}[systems]!", "SHEET012", "100,000,000")


def test_rich_text_shared_string_runs_are_summed(tmp_path: Path) -> None:
    runs = "".join(f"<r><t>{incompressible(20_000)}</t></r>" for _ in range(3))
    rows = '<row r="2"><c r="B2" t="s"><v>0</v></c></row>'
    write_book(tmp_path, header_row() + rows, shared=f"<si>{runs}</si>")
    assert_refused(validate(tmp_path), f"{BOOK}[systems]!B2", "SHEET012")


def test_long_inline_string_is_refused_at_its_cell(tmp_path: Path) -> None:
    text = incompressible(MAX_CELL_CHARS + 1)
    rows = f'<row r="2"><c r="C2" t="inlineStr"><is><t>{text}</t></is></c></row>'
    write_book(tmp_path, header_row() + rows)
    assert_refused(validate(tmp_path), f"{BOOK}[systems]!C2", "SHEET012")


@pytest.mark.parametrize(
    ("variant", "before", "data"),
    [
        ("single-quoted refs", "", "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"),
        ("spaces around =", "", '<row r = "1048576"><c r = "XFD1048576"><v>1</v></c></row>'),
        ("entity in ref", "", '<row r="1048576"><c r="&#88;FD1048576"><v>1</v></c></row>'),
        (
            "rows out of order",
            "",
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row><row r="2"/>',
        ),
        (
            "prefixed",
            "",
            '<x:row xmlns:x="urn:x" r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>',
        ),
    ],
)
def test_rs009_extent_is_measured_whatever_the_xml_spelling(
    tmp_path: Path, variant: str, before: str, data: str
) -> None:
    # RS-009: calamine would allocate A1:XFD1048576 (17 billion cells) and abort (134).
    assert "XFD1048576" in CASES["RS-009"]["generator"]
    write_book(tmp_path, header_row() + data, before=before)
    result = validate(tmp_path)
    assert result.returncode != 134, variant
    assert_refused(result, f"{BOOK}[systems]", "SHEET009")


@pytest.mark.parametrize(
    "data",
    [
        "",
        '<row r="1048576"><c r="XFD1048576" s="1"/></row>',
        '<row r="1048576" spans="1:16384"/><row r="2"><c r="XFD2" s="1"></c></row>',
    ],
    ids=["dimension", "styled cell", "empty row and cell"],
)
@pytest.mark.parametrize("quote", ['"', "'"])
def test_rs009_a_lying_dimension_and_styled_cells_are_read_within_memory(
    tmp_path: Path, data: str, quote: str
) -> None:
    # gnumeric and Excel write <dimension ref="A1:XFD1048576"/> and value-less styled
    # cells down to the last row around a small table: calamine allocates from the cells
    # that hold values only, so the table is read, under the 1 GB limit, not refused.
    before = f"<dimension ref={quote}A1:XFD1048576{quote}/>"
    write_book(tmp_path, header_row() + data, before=before)
    result = validate(tmp_path)
    assert_bounded(result)
    assert "SHEET009" not in result.stdout, result.stdout[-2000:]
    assert "SHEET004 the catalogue has no 'systems'" not in result.stdout


def test_cells_without_r_are_counted_where_they_land(tmp_path: Path) -> None:
    # No r= at all: 20,000 cells in one row end past column XFD.
    row = "<row>" + "<c><v>1</v></c>" * 20_000 + "</row>"
    write_book(tmp_path, row)
    assert_refused(validate(tmp_path), f"{BOOK}[systems]", "SHEET013", "XFD1048576")


def test_rows_without_r_are_counted_where_they_land() -> None:
    # In process (a zip of this would be refused as a bomb first): the scan itself.
    xml = (
        b"<worksheet><sheetData>"
        + b"<row><c><v>1</v></c></row>" * 1_100_000
        + b"</sheetData></worksheet>"
    )
    scan = sheet_xml.scan(io.BytesIO(xml))
    assert scan.problem is not None
    assert scan.problem.code == "SHEET013"
    assert scan.last_row == sheet_xml.MAX_ROW


@pytest.mark.parametrize(
    "reference", ["A0x", "-1", "ZZZZ1", "A99999999", "1A"], ids=lambda r: f"r={r}"
)
def test_unreadable_cell_references_are_refused(tmp_path: Path, reference: str) -> None:
    write_book(tmp_path, header_row() + f'<row r="2"><c r="{reference}"><v>1</v></c></row>')
    assert_refused(validate(tmp_path), f"{BOOK}[systems]", "SHEET013")


def test_rs011_xxe_in_a_sheet_is_refused_and_nothing_is_read(tmp_path: Path) -> None:
    # RS-011: no DTD reaches any XML parser; /etc/passwd never shows.
    assert "XXE" in CASES["RS-011"]["generator"]
    write_book(tmp_path, header_row())
    path = tmp_path / BOOK
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet",
                    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet',
                ).replace(b"<t>id</t>", b"<t>&e;</t>")
            target.writestr(info, data)
    hostile.replace(path)
    result = validate(tmp_path)
    assert_refused(result, BOOK, "SHEET003", "DOCTYPE")
    assert "root:" not in result.stdout + result.stderr


def test_rs011_billion_laughs_in_shared_strings_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    write_book(tmp_path, header_row())
    path = tmp_path / BOOK
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data = f"<!DOCTYPE sst [{entities}]><sst {_NS}><si><t>&j;</t></si></sst>".encode()
            target.writestr(info, data)
    hostile.replace(path)
    assert_refused(validate(tmp_path), BOOK, "SHEET003")


def test_rs010_zip_bomb_ratio_is_refused_before_inflating(tmp_path: Path) -> None:
    # RS-010: 60 MB of empty cells zipped to ~60 KB (ratio ~1000:1).
    assert "zip bomb" in CASES["RS-010"]["generator"]
    write_book(tmp_path, header_row() + "<row><c/></row>" * 4_000_000)
    assert_refused(validate(tmp_path), BOOK, "SHEET009", "zip bomb")


# --- CSV -------------------------------------------------------------------------

CSV = "custodians/domains.csv"


def write_csv(root: Path, text: str) -> None:
    (root / "custodians").mkdir(parents=True, exist_ok=True)
    (root / CSV).write_text(text, encoding="utf-8")


def test_rs007_one_row_of_a_million_commas(tmp_path: Path) -> None:
    # RS-007: 1 MB, 1,000,001 empty columns: was a MemoryError.
    assert "1,000,000 commas" in CASES["RS-007"]["generator"]
    write_csv(tmp_path, "id,name,lead\n" + "," * 1_000_000 + "\n")
    assert_refused(validate(tmp_path), f"{CSV}[domains]!XFE2", "SHEET013", "16,384")


def test_rs007_variant_a_header_of_a_million_columns(tmp_path: Path) -> None:
    write_csv(tmp_path, ",".join(f"c{i}" for i in range(1_000_000)) + "\n")
    assert_refused(validate(tmp_path), f"{CSV}[domains]!XFE1", "SHEET013")


def test_rs007_variant_too_many_rows(tmp_path: Path) -> None:
    write_csv(tmp_path, "id\n" + "a\n" * 1_100_000)
    assert_refused(validate(tmp_path), f"{CSV}[domains]!", "SHEET013", "1,048,576")


def test_csv_cells_times_columns_over_the_sheet_limit(tmp_path: Path) -> None:
    write_csv(tmp_path, "id\n" + "a" + "," * 16_000 + "\n" + "a\n" * 3_000)
    assert_refused(validate(tmp_path), f"{CSV}[domains]!", "SHEET009")


@pytest.mark.parametrize("size", [MAX_CELL_CHARS + 1, 200_000], ids=["over-cell", "over-field"])
def test_csv_long_cell_is_located(tmp_path: Path, size: int) -> None:
    write_csv(tmp_path, "id,name,lead\nfinance," + "x" * size + ",anna\n")
    assert_refused(validate(tmp_path), CSV, "SHEET012")


# --- linear time -----------------------------------------------------------------

RUNS = {
    "spaces": " " * 100_000 + "x",
    "tabs": "\t" * 100_000 + "x",
    "hashes": "#" * 100_000 + " title",
    "anchors": "<a " * 100_000,
    "brackets": "[" * 100_000,
    "link-openers": "[](" * 50_000,
    "pipes": "|" * 100_000,
    "dashes": "-" * 100_000 + "x",
    "backticks": "`" * 100_000,
    "backtick-pairs": "``" * 50_000 + "`",
    "comments": "<!--" * 50_000,
    "heading-spaces": "# a" + " " * 100_000 + "x",
    "table-rule": "|--" + " " * 100_000 + "x",
    "bullet-spaces": "- a" + " " * 100_000 + "x",
    "href-spaces": '<a href="' + " " * 100_000 + "x",
    "admonition": "!!! " + "a" * 50_000 + " " * 50_000 + "!",
}

WID_HEAD = (
    "---\nid: WID-0001\ntitle: Hostile\nstatus: draft\nowner: anna@example.com\n"
    "domain: finance\n---\n# Hostile\n\n"
)
MADR2_HEAD = "# Use a thing\n\n"
NYGARD = (
    "# 1. Use a thing\n\nDate: 2024-01-01{run}\n\n## Status\n\nAccepted\n\n## Context\n\n{run}\n"
)


def hostile_repository(root: Path, run: str) -> None:
    (root / "wids").mkdir()
    (root / "adrs").mkdir()
    (root / "docs").mkdir()
    (root / "wids" / "WID-0001-hostile.md").write_text(
        WID_HEAD + f"{run}\n\n- {run}\n\n> {run}\n", encoding="utf-8"
    )
    (root / "wids" / "WID-0002-heading.md").write_text(
        WID_HEAD.replace("0001", "0002") + f"## {run}\n\n{run}\n---\n", encoding="utf-8"
    )
    (root / "adrs" / "0001-use-a-thing.md").write_text(
        MADR2_HEAD + f"* Status: accepted{run}\n* Deciders: {run}\n* Date: 2024-01-01\n\n{run}\n",
        encoding="utf-8",
    )
    (root / "adrs" / "0002-nygard.md").write_text(NYGARD.format(run=run), encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        f"# Docs\n\n{run}\n\n| a | b |\n|---|---|\n| {run} | x |\n", encoding="utf-8"
    )
    write_csv(root, f"id,name,lead\nfinance,{run.replace(',', ' ')},anna\n")


def test_long_headings_are_refused_at_their_line(tmp_path: Path) -> None:
    hostile_repository(tmp_path, "[" * 100_000)
    assert_refused(validate(tmp_path), "wids/WID-0002-heading.md:10:1", "FILE009")


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_rs001_to_rs006_validate_is_linear_on_pathological_lines(tmp_path: Path, run: str) -> None:
    # RS-001..006: lines of 100,000 spaces, '#', '<a ', '[', '|', '-' in WIDs, ADRs,
    # docs pages and catalogue cells. Bounded by the subprocess timeout (generous).
    assert {"RS-001", "RS-002", "RS-003", "RS-006"} <= CASES.keys()
    hostile_repository(tmp_path, run)
    assert_bounded(validate(tmp_path))


@pytest.mark.parametrize(
    "line",
    ["Accepted" + " " * 300_000 + "x", "|" * 300_000, "Proposed " + "\t " * 150_000 + "/"],
    ids=["spaces", "pipes", "tabs"],
)
def test_a_status_history_line_is_read_in_linear_time(tmp_path: Path, line: str) -> None:
    # A line under "## Status" is read as a history ("Proposed / Accepted"): the
    # separator's "[ \t]+/" tried from every blank of a long run (17 s for 100,000
    # spaces, quadratic). Bounded by the subprocess timeout.
    (tmp_path / "adrs").mkdir()
    (tmp_path / "adrs" / "0001-use-a-thing.md").write_text(
        f"# 1. Use a thing\n\nDate: 2024-01-01\n\n## Status\n\n{line}\n\n## Context\n\nx\n",
        encoding="utf-8",
    )
    assert_bounded(validate(tmp_path))


@pytest.mark.parametrize("run", ["1" * 300_000, "a" * 299_999 + ".", "x-" * 150_000 + "._"])
def test_dataset_ids_in_a_decision_are_found_in_linear_time(tmp_path: Path, run: str) -> None:
    # Every build and every start of the bot scan the decisions' text for dataset ids;
    # the id pattern was tried from every character of a long run without a dot (16 s
    # for 100,000 digits). ``paved ask`` builds the lookups the portal uses.
    (tmp_path / "adrs").mkdir()
    (tmp_path / "adrs" / "0001-use-a-thing.md").write_text(
        f"# 1. Use a thing\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n{run}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(PAVED), "ask", "who decided to use a thing?"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limits,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-2000:]
    assert result.returncode in (0, 1), result.stderr[-2000:]  # 1: the bot declined
    assert result.stdout.strip()


# --- YAML --------------------------------------------------------------------------


def test_rs013_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = Path("/tmp/pwned-RS-013")
    marker.unlink(missing_ok=True)
    (tmp_path / "wids").mkdir()
    (tmp_path / "wids" / "WID-0952-bomb.md").write_text(
        CASES["RS-013"]["payload"], encoding="utf-8"
    )
    assert_refused(validate(tmp_path), "wids/WID-0952-bomb.md:3:8", "YAML002", "python/object")
    assert not marker.exists()


def test_rs012_and_rs014_alias_bombs_and_deep_nesting_are_located(tmp_path: Path) -> None:
    (tmp_path / "wids").mkdir()
    (tmp_path / "adrs").mkdir()
    (tmp_path / "wids" / "WID-0951-bomb.md").write_text(
        CASES["RS-012"]["payload"], encoding="utf-8"
    )
    (tmp_path / "adrs" / "0001-bomb.md").write_text(CASES["RS-014"]["payload"], encoding="utf-8")
    assert_refused(validate(tmp_path), "wids/WID-0951-bomb.md:", "adrs/0001-bomb.md:", "YAML002")


@pytest.mark.parametrize(
    ("yaml_text", "where", "words"),
    [
        ("a: !!python/tuple [1, 2]", "x.md:2:4", "python/tuple"),
        ("a: !!python/object:os.system {}", "x.md:2:4", "python/object"),
        ("a: !!set {x, y}", "x.md:2:4", "set"),
        ("a: !!omap [b: 1]", "x.md:2:4", "omap"),
        ("a: !custom [1]", "x.md:2:4", "custom"),
        ("!!python/name:os.system k: 1", "x.md:2:1", "python/name"),
        ("a: !!binary aGVsbG8=", "x.md:2:4", "binary"),
        ("a: " + "9" * 5000, "x.md:2:4", "5,000 characters"),
        ("a: -0x" + "f" * 200, "x.md:2:4", "characters long"),
        ('a: "\\ud800"', "x.md:2:", "invalid YAML"),
        ("a: !!int '12x'", "x.md:2:4", "not a number"),
    ],
)
def test_front_matter_refuses_tags_huge_numbers_and_surrogates(
    yaml_text: str, where: str, words: str
) -> None:
    parsed, found = parse_front_matter(yaml_text, "x.md", 1)
    assert parsed is None
    assert [d.code for d in found] == ["YAML002"]
    assert str(found[0].location).startswith(where)
    assert words in found[0].message


def test_malformed_timestamps_stay_text_for_the_schema() -> None:
    parsed, found = parse_front_matter("a: 2024-13-45\nb: !!timestamp nope", "x.md", 1)
    assert found == []
    assert parsed is not None
    assert parsed.data == {"a": "2024-13-45", "b": "nope"}


def test_a_huge_svg_in_docs_or_next_to_the_adrs_is_refused_unread(tmp_path: Path) -> None:
    """SVGs are cleaned in memory (about 20 bytes per byte): one over MAX_SVG_BYTES is
    refused from its size, before it is read; smaller ones are still published."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from paved.generator.core.load.limits import MAX_SVG_BYTES
    from paved.generator.mkdocs_plugin.assets import decision_asset_files, vet_docs_files

    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "adrs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    small = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    for folder in ("docs", "adrs"):
        (root / folder / "small.svg").write_bytes(small)
        with (root / folder / "huge.svg").open("wb") as handle:
            handle.write(small[:-6])
            handle.truncate(MAX_SVG_BYTES + 1)  # sparse: cheap to make, costly to clean
    config = load_config(config_file=str(root / "mkdocs.yml"))
    config.plugins._current_plugin = "paved"  # File.generated names the running plugin
    files = get_files(config)
    refused = vet_docs_files(files, config, root)
    assert [(r.path, "MB" in r.reason) for r in refused] == [("huge.svg", True)]
    assert sorted(f.src_uri for f in files) == ["index.md", "small.svg"]
    published, refused = decision_asset_files(config, root)
    assert [f.src_uri for f in published] == ["decisions/small.svg"]
    assert [(r.path, "MB" in r.reason) for r in refused] == [("adrs/huge.svg", True)]


def test_report_pages_stay_bounded_whatever_the_store_holds(tmp_path: Path) -> None:
    """``/api/feedback`` and ``/api/ask`` take any page path and any question from any
    script (30 a minute per client): each new path or question was one more row of the
    portal's report pages, so a month of one client made a page of a million rows that
    every build converted and sanitised. The portal lists every page it has and at most
    a bounded number of others and of questions, and says how many it left out."""
    import datetime as dt

    from paved.bot.store import NewFeedback, open_store
    from paved.generator.mkdocs_plugin.reports import (
        FEEDBACK_PAGE,
        MAX_REPORT_ROWS,
        QUESTIONS_PAGE,
        report_files,
    )

    url = f"sqlite:///{tmp_path / 'bot.db'}"
    store = open_store(url)
    flood = 3 * MAX_REPORT_ROWS
    try:
        store.add_feedback(NewFeedback(page="get-started/index.md", rating=1, title="Get started"))
        for n in range(flood):
            store.add_feedback(NewFeedback(page=f"/spam-{n:05d}/", rating=0, title="x"))
            store.record_unanswered(f"spam question number {n:05d}")
    finally:
        store.close()
    pages = report_files(url, {"get-started/index.md"}, today=dt.date(2026, 1, 1))
    feedback, questions = pages[FEEDBACK_PAGE], pages[QUESTIONS_PAGE]
    assert "(../get-started/index.md)" in feedback  # a page of the portal is always there
    # A row names its page twice (label and link): count rows, not mentions.
    rows = [line for line in feedback.splitlines() if "spam-" in line]
    assert len(rows) <= MAX_REPORT_ROWS
    assert f"{flood - MAX_REPORT_ROWS:,} more" in feedback
    assert questions.count("spam question") <= MAX_REPORT_ROWS
    assert f"{flood - MAX_REPORT_ROWS:,} more" in questions
