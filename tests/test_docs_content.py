"""Checks on the hand-written platform docs under ``docs/``.

The portal, the Slack bot and the feedback routing all rely on these pages having front
matter (title, owner, review date), sections a bot can cite, no raw HTML and links that
resolve. MkDocs only warns about some of this; these tests make it fail fast instead.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from markdown.extensions.toc import slugify

DOCS = Path(__file__).resolve().parent.parent / "docs"

# Pages the Paved plugin injects into the build; hand-written pages may link to them.
GENERATED_TARGETS = frozenset({"products/index.md", "decisions/index.md", "catalogue/index.md"})
# Paths the build owns: a hand-written file there would clash with a generated page.
GENERATED_PATHS = ("index.md", "products", "decisions", "catalogue", "tags.md", "reports")

OWNER = re.compile(r"^(?:[^@\s]+@[^@\s]+\.[^@\s]+|[a-z0-9][a-z0-9_-]*)$")
TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FENCE = re.compile(r"^(```|~~~)")
INLINE_CODE = re.compile(r"`+[^`\n]*`+")
HTML_TAG = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")

EXPECTED_PAGES = {
    "get-started/index.md",
    "get-started/onboarding-exercise.md",
    "get-started/glossary.md",
    "access/index.md",
    "data/storing-and-querying.md",
    "data/ingress-egress.md",
    "operations/monitoring-and-alerting.md",
    "operations/data-quality.md",
    "support/index.md",
    "community/index.md",
    "community/office-hours.md",
    "contributing/writing-a-wid.md",
    "contributing/recording-a-decision.md",
    "contributing/custodian-catalogue.md",
    "contributing/validation-and-ci.md",
}


def _pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def _split(text: str) -> tuple[dict[str, Any], str]:
    """Front matter mapping and body; an empty mapping when the page has none."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end == -1:
        return {}, text
    data = yaml.safe_load(text[4:end]) or {}
    assert isinstance(data, dict)
    return data, text[end + 5 :]


def _prose_lines(body: str) -> list[str]:
    """Body lines outside fenced code blocks, with inline code removed: what MkDocs
    would treat as Markdown (and so as possible HTML or links)."""
    lines: list[str] = []
    fence: str | None = None
    for line in body.splitlines():
        stripped = line.strip()
        match = FENCE.match(stripped)
        if match:
            if fence is None:
                fence = match.group(1)
            elif stripped.startswith(fence):
                fence = None
            continue
        if fence is None:
            lines.append(INLINE_CODE.sub("", line))
    return lines


def _anchors(page: str) -> set[str]:
    _, body = _split((DOCS / page).read_text(encoding="utf-8"))
    found: set[str] = set()
    for line in _prose_lines(body):
        heading = HEADING.match(line)
        if heading:
            found.add(slugify(heading.group(2), "-"))
    return found


def _read(page: str) -> tuple[dict[str, Any], str]:
    return _split((DOCS / page).read_text(encoding="utf-8"))


def test_expected_pages_exist() -> None:
    assert set(_pages()) >= EXPECTED_PAGES


def test_no_hand_written_file_where_generated_pages_go() -> None:
    clashes = [name for name in GENERATED_PATHS if (DOCS / name).exists()]
    assert clashes == []


@pytest.mark.parametrize("page", _pages())
def test_front_matter(page: str) -> None:
    meta, _ = _read(page)
    title, owner = meta.get("title"), meta.get("owner")
    assert isinstance(title, str), "title missing"
    assert title.strip(), "title empty"
    assert isinstance(owner, str), "owner missing"
    assert OWNER.match(owner), "owner is neither an email nor a custodian id"
    review = meta.get("review_by")
    if isinstance(review, str):
        review = dt.date.fromisoformat(review)
    assert isinstance(review, dt.date), "review_by must be a YYYY-MM-DD date"
    tags = meta.get("tags")
    assert isinstance(tags, list), "tags must be a list"
    assert tags, "tags must not be empty"
    assert all(isinstance(t, str) and TAG.match(t) for t in tags)


def test_review_dates_include_one_overdue_page() -> None:
    """Exactly the demo page is overdue so the "needs review" banner can be seen;
    every other page is due for review in 2027."""
    dates = {page: _read(page)[0]["review_by"] for page in _pages()}
    overdue = {p for p, d in dates.items() if str(d) < "2027-01-01"}
    assert overdue == {"community/office-hours.md"}
    assert all(str(d).startswith("2027-") for p, d in dates.items() if p not in overdue)


@pytest.mark.parametrize("page", _pages())
def test_at_least_two_sections(page: str) -> None:
    _, body = _read(page)
    sections = [line for line in _prose_lines(body) if re.match(r"^##\s+\S", line)]
    assert len(sections) >= 2


@pytest.mark.parametrize("page", _pages())
def test_no_raw_html(page: str) -> None:
    _, body = _read(page)
    offending = [line for line in _prose_lines(body) if HTML_TAG.search(line)]
    assert offending == []


@pytest.mark.parametrize("page", _pages())
def test_relative_links_resolve(page: str) -> None:
    _, body = _read(page)
    problems: list[str] = []
    for line in _prose_lines(body):
        for target in LINK.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # http:, https:, mailto: are not checked here
            path_part, _, anchor = target.partition("#")
            if not path_part:
                resolved = page
            else:
                joined = PurePosixPath(page).parent / path_part
                parts: list[str] = []
                for part in joined.parts:
                    if part == "..":
                        if not parts:
                            problems.append(f"{target}: leaves docs/")
                            break
                        parts.pop()
                    elif part != ".":
                        parts.append(part)
                resolved = "/".join(parts)
            if not resolved.endswith(".md"):
                problems.append(f"{target}: link to a .md file")
            elif resolved in GENERATED_TARGETS:
                continue
            elif not (DOCS / resolved).is_file():
                problems.append(f"{target}: {resolved} does not exist")
            elif anchor and anchor not in _anchors(resolved):
                problems.append(f"{target}: no heading #{anchor} in {resolved}")
    assert problems == []


def test_link_checker_would_catch_a_broken_link() -> None:
    """The link pattern sees ordinary Markdown links but not those inside code."""
    text = "See [x](../nowhere.md) and `[y](ignored.md)`.\n```\n[z](code.md)\n```\n"
    targets = [t for line in _prose_lines(text) for t in LINK.findall(line)]
    assert targets == ["../nowhere.md"]
    assert HTML_TAG.search("a <b>bold</b> move")
    assert not HTML_TAG.search("see <https://example.org> and 3 < 4 > 2")


# The diagram types mermaid.js (served by the portal, static/mermaid/) draws; a block
# that starts otherwise shows an error in the reader's browser.
MERMAID_TYPES = re.compile(
    r"(flowchart|graph|sequenceDiagram|stateDiagram(-v2)?|classDiagram|erDiagram|gantt|pie"
    r"|journey|gitGraph|mindmap|timeline|quadrantChart|requirementDiagram|C4\w+"
    r"|(sankey|xychart|block|packet|architecture|radar)(-beta)?|kanban)\b"
)


@pytest.mark.parametrize("page", _pages())
def test_mermaid_blocks_name_a_diagram_type(page: str) -> None:
    """```mermaid blocks are drawn by mermaid.js in the browser; each must start with a
    diagram type it knows (after optional %% comments and a --- front matter block)."""
    _, body = _read(page)
    blocks = re.findall(r"^```mermaid\n(.*?)^```", body, flags=re.DOTALL | re.MULTILINE)
    for source in blocks:
        lines = [line.strip() for line in source.splitlines()]
        first = next(line for line in lines if line and not line.startswith("%%"))
        assert MERMAID_TYPES.match(first), f"not a mermaid diagram type: {first!r}"
