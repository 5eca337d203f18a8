"""A template in the theme overrides cannot run Python on the machine that builds.

``overrides/`` reaches the repository by pull request like any other file, and MkDocs
renders its templates with a plain Jinja environment, in which an expression reaches
Python itself through attributes such as ``__init__`` and ``__globals__``: a block of
``overrides/main.html`` holding ``{{ cycler.__init__.__globals__.os.popen(...) }}`` ran
the command at ``paved build`` and ``paved serve`` (0 errors, 0 warnings), as the
``hooks:`` the configuration guard refuses would. The templates run in Jinja's sandbox;
the build stops with a message, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from example_site import build_site, copy_example

PAVED = Path(sys.executable).parent / "paved"


def _with_payload(tmp_path: Path, marker: Path) -> Path:
    root = copy_example(tmp_path / "repo")
    main = root / "overrides" / "main.html"
    payload = (
        "{% block content %}{{ super() }}<!-- {{ cycler.__init__.__globals__.os"
        ".makedirs(" + repr(str(marker)) + ") }} -->{% endblock %}\n"
    )
    main.write_text(main.read_text(encoding="utf-8") + payload, encoding="utf-8")
    return root


def test_paved_build_runs_nothing_and_says_why(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    root = _with_payload(tmp_path, marker)
    done = subprocess.run(
        [str(PAVED), "build", "-q", "-d", str(tmp_path / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k != "PAVED_TRUST_CONFIG"},
    )
    assert not marker.exists()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "a theme template could not be rendered" in done.stderr
    assert "__init__" in done.stderr


@pytest.mark.parametrize("command", ["build", "serve"])
def test_the_preview_runs_nothing(tmp_path: Path, command: str) -> None:
    marker = tmp_path / "ran"
    root = _with_payload(tmp_path, marker)
    with pytest.raises(Exception, match="unsafe"):
        build_site(root, tmp_path / "site", command=command)
    assert not marker.exists()
