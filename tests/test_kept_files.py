"""``mkdocs_plugin/speed/kept_files.py``: the generated pages' MkDocs files that
``paved serve`` makes from the last build's are the files ``File.generated`` makes."""

from __future__ import annotations

from pathlib import Path

from example_site import copy_example
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from paved.generator.mkdocs_plugin.speed.kept_files import GeneratedFiles


def _config(tmp_path: Path) -> MkDocsConfig:
    root = copy_example(tmp_path / "repo")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "paved"  # as MkDocs sets it while the plugin's hook runs
    return config


def _fresh(config: MkDocsConfig, src_uri: str, content: str | bytes) -> dict[str, object]:
    file = File.generated(config, src_uri, content=content)
    _ = (file.name, file.dest_uri, file.url, file.abs_dest_path)
    return vars(file)


CONTENTS: dict[str, str | bytes] = {
    "products/wid-0001.md": "# One\n",
    "index.md": "# Home\n",
    "catalogue/datasets/sales/orders.md": "# Orders\n",
    "api/platform.json": b"{}",
}


def test_files_are_what_file_generated_makes_build_after_build(tmp_path: Path) -> None:
    config = _config(tmp_path)
    kept = GeneratedFiles()
    for step in range(3):
        contents = {
            uri: text + f"Step {step}.\n" if isinstance(text, str) else text
            for uri, text in CONTENTS.items()
        }
        if step == 2:
            contents["products/wid-0002.md"] = "# Two\n"  # a page added
            del contents["index.md"]  # and one gone
        made = kept.files(config, contents)
        assert [file.src_uri for file in made] == list(contents)
        for file, (src_uri, content) in zip(made, contents.items(), strict=True):
            assert vars(file) == _fresh(config, src_uri, content)
        # What a build does to its files is not in the next build's.
        for file in made:
            file.inclusion = InclusionLevel.EXCLUDED
            file.content_string = ""
        made[0].page = None


def test_another_site_folder_or_url_style_makes_new_files(tmp_path: Path) -> None:
    config = _config(tmp_path)
    kept = GeneratedFiles()
    kept.files(config, CONTENTS)
    config.site_dir = str(tmp_path / "elsewhere")
    for file, (src_uri, content) in zip(
        kept.files(config, CONTENTS), CONTENTS.items(), strict=True
    ):
        assert vars(file) == _fresh(config, src_uri, content)
        assert file.abs_dest_path.startswith(str(tmp_path / "elsewhere"))
    config.use_directory_urls = False
    for file, (src_uri, content) in zip(
        kept.files(config, CONTENTS), CONTENTS.items(), strict=True
    ):
        assert vars(file) == _fresh(config, src_uri, content)
    assert kept.files(config, CONTENTS)[0].url == "products/wid-0001.html"
    config.plugins._current_plugin = "another"
    assert {file.generated_by for file in kept.files(config, CONTENTS)} == {"another"}
