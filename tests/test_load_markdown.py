"""Markdown files: bytes checks, CRLF, front matter splitting, title and sections."""

from __future__ import annotations

from pathlib import Path

from paved.generator.core.load.markdown import load_markdown, parse_markdown

DOC = """\
---
title: Access
owner: anna-berg
---
# Getting access

Ask in `#data-platform-help`.

```bash
# not a heading
```

## Request `sales` data {#request}

Fill in the form.

### Who approves? ###

The custodian.

## Who approves?

Twice.
"""


def load(tmp_path: Path, data: bytes, *, required: bool = True) -> tuple[object, list[str]]:
    file = tmp_path / "doc.md"
    file.write_bytes(data)
    doc, found = load_markdown(file, "docs/doc.md", require_front_matter=required)
    return doc, [f"{d.code} {d.location}" for d in found]


def test_sections_titles_anchors_and_lines() -> None:
    doc, found = parse_markdown(DOC, "docs/doc.md", require_front_matter=True)
    assert found == []
    assert doc is not None
    assert (doc.title, doc.title_line, doc.body_line) == ("Getting access", 5, 5)
    got = [(s.title, s.level, s.anchor, s.line) for s in doc.sections]
    assert got == [
        ("Getting access", 1, "getting-access", 5),
        ("Request `sales` data", 2, "request", 13),
        ("Who approves?", 3, "who-approves", 17),
        ("Who approves?", 2, "who-approves_1", 21),
    ]
    assert doc.sections[0].text.endswith("# not a heading\n```")
    assert doc.sections[1].text == "Fill in the form."


def test_anchor_matches_mkdocs_slug_of_rendered_text() -> None:
    doc, _ = parse_markdown(
        "# Use [Kafka](https://kafka.apache.org) for *events*\n", "a.md", require_front_matter=False
    )
    assert doc is not None
    assert doc.sections[0].anchor == "use-kafka-for-events"


def test_crlf_gives_the_same_document_as_lf(tmp_path: Path) -> None:
    lf, lf_found = load(tmp_path, DOC.encode())
    crlf, crlf_found = load(tmp_path, DOC.replace("\n", "\r\n").encode())
    assert lf_found == crlf_found == []
    assert lf == crlf


def test_bom_is_stripped_with_a_warning(tmp_path: Path) -> None:
    doc, found = load(tmp_path, b"\xef\xbb\xbf" + DOC.encode())
    assert found == ["FILE006 docs/doc.md:1:1"]
    assert doc is not None


def test_not_utf8_names_line_and_byte(tmp_path: Path) -> None:
    doc, found = load(tmp_path, "---\ntitle: Caf\u00e9\n---\n".encode("latin-1"))
    assert doc is None
    assert found == ["FILE001 docs/doc.md:2:11"]


def test_binary_and_empty_files(tmp_path: Path) -> None:
    assert load(tmp_path, b"abc\x00def") == (None, ["FILE002 docs/doc.md:1:4"])
    assert load(tmp_path, b"") == (None, ["FILE003 docs/doc.md:1:1"])
    assert load(tmp_path, b"  \n\n") == (None, ["FILE003 docs/doc.md:1:1"])


def test_missing_file_is_a_diagnostic(tmp_path: Path) -> None:
    doc, found = load_markdown(tmp_path / "gone.md", "gone.md", require_front_matter=True)
    assert doc is None
    assert [d.code for d in found] == ["FILE005"]


def test_front_matter_optional_for_docs() -> None:
    doc, found = parse_markdown("# Hello\n\ntext\n", "docs/a.md", require_front_matter=False)
    assert found == []
    assert doc is not None
    assert (doc.front_matter, doc.body_line, doc.title, doc.format) == ({}, 1, "Hello", "markdown")


def test_missing_unclosed_and_invalid_front_matter() -> None:
    cases = {
        "# Hello\n": "YAML001 w.md:1:1",
        "---\nid: 1\n# Hello\n": "YAML005 w.md:1:1",
        "---\nid: [1\n---\n": "YAML002 w.md:3:1",
        "---\n- a\n---\n": "YAML003 w.md:2:1",
    }
    for text, want in cases.items():
        doc, found = parse_markdown(text, "w.md", require_front_matter=True)
        assert doc is None
        assert [f"{d.code} {d.location}" for d in found] == [want]


def test_anchors_equal_python_markdown_toc_ids() -> None:
    import markdown

    heads = [
        "The personal_data field",
        "Use `snake_case` names",
        "**Bold** and _it_",
        "Links [here](x.md) & there",
        "C++ / Rust: 2.0?",
        "Ærø og Østfold",
        "Já & <b>html</b>",
        "Who approves?",
        "Who approves?",
        "Escaped \\*stars\\*",
    ]
    text = "\n\n".join("## " + h for h in heads)
    renderer = markdown.Markdown(extensions=["toc"])
    renderer.convert(text)
    want = [token["id"] for token in renderer.toc_tokens]  # type: ignore[attr-defined]
    doc, _ = parse_markdown(text, "a.md", require_front_matter=False)
    assert doc is not None
    assert [s.anchor for s in doc.sections] == want


def test_utf16_is_an_encoding_problem_not_binary(tmp_path: Path) -> None:
    doc, found = load(tmp_path, "# Hello\n".encode("utf-16"))
    assert doc is None
    assert found == ["FILE001 docs/doc.md:1:1"]
