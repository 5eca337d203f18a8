"""The ``paved-columns`` fence: a dataset's column listing drawn as an HTML table."""

from __future__ import annotations

from typing import Any

from paved.generator.mkdocs_plugin.tables import format_columns, register_fence


def test_each_line_becomes_a_row_of_four_cells() -> None:
    html = format_columns("id | string | no | Key\nemail | string | yes\n", "", "", {}, None)
    assert html.startswith('<div class="paved-columns" data-search-exclude><table>')
    assert "<tr><td>id</td><td>string</td><td>no</td><td>Key</td></tr>" in html
    # A short line is padded, so the table stays rectangular.
    assert "<tr><td>email</td><td>string</td><td>yes</td><td></td></tr>" in html
    assert html.count("<tr>") == 3  # header + two rows


def test_escaped_values_stay_text_and_a_hand_written_fence_cannot_inject_markup() -> None:
    rendered = format_columns("c | t | no | a &#124; b &lt;i&gt;\n", "", "", {}, None)
    assert "<td>a | b &lt;i&gt;</td>" in rendered
    hostile = format_columns('<script>x</script> | <img onerror="y"> | no | d\n', "", "", {}, None)
    assert "<script" not in hostile
    assert "<img" not in hostile
    assert "&lt;script&gt;x&lt;/script&gt;" in hostile


def test_the_fence_is_registered_once_when_superfences_is_on() -> None:
    configs: dict[str, Any] = {}
    assert register_fence(["toc", "pymdownx.superfences"], configs)
    assert register_fence(["toc", "pymdownx.superfences"], configs)
    fences = configs["pymdownx.superfences"]["custom_fences"]
    assert [f["name"] for f in fences] == ["paved-columns"]
    assert fences[0]["format"] is format_columns
    assert not register_fence(["toc"], {})
