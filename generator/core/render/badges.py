"""Status and classification badges: small inline HTML spans the theme styles.

Values come from closed enums (never from free text), and are escaped anyway so a
model built from invalid input cannot inject markup. CSS classes (for the theme
override): ``paved-badge`` plus ``paved-badge--<value>`` (a status or classification).
"""

from __future__ import annotations

from paved.generator.core.render.escape import md_escape, slug


def badge(value: object, kind: str = "status") -> str:
    """``<span class="paved-badge paved-badge--accepted" title="status">accepted</span>``."""
    text = str(value)
    css = slug(text) or "unknown"
    return (
        f'<span class="paved-badge paved-badge--{css}" title="{md_escape(kind)}">'
        f"{md_escape(text)}</span>"
    )


def decision_badge(status: object, label: str) -> str:
    """A decision's badge: coloured by its status (``paved-badge--accepted``, and
    ``--not-recorded`` for a record without one: its own badge, never "proposed"), with
    the status as the log's authors wrote it ("Approved", "Superceded")."""
    css = slug(str(status)) or "unknown"
    return f'<span class="paved-badge paved-badge--{css}" title="status">{md_escape(label)}</span>'


def check(ok: bool) -> str:
    """A ✓/✗ mark with a word for screen readers and text search."""
    return "✓" if ok else "✗"
