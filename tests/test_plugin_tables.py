"""The ``paved-columns`` fence: a dataset's column listing drawn as an HTML table."""

from __future__ import annotations

from generator.plugin_tables import format_columns


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
