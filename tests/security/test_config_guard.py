"""A pull request's ``mkdocs.yml`` cannot run code or reach outside the repository.

MkDocs reads ``mkdocs.yml`` with PyYAML's unsafe loader, runs ``hooks:`` and empties
``site_dir`` before it writes. Each test runs the real ``paved`` command on a copy of
the example whose ``mkdocs.yml`` a contributor changed, and checks that the payload is
live (it acts when the configuration is trusted) and that Paved stops before it acts.
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


def _paved(
    root: Path, *args: str, trust: str = "", extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"PAVED_TRUST_CONFIG", "PAVED_CONFIG_ENV"}
    }
    if trust:
        env["PAVED_TRUST_CONFIG"] = trust
    env.update(extra_env or {})
    return subprocess.run(
        [PAVED, *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


def _example(tmp_path: Path, extra: str) -> Path:
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return root


def _line_of(root: Path, needle: str) -> int:
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_a_python_tag_is_refused_before_it_runs_and_runs_only_when_trusted(
    tmp_path: Path,
) -> None:
    marker = tmp_path / "ran"
    root = _example(tmp_path, f"\nextra_payload: !!python/object/apply:os.mkdir ['{marker}']\n")

    refused = _paved(root, "build", "-q", "-d", str(tmp_path / "site"))
    assert refused.returncode == 1
    line = _line_of(root, "extra_payload")
    assert f"mkdocs.yml:{line}:16: error SEC504" in refused.stderr
    assert "--trust-config" in refused.stderr
    assert not marker.exists()
    assert not (tmp_path / "site").exists()

    # The payload is live: read as MkDocs reads it, it runs.
    trusted = _paved(root, "build", "-q", "-d", str(tmp_path / "site"), "--trust-config")
    assert marker.is_dir(), trusted.stderr[-2000:]


def test_a_site_dir_outside_the_repository_is_never_emptied(tmp_path: Path) -> None:
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "keep.txt").write_text("precious", encoding="utf-8")
    root = _example(tmp_path, f"\nsite_dir: {outside}\n")

    for command in (["build", "-q"], ["serve", "--dev-addr", "127.0.0.1:0"]):
        done = _paved(root, *command)
        assert done.returncode == 1, command
        assert "error SEC505" in done.stderr
        assert "site_dir" in done.stderr
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "precious"


def test_validate_reports_hooks_and_paths_with_their_line_unless_trusted(tmp_path: Path) -> None:
    root = _example(tmp_path, "\nhooks:\n  - hooks.py\ndocs_dir: ../../etc\n")
    (root / "hooks.py").write_text("raise SystemExit('hook ran')\n", encoding="utf-8")

    found = _paved(root, "validate", "--no-cache", ".")
    assert found.returncode == 1
    assert f"mkdocs.yml:{_line_of(root, 'hooks:') + 1}:3: error SEC504" in found.stdout
    assert f"mkdocs.yml:{_line_of(root, 'docs_dir: ../')}:11: error SEC505" in found.stdout

    trusted = _paved(root, "validate", "--no-cache", ".", trust="1")
    assert "SEC504" not in trusted.stdout
    assert "SEC505" not in trusted.stdout


def test_render_refuses_a_configuration_that_runs_code(tmp_path: Path) -> None:
    root = _example(tmp_path, "\nhooks:\n  - hooks.py\n")
    done = _paved(root, "render", "--out", str(tmp_path / "tree"))
    assert done.returncode == 1
    assert "SEC504" in done.stderr
    assert not (tmp_path / "tree").exists()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: !!python/object/new:os.system [x]", "1:4"),
        ("a: !!python/module:os", "1:4"),
        ("a: !!python/name:os.system", "1:4"),
        ("a: !!python/name:materialx.evil", "1:4"),
        # A %TAG shorthand is the same tag.
        ("%TAG !p! tag:yaml.org,2002:python/\n---\na: !p!object/apply:os.system [x]", "3:4"),
        # An alias of a payload is one payload, found once.
        ("a: &x !!python/object/apply:os.system [x]\nb: *x\nc: *x", "1:4"),
        ("theme:\n  name: material\n  custom_dir: /etc", "3:15"),
        ("INHERIT: ../base.yml", "1:10"),
        # A key written twice: the loader keeps the last one.
        ("docs_dir: docs\ndocs_dir: /etc", "2:11"),
        ("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['.', '/']", "3:24"),
        ("plugins:\n  - paved:\n      root: C:\\Users", "3:13"),
    ],
)
def test_each_way_to_run_code_or_leave_the_repository_is_found(text: str, where: str) -> None:
    (found,) = check_config_text(text, "mkdocs.yml")
    assert str(found.location) == f"mkdocs.yml:{where}"
    assert found.code in {"SEC504", "SEC505"}
    assert found.hint


def test_what_material_configurations_use_is_read() -> None:
    text = (
        "docs_dir: docs\nsite_dir: site\ntheme:\n  name: material\n  custom_dir: overrides\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "  - pymdownx.snippets:\n      base_path: [docs]\n"
        "extra:\n  analytics: !ENV [PAVED_FEEDBACK_URL, '']\nhooks: []\n"
    )
    assert check_config_text(text, "mkdocs.yml") == []


def test_an_inherited_configuration_is_checked_too(tmp_path: Path) -> None:
    root = _example(tmp_path, "\nINHERIT: base/shared.yml\n")
    (root / "base").mkdir()
    (root / "base" / "shared.yml").write_text(
        "extra:\n  x: !!python/object/apply:os.getcwd []\n", encoding="utf-8"
    )
    done = _paved(root, "validate", "--no-cache", ".")
    assert "base/shared.yml:2:6: error SEC504" in done.stdout


# --- !ENV: the build machine's environment published into the site -------------------

#: A secret the build machine holds (as CI holds SLACK_SIGNING_SECRET or
#: PAVED_DATABASE_URL): no byte of it may reach the site unless the config is trusted.
CANARY = "canary-secret-4f1d9b"


def _site_text(site: Path) -> str:
    if not site.is_dir():
        return ""
    return "".join(
        f.read_bytes().decode("utf-8", "replace") for f in site.rglob("*") if f.is_file()
    )


def test_an_env_tag_cannot_publish_a_secret_of_the_build(tmp_path: Path) -> None:
    root = _example(tmp_path, "\nextra:\n  leak: !ENV SLACK_SIGNING_SECRET\n")
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    lines = [
        "site_name: !ENV SLACK_BOT_TOKEN" if line.startswith("site_name:") else line
        for line in lines
    ]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    secrets = {"SLACK_SIGNING_SECRET": CANARY, "SLACK_BOT_TOKEN": CANARY + "-bot"}
    site = tmp_path / "site"

    for command in (
        ["build", "-q", "-d", str(site)],
        ["serve", "--dev-addr", "127.0.0.1:0"],
        ["render", "--out", str(tmp_path / "tree")],
    ):
        refused = _paved(root, *command, extra_env=secrets)
        assert refused.returncode == 1, (command, refused.stderr[-2000:])
        assert f"mkdocs.yml:{_line_of(root, 'site_name: !ENV')}:12: error SEC506" in (
            refused.stderr
        )
        assert f"mkdocs.yml:{_line_of(root, 'leak: !ENV')}:9: error SEC506" in refused.stderr
        assert "!ENV SLACK_SIGNING_SECRET reads the build machine's environment" in (refused.stderr)
        assert "PAVED_CONFIG_ENV" in refused.stderr  # the hint names the allow-list
        assert CANARY not in refused.stderr + refused.stdout
    assert CANARY not in _site_text(site)
    assert not (tmp_path / "tree").exists()

    found = _paved(root, "validate", "--no-cache", ".", extra_env=secrets)
    assert found.returncode == 1
    assert found.stdout.count("error SEC506") == 2

    # The payload is live: read as MkDocs reads it, the secret is in the site.
    trusted = _paved(root, "build", "-q", "-d", str(site), "--trust-config", extra_env=secrets)
    assert trusted.returncode == 0, trusted.stderr[-2000:]
    assert CANARY in _site_text(site)


def test_the_build_machine_allows_the_variables_the_site_needs(tmp_path: Path) -> None:
    """The allow-list is set where the build runs, not in the pull request."""
    root = _example(tmp_path, "\nextra:\n  version: !ENV [SITE_VERSION, dev]\n")
    site = tmp_path / "site"
    refused = _paved(root, "build", "-q", "-d", str(site), extra_env={"SITE_VERSION": "v9"})
    assert refused.returncode == 1
    assert "error SEC506" in refused.stderr
    allowed = _paved(
        root,
        "build",
        "-q",
        "-d",
        str(site),
        extra_env={"SITE_VERSION": "v9", "PAVED_CONFIG_ENV": "OTHER, SITE_VERSION"},
    )
    assert allowed.returncode == 0, allowed.stderr[-2000:]
    assert "error SEC506" not in allowed.stderr


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("site_name: !ENV SLACK_SIGNING_SECRET", "1:12", "SEC506"),
        ("extra: {x: !ENV PAVED_DATABASE_URL}", "1:12", "SEC506"),
        # A list reads each name but the last (the default) ...
        ("extra:\n  x: !ENV [SECRET, '']", "2:12", "SEC506"),
        ("extra:\n  x: !ENV [SECRET]", "2:12", "SEC506"),
        # ... and a default may be an !ENV of its own.
        ("extra:\n  x: !ENV [PAVED_FEEDBACK_URL, !ENV SECRET]", "2:32", "SEC506"),
        # However the tag is spelt.
        ("%TAG !e! !\n---\na: !e!ENV SECRET", "3:4", "SEC506"),
        ("a: !<!ENV> SECRET", "1:4", "SEC506"),
        ("a: &s !ENV SECRET\nb: *s", "1:4", "SEC506"),
        ("a: !ENV {SECRET: x}", "1:4", "SEC506"),
        # A computed path that leads out: the !ENV default, a !relative suffix.
        ("docs_dir: !ENV [PAVED_FEEDBACK_URL, /etc]", "1:37", "SEC505"),
        ("site_dir: !relative $config_dir/../..", "1:11", "SEC505"),
        ("site_dir: !relative $docs_dir/../../home", "1:11", "SEC505"),
    ],
)
def test_each_way_to_read_the_environment_is_found(text: str, where: str, code: str) -> None:
    (found,) = check_config_text(text, "mkdocs.yml", env_names={"PAVED_FEEDBACK_URL"})
    assert (str(found.location), found.code) == (f"mkdocs.yml:{where}", code)
    assert found.hint


def test_the_allowed_variables_and_relative_paths_inside_are_read() -> None:
    text = (
        "extra:\n  a: !ENV [PAVED_FEEDBACK_URL, '']\n  b: !ENV SITE_VERSION\n"
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: !relative $config_dir\n"
        "  - x:\n      y: !relative $docs_dir/snippets\n  - z:\n      w: !relative\n"
    )
    assert check_config_text(text, "mkdocs.yml", env_names={"PAVED_FEEDBACK_URL"}) != []
    names = {"PAVED_FEEDBACK_URL", "SITE_VERSION"}
    assert check_config_text(text, "mkdocs.yml", env_names=names) == []
