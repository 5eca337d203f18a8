"""How a document's id is found: one place, shared by validation and the model builder."""

from __future__ import annotations

import functools
import re
from pathlib import PurePosixPath

from paved.generator.core.load.adr_ids import file_number, number_of, record_id
from paved.generator.core.load.types import MarkdownDoc

_WID_FILE = re.compile(r"^(WID-\d{4})(?:[-_.]|$)")


@functools.lru_cache(maxsize=1 << 16)  # asked of every document by several rules
def file_stem(path: str) -> str:
    return PurePosixPath(path).stem


def wid_id_from_file(path: str) -> str | None:
    match = _WID_FILE.match(file_stem(path))
    return match.group(1) if match else None


def adr_number_from_file(path: str) -> int | None:
    """The number a file name starts with; ``None`` for log4brains' dates."""
    return file_number(file_stem(path))


def wid_id(doc: MarkdownDoc) -> str | None:
    """The id a WID declares, else the one in its file name."""
    value = doc.front_matter.get("id")
    return value if isinstance(value, str) and value else wid_id_from_file(doc.path)


def adr_id(doc: MarkdownDoc) -> str | None:
    """``id:`` if given, else from the file name (``adrs/0007-x.md`` → ADR-0007,
    ``20200924-x.md`` → ``20200924-x``): ``load.adr_ids`` is the one rule."""
    return record_id(doc)


def adr_number(identifier: str) -> int:
    """The record number an id carries (ADR-0007 → 7, adrs-adr001 → 1), else 0."""
    return number_of(identifier) or 0


def str_list(value: object) -> list[str]:
    """A YAML value that should be a list of strings, tolerating a lone string."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []
