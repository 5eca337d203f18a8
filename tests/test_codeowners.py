"""paved codeowners writes CODEOWNERS from the model; paved validate reports a stale one."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from diff_helpers import Platform, default_platform, wid

from paved.generator.cli import main
from paved.generator.core import codeowners
from paved.generator.core.api import load_and_validate

#: GitHub's CODEOWNERS syntax: a pattern, then owners (@user, @org/team or an e-mail).
RULE = re.compile(r"^(/\S+(?:\\ \S*)*) (@[A-Za-z0-9-]+(?:/[A-Za-z0-9._-]+)?(?: |$))+")


def _write(root: Path, platform: Platform) -> None:
    for rel, text in platform.files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _platform() -> Platform:
    platform = default_platform()
    # WID-0001's owner has their own github; WID-0002's owner has none, nor is in the
    # register, but its technical contact Kim Lund is (without a handle), so the
    # custodian Ada Berg owns it.
    platform.wids["WID-0001-daily.md"] = wid(1, datasets=("lake.prd_daily",), github="@eva-holm")
    return platform


def test_generate_maps_people_to_github_users(tmp_path: Path) -> None:
    _write(tmp_path, _platform())
    result = CliRunner().invoke(
        main, ["codeowners", str(tmp_path), "--architect", "@org/architects"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == "wrote .github/CODEOWNERS: 9 rules\n"
    text = (tmp_path / ".github/CODEOWNERS").read_text()
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert all(RULE.match(line) for line in rules), rules
    assert "/adrs/ @org/architects" in rules
    assert "/custodians/columns.csv @ada-berg @ola-dahl" in rules  # Kim Lund has no handle
    assert "/wids/WID-0001-daily.md @eva-holm" in rules
    assert "/wids/WID-0002-lines.md @ada-berg" in rules  # fallback: its custodian
    # Folder rules first, per-file rules after: in CODEOWNERS the last match wins.
    assert rules.index("/adrs/ @org/architects") < rules.index("/wids/WID-0001-daily.md @eva-holm")


def test_regenerating_keeps_the_architects_and_check_passes(tmp_path: Path) -> None:
    _write(tmp_path, _platform())
    runner = CliRunner()
    runner.invoke(main, ["codeowners", str(tmp_path), "--architect", "@kari"])
    first = (tmp_path / ".github/CODEOWNERS").read_text()
    again = runner.invoke(main, ["codeowners", str(tmp_path)])
    assert again.exit_code == 0
    assert (tmp_path / ".github/CODEOWNERS").read_text() == first
    check = runner.invoke(main, ["codeowners", str(tmp_path), "--check"])
    assert (check.exit_code, check.output) == (0, ".github/CODEOWNERS is current\n")


def test_validate_reports_a_stale_file_with_the_line_to_fix(tmp_path: Path) -> None:
    platform = _platform()
    _write(tmp_path, platform)
    CliRunner().invoke(main, ["codeowners", str(tmp_path), "--architect", "@kari"])
    _, before = load_and_validate(tmp_path)
    assert not [d for d in before if d.code == "OWN601"]
    platform.wids["WID-0001-daily.md"] = wid(1, datasets=("lake.prd_daily",), github="@eva-new")
    _write(tmp_path, platform)
    _, after = load_and_validate(tmp_path)
    stale = [d for d in after if d.code == "OWN601"]
    assert len(stale) == 1
    text = (tmp_path / ".github/CODEOWNERS").read_text()
    line = text.splitlines().index("/wids/WID-0001-daily.md @eva-holm") + 1
    assert (stale[0].location.path, stale[0].location.line) == (".github/CODEOWNERS", line)
    assert "/wids/WID-0001-daily.md @eva-new" in stale[0].message
    assert "paved codeowners" in stale[0].hint
    check = CliRunner().invoke(main, ["codeowners", str(tmp_path), "--check"])
    assert check.exit_code == 1
    assert "out of date" in check.output


def test_hand_written_codeowners_is_left_alone(tmp_path: Path) -> None:
    _write(tmp_path, _platform())
    (tmp_path / "CODEOWNERS").write_text("* @someone\n")
    _, found = load_and_validate(tmp_path)
    assert not [d for d in found if d.code == "OWN601"]
    assert codeowners.committed(tmp_path) is None


def test_bad_architect_handle_is_a_usage_error(tmp_path: Path) -> None:
    _write(tmp_path, _platform())
    result = CliRunner().invoke(main, ["codeowners", str(tmp_path), "--architect", "@bad handle"])
    assert result.exit_code == 2
    assert "not a GitHub user or team" in result.output
    assert not (tmp_path / ".github/CODEOWNERS").exists()


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["codeowners", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "paved codeowners --architect" in result.output


def test_a_file_name_cannot_add_a_rule(tmp_path: Path) -> None:
    platform = _platform()
    platform.wids["WID-0003-x\n* @attacker.md"] = wid(3, github="@eva-holm")
    _write(tmp_path, platform)
    text = codeowners.generate(load_and_validate(tmp_path)[0], ["@kari"])
    assert "@attacker" not in text
    assert "control characters is left out" in text


def test_the_example_maps_every_product_to_github_users() -> None:
    root = Path(__file__).resolve().parent.parent
    loaded, _ = load_and_validate(root)
    text = codeowners.generate(loaded, ["@kari-vik"])
    wid_rules = [line for line in text.splitlines() if line.startswith("/wids/")]
    assert len(wid_rules) == len(loaded.wids)  # every WID has an owner with a GitHub user
    assert "/wids/WID-0001-store-sales-performance.md @ingrid-solberg" in wid_rules
