"""Pure renderers for the feedback and questions reports: summaries in, text out
(plain text for the terminal, Markdown for the portal, JSON-ready data for tools).
The portal can include the Markdown when its build is given the store."""

from __future__ import annotations

from collections.abc import Sequence

from paved.bot.store.types import PageSummary, QuestionGroup

TREND_MARK = {"better": "↑ better", "worse": "↓ worse", "steady": "→ steady", "new": "new"}
KIND_TITLE = {"unanswered": "Unanswered questions", "rated_down": "Answers rated 👎"}


def _trend(summary: PageSummary) -> str:
    return TREND_MARK.get(summary.trend, "—")


def _cell(text: str) -> str:
    """Markdown table cells cannot hold pipes or line breaks."""
    return text.replace("|", "\\|").replace("\n", " ")


def feedback_data(summaries: Sequence[PageSummary]) -> list[dict[str, object]]:
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


def feedback_text(summaries: Sequence[PageSummary]) -> str:
    """A fixed-width table, worst pages (most 👎) first."""
    if not summaries:
        return "No page feedback recorded yet.\n"
    rows = sorted(summaries, key=lambda s: (-s.down, s.page))
    width = max(len("page"), *(len(s.page) for s in rows))
    # the emoji are two columns wide: pad them one less to keep the columns aligned
    lines = [f"{'page':<{width}}  {'👍':>4} {'👎':>4} {'comments':>8}  trend"]
    lines += [
        f"{s.page:<{width}}  {s.up:>5} {s.down:>5} {s.comments:>8}  {_trend(s)}" for s in rows
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
        lines += [f"  {g.count:>4} × {g.example}" for g in chosen]
    return "\n".join(lines) + "\n"


def feedback_markdown(summaries: Sequence[PageSummary]) -> str:
    """The feedback report as a Markdown section, each page linked to itself."""
    lines = ["## Page feedback", ""]
    if not summaries:
        return "\n".join([*lines, "No page feedback recorded yet.", ""])
    lines += ["| Page | 👍 | 👎 | Comments | Trend (7 days) |", "|---|--:|--:|--:|---|"]
    for s in sorted(summaries, key=lambda s: (-s.down, s.page)):
        label = _cell(s.title or s.page)
        lines.append(f"| [{label}]({s.page}) | {s.up} | {s.down} | {s.comments} | {_trend(s)} |")
    return "\n".join([*lines, ""])


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
            f"| {_cell(g.example)} | {g.count} | {g.last_asked.date().isoformat()} |"
            for g in chosen
        ]
        lines.append("")
    return "\n".join(lines)
