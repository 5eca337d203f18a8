"""What installing Paved puts into an environment: one ``paved`` namespace, nothing else at
the top level; old module names still resolve for configurations that name them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from paved.generator.cli import old_names

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes build/ and *.egg-info next to the sources.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, source / name)
    for name in ("generator", "bot"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(out),
            str(source),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("paved-*.whl")
    return built


def test_the_wheel_installs_only_the_paved_namespace(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"paved"}
    assert "paved/__init__.py" not in names  # an implicit namespace: nothing to shadow
    assert "paved/generator/core/model.py" in names
    assert "paved/bot/service.py" in names


def test_the_wheel_carries_its_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "paved/generator/core/schemas/wid.schema.json" in names
    assert "paved/generator/core/render/templates/base.md.j2" in names or any(
        n.startswith("paved/generator/core/render/templates/") for n in names
    )
    assert any(n.startswith("paved/bot/store/migrations/sqlite/") for n in names)
    assert "paved/bot/manifest.yaml" in names


def test_every_old_name_points_at_a_module_that_exists() -> None:
    import importlib.util

    for old in old_names.MOVED:
        new = old_names.new_name(f"generator.{old}")
        assert new is not None
        assert importlib.util.find_spec(new) is not None, (old, new)
    assert old_names.new_name("bot.store") == "paved.bot.store"
    assert old_names.new_name("generatorx.model") is None
    assert old_names.new_name("generator.nonexistent") is None


def test_a_mkdocs_yml_naming_an_old_module_still_loads(tmp_path: Path) -> None:
    """Run where the repository's own generator/ folder is not importable (as a user's
    portal repository), with the finder ``paved build`` installs."""
    script = (
        "import yaml, logging\n"
        "from mkdocs.utils.yaml import get_yaml_loader\n"
        "from paved.generator.cli import old_names\n"
        "from paved.generator.mkdocs_plugin import mermaid\n"
        "old_names.install()\n"
        "doc = 'format: !!python/name:generator.plugin_mermaid.format_flowchart'\n"
        "value = yaml.load(doc, Loader=get_yaml_loader())['format']\n"
        "assert value is mermaid.format_flowchart, value\n"
        "import bot.store, paved.bot.store\n"
        "assert bot.store.open_store is paved.bot.store.open_store\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert "write 'paved.generator.mkdocs_plugin.mermaid' instead" in done.stderr
