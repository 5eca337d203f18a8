"""Images kept next to the ADRs are published beside the decision pages through the
same rules as docs/ (issue 10): the allow-list of types, the magic bytes, no link out."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from paved.generator.mkdocs_plugin.assets import decision_asset_files

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_only_real_files_of_allowed_types_are_published(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    adrs = root / "adrs"
    (adrs / "img").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    (adrs / "0001-a.md").write_text("# A\n", encoding="utf-8")
    (adrs / "0001-diagram.png").write_bytes(PNG)
    (adrs / "img" / "flow.png").write_bytes(PNG)
    (adrs / "fake.png").write_bytes(b"<html><script>alert(1)</script>")
    (adrs / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    outside = tmp_path / "secret.png"
    outside.write_bytes(PNG)
    (adrs / "link.png").symlink_to(outside)
    config = load_config(config_file=str(root / "mkdocs.yml"))
    # File.generated names the plugin running the current event; outside a build, say it.
    config.plugins._current_plugin = "paved"
    published, refused = decision_asset_files(config, root)
    assert sorted(f.src_uri for f in published) == [
        "decisions/0001-diagram.png",
        "decisions/img/flow.png",
    ]
    assert {r.path: r.reason.split(",")[0] for r in refused} == {
        "adrs/fake.png": "its content is not a .png file",
        "adrs/link.png": f"it is a link to {outside.resolve()}",
    }
