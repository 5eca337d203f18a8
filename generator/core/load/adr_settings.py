"""The decision log's settings, read from the ``paved`` plugin's options in ``mkdocs.yml``.

```yaml
plugins:
  - paved:
      adr_statuses:          # the team's own status words → Paved's five statuses
        in discussion: proposed
        ratified: accepted
      adr_strict_from: ADR-0016   # or a date: 2025-01-01
      adr_date_order: day-first   # how the log writes 05/02/2018 (or month-first)
```

``paved validate`` runs without MkDocs, so the core reads these options itself: the
file is composed with PyYAML's composer only (no constructor runs, so tags such as
``!ENV`` or ``!!python/name`` are never executed), bounded in size, and every value is
checked here with a located message. A repository without ``mkdocs.yml`` has defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.adr_status import STATUSES, key
from paved.generator.core.load.config_nodes import entries, get
from paved.generator.core.load.limits import MAX_MARKDOWN_BYTES
from paved.generator.core.load.text import read_text

if TYPE_CHECKING:
    from paved.generator.core.load.types import LoadedRepository

CONFIG_FILE = "mkdocs.yml"
STATUSES_OPTION = "adr_statuses"
STRICT_OPTION = "adr_strict_from"
DATE_ORDER_OPTION = "adr_date_order"
DATE_ORDERS = ("day-first", "month-first")


@dataclass(frozen=True, slots=True)
class AdrSettings:
    """``statuses``: the team's words (lookup form) → one of ``STATUSES``.
    ``strict_from``: an ADR id/number or a YYYY-MM-DD date, or ``None``.
    ``statuses_line``: where ``adr_statuses`` is (for hints), 0 when absent.
    ``date_order``: how the log writes a date whose day and month cannot be told apart
    (``05/02/2018``): ``day-first``, ``month-first`` or ``None`` (shown as written)."""

    statuses: dict[str, str] = field(default_factory=dict)
    strict_from: str | None = None
    config: str = CONFIG_FILE
    statuses_line: int = 0
    plugin_line: int = 0
    date_order: str | None = None

    def date_order_hint(self) -> str:
        """Where to say how the log writes its dates."""
        where = f" (line {self.plugin_line})" if self.plugin_line else ""
        return (
            f"say how the log writes its dates in {self.config} under `plugins: - paved:`"
            f"{where} with `{DATE_ORDER_OPTION}: day-first` (05/02/2018 is 5 February) or "
            "`month-first`, or write the date as YYYY-MM-DD"
        )

    def mapping_hint(self, phrase: str) -> str:
        """How to map ``phrase``: the exact lines to add, and where."""
        word = key(phrase)
        if self.statuses_line:
            return (
                f"map it in {self.config} under `{STATUSES_OPTION}:` (line "
                f"{self.statuses_line}), e.g. `{word}: proposed`, or write one of "
                f"{', '.join(STATUSES)}"
            )
        where = f" (line {self.plugin_line})" if self.plugin_line else ""
        return (
            f"map it in {self.config} under `plugins: - paved:`{where} with "
            f"`{STATUSES_OPTION}: {{{word}: proposed}}` (or accepted, rejected, deprecated, "
            f"superseded), or write one of {', '.join(STATUSES)}"
        )


def settings_of(loaded: LoadedRepository) -> AdrSettings:
    """The settings a loaded repository was given, else those of its mkdocs.yml."""
    if loaded.adr_settings is not None:
        return loaded.adr_settings
    return read_adr_settings(Path(loaded.root))[0]


#: (path, mtime, size) → what was read: the rules, the sections check and the model
#: each ask, and a serve session asks again after every edit.
_CACHE: dict[tuple[str, int, int], tuple[AdrSettings, list[Diagnostic]]] = {}


def read_adr_settings(root: Path) -> tuple[AdrSettings, list[Diagnostic]]:
    """The settings and the findings about them (ADR218); defaults without mkdocs.yml."""
    file = root / CONFIG_FILE
    if not file.is_file() or file.is_symlink():
        return AdrSettings(), []
    stat = file.stat()
    cache_key = (str(file.resolve()), stat.st_mtime_ns, stat.st_size)
    if cache_key not in _CACHE:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[cache_key] = _read(file)
    settings, found = _CACHE[cache_key]
    return settings, list(found)


def _read(file: Path) -> tuple[AdrSettings, list[Diagnostic]]:
    text, found = read_text(file, CONFIG_FILE, max_bytes=MAX_MARKDOWN_BYTES)
    if text is None:
        return AdrSettings(), found
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return AdrSettings(), []  # MkDocs itself reports a broken mkdocs.yml
    options, plugin_line = _paved_options(document)
    if options is None:
        return AdrSettings(plugin_line=plugin_line), []
    statuses, statuses_line = _statuses(options, found)
    strict = _strict_from(options, found)
    order = _date_order(options, found)
    settings = AdrSettings(statuses, strict, CONFIG_FILE, statuses_line, plugin_line, order)
    return settings, found


def _paved_options(document: Node | None) -> tuple[MappingNode | None, int]:
    """The mapping under ``plugins: - paved:`` and its line."""
    for name, options, name_node in entries(document, "plugins"):
        if name == "paved":
            line = name_node.start_mark.line + 1
            return (options if isinstance(options, MappingNode) else None), line
    return None, 0


def _where(node: Node) -> Location:
    return Location(CONFIG_FILE, line=node.start_mark.line + 1, column=node.start_mark.column + 1)


def _statuses(options: MappingNode, found: list[Diagnostic]) -> tuple[dict[str, str], int]:
    node = get(options, STATUSES_OPTION)
    if node is None:
        return {}, 0
    line = node.start_mark.line  # the key's line (the value starts below it)
    if not isinstance(node, MappingNode):
        found.append(
            diagnostic(
                "ADR218",
                _where(node),
                f"`{STATUSES_OPTION}` must map words to statuses, e.g. `pending: proposed`",
            )
        )
        return {}, line
    out: dict[str, str] = {}
    for key_node, value in node.value:
        word = key(str(key_node.value)) if isinstance(key_node, ScalarNode) else ""
        target = value.value.strip().lower() if isinstance(value, ScalarNode) else ""
        if not word or target not in STATUSES:
            found.append(
                diagnostic(
                    "ADR218",
                    _where(value),
                    f"`{STATUSES_OPTION}` maps '{word}' to '{target}', which is not one of "
                    f"{', '.join(STATUSES)}",
                )
            )
            continue
        out[word] = target
    return out, line


def _strict_from(options: MappingNode, found: list[Diagnostic]) -> str | None:
    node = get(options, STRICT_OPTION)
    if node is None:
        return None
    value = node.value.strip() if isinstance(node, ScalarNode) else ""
    from paved.generator.core.load.adr_ids import strict_threshold

    if not value or strict_threshold(value) is None:
        found.append(
            diagnostic(
                "ADR218",
                _where(node),
                f"`{STRICT_OPTION}` must be an ADR number (ADR-0016, 16) or a date "
                f"(2025-01-01), not '{value}'",
            )
        )
        return None
    return value


def _date_order(options: MappingNode, found: list[Diagnostic]) -> str | None:
    node = get(options, DATE_ORDER_OPTION)
    if node is None:
        return None
    value = node.value.strip().lower() if isinstance(node, ScalarNode) else ""
    if value not in DATE_ORDERS:
        found.append(
            diagnostic(
                "ADR218",
                _where(node),
                f"`{DATE_ORDER_OPTION}` must be {' or '.join(DATE_ORDERS)}, not '{value}'",
            )
        )
        return None
    return value
