"""Reading ``mkdocs.yml`` as composed YAML nodes: keys, and the entries of its plugin and
extension lists, each with the line it was written on.

The decision log's settings (``adr_settings``) and the check for configuration that
would run code (``config_guard``) both read the file this way, never constructing it.
"""

from __future__ import annotations

from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


def values(node: Node | None, key: str) -> list[Node]:
    """Every value of ``key`` in a mapping, in file order (a key may be written twice)."""
    if not isinstance(node, MappingNode):
        return []
    return [
        value
        for key_node, value in node.value
        if isinstance(key_node, ScalarNode) and key_node.value == key
    ]


def get(node: Node | None, key: str) -> Node | None:
    """The value YAML loaders keep for ``key``: the last one written."""
    found = values(node, key)
    return found[-1] if found else None


def entries(document: Node | None, list_key: str) -> Iterator[tuple[str, Node | None, Node]]:
    """``(name, options, name node)`` of each entry of ``plugins:`` or
    ``markdown_extensions:``, written as a list of names or of one-key mappings, or as one
    mapping; ``options`` is ``None`` for a bare name."""
    for written in values(document, list_key):
        items: list[Node] = []
        if isinstance(written, SequenceNode):
            items = list(written.value)
        elif isinstance(written, MappingNode):
            items = [written]
        for item in items:
            if isinstance(item, ScalarNode):
                yield str(item.value), None, item
            elif isinstance(item, MappingNode):
                for key_node, value in item.value:
                    if isinstance(key_node, ScalarNode):
                        yield str(key_node.value), value, key_node
