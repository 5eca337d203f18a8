"""``paved render``: the example as a plain docs tree, built without the paved plugin by
plain MkDocs (and by Zensical when it is installed), against the plugin's own build."""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from paved.generator.cli import main

REPO = Path(__file__).resolve().parents[1]
CONTENT = ("mkdocs.yml", "docs", "wids", "adrs", "custodians", "overrides")
_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.DOTALL)
_HREF = re.compile(r'href="([^"]*)"')


def _example(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in CONTENT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ingrid Testesen",
        "GIT_AUTHOR_EMAIL": "author@example.com",
        "GIT_COMMITTER_NAME": "Ingrid Testesen",
        "GIT_COMMITTER_EMAIL": "author@example.com",
        "GIT_AUTHOR_DATE": "2026-01-05T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-01-05T10:00:00+00:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "content"]):
        subprocess.run(["git", *args], cwd=target, env=env, check=True, capture_output=True)
    return target


def _render(root: Path, out: Path, *extra: str) -> None:
    result = CliRunner().invoke(main, ["render", "--out", str(out), *extra, str(root)])
    assert result.exit_code == 0, result.output


def _build(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PAVED_FEEDBACK_URL", None)
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def article_text(page: Path) -> str:
    match = _ARTICLE.search(page.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", match.group(1) if match else "")
    return " ".join(html.unescape(text).split())


def broken_hrefs(site: Path) -> list[tuple[str, str]]:
    """Relative ``href``s inside the pages' articles (Markdown links, raw HTML, diagram
    SVG alike) whose file is not in the site."""
    broken = []
    for page in site.rglob("*.html"):
        match = _ARTICLE.search(page.read_text(encoding="utf-8"))
        for href in _HREF.findall(match.group(1) if match else ""):
            if re.match(r"[a-z][a-z0-9+.-]*:|//|#", href):
                continue
            path = unquote(html.unescape(href).split("#")[0].split("?")[0])
            if not path:
                continue
            target = page.parent / path
            if path.endswith("/"):
                target = target / "index.html"
            if not target.resolve().exists():
                broken.append((page.relative_to(site).as_posix(), href))
    return broken


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _example(tmp_path_factory.mktemp("render") / "repo")


@pytest.fixture(scope="module")
def plugin_site(example: Path) -> Path:
    """The example built by MkDocs with the paved plugin."""
    site = example.parent / "plugin-site"
    saved = os.environ.pop("PAVED_FEEDBACK_URL", None)
    try:
        config = load_config(config_file=str(example / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        if saved is not None:
            os.environ["PAVED_FEEDBACK_URL"] = saved
    return site


@pytest.fixture(scope="module")
def mkdocs_tree(example: Path) -> Path:
    """``paved render --engine mkdocs``, built by plain ``mkdocs build --strict``."""
    tree = example.parent / "mkdocs-tree"
    _render(example, tree)
    _build([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"], tree)
    return tree


def test_the_tree_holds_pages_published_files_and_overrides(
    example: Path, mkdocs_tree: Path
) -> None:
    docs = mkdocs_tree / "docs"
    assert (docs / "products" / "wid-0001.md").is_file()
    assert (docs / "get-started" / "index.md").is_file()
    assert (docs / "api" / "platform.json").is_file()
    assert (docs / "api" / "sections.json").read_text(encoding="utf-8").startswith(("[", "{"))
    assert (docs / "schemas" / "wid.schema.json").is_file()
    assert (mkdocs_tree / "overrides" / "partials" / "source-file.html").is_file()
    config = (mkdocs_tree / "mkdocs.yml").read_text(encoding="utf-8")
    plugins = re.search(r"^plugins:\n((?:[ -].*\n)*)", config, re.MULTILINE)
    assert plugins is not None
    assert re.search(r"^- search\b", plugins[1], re.MULTILINE)
    assert not re.search(r"^- paved\b", plugins[1], re.MULTILINE)
    assert "custom_dir: overrides" in config
    assert "docs_dir: docs" in config
    front = (docs / "products" / "wid-0001.md").read_text(encoding="utf-8").split("---")[1]
    assert "paved_git:" in front
    assert "Ingrid Testesen" in front
    assert "paved_owner:" in front
    assert not (example / "docs" / "api").exists()  # nothing written into the repository


def test_plain_mkdocs_build_matches_the_plugin_build(plugin_site: Path, mkdocs_tree: Path) -> None:
    site = mkdocs_tree / "site"
    assert html_pages(site) == html_pages(plugin_site)
    different = [
        page
        for page in sorted(html_pages(site))
        if article_text(site / page) != article_text(plugin_site / page)
    ]
    assert different == []
    assert "Ingrid Testesen" in article_text(site / "products" / "wid-0001" / "index.html")
    assert broken_hrefs(site) == []


def test_refuses_a_non_empty_folder_and_the_repository_docs(example: Path, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["render", "--out", str(tmp_path), str(example)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    for out in (example / "docs", example, example / "docs" / "sub"):
        result = runner.invoke(main, ["render", "--out", str(out), "--force", str(example)])
        assert result.exit_code == 2, out
        assert "overlaps" in result.output, out
    _render(example, tmp_path, "--force")
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "docs" / "index.md").is_file()


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["render", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "paved render --out" in result.output


def test_zensical_links_in_raw_html_are_source_relative(example: Path, tmp_path: Path) -> None:
    _render(example, tmp_path, "--engine", "zensical")
    decisions = (tmp_path / "docs" / "decisions" / "index.md").read_text(encoding="utf-8")
    assert 'click n0 "adr-' in decisions
    assert '.md"' in decisions
    product = (tmp_path / "docs" / "products" / "wid-0001.md").read_text(encoding="utf-8")
    assert 'href="../decisions/adr-' in product
    assert 'href="../decisions/adr-0001/"' not in product
    assert "variant: classic" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")


def test_zensical_builds_the_same_pages_without_broken_links(
    example: Path, plugin_site: Path
) -> None:
    if importlib.util.find_spec("zensical") is None:
        pytest.skip("zensical is not installed (pip install 'zensical==0.0.73')")
    zensical = Path(sys.executable).parent / "zensical"
    command = [str(zensical)] if zensical.is_file() else [sys.executable, "-m", "zensical"]
    tree = example.parent / "zensical-tree"
    _render(example, tree, "--engine", "zensical")
    _build([*command, "build", "-f", "mkdocs.yml"], tree)
    site = tree / "site"
    assert html_pages(site) == html_pages(plugin_site)
    assert broken_hrefs(site) == []


def test_links_in_the_overrides_are_not_followed(tmp_path: Path) -> None:
    """A link committed in overrides/ (to a file or folder outside the repository, or
    overrides/ itself) is left out of the tree with a warning naming it, as paved adr
    import leaves links where they are: the tree never holds a linked file's content."""
    outside = tmp_path / "outside"
    (outside / "keys").mkdir(parents=True)
    (outside / "secret.txt").write_text("SECRET-FILE", encoding="utf-8")
    (outside / "keys" / "id.txt").write_text("SECRET-FOLDER", encoding="utf-8")
    root = _example(tmp_path / "repo")
    (root / "overrides" / "partials" / "secret.html").symlink_to(outside / "secret.txt")
    (root / "overrides" / "keys").symlink_to(outside / "keys", target_is_directory=True)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "--out", str(out), str(root)])
    assert result.exit_code == 0, result.output
    for name in ("overrides/partials/secret.html", "overrides/keys"):
        assert f"paved: {name} is a symbolic link; not copied" in result.output
    assert (out / "overrides" / "partials" / "source-file.html").is_file()
    copied = [p for p in (out / "overrides").rglob("*") if p.is_file()]
    assert copied
    assert not any(b"SECRET" in p.read_bytes() for p in copied)
    assert not (out / "overrides" / "keys").exists()
    assert not any(p.is_symlink() for p in (out / "overrides").rglob("*"))

    # overrides/ itself a link out of the repository: nothing copied, no custom_dir
    shutil.rmtree(root / "overrides")
    (root / "overrides").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(main, ["render", "--out", str(out), "--force", str(root)])
    assert result.exit_code == 0, result.output
    assert "paved: overrides is a symbolic link; not copied" in result.output
    assert not (out / "overrides").exists()
    assert "custom_dir" not in (out / "mkdocs.yml").read_text(encoding="utf-8")
