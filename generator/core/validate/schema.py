"""JSON Schema checks of WID/ADR front matter and catalogue rows, with located,
plain-language messages.

Two validators per schema: a compiled ``fastjsonschema`` function answers "valid?"
in microseconds, and only what it rejects goes through ``jsonschema``'s
``iter_errors`` (slow, but it explains every error with a path). A catalogue of
200,000 rows is almost all valid, so this keeps ``paved validate`` fast. ``jsonschema``
itself (about 35 ms to import) is imported only when something needs explaining.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.types import JsonPath, MarkdownDoc, Sheet, SheetRow
from paved.generator.core.validate.columnar import is_date, suspect_rows
from paved.generator.core.validate.suggest import did_you_mean

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

#: After this many schema findings in one sheet the rest are summed up in one line.
MAX_ROW_FINDINGS = 100


@dataclass(frozen=True)
class CompiledSchema:
    name: str
    schema: dict[str, Any]
    fast: Callable[[Any], Any]

    @functools.cached_property
    def full(self) -> Draft202012Validator:
        """The explaining validator, built the first time an instance is rejected."""
        from jsonschema import Draft202012Validator, FormatChecker

        return Draft202012Validator(self.schema, format_checker=FormatChecker(["email", "date"]))

    def is_valid(self, instance: Any) -> bool:
        try:
            self.fast(instance)
        except fastjsonschema.JsonSchemaException:
            return False
        except Exception:
            return False
        return True

    def errors(self, instance: Any) -> list[ValidationError]:
        """Every error, the best branch of any anyOf/oneOf, in document order."""
        from jsonschema.exceptions import best_match

        found = []
        for error in self.full.iter_errors(instance):
            if error.context:
                error = best_match(error.context) or error
            found.append(error)
        found.sort(key=lambda e: [str(p) for p in e.absolute_path])
        return found


def load_schema(name: str) -> dict[str, Any]:
    with (SCHEMA_DIR / f"{name}.schema.json").open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def schema_exists(name: str) -> bool:
    return (SCHEMA_DIR / f"{name}.schema.json").is_file()


@functools.cache
def compiled(name: str) -> CompiledSchema:
    """Compile a schema once per process (``wid``, ``adr``, ``catalogue.columns``...)."""
    schema = load_schema(name)
    fast = fastjsonschema.compile(
        schema, formats={"date": is_date, "email": r"^[^@\s]+@[^@\s]+$"}, use_default=False
    )
    return CompiledSchema(name, schema, fast)


# ---------------------------------------------------------------------- messages


def field_name(path: JsonPath) -> str:
    """``('business_owner', 'email')`` → ``business_owner.email``; list items 1-based."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + part
    return text


_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of `key: value` lines",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}


def _type_of(value: Any, *, sheet: bool) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes/no" if sheet else "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _subschema(schema: dict[str, Any], path: JsonPath) -> dict[str, Any]:
    """The schema describing the value at ``path`` (properties/items only)."""
    node: Any = schema
    for part in path:
        if not isinstance(node, dict):
            return {}
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
    return node if isinstance(node, dict) else {}


def _description(schema: dict[str, Any], path: JsonPath) -> str:
    return str(_subschema(schema, path).get("description", ""))


@dataclass(frozen=True)
class Finding:
    """One schema error in plain words, with where it points (``path`` + ``key``)."""

    path: JsonPath
    key: bool
    message: str
    hint: str
    #: the field (sheet column) the finding is about, when it is not in ``path``
    subject: str | None = None


def explain(
    error: ValidationError, schema: dict[str, Any], *, sheet: bool = False
) -> list[Finding]:
    """Turn one jsonschema error into one or more plain-language findings."""
    path: JsonPath = tuple(error.absolute_path)
    where = field_name(path)
    value = error.instance
    kind = error.validator
    described = _description(schema, path)
    if kind == "required":
        missing = [
            name for name in error.validator_value if isinstance(value, dict) and name not in value
        ][:1] or [str(error.message).split("'")[1] if "'" in error.message else "?"]
        name = missing[0]
        owner = f"{where}: " if where else ""
        condition = _condition(error, schema)
        what = "column" if sheet else "field"
        message = f"{owner}required {what} '{name}' is missing{condition}"
        desc = _description(schema, (*path, name))
        hint = f"add '{name}'" + (f": {desc}" if desc else "")
        return [Finding(path, True, message, hint, subject=name)]
    if kind == "additionalProperties" and isinstance(value, dict):
        known = list(_subschema(schema, path).get("properties", {}))
        extras = [k for k in value if k not in known]
        owner = f" in {where}" if where else ""
        what = "column" if sheet else "field"
        return [
            Finding(
                (*path, extra),
                True,
                f"unknown {what} '{extra}'{owner}",
                did_you_mean(str(extra), known, f"known {what}s: {', '.join(known)}"),
            )
            for extra in extras
        ]
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        message = f"{where} {_show(value)} is not one of {', '.join(options)}"
        hint = did_you_mean(str(value), options, described)
        return [Finding(path, False, message, hint)]
    if kind == "const":
        return [Finding(path, False, f"{where} must be {_show(error.validator_value)}", "")]
    if kind == "type":
        expected = error.validator_value
        words = (
            " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in expected)
            if isinstance(expected, list)
            else _TYPE_WORDS.get(expected, str(expected))
        )
        if sheet and expected == "boolean":
            words = "yes or no"
        message = f"{where} should be {words}, not {_type_of(value, sheet=sheet)}"
        return [Finding(path, False, message, described)]
    if kind == "pattern":
        message = f"{where} {_show(value)} is not in the expected form"
        return [Finding(path, False, message, described or f"expected: {error.validator_value}")]
    if kind == "format":
        form = {"email": "email address", "date": "date (YYYY-MM-DD)"}.get(
            str(error.validator_value), str(error.validator_value)
        )
        return [Finding(path, False, f"{where} {_show(value)} is not a valid {form}", described)]
    if kind in ("minLength", "maxLength"):
        bound = "at least" if kind == "minLength" else "at most"
        message = f"{where} {_show(value)} is too {'short' if kind == 'minLength' else 'long'}"
        hint = f"write {bound} {error.validator_value} characters" + (
            f"; {described}" if described else ""
        )
        return [Finding(path, False, message, hint)]
    if kind == "minItems":
        n = error.validator_value
        message = f"{where} needs at least {n} item{'s' if n != 1 else ''}"
        return [Finding(path, False, message, described)]
    if kind == "uniqueItems" and isinstance(value, list):
        dup = _first_repeat(value)
        return [
            Finding(path, False, f"{where} lists {_show(dup)} more than once", "remove the repeat")
        ]
    return [Finding(path, False, f"{where or 'front matter'}: {error.message}", described)]


def _first_repeat(values: list[Any]) -> Any:
    seen: set[str] = set()
    for value in values:
        key = json.dumps(value, default=str, sort_keys=True)
        if key in seen:
            return value
        seen.add(key)
    return None


def _condition(error: ValidationError, schema: dict[str, Any]) -> str:
    """For errors from an if/then, say which condition made the field required."""
    if "then" not in error.schema_path:
        return ""
    condition = schema.get("if", {}).get("properties", {})
    parts = [
        f"{name} is {spec['const']}"
        for name, spec in condition.items()
        if isinstance(spec, dict) and "const" in spec
    ]
    return f" (required because {' and '.join(parts)})" if parts else ""


# ---------------------------------------------------------------------- documents


def check_document(doc: MarkdownDoc, schema_name: str, code: str) -> list[Diagnostic]:
    """Schema findings for one Markdown document's front matter."""
    schema = compiled(schema_name)
    if schema.is_valid(doc.front_matter):
        return []
    out: list[Diagnostic] = []
    for error in schema.errors(doc.front_matter):
        for finding in explain(error, schema.schema):
            location = doc.locate(finding.path, key=finding.key)
            out.append(diagnostic(code, location, finding.message, hint=finding.hint))
    return out


def check_sheet(sheet: Sheet, schema_name: str, code: str = "CAT301") -> list[Diagnostic]:
    """Schema findings for every row of one catalogue sheet (capped, see MAX_ROW_FINDINGS)."""
    schema = compiled(schema_name)
    out: list[Diagnostic] = []
    extra = 0
    for row in _rows_to_explain(sheet, schema):
        for diag in _row_findings(sheet, row.row, row.values, schema, code):
            if len(out) < MAX_ROW_FINDINGS:
                out.append(diag)
            else:
                extra += 1
    if extra:
        out.append(
            diagnostic(
                "CAT309",
                Location(sheet.path, sheet=sheet.name),
                f"{extra} more schema finding{'s' if extra != 1 else ''} in sheet "
                f"'{sheet.name}' not shown",
            )
        )
    return out


def _rows_to_explain(sheet: Sheet, schema: CompiledSchema) -> list[SheetRow]:
    """Rows the fast checks reject: column at a time when the schema allows, else the
    compiled fastjsonschema validator row by row."""
    suspects = suspect_rows(sheet, schema.schema)
    if suspects is not None:
        return [sheet.rows[i] for i in sorted(suspects)]
    return [row for row in sheet.rows if not schema.is_valid(row.values)]


def _row_findings(
    sheet: Sheet, row: int, values: dict[str, Any], schema: CompiledSchema, code: str
) -> Iterator[Diagnostic]:
    for error in schema.errors(values):
        for finding in explain(error, schema.schema, sheet=True):
            column = finding.subject or next((p for p in finding.path if isinstance(p, str)), None)
            location = sheet.locate(row, column)
            yield diagnostic(code, location, f"{sheet.name}: {finding.message}", hint=finding.hint)
