"""How a document's id is found: one place, shared by validation and the model builder."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from paved.generator.core.load.types import MarkdownDoc

_WID_FILE = re.compile(r"^(WID-\d{4})(?:[-_.]|$)")
_ADR_FILE = re.compile(r"^(?:ADR-)?(\d{1,5})(?:[-_.]|$)", re.IGNORECASE)


def file_stem(path: str) -> str:
    return PurePosixPath(path).stem


def wid_id_from_file(path: str) -> str | None:
    match = _WID_FILE.match(file_stem(path))
    return match.group(1) if match else None


def adr_number_from_file(path: str) -> int | None:
    match = _ADR_FILE.match(file_stem(path))
    return int(match.group(1)) if match else None


def wid_id(doc: MarkdownDoc) -> str | None:
    """The id a WID declares, else the one in its file name."""
    value = doc.front_matter.get("id")
    return value if isinstance(value, str) and value else wid_id_from_file(doc.path)


def adr_id(doc: MarkdownDoc) -> str | None:
    """``id:`` if given, else ADR- and the file's number (``adrs/0007-x.md`` → ADR-0007)."""
    value = doc.front_matter.get("id")
    if isinstance(value, str) and value:
        return value
    number = adr_number_from_file(doc.path)
    return f"ADR-{number:04d}" if number is not None else None


def adr_number(identifier: str) -> int:
    digits = "".join(ch for ch in identifier if ch.isdigit())
    return int(digits) if digits else 0


def str_list(value: object) -> list[str]:
    """A YAML value that should be a list of strings, tolerating a lone string."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []
