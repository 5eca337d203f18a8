"""The validation pipeline: same findings however it runs, and cheap to import."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from generator import scaffold
from generator.validation.pipeline import gc_paused
from generator.validation.rules import sections

MINI = Path(__file__).parent / "fixtures" / "validation" / "mini"
HEAVY = (
    "jsonschema",
    "jinja2",
    "rich",
    "generator.model",
    "generator.render",
    "generator.scaffold",
    "bot",
    "git",
)


def test_sections_marker_is_the_scaffold_marker() -> None:
    assert sections.MARKER == scaffold.MARKER


def test_template_text_is_found_only_through_the_scaffold() -> None:
    for placeholder in scaffold.placeholders("wid"):
        assert sections.holds_template_text("wid", f"intro\n  {placeholder.upper()}  \n")
    assert not sections.holds_template_text("wid", "Our own words, no template: here.")
    assert not sections.holds_template_text("wid", "Nothing left from the template.")


def test_gc_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_validate_command_does_not_import_heavy_modules() -> None:
    """``paved validate`` on a clean repository never needs jsonschema (only to explain
    an error), jinja2 (scaffolds), rich, the model or the renderer."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.commands.validate import _run\n"
        f"loaded, found = _run(Path({str(MINI)!r}), progress=False)\n"
        "assert loaded.wids and loaded.sheets and not found, found\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
