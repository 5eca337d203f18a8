"""YAML front matter → plain values plus the position of every key and value.

PyYAML's libyaml-backed composer builds the node tree (each node carries its
start mark); walking the nodes ourselves instead of constructing Python objects
lets us record positions, report duplicate keys (PyYAML silently keeps the last
one) and keep dates as the string the author wrote, so the JSON Schema checks
the format rather than PyYAML guessing a type. See benchmarks/README.md,
"Choosing the YAML reader", for why not ruamel.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.types import JsonPath

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

#: Guards against alias expansion bombs and recursive anchors.
_MAX_NODES = 100_000
_MAX_DEPTH = 64
_BRACKETS = re.compile(r"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A number written with more characters than this is refused (a 5,000-digit integer
#: costs seconds to convert and overflows every consumer).
_MAX_NUMBER_CHARS = 100
_KEY_TAGS = frozenset({_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP})

#: ``yaml.compose`` is not typed as returning ``Node``; the loader class is only
#: looked up when parsing (no work at import time beyond attribute access).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class FrontMatter:
    """Plain values of a YAML mapping and where each key and value sits (1-based)."""

    data: dict[str, Any]
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)


class _Abort(Exception):
    """Stops the walk on a structural problem; carries the diagnostic to report."""

    def __init__(self, found: Diagnostic) -> None:
        super().__init__(found.message)
        self.found = found


class _Walker:
    """Turns a node tree into plain values, recording positions as it goes."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.result = FrontMatter(data={})
        self.diagnostics: list[Diagnostic] = []
        self.visited = 0
        self._scalars = SafeConstructor()

    def where(self, node: Node) -> tuple[int, int]:
        mark = node.start_mark
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def location(self, node: Node) -> Location:
        line, column = self.where(node)
        return Location(self.path, line=line, column=column)

    def value(self, node: Node, jpath: JsonPath, depth: int) -> Any:
        self.visited += 1
        if depth > _MAX_DEPTH:
            raise _Abort(
                diagnostic(
                    "YAML002",
                    self.location(node),
                    f"the front matter nests values more than {_MAX_DEPTH} levels deep",
                )
            )
        if self.visited > _MAX_NODES:
            raise _Abort(
                diagnostic(
                    "YAML002",
                    self.location(node),
                    "the front matter expands to too many values (recursive or repeated "
                    "aliases); write the values out instead of using anchors",
                )
            )
        self.result.positions[jpath] = self.where(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if node.tag not in (_SEQ, _MAP):
            self.unsupported_tag(node)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*jpath, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, jpath, depth)
        raise _Abort(diagnostic("YAML002", self.location(node), "unsupported YAML node"))

    def unsupported_tag(self, node: Node) -> None:
        raise _Abort(
            diagnostic(
                "YAML002",
                self.location(node),
                f"the YAML tag {_shown(node.tag)} is not supported in front matter; "
                "remove it and write a plain value",
            )
        )

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        text = node.value
        if not text.isascii() and _SURROGATE.search(text):
            raise _Abort(
                diagnostic(
                    "YAML002",
                    self.location(node),
                    "the value holds an unpaired UTF-16 surrogate escape (such as \\ud800), "
                    "which is not a character; remove it",
                )
            )
        if tag in (_INT, _FLOAT) and len(text) > _MAX_NUMBER_CHARS:
            raise _Abort(
                diagnostic(
                    "YAML002",
                    self.location(node),
                    f"the number is {len(text):,} characters long, over the limit of "
                    f"{_MAX_NUMBER_CHARS}; quote it if it is meant as text",
                )
            )
        if tag in (_STR, _TIMESTAMP):
            # Timestamps stay as written: the schema checks the date format.
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return self._scalars.construct_yaml_bool(node)
        if tag in (_INT, _FLOAT) and ":" in node.value:
            # YAML 1.1 reads 23:00 as the base-60 number 82800; YAML 1.2 and people
            # read a time of day. Keep the text.
            return node.value
        try:
            if tag == _INT:
                return self._scalars.construct_yaml_int(node)
            if tag == _FLOAT:
                return self._scalars.construct_yaml_float(node)
        except (ValueError, ArithmeticError) as error:
            raise _Abort(
                diagnostic(
                    "YAML002",
                    self.location(node),
                    f"the value {_shown(text)} is not a number YAML can read ({error}); "
                    "quote it if it is meant as text",
                )
            ) from None
        self.unsupported_tag(node)
        return None

    def mapping(self, node: MappingNode, jpath: JsonPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.append(value_node)
                continue
            if isinstance(key_node, ScalarNode) and key_node.tag not in _KEY_TAGS:
                self.unsupported_tag(key_node)
            if not isinstance(key_node, ScalarNode):
                raise _Abort(
                    diagnostic(
                        "YAML002",
                        self.location(key_node),
                        "a mapping key must be a plain word or text, not a list or mapping",
                    )
                )
            key = str(self.scalar(key_node))
            if key in seen:
                first_line = self.where(seen[key])[0]
                second_line = self.where(key_node)[0]
                self.diagnostics.append(
                    diagnostic(
                        "YAML004",
                        self.location(key_node),
                        f"key {key!r} appears twice in the same mapping "
                        f"(lines {first_line} and {second_line}); the second value is used",
                        related=(self.location(seen[key]),),
                    )
                )
            seen[key] = key_node
            child = (*jpath, key)
            self.result.key_positions[child] = self.where(key_node)
            out[key] = self.value(value_node, child, depth + 1)
        for source in merged:
            self.merge_into(out, source, jpath, depth)
        return out

    def merge_into(self, out: dict[str, Any], source: Node, jpath: JsonPath, depth: int) -> None:
        """YAML merge keys (``<<: *defaults``): explicit keys win over merged ones."""
        sources = source.value if isinstance(source, SequenceNode) else [source]
        for item in sources:
            if not isinstance(item, MappingNode):
                raise _Abort(
                    diagnostic("YAML002", self.location(item), "a merge key ('<<') needs a mapping")
                )
            values = self.mapping(item, jpath, depth + 1)
            for key, value in values.items():
                out.setdefault(key, value)


def parse_front_matter(
    text: str, path: str, line_offset: int
) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Parse ``text`` (the lines between the ``---`` fences) as a YAML mapping.

    ``line_offset`` is the number of file lines before ``text`` so positions are
    file lines. Returns ``None`` (and an error) when the YAML is invalid or is
    not a mapping; an empty block is an empty mapping.
    """
    too_deep = _too_deep(text, path, line_offset)
    if too_deep is not None:
        return None, [too_deep]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_error(error, text, path, line_offset)]
    except yaml.YAMLError as error:  # errors without a mark (e.g. reader errors)
        return None, [
            diagnostic("YAML002", Location(path, line=line_offset + 1, column=1), str(error))
        ]
    if root is None:
        return FrontMatter(data={}), []
    walker = _Walker(path, line_offset)
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        return None, [
            diagnostic(
                "YAML003",
                walker.location(root),
                f"the front matter is {kind}, not a mapping of 'key: value' fields",
            )
        ]
    try:
        data = walker.mapping(root, (), 0)
    except _Abort as abort:
        return None, [*walker.diagnostics, abort.found]
    walker.result.data = data
    return walker.result, walker.diagnostics


def _shown(text: str) -> str:
    """A tag or value quoted for a message, cut to a readable length."""
    return repr(text[:60] + ("..." if len(text) > 60 else ""))


def _too_deep(text: str, path: str, line_offset: int) -> Diagnostic | None:
    """Refuse absurdly nested flow collections before libyaml's composer sees them:
    it recurses in C and crashes the process (not an exception) at ~100,000 levels.
    Brackets inside quoted strings are counted too, which only errs on the safe side."""
    if text.count("[") + text.count("{") <= _MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > _MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return diagnostic(
                "YAML002",
                Location(path, line=line + line_offset, column=column),
                f"the front matter nests brackets more than {_MAX_DEPTH} levels deep",
            )
    return None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _syntax_error(
    error: yaml.MarkedYAMLError, text: str, path: str, line_offset: int
) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        location = Location(path, line=line_offset + 1, column=1)
    else:
        location = Location(path, line=mark.line + 1 + line_offset, column=mark.column + 1)
    problem = error.problem or "invalid YAML"
    message = f"invalid YAML: {problem}"
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        message += " (a tab: YAML allows only spaces for indentation)"
    if error.context:
        context_mark = error.context_mark
        where = f" (line {context_mark.line + 1 + line_offset})" if context_mark else ""
        message += f", {error.context}{where}"
    return diagnostic("YAML002", location, message)
