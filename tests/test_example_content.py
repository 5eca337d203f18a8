"""The bundled Halden Cycles example is what new users see first, so it must be exemplary.

These checks read the example files directly (yaml, openpyxl, jsonschema) rather than through
Paved's own loaders: they pin the content to the JSON Schemas and to the reference rules
independently of the validator, so a bug in either shows up as a disagreement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "generator" / "core" / "schemas"
WORKBOOK = REPO / "custodians" / "catalogue.xlsx"
SHEETS = ("domains", "custodians", "systems", "datasets", "columns", "lineage")
WID_SECTIONS = (
    "Value proposition",
    "Architecture",
    "Integration points",
    "How the data is surfaced",
)
WID_OPTIONAL_SECTIONS = ("Data quality", "Operations and support", "Open questions")


def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return loaded


def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(_schema(name), format_checker=FormatChecker())


def _split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """Front matter as a mapping (None when the file has none) and the body below it."""
    if not text.startswith("---\n"):
        return None, text
    end = text.index("\n---\n", 4)
    data = yaml.safe_load(text[4:end])
    assert isinstance(data, dict)
    return data, text[end + 5 :]


def _headings(body: str, level: int) -> list[str]:
    prefix = "#" * level + " "
    in_fence = False
    found: list[str] = []
    for line in body.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and line.startswith(prefix):
            found.append(line[len(prefix) :].strip())
    return found


def _words(body: str) -> int:
    """Words of prose: fenced code and diagrams do not count towards a WID's length."""
    prose = re.sub(r"^```.*?^```", "", body, flags=re.DOTALL | re.MULTILINE)
    return len(re.findall(r"\w[\w'-]*", prose))


# --- workbook -----------------------------------------------------------------------------


def _cell_value(schema_prop: dict[str, Any], raw: Any) -> Any:
    """Turn a cell into the JSON value the schema expects: ';' lists and yes/no booleans."""
    kind = schema_prop.get("type")
    if kind == "array":
        sep = schema_prop.get("x-separator", ";")
        return [part.strip() for part in str(raw).split(sep) if part.strip()]
    if kind == "boolean":
        text = str(raw).strip().lower()
        assert text in ("yes", "no"), f"boolean cell must be yes/no, got {raw!r}"
        return text == "yes"
    return raw


@cache
def _workbook() -> dict[str, tuple[tuple[str, ...], tuple[tuple[int, dict[str, Any]], ...]]]:
    """Sheet name -> (header, rows as (row number, record)); empty cells are left out."""
    wb = load_workbook(WORKBOOK, read_only=True, data_only=False)
    sheets: dict[str, tuple[tuple[str, ...], tuple[tuple[int, dict[str, Any]], ...]]] = {}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header = tuple(str(h) for h in rows[0] if h is not None)
        props = _schema(f"catalogue.{ws.title}")["properties"] if ws.title in SHEETS else {}
        records: list[tuple[int, dict[str, Any]]] = []
        for number, row in enumerate(rows[1:], start=2):
            if all(v is None for v in row):
                continue
            record = {
                name: _cell_value(props.get(name, {}), value)
                for name, value in zip(header, row, strict=False)
                if value is not None and str(value).strip() != ""
            }
            records.append((number, record))
        sheets[ws.title] = (header, tuple(records))
    wb.close()
    return sheets


def _records(sheet: str) -> list[dict[str, Any]]:
    return [record for _, record in _workbook()[sheet][1]]


def _ids(sheet: str) -> set[str]:
    return {str(r["id"]) for r in _records(sheet)}


def test_workbook_sheets_in_order_with_schema_headers() -> None:
    wb = _workbook()
    assert tuple(wb) == SHEETS
    for sheet in SHEETS:
        header = wb[sheet][0]
        assert set(header) == set(_schema(f"catalogue.{sheet}")["properties"]), sheet
        assert len(header) == len(set(header)), f"duplicate header in {sheet}"


def test_workbook_has_plain_values_only() -> None:
    wb = load_workbook(WORKBOOK)
    for ws in wb.worksheets:
        assert not ws.merged_cells.ranges, f"merged cells in {ws.title}"
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), (
                    f"formula in {ws.title}!{cell.coordinate}"
                )


@pytest.mark.parametrize("sheet", SHEETS)
def test_workbook_rows_match_schema(sheet: str) -> None:
    validator = _validator(f"catalogue.{sheet}")
    problems = [
        f"{sheet} row {number}: {error.message}"
        for number, record in _workbook()[sheet][1]
        for error in validator.iter_errors(record)
    ]
    assert problems == []


@pytest.mark.parametrize("sheet", SHEETS)
def test_workbook_primary_and_foreign_keys(sheet: str) -> None:
    schema = _schema(f"catalogue.{sheet}")
    records = _records(sheet)
    keys = [tuple(str(r.get(f)) for f in schema["x-primaryKey"]) for r in records]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert duplicates == set(), f"duplicate keys in {sheet}"
    for fk in schema["x-foreignKeys"]:
        target = {str(r[fk["reference"]["fields"]]) for r in _records(fk["reference"]["resource"])}
        for record in records:
            value = record.get(fk["fields"])
            values = value if isinstance(value, list) else [] if value is None else [value]
            missing = [v for v in values if v not in target]
            assert missing == [], f"{sheet} {record}: {fk['fields']} {missing} not found"


def test_dataset_ids_start_with_their_system() -> None:
    for record in _records("datasets"):
        assert str(record["id"]).startswith(f"{record['system']}."), record["id"]


def test_every_dataset_has_columns_and_personal_data_is_flagged() -> None:
    with_columns = {str(r["dataset"]) for r in _records("columns")}
    assert _ids("datasets") - with_columns == set()
    personal = {(r["dataset"], r["name"]) for r in _records("columns") if r["personal_data"]}
    assert ("webshop.customers", "email") in personal
    assert ("mes.operators", "full_name") in personal
    assert ("lakehouse.prd_store_sales_daily", "store_id") not in personal


def _lineage_edges() -> list[tuple[str, str, str]]:
    return [
        (str(r["upstream"]), str(r["downstream"]), str(r["stage"])) for r in _records("lineage")
    ]


def test_lineage_has_every_stage_and_no_cycles() -> None:
    edges = _lineage_edges()
    assert {stage for _, _, stage in edges} == {"ingest", "refine", "serve", "export"}
    graph: dict[str, set[str]] = {}
    for up, down, _ in edges:
        assert up != down
        graph.setdefault(up, set()).add(down)
    state: dict[str, int] = {}

    def visit(node: str) -> None:
        state[node] = 1
        for nxt in graph.get(node, set()):
            assert state.get(nxt) != 1, f"lineage cycle through {node} -> {nxt}"
            if nxt not in state:
                visit(nxt)
        state[node] = 2

    for node in list(graph):
        if node not in state:
            visit(node)


def test_catalogue_is_big_enough_to_be_a_realistic_example() -> None:
    assert len(_records("domains")) >= 5
    assert len(_records("custodians")) >= 12
    assert len(_records("systems")) >= 8
    assert len(_records("datasets")) >= 40
    assert len(_records("columns")) >= 300
    assert len(_records("lineage")) >= 40


# --- WIDs ---------------------------------------------------------------------------------


def _wid_files() -> list[Path]:
    return sorted((REPO / "wids").glob("WID-*.md"))


def _wids() -> Iterator[tuple[Path, dict[str, Any], str]]:
    for path in _wid_files():
        front, body = _split_front_matter(path.read_text("utf-8"))
        assert front is not None, f"{path.name} has no front matter"
        yield path, front, body


def _adr_ids() -> set[str]:
    return {f"ADR-{p.name[:4]}" for p in (REPO / "adrs").glob("[0-9][0-9][0-9][0-9]-*.md")}


def test_wid_front_matter_matches_schema() -> None:
    validator = _validator("wid")
    problems = [
        f"{path.name}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for path, front, _ in _wids()
        for error in validator.iter_errors(front)
    ]
    assert problems == []


def test_wid_ids_titles_and_sections() -> None:
    for path, front, body in _wids():
        assert path.name.startswith(f"{front['id']}-"), path.name
        assert re.fullmatch(r"WID-\d{4}-[a-z0-9-]+\.md", path.name)
        assert _headings(body, 1) == [front["title"]], path.name
        sections = _headings(body, 2)
        for required in WID_SECTIONS:
            assert sections.count(required) == 1, f"{path.name}: missing ## {required}"
        unknown = set(sections) - set(WID_SECTIONS) - set(WID_OPTIONAL_SECTIONS)
        assert unknown == set(), f"{path.name}: {unknown}"
        assert 250 <= _words(body) <= 600, f"{path.name}: {_words(body)} words"
        assert not re.search(r"<[A-Za-z/!]", body), f"{path.name}: raw HTML"


def test_wid_references_resolve() -> None:
    domains, custodians, systems = _ids("domains"), _ids("custodians"), _ids("systems")
    datasets, adrs = _ids("datasets"), _adr_ids()
    for path, front, _ in _wids():
        where = path.name
        assert front["domain"] in domains, where
        assert front["custodian"] in custodians, where
        assert set(front.get("upstream", {}).get("systems", [])) <= systems, where
        assert set(front.get("upstream", {}).get("datasets", [])) <= datasets, where
        for direction in ("ingress", "egress"):
            for point in front.get("integration", {}).get(direction, []):
                assert point["system"] in systems, f"{where} {direction} {point['system']}"
        assert set(front.get("related_adrs", [])) <= adrs, where
        assert front.get("technical_contact", {}).get("slack"), where
        assert front.get("business_owner", {}).get("slack"), where


def test_wid_diagrams_are_flowcharts_with_edges() -> None:
    """The WIDs' architecture diagrams are flowcharts that say what feeds what."""
    blocks = 0
    for path, _, body in _wids():
        for source in re.findall(r"^```mermaid\n(.*?)^```", body, flags=re.DOTALL | re.MULTILINE):
            blocks += 1
            first = source.strip().splitlines()[0]
            assert re.match(r"(flowchart|graph)\s+(LR|RL|TB|TD|BT)\b", first), path.name
            assert "-->" in source, f"{path.name}: diagram without edges"
    assert blocks >= 5


def test_wid_personal_data_is_documented() -> None:
    with_personal = 0
    for path, front, _ in _wids():
        personal = front["personal_data"]
        if personal["present"]:
            with_personal += 1
            for key in ("legal_basis", "retention", "categories"):
                assert personal.get(key), f"{path.name}: personal data without {key}"
    assert with_personal >= 2


def test_wids_cover_statuses_and_domains() -> None:
    wids = [front for _, front, _ in _wids()]
    assert len(wids) >= 8
    assert len({w["domain"] for w in wids}) >= 4
    statuses = [w["status"] for w in wids]
    assert set(statuses) == {"draft", "submitted", "approved", "onboarded", "retired"}
    assert statuses.count("onboarded") >= 3
    assert len({w["id"] for w in wids}) == len(wids)


# --- ADRs ---------------------------------------------------------------------------------


def _adr_meta(path: Path) -> dict[str, Any]:
    """Status, date, supersede links and format of an ADR in MADR 4, MADR 2 or Nygard form."""
    text = path.read_text("utf-8")
    front, body = _split_front_matter(text)
    if front is not None:
        return {**front, "format": "madr4", "body": body}
    bullets = dict(re.findall(r"^\* (Status|Date|Deciders): (.+)$", text, flags=re.MULTILINE))
    if bullets:
        return {
            "status": bullets["Status"].strip().lower(),
            "date": bullets["Date"].strip(),
            "format": "madr2",
            "body": text,
        }
    status = re.search(r"^## Status\n+(\w+)", text, flags=re.MULTILINE)
    when = re.search(r"^Date: (\d{4}-\d{2}-\d{2})$", text, flags=re.MULTILINE)
    assert status, f"{path.name}: unknown ADR format (no ## Status)"
    assert when, f"{path.name}: unknown ADR format (no Date: line)"
    return {"status": status[1].lower(), "date": when[1], "format": "nygard", "body": text}


def _adrs() -> list[tuple[str, Path, dict[str, Any]]]:
    paths = sorted((REPO / "adrs").glob("*.md"))
    assert all(re.fullmatch(r"\d{4}-[a-z0-9-]+\.md", p.name) for p in paths), "unexpected file"
    return [(f"ADR-{p.name[:4]}", p, _adr_meta(p)) for p in paths]


def test_madr4_front_matter_matches_schema() -> None:
    validator = _validator("adr")
    problems: list[str] = []
    for _, path, meta in _adrs():
        if meta["format"] != "madr4":
            continue
        front = {k: v for k, v in meta.items() if k not in ("format", "body")}
        problems += [f"{path.name}: {e.message}" for e in validator.iter_errors(front)]
        sections = _headings(meta["body"], 2)
        for required in ("Context and Problem Statement", "Considered Options", "Decision Outcome"):
            assert required in sections, f"{path.name}: missing ## {required}"
        assert "Consequences" in _headings(meta["body"], 3), path.name
        assert len(_headings(meta["body"], 1)) == 1, path.name
    assert problems == []


def test_adr_formats_statuses_and_dates() -> None:
    adrs = _adrs()
    assert len(adrs) >= 10
    formats = [meta["format"] for _, _, meta in adrs]
    assert formats.count("madr2") == 1
    assert formats.count("nygard") == 1
    statuses = {meta["status"] for _, _, meta in adrs}
    assert {"accepted", "superseded", "deprecated", "rejected", "proposed"} <= statuses
    dates = [date.fromisoformat(str(meta["date"])) for _, _, meta in adrs]
    assert dates == sorted(dates)
    assert all(2022 <= d.year <= 2026 for d in dates)


def test_adr_supersede_links_agree_both_ways_and_references_resolve() -> None:
    adrs = {adr_id: meta for adr_id, _, meta in _adrs()}
    wids = {front["id"] for _, front, _ in _wids()}
    systems = _ids("systems")
    chain_lengths = []
    for adr_id, meta in adrs.items():
        successor = meta.get("superseded-by")
        assert (meta["status"] == "superseded") == (successor is not None), adr_id
        if successor:
            assert adr_id in adrs[successor].get("supersedes", []), f"{adr_id} -> {successor}"
        for older in meta.get("supersedes", []):
            assert adrs[older].get("superseded-by") == adr_id, f"{adr_id} supersedes {older}"
        affects = meta.get("affects", {})
        assert set(affects.get("wids", [])) <= wids, adr_id
        assert set(affects.get("systems", [])) <= systems, adr_id
        length, current = 1, meta
        while current.get("superseded-by"):
            current = adrs[current["superseded-by"]]
            length += 1
        chain_lengths.append(length)
    assert max(chain_lengths) >= 3


# --- Paved's own check --------------------------------------------------------------------


def test_paved_check_reports_nothing_on_the_example() -> None:
    """The example must be clean under Paved's validator: no errors and no warnings, and
    everything in it must actually have been read (an empty load would also be clean)."""
    from paved.generator.core.api import check

    result = check(REPO)
    found = [f"{d.location} {d.code} {d.message}" for d in result.diagnostics]
    assert found == []
    assert len(result.loaded.wids) == len(_wid_files())
    assert len(result.loaded.adrs) == len(_adrs())
    assert {name: len(sheet.rows) for name, sheet in result.loaded.sheets.items()} == {
        name: len(_workbook()[name][1]) for name in SHEETS
    }
    assert {d.format for d in result.loaded.adrs} >= {"madr2", "nygard"}
