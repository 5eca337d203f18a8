"""Pure renderers for the feedback and questions reports: summaries in, text out
(plain text for the terminal, Markdown for the portal, JSON-ready data for tools).
The portal can include the Markdown when its build is given the store.

Everything read from the store is hostile: questions come from ``GET /api/ask`` and
Slack, page names, titles and comments from the feedback API. Each value is escaped
once, for where it lands (a decision):

- Markdown table cells (:func:`markdown_text`): the report stays Markdown so MkDocs
  checks and rewrites its page links, and every character of a stored value that
  Markdown or the site's extensions interpret inside a line is written as a numeric
  character reference (``<`` → ``&#60;``, ``[`` →
  ``&#91;``, ``:`` → ``&#58;`` ...; ``|`` keeps the tables extension's ``\\|``).
  Python-Markdown passes references through untouched, so no HTML tag, link, image,
  autolink, emphasis, attribute list, emoji, snippet or table pipe can be formed from
  stored text, while the browser shows the characters as typed. Line breaks become
  spaces; bidirectional controls are dropped.
- Link targets (:func:`link_target`): a page path percent-encoded to ``[A-Za-z0-9/._~%-]``.
- The terminal (:func:`terminal_text`): control characters and line breaks shown as
  ``\\xNN`` / ``\\n``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from urllib.parse import quote

from paved.bot.answer.suggest import Suggestion
from paved.bot.store.types import PageComment, PageSummary, QuestionGroup
from paved.generator.report.escape import terminal

TREND_MARK = {"better": "↑ better", "worse": "↓ worse", "steady": "→ steady", "new": "new"}
KIND_TITLE = {"unanswered": "Unanswered questions", "rated_down": "Answers rated 👎"}
RATING_MARK = {1: "👍", 0: "👎"}


def _trend(summary: PageSummary) -> str:
    return TREND_MARK.get(summary.trend, "—")


_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
#: bidirectional embeddings, overrides and isolates, and the marks: they reorder what a
#: reader sees (``\u202e`` makes ``cod.exe`` read ``exe.doc``)
_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: what Markdown and the site's extensions give a meaning to inside a line: HTML and
#: entities, links and images, code, emphasis, attribute lists, emoji, footnotes, task
#: boxes (and, should the site add them, tilde, caret, mark, math, mentions)
_PUNCTUATION = re.compile(r"[&<>\"'`*_{}\[\]()!:=~^$@\\|]")


def markdown_text(text: str) -> str:
    """A stored value as inert text in a Markdown table cell (see the module docstring):
    one line, no bidirectional controls, ``|`` as ``\\|`` and every other character
    with a meaning in Markdown as ``&#NN;``."""
    flat = _BIDI.sub("", _LINE_BREAKS.sub(" ", text))
    return _PUNCTUATION.sub(_reference, flat).strip()


def _reference(match: re.Match[str]) -> str:
    # "|" keeps the tables extension's own escape, "\|"; the rest become references
    char = match.group()
    return "\\|" if char == "|" else f"&#{ord(char)};"


def link_target(page: str) -> str:
    """A stored page path as a Markdown link target: percent-encoded, so it cannot end
    the link or carry a scheme (``javascript:`` becomes the relative ``javascript%3A``).
    A path of plain characters (what the API accepts now) is unchanged."""
    return quote(page, safe="/")


def terminal_text(text: str) -> str:
    """A stored value for a terminal, on one line: control, bidirectional and line
    break characters (escape sequences, carriage returns, ``\\n``, U+2028) shown as
    ``\\xNN`` / ``\\n`` / ``\\uNNNN`` instead of obeyed (the reporters' own
    :func:`paved.generator.report.escape.terminal`): a stored title or question cannot
    forge a row of the report."""
    return terminal(text)


def _by_page(comments: Sequence[PageComment]) -> dict[str, list[PageComment]]:
    """The comments of each page, in the order given (the store's: newest first)."""
    pages: dict[str, list[PageComment]] = {}
    for comment in comments:
        pages.setdefault(comment.page, []).append(comment)
    return pages


def titled(summaries: Sequence[PageSummary], titles: Mapping[str, str]) -> list[PageSummary]:
    """The summaries labelled with ``titles`` (page → title, from the portal's own published
    pages); a page not in it keeps no title, so the reports show its path. A rating's own
    title is never the label: any sender writes it, and the page must not read as another
    one (or as a notice) in the report."""
    return [replace(s, title=titles.get(s.page)) for s in summaries]


def _worst_first(summaries: Sequence[PageSummary]) -> list[PageSummary]:
    return sorted(summaries, key=lambda s: (-s.down, s.page))


def feedback_data(
    summaries: Sequence[PageSummary], comments: Sequence[PageComment] = ()
) -> list[dict[str, object]]:
    """One object per page; ``comment_entries`` holds its comments, newest first."""
    by_page = _by_page(comments)
    return [
        {
            "page": s.page,
            "title": s.title,
            "url": s.url,
            "up": s.up,
            "down": s.down,
            "comments": s.comments,
            "this_week": {"up": s.this_week_up, "down": s.this_week_down},
            "previous_week": {"up": s.previous_week_up, "down": s.previous_week_down},
            "trend": s.trend,
            "comment_entries": [
                {"comment": c.comment, "rating": c.rating, "at": c.created_at.isoformat()}
                for c in by_page.get(s.page, [])
            ],
        }
        for s in summaries
    ]


def questions_data(groups: Sequence[QuestionGroup]) -> list[dict[str, object]]:
    return [
        {
            "kind": g.kind,
            "question": g.example,
            "normalised": g.normalised,
            "count": g.count,
            "last_asked": g.last_asked.isoformat(),
        }
        for g in groups
    ]


def feedback_text(summaries: Sequence[PageSummary], comments: Sequence[PageComment] = ()) -> str:
    """A fixed-width table, worst pages (most 👎) first, then each page's comments."""
    if not summaries:
        return "No page feedback recorded yet.\n"
    rows = _worst_first(summaries)
    pages = {s.page: terminal_text(s.page) for s in rows}
    width = max(len("page"), *(len(p) for p in pages.values()))
    # the emoji are two columns wide: pad them one less to keep the columns aligned
    lines = [f"{'page':<{width}}  {'👍':>4} {'👎':>4} {'comments':>8}  trend"]
    lines += [
        f"{pages[s.page]:<{width}}  {s.up:>5} {s.down:>5} {s.comments:>8}  {_trend(s)}"
        for s in rows
    ]
    by_page = _by_page(comments)
    commented = [s for s in rows if s.page in by_page]
    if commented:
        lines += ["", "Comments (newest first):"]
    for s in commented:
        title = f" ({terminal_text(s.title)})" if s.title else ""
        lines.append(f"{pages[s.page]}{title}")
        lines += [
            f"  {c.created_at.date().isoformat()} {RATING_MARK.get(c.rating, '?')} "
            f"{terminal_text(_LINE_BREAKS.sub(' ', c.comment)).strip()}"
            for c in by_page[s.page]
        ]
    return "\n".join(lines) + "\n"


def questions_text(groups: Sequence[QuestionGroup]) -> str:
    if not groups:
        return "No unanswered or 👎-rated questions recorded yet.\n"
    lines: list[str] = []
    for kind, title in KIND_TITLE.items():
        chosen = [g for g in groups if g.kind == kind]
        if not chosen:
            continue
        lines.append(f"{title}:" if not lines else f"\n{title}:")
        lines += [f"  {g.count:>4} × {terminal_text(g.example)}" for g in chosen]
    return "\n".join(lines) + "\n"


def feedback_markdown(
    summaries: Sequence[PageSummary],
    comments: Sequence[PageComment] = (),
    targets: Mapping[str, str] | None = None,
) -> str:
    """The feedback report as a Markdown section, each page linked to itself (to
    ``targets[page]`` when given: the portal knows where its pages are, and the pages
    not in ``targets`` are marked as not in the portal, unlinked), then the comments
    under their page, newest first."""
    lines = ["## Page feedback", ""]
    if not summaries:
        return "\n".join([*lines, "No page feedback recorded yet.", ""])
    lines += ["| Page | 👍 | 👎 | Comments | Trend (7 days) |", "|---|--:|--:|--:|---|"]
    rows = _worst_first(summaries)
    links = {s.page: _page_link(s, targets) for s in rows}
    for s in rows:
        lines.append(f"| {links[s.page]} | {s.up} | {s.down} | {s.comments} | {_trend(s)} |")
    by_page = _by_page(comments)
    commented = [s for s in rows if s.page in by_page]
    if commented:
        lines += ["", "## Comments", "", "What readers wrote with their rating, newest first.", ""]
    for s in commented:
        lines += [f"### {links[s.page]}", ""]
        lines += [
            f"- {c.created_at.date().isoformat()} {RATING_MARK.get(c.rating, '?')} "
            f"{markdown_text(c.comment)}"
            for c in by_page[s.page]
        ]
        lines.append("")
    return "\n".join([*lines, ""]) if not commented else "\n".join(lines)


#: What a row of the portal's report says of a page the portal does not have.
NOT_IN_PORTAL = "*(not in the portal)*"


def _page_link(summary: PageSummary, targets: Mapping[str, str] | None) -> str:
    """The page's cell: linked to ``targets[page]``; with ``targets`` given (the portal
    knows its pages), a page not in it is escaped text marked :data:`NOT_IN_PORTAL`,
    never a link a sender chose; without, a relative link to the percent-encoded path."""
    label = markdown_text(summary.title or summary.page) or link_target(summary.page)
    if targets is None:
        return f"[{label}]({link_target(summary.page)})"
    target = targets.get(summary.page)
    if target is None:
        return f"{label} {NOT_IN_PORTAL}"
    return f"[{label}]({target})"


def questions_markdown(groups: Sequence[QuestionGroup]) -> str:
    """Unanswered and 👎-rated questions as Markdown tables, most asked first."""
    lines = ["## Questions the bot could not answer well", ""]
    if not groups:
        return "\n".join([*lines, "No unanswered or 👎-rated questions recorded yet.", ""])
    for kind, title in KIND_TITLE.items():
        chosen = [g for g in groups if g.kind == kind]
        if not chosen:
            continue
        lines += [f"### {title}", "", "| Question | Times | Last asked |", "|---|--:|---|"]
        lines += [
            f"| {markdown_text(g.example)} | {g.count} | {g.last_asked.date().isoformat()} |"
            for g in chosen
        ]
        lines.append("")
    return "\n".join(lines)


def suggestions_data(found: Sequence[Suggestion]) -> list[dict[str, object]]:
    return [
        {
            "asked": list(s.asked),
            "docs": list(s.docs),
            "question": s.question,
            "count": s.count,
            "section": s.section,
            "url": s.url,
        }
        for s in found
    ]


def suggestions_text(found: Sequence[Suggestion]) -> str:
    """Synonyms to consider for synonyms.yml: declined questions answered today."""
    if not found:
        return ""
    lines = ["", "Synonyms to consider (declined, answered today; add to synonyms.yml):"]
    for s in found:
        asked = ", ".join(terminal_text(w) for w in s.asked)
        docs = ", ".join(terminal_text(w) for w in s.docs)
        lines.append(f"  {asked} ~ {docs}  ({s.count} × {terminal_text(s.question)!r})")
    return "\n".join(lines) + "\n"


def suggestions_markdown(found: Sequence[Suggestion]) -> str:
    if not found:
        return ""
    lines = [
        "### Synonyms to consider",
        "",
        "Questions the bot declined and answers today: the asker's words next to the "
        "answering section's. Add the pairs that mean the same thing to `synonyms.yml`.",
        "",
        "| Asked | The docs say | Question | Times |",
        "|---|---|---|--:|",
    ]
    lines += [
        f"| {markdown_text(', '.join(s.asked))} | {markdown_text(', '.join(s.docs))} | "
        f"{markdown_text(s.question)} | {s.count} |"
        for s in found
    ]
    return "\n".join([*lines, ""])
