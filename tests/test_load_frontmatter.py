"""YAML front matter: plain values, positions of values and keys, duplicate keys, errors."""

from __future__ import annotations

from paved.generator.core.load.frontmatter import parse_front_matter

TEXT = """\
id: WID-0001
business_owner:
  name: Hanne Krogh
  email: hanne@example.com
surfaced_as: [table, dashboard]
integration:
  ingress:
    - system: pos
      method: batch
    - system: kafka
created: 2024-05-02
present: yes
count: 3
ratio: 1.5
nothing: ~
"""


def test_values_are_plain_and_dates_stay_strings() -> None:
    front, found = parse_front_matter(TEXT, "w.md", 1)
    assert found == []
    assert front is not None
    assert front.data["created"] == "2024-05-02"
    assert front.data["present"] is True
    assert front.data["count"] == 3
    assert front.data["ratio"] == 1.5
    assert front.data["nothing"] is None
    assert front.data["integration"]["ingress"][1] == {"system": "kafka"}


def test_positions_of_nested_keys_and_list_items_are_file_lines() -> None:
    front, _ = parse_front_matter(TEXT, "w.md", 1)  # one '---' line before the text
    assert front is not None
    assert front.positions[("id",)] == (2, 5)
    assert front.key_positions[("business_owner", "email")] == (5, 3)
    assert front.positions[("business_owner", "email")] == (5, 10)
    assert front.positions[("surfaced_as", 1)] == (6, 22)
    assert front.positions[("integration", "ingress", 1)] == (11, 7)
    assert front.positions[("integration", "ingress", 1, "system")] == (11, 15)
    assert front.key_positions[("integration", "ingress", 0, "method")] == (10, 7)


def test_duplicate_key_names_both_lines_and_keeps_the_document() -> None:
    front, found = parse_front_matter("id: a\ntitle: x\nid: b\n", "w.md", 1)
    assert front is not None
    assert front.data["id"] == "b"
    assert [(d.code, str(d.location)) for d in found] == [("YAML004", "w.md:4:1")]
    assert "lines 2 and 4" in found[0].message
    assert [str(r) for r in found[0].related] == ["w.md:2:1"]


def test_syntax_error_is_located_in_the_file() -> None:
    front, found = parse_front_matter("id: a\ntitle: a: b\n", "w.md", 1)
    assert front is None
    assert [(d.code, str(d.location)) for d in found] == [("YAML002", "w.md:3:9")]
    assert "mapping values are not allowed" in found[0].message


def test_scalar_and_list_front_matter_are_not_mappings() -> None:
    for text in ("just text\n", "- a\n- b\n"):
        front, found = parse_front_matter(text, "w.md", 1)
        assert front is None
        assert [d.code for d in found] == ["YAML003"]


def test_empty_front_matter_is_an_empty_mapping() -> None:
    front, found = parse_front_matter("", "w.md", 1)
    assert front is not None
    assert (front.data, found) == ({}, [])


def test_unknown_tag_is_reported_not_raised() -> None:
    front, found = parse_front_matter("path: !include other.yaml\n", "w.md", 1)
    assert front is None
    assert [(d.code, str(d.location)) for d in found] == [("YAML002", "w.md:2:7")]


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    front, found = parse_front_matter("\n".join(lines) + "\n", "w.md", 1)
    assert front is None
    assert [d.code for d in found] == ["YAML002"]


def test_merge_keys_fill_missing_fields_only() -> None:
    text = "base: &b {method: batch, system: pos}\npoint:\n  <<: *b\n  system: kafka\n"
    front, found = parse_front_matter(text, "w.md", 0)
    assert found == []
    assert front is not None
    assert front.data["point"] == {"system": "kafka", "method": "batch"}


def test_deeply_nested_brackets_are_refused_before_libyaml() -> None:
    # libyaml's composer recurses in C: 200,000 levels would crash the process.
    text = "a: " + "[" * 200_000 + "]" * 200_000 + "\n"
    front, found = parse_front_matter(text, "w.md", 1)
    assert front is None
    assert [(d.code, str(d.location)) for d in found] == [("YAML002", "w.md:2:68")]
    assert "64 levels" in found[0].message


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * i + "a:\n" for i in range(100)) + " " * 100 + "x\n"
    front, found = parse_front_matter(text, "w.md", 1)
    assert front is None
    assert "64 levels" in found[0].message


def test_tab_indentation_is_named() -> None:
    front, found = parse_front_matter("owner:\n\tname: x\n", "w.md", 1)
    assert front is None
    assert [(d.code, str(d.location)) for d in found] == [("YAML002", "w.md:3:1")]
    assert "a tab" in found[0].message


def test_times_of_day_stay_text_not_base_60_numbers() -> None:
    front, _ = parse_front_matter("frequency: 23:00\nlimit: 1_000\n", "w.md", 1)
    assert front is not None
    assert front.data == {"frequency": "23:00", "limit": 1000}
