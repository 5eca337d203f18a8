"""A pull request cannot enable a plugin that runs code or reaches outside the repository.

A plugin is Python the build runs, and ``mkdocs.yml`` names which. The guard refused
``hooks:`` and ``!!python/`` tags but let any installed plugin through: Material's
``projects`` plugin (installed with Material) builds every ``projects/*/mkdocs.yml`` with
PyYAML's unsafe loader and its own hooks, none of it checked. ``plugins: [projects]`` and
``projects/x/mkdocs.yml`` holding ``!!python/object/apply:os.system [...]`` ran the
command on the reviewer's or CI's machine at ``paved build`` (and ``paved validate`` said
nothing). Only plugins that run no code of the repository and fetch nothing are read
without ``--trust-config``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from example_site import copy_example

from paved.generator.core.load.config_guard import check_config_text

PAVED = str(Path(sys.executable).with_name("paved"))


def _paved(root: Path, *args: str, trust: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PAVED_TRUST_CONFIG"}
    if trust:
        env["PAVED_TRUST_CONFIG"] = "1"
    return subprocess.run(
        [PAVED, *args], cwd=root, env=env, capture_output=True, text=True, timeout=600
    )


def _with_projects(tmp_path: Path, marker: Path) -> Path:
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - projects\n", 1), encoding="utf-8")
    nested = root / "projects" / "x"
    (nested / "docs").mkdir(parents=True)
    (nested / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (nested / "mkdocs.yml").write_text(
        f"site_name: x\nextra:\n  payload: !!python/object/apply:os.mkdir ['{marker}']\n",
        encoding="utf-8",
    )
    return root


def test_the_projects_plugin_runs_nothing_unless_trusted(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    root = _with_projects(tmp_path, marker)
    line = 1 + next(
        i
        for i, text in enumerate((root / "mkdocs.yml").read_text().splitlines())
        if text == "  - projects"
    )

    refused = _paved(root, "build", "-q", "-d", str(tmp_path / "site"))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"mkdocs.yml:{line}:5: error SEC504" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not marker.exists()

    checked = _paved(root, "validate", "--no-cache", ".")
    assert f"mkdocs.yml:{line}:5: error SEC504" in checked.stdout
    assert not marker.exists()

    # The payload is live: trusted, the plugin reads the nested configuration and runs it.
    _paved(root, "build", "-q", "-d", str(tmp_path / "site"), trust=True)
    assert marker.exists()


@pytest.mark.parametrize(
    "plugins",
    [
        "plugins:\n  - material/projects\n",
        "plugins:\n  - group:\n      enabled: true\n      plugins: [projects]\n",
        "plugins:\n  - privacy\n",
        "plugins:\n  - macros\n",
        "plugins:\n  search: {}\n  info: {enabled: true}\n",
    ],
)
def test_each_plugin_outside_the_allow_list_is_reported(plugins: str) -> None:
    found = check_config_text("site_name: x\n" + plugins, "mkdocs.yml")
    assert [d.code for d in found] == ["SEC504"], found


def test_the_plugins_a_portal_uses_are_read() -> None:
    text = (
        "plugins:\n  - search:\n      separator: '[\\s]+'\n  - material/tags\n  - offline\n"
        "  - typeset\n  - paved:\n      adr_strict_from: ADR-0007\n"
    )
    assert check_config_text(text, "mkdocs.yml") == []
