"""JSON Schema checks of WID/ADR front matter and catalogue rows, with located,
plain-language messages.

One validator per schema, ``jsonschema_rs`` (Rust; Draft 2020-12): ``is_valid`` answers
"valid?" for every row and document, and only what it rejects goes through
``iter_errors``, whose errors carry what a located message needs: the instance path
(→ line/column or sheet cell), the keyword and its details, the value, and every branch
of an anyOf/oneOf. One format rule: ``date`` is RFC 3339 full-date and ``email`` is the
library's RFC 5321 address check under ``EMAIL`` (no display name, no IP-literal domain,
a dotted domain), for front matter and catalogue cells alike.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema_rs import ValidationError

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.types import JsonPath, MarkdownDoc, Sheet, date_from_prose
from paved.generator.core.validate.suggest import did_you_mean

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

#: After this many schema findings in one sheet the rest are summed up in one line.
MAX_ROW_FINDINGS = 100

#: The one email rule: a work address as a mail client sends to it. "Ana <ana@x.no>"
#: (pasted from a mail client) and "ana@[10.0.0.1]" break mailto links; "ana@localhost"
#: is nobody's work address.
EMAIL = jsonschema_rs.EmailOptions(
    require_tld=True, allow_display_text=False, allow_domain_literal=False
)


@dataclass(frozen=True)
class CompiledSchema:
    name: str
    schema: dict[str, Any]
    validator: jsonschema_rs.Validator

    def is_valid(self, instance: Any) -> bool:
        try:
            return self.validator.is_valid(instance)
        except ValueError:  # not JSON-like (a non-text key, a set): the errors say why
            return False

    def errors(self, instance: Any) -> list[ValidationError]:
        """Every error, the closest branch of any anyOf/oneOf, in document order."""
        try:
            raw = list(self.validator.iter_errors(instance))
        except ValueError:
            raw = list(self.validator.iter_errors(_json_like(instance)))
        found = [leaf for error in raw for leaf in best_branch(error)]
        # a schema may pair a format with a pattern for editors that skip formats:
        # "not a valid email address" says more than "not in the expected form"
        formatted = {tuple(e.instance_path) for e in found if e.kind.name == "format"}
        found = [
            e for e in found if e.kind.name != "pattern" or tuple(e.instance_path) not in formatted
        ]
        found.sort(key=lambda e: [str(p) for p in e.instance_path])
        return found


def compile_schema(name: str, schema: dict[str, Any]) -> CompiledSchema:
    validator = jsonschema_rs.validator_for(
        schema, validate_formats=True, ignore_unknown_formats=False, email_options=EMAIL
    )
    return CompiledSchema(name, schema, validator)


def best_branch(error: ValidationError) -> list[ValidationError]:
    """For an anyOf/oneOf that no branch matches, the errors of the branch that came
    closest (like check-jsonschema's best match): a branch of the value's own type
    first, then the one with fewest errors; nested choices are resolved the same way."""
    context: list[list[ValidationError]] = getattr(error.kind, "context", None) or []
    branches = [b for b in context if b]
    if error.kind.name not in ("anyOf", "oneOf") or not branches:
        return [error]
    depth = len(error.instance_path)

    def distance(branch: list[ValidationError]) -> tuple[bool, int]:
        wrong_type = any(e.kind.name == "type" and len(e.instance_path) == depth for e in branch)
        return (wrong_type, len(branch))

    closest = min(branches, key=distance)
    return [leaf for e in closest for leaf in best_branch(e)]


def _json_like(value: Any) -> Any:
    """``value`` with text keys and lists only, for values no loader produces (the
    loaders hand over JSON-like data; a test or a plugin may not)."""
    if isinstance(value, dict):
        return {str(k): _json_like(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_like(v) for v in value]
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


@functools.cache
def _date_rule() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(
        {"type": "string", "format": "date"}, validate_formats=True, ignore_unknown_formats=False
    )


def is_date(value: object) -> bool:
    """The schemas' ``format: date`` (RFC 3339 full-date, YYYY-MM-DD), for rules that
    check a date outside a schema (a docs page's ``review_by``)."""
    return _date_rule().is_valid(value) if isinstance(value, str) else False


def load_schema(name: str) -> dict[str, Any]:
    with (SCHEMA_DIR / f"{name}.schema.json").open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def schema_exists(name: str) -> bool:
    return (SCHEMA_DIR / f"{name}.schema.json").is_file()


@functools.cache
def compiled(name: str) -> CompiledSchema:
    """Compile a schema once per process (``wid``, ``adr``, ``catalogue.columns``...)."""
    return compile_schema(name, load_schema(name))


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
    """Turn one jsonschema_rs error into one or more plain-language findings."""
    path: JsonPath = tuple(error.instance_path)
    where = field_name(path)
    value = error.instance
    kind = error.kind
    keyword = kind.name
    described = _description(schema, path)
    what = "column" if sheet else "field"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        name = kind.property
        owner = f"{where}: " if where else ""
        message = f"{owner}required {what} '{name}' is missing{_condition(error, schema)}"
        desc = _description(schema, (*path, name))
        hint = f"add '{name}'" + (f": {desc}" if desc else "")
        return [Finding(path, True, message, hint, subject=name)]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
        known = list(_subschema(schema, path).get("properties", {}))
        owner = f" in {where}" if where else ""
        return [
            Finding(
                (*path, extra),
                True,
                f"unknown {what} '{extra}'{owner}",
                did_you_mean(str(extra), known, f"known {what}s: {', '.join(known)}"),
            )
            for extra in kind.unexpected
        ]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Enum):
        options = [str(o) for o in kind.options]
        message = f"{where} {_show(value)} is not one of {', '.join(options)}"
        hint = did_you_mean(str(value), options, described)
        return [Finding(path, False, message, hint)]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Constant):
        return [Finding(path, False, f"{where} must be {_show(kind.expected_value)}", "")]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Type):
        types = _subschema(schema, path).get("type", kind.types)
        expected = types if isinstance(types, list) else [types]
        words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in expected)
        if sheet and expected == ["boolean"]:
            words = "yes or no"
        message = f"{where} should be {words}, not {_type_of(value, sheet=sheet)}"
        return [Finding(path, False, message, described)]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Pattern):
        message = f"{where} {_show(value)} is not in the expected form"
        return [Finding(path, False, message, described or f"expected: {kind.pattern}")]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Format):
        form = {"email": "email address", "date": "date (YYYY-MM-DD)"}.get(kind.format, kind.format)
        return [Finding(path, False, f"{where} {_show(value)} is not a valid {form}", described)]
    if isinstance(
        kind,
        jsonschema_rs.ValidationErrorKind.MinLength | jsonschema_rs.ValidationErrorKind.MaxLength,
    ):
        short = keyword == "minLength"
        bound = "at least" if short else "at most"
        message = f"{where} {_show(value)} is too {'short' if short else 'long'}"
        hint = f"write {bound} {kind.limit} characters" + (f"; {described}" if described else "")
        return [Finding(path, False, message, hint)]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.MinItems):
        n = kind.limit
        message = f"{where} needs at least {n} item{'s' if n != 1 else ''}"
        return [Finding(path, False, message, described)]
    if keyword == "uniqueItems" and isinstance(value, list):
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
    """Schema findings for one Markdown document's front matter. An ADR date read from
    prose is left to the date rule (ADR215), which shows a wrong one as written."""
    schema = compiled(schema_name)
    front = doc.front_matter
    if schema_name == "adr" and date_from_prose(doc) and isinstance(front.get("date"), str):
        front = {k: v for k, v in front.items() if k != "date"}
    if schema.is_valid(front):
        return []
    out: list[Diagnostic] = []
    for error in schema.errors(front):
        for finding in explain(error, schema.schema):
            location = doc.locate(finding.path, key=finding.key)
            out.append(diagnostic(code, location, finding.message, hint=finding.hint))
    return out


def check_sheet(sheet: Sheet, schema_name: str, code: str = "CAT301") -> list[Diagnostic]:
    """Schema findings for every row of one catalogue sheet (capped, see MAX_ROW_FINDINGS)."""
    schema = compiled(schema_name)
    out: list[Diagnostic] = []
    extra = 0
    for row in sheet.rows:
        if schema.is_valid(row.values):
            continue
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


def _row_findings(
    sheet: Sheet, row: int, values: dict[str, Any], schema: CompiledSchema, code: str
) -> Iterator[Diagnostic]:
    for error in schema.errors(values):
        for finding in explain(error, schema.schema, sheet=True):
            column = finding.subject or next((p for p in finding.path if isinstance(p, str)), None)
            location = sheet.locate(row, column)
            yield diagnostic(code, location, f"{sheet.name}: {finding.message}", hint=finding.hint)
