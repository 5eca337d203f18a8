"""The validation pipeline: the same findings every run, and cheap to import."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from paved.generator.core import scaffold
from paved.generator.core.validate.pipeline import gc_paused
from paved.generator.core.validate.rules import sections

MINI = Path(__file__).parent / "fixtures" / "validation" / "mini"
HEAVY = (
    "jsonschema.",  # the Python jsonschema package; jsonschema_rs is the validator
    "fastjsonschema",
    "rapidfuzz",
    "jinja2",
    "rich",
    "paved.generator.core.model",
    "paved.generator.core.render",
    "paved.generator.core.scaffold",
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
    """``paved validate`` on a clean repository never needs the Python jsonschema,
    rapidfuzz (only for "did you mean"), jinja2 (scaffolds), rich, the model or the
    renderer."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from paved.generator.cli.validate import _run\n"
        f"files, found = _run(Path({str(MINI)!r}), progress=False, cache=False)\n"
        "assert files and not found, found\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_the_paved_program_exits_fast_with_its_output_and_code() -> None:
    """Run as ``paved`` the command skips the interpreter's teardown (os._exit): the
    report must still be complete and the exit code right."""
    program = Path(sys.executable).parent / "paved"
    if not program.exists():
        pytest.skip("no paved console script in this environment")
    bad = Path(__file__).parent / "fixtures" / "bad" / "header-duplicate"
    done = subprocess.run(
        [str(program), "validate", "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.rstrip().endswith("]")
    assert '"SHEET005"' in done.stdout
    clean = subprocess.run(
        [str(program), "validate", str(MINI)], capture_output=True, text=True, timeout=60
    )
    assert clean.returncode == 0
    assert clean.stdout.endswith("0 errors, 0 warnings in 10 files\n")


def test_documents_read_elsewhere_give_the_same_findings() -> None:
    """``paved build`` has a forked child read the Markdown while the catalogue is read
    here (``documents``): the same repository and findings as reading them here."""
    from paved.generator.core.load.repository import Documents, load_documents
    from paved.generator.core.validate.pipeline import load_and_validate

    root = Path(__file__).resolve().parent.parent  # the example: catalogue and Markdown
    asked: list[Documents] = []

    def documents() -> Documents:
        asked.append(load_documents(root))
        return asked[-1]

    alone = load_and_validate(root)
    given = load_and_validate(root, documents=documents)
    assert len(asked) == 1
    assert given == alone
    assert given[0].wids == asked[0].wids
    assert len(given[0].wids) > 3
