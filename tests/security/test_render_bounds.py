"""Rendering a contributed body costs time linear in its length.

Every build, ``paved serve`` and every start of the bot render the decisions' and
products' bodies (``render.body.page_body``), which neutralises ``on…=`` handlers in
raw HTML outside code. The pattern scanned lazily from each ``<`` of a tag to a
handler: a line of ``<a <a <a …`` without ``>`` (and a handler anywhere in the body, so
the quick check did not skip it) was quadratic: 300 kB took minutes of CPU, a 5 MB file
(the size limit) days. ``paved validate`` (RS-003) never rendered it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from paved.generator.core.render.body import page_body

PAVED = Path(sys.executable).parent / "paved"
TIMEOUT = 60
RUN = "<a " * 200_000


def test_a_long_run_of_open_tags_is_rendered_in_linear_time() -> None:
    # 60 kB: 17 s of CPU when quadratic, milliseconds now.
    body = f"# Title\n\n{'<a ' * 20_000}\n\nx <b onclick=alert(1)>y</b>\n"
    started = time.process_time()
    rendered = page_body(body)
    assert time.process_time() - started < 2
    assert "<b data-blocked-onclick=alert(1)>" in rendered


def test_the_bot_starts_on_a_decision_holding_one(tmp_path: Path) -> None:
    (tmp_path / "adrs").mkdir()
    (tmp_path / "adrs" / "0001-use-a-thing.md").write_text(
        "# 1. Use a thing\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n"
        f"{RUN}\n\nx <b onclick=alert(1)>y</b>\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(PAVED), "ask", "who decided to use a thing?"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (0, 1)
