"""``paved render``: the portal as a plain docs tree that another engine can build.

Writes ``DIR/mkdocs.yml`` (the repository's, without the ``paved`` plugin, its
navigation written out), ``DIR/docs/`` (the hand-written files the portal publishes, every
generated page with its git facts in front matter, the schemas and ``api/*.json``) and
``DIR/overrides/`` (the theme overrides). The tree is computed by the core
(``paved.generator.core.render.tree``); this module reads the MkDocs configuration, vets
``docs/`` with the plugin's own rules and writes the files.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import click
import yaml

from paved.generator.cli._mkdocs import refuse_untrusted_config, trust_config_option
from paved.generator.core.render.paths import LinkStyle
from paved.generator.core.render.types import Page
from paved.generator.report.escape import terminal

ENGINES = ("mkdocs", "zensical")
# What ``--force`` replaces in DIR (nothing else there is touched).
_WRITTEN = ("docs", "overrides", "mkdocs.yml")


@click.command()
@click.argument(
    "path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path()
)
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the tree into (must be empty, unless --force).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="mkdocs",
    show_default=True,
    help="Who builds the tree: links inside raw HTML are written for that engine.",
)
@click.option(
    "--force", is_flag=True, help="Write into a non-empty DIR (replaces its docs/, overrides/)."
)
@trust_config_option
def render(path: Path, out: Path, engine: str, force: bool, trust_config: bool) -> None:
    """Write the portal as a plain docs tree another engine can build, without the plugin.

    The tree is DIR/mkdocs.yml, DIR/docs/ and DIR/overrides/. Building it still needs
    Paved installed (the diagrams and column listings are superfences formatters of
    paved.generator.mkdocs_plugin), but not the paved plugin: no validation, no HTML
    sanitiser, no feedback widget. Build contributed content with the plugin.

    \b
    Example:
        paved render --out /tmp/portal && mkdocs build -f /tmp/portal/mkdocs.yml
        paved render --out /tmp/zportal --engine zensical
        zensical build -f /tmp/zportal/mkdocs.yml
    """
    root = path.resolve()
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise click.UsageError(f"{config_file} does not exist: PATH must hold the mkdocs.yml")
    refuse_untrusted_config(str(config_file), trust=trust_config)
    raw = _read_config(config_file)
    docs_dir = (root / str(raw.get("docs_dir") or "docs")).resolve()
    target = out.resolve()
    _check_target(target, root, docs_dir, force=force)

    from paved.generator.core import api, gitfacts
    from paved.generator.core.render.site import DEFAULT_SITE_NAME, render_site
    from paved.generator.core.render.tree import docs_tree, machine_files

    result = api.check(root)
    if not result.ok:
        from paved.generator.cli.validate import count_files
        from paved.generator.core.diagnostics import Severity
        from paved.generator.report import text

        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        click.echo(text.render(errors, count_files(result.loaded)), nl=False, err=True)
        raise click.ClickException("the repository does not validate; nothing written")

    git = gitfacts.collect(root)
    site_url = str(raw.get("site_url") or "")
    style = LinkStyle.SOURCE if engine == "zensical" else LinkStyle.SERVED
    pages = render_site(
        result.platform,
        git,
        site_url=site_url,
        site_name=str(raw.get("site_name") or DEFAULT_SITE_NAME),
        link_style=style,
    )
    from paved.generator.mkdocs_plugin.pages import what_changed

    pages = [*pages, *what_changed(root)]  # as the plugin does: the same pages either way
    docs = _published_docs(config_file, root)
    meta = _PageMeta(root, docs_dir, result.platform, git)
    from paved.generator.mkdocs_plugin.publishing import sections_file

    sections = sections_file(result.platform, pages, site_url=site_url)
    published = machine_files(result.platform, sections, site_url=site_url)
    tree = docs_tree(pages, docs, published, meta.of)
    for src_uri in tree.replaced:
        click.echo(
            f"paved: docs/{src_uri} is replaced by the generated page of the same path; "
            "move the hand-written page elsewhere",
            err=True,
        )

    from paved.generator.mkdocs_plugin.navigation import navigation

    if raw.get("nav") is None:
        doc_uris = [uri for uri in docs if uri.endswith(".md") and uri not in tree.replaced]
        raw["nav"] = navigation(doc_uris, tree.files.keys())
    custom_dir = _custom_dir(raw, config_file.parent, root)
    from paved.generator.mkdocs_plugin.assets import copy_site_assets, with_site_assets

    raw = with_site_assets(raw)  # Paved's tables and diagrams scripts, served by the tree
    written = plain_config(raw, engine=engine, has_overrides=custom_dir is not None)

    _clear(target)
    for src_uri, content in tree.files.items():
        file = target / "docs" / src_uri
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content)
    copy_site_assets(target / "docs")
    if custom_dir is not None:
        for link in copy_without_links(custom_dir, target / "overrides"):
            _skipped_link(link, root)
    (target / "mkdocs.yml").write_text(written, encoding="utf-8")
    click.echo(
        f"paved: {sum(f.endswith('.md') for f in tree.files)} pages and "
        f"{sum(not f.endswith('.md') for f in tree.files)} other files written to {target} "
        f"for {engine}; build with: "
        + (
            f"zensical build -f {target / 'mkdocs.yml'}"
            if engine == "zensical"
            else f"mkdocs build -f {target / 'mkdocs.yml'}"
        )
    )


def _check_target(target: Path, root: Path, docs_dir: Path, *, force: bool) -> None:
    """Never into the repository's docs (nor a tree whose docs/ would be them)."""
    for folder in (docs_dir, root):
        if target == folder or folder in target.parents or target in docs_dir.parents:
            raise click.UsageError(
                f"--out {target} overlaps the repository's docs ({docs_dir}); "
                "choose a folder outside the repository"
            )
    if target.exists() and any(target.iterdir()) and not force:
        raise click.UsageError(f"--out {target} is not empty; pass --force to write into it")


def _clear(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in _WRITTEN:
        entry = target / name
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        elif entry.is_dir():
            shutil.rmtree(entry)


def _published_docs(config_file: Path, root: Path) -> dict[str, bytes]:
    """``src_uri`` → content of every file of ``docs/`` the plugin would publish: the
    same MkDocs file discovery and the same rules (``mkdocs_plugin.assets``)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from paved.generator.mkdocs_plugin.assets import vet_docs_files

    config = load_config(config_file=str(config_file))
    files = get_files(config)
    for refused in vet_docs_files(files, config, root):
        click.echo(refused.message(), err=True)
    return {file.src_uri: file.content_bytes for file in files}


class _PageMeta:
    """A page's front matter in the tree: what the plugin's ``on_page_markdown`` puts
    into ``page.meta`` (safe front matter, git facts, owner, review), written out so the
    theme partials show it without the plugin."""

    def __init__(self, root: Path, docs_dir: Path, platform: Any, git: Any) -> None:
        self.root, self.docs_dir, self.platform, self.git = root, docs_dir, platform, git
        self._facts: dict[tuple[str, ...], dict[str, Any]] = {}
        self.today = dt.date.today()

    def of(self, src_uri: str, page: Page | None, meta: dict[str, Any]) -> dict[str, Any]:
        from paved.generator.mkdocs_plugin.pages import (
            owner_meta,
            page_facts,
            review_due,
            source_paths,
        )
        from paved.generator.mkdocs_plugin.sanitize import safe_meta

        doc_path = None
        if page is None:
            try:
                doc_path = (self.docs_dir / src_uri).relative_to(self.root).as_posix()
            except ValueError:
                doc_path = None
        sources = tuple(source_paths(page, doc_path, self.platform))
        facts = self._facts.get(sources)
        if facts is None:
            facts = self._facts[sources] = page_facts(self.git, sources).as_meta()
        safe = safe_meta(meta)
        owner = page.owner if page is not None else safe.get("owner")
        safe["paved_git"] = facts
        if owner:
            safe["paved_owner"] = owner
            safe.update(owner_meta(owner, self.platform))  # a linked name, as the plugin shows
        if page is None:
            due = review_due(safe.get("review_by"), self.today)
            if due is not None:
                safe["paved_review"] = {"due": due, "owner": owner}
        return safe


# --- mkdocs.yml -------------------------------------------------------------------------


class _Tagged:
    """A YAML value with a tag PyYAML's safe loader does not know (``!ENV``,
    ``!!python/name:...``), kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(
    loader: yaml.SafeLoader,
    suffix: str,  # noqa: ARG001 - PyYAML's multi-constructor signature
    node: yaml.Node,
) -> _Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def _read_config(config_file: Path) -> dict[str, Any]:
    # ``_Loader`` is a SafeLoader that keeps unknown tags as ``_Tagged`` values.
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader
    if not isinstance(data, dict):
        raise click.UsageError(f"{config_file} is not a YAML mapping")
    return data


def _custom_dir(raw: dict[str, Any], config_dir: Path, root: Path) -> Path | None:
    """The theme overrides' folder as written (not resolved: a link must stay visible);
    None when there is none, or when it or a folder on the way to it is a symbolic link
    (left out with a warning, as the links inside it)."""
    theme = raw.get("theme")
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not folder:
        return None
    path = config_dir / str(folder)
    here = config_dir
    for part in Path(str(folder)).parts:
        here = here / part
        if here.is_symlink():
            _skipped_link(here, root)
            return None
    return path if path.is_dir() else None


def copy_without_links(source: Path, dest: Path) -> list[Path]:
    """Copy the folder ``source`` to ``dest`` without following a symbolic link: a linked
    file or folder is not copied (neither the link nor what it points to), as ``paved adr
    import`` leaves links where they are. Returns the links left out, sorted.

    ``shutil.copytree(symlinks=False)`` copied a link's target, so a link committed in
    ``overrides/`` put any file the builder can read (``~/.ssh``, ``.git/config``) into
    a tree that is then published; only regular files are copied."""
    links: list[Path] = []
    for top, dirs, names in os.walk(source, followlinks=False):
        here = Path(top)
        out = dest / here.relative_to(source)
        out.mkdir(parents=True, exist_ok=True)
        links += [here / d for d in dirs if (here / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        for name in sorted(names):
            file = here / name
            if file.is_symlink():
                links.append(file)
            elif file.is_file():
                shutil.copy2(file, out / name, follow_symlinks=False)
    return sorted(links)


def _skipped_link(link: Path, root: Path) -> None:
    try:
        name = link.relative_to(root).as_posix()
    except ValueError:
        name = link.as_posix()
    click.echo(
        f"paved: {terminal(name)} is a symbolic link; not copied (paved render copies no "
        "link or its target into the tree: put the file itself there)",
        err=True,
    )


def _is_paved(entry: Any) -> bool:
    return entry == "paved" or (isinstance(entry, dict) and "paved" in entry)


def plain_config(raw: dict[str, Any], *, engine: str, has_overrides: bool) -> str:
    """The repository's ``mkdocs.yml`` for the tree: no ``paved`` plugin, ``docs_dir:
    docs``, ``site_dir: site`` (Zensical wants it inside the configuration's folder), the
    theme overrides copied next to it; ``theme.variant: classic`` for Zensical (Material's
    look). Material's feedback widget is left out: it posts through the plugin."""
    config = dict(raw)
    plugins = config.get("plugins")
    if isinstance(plugins, list):
        config["plugins"] = [entry for entry in plugins if not _is_paved(entry)]
    elif isinstance(plugins, dict):
        config["plugins"] = {k: v for k, v in plugins.items() if k != "paved"}
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config.pop("watch", None)  # paths of the repository, not of the tree
    theme = config.get("theme")
    if isinstance(theme, dict):
        theme = dict(theme)
        theme.pop("custom_dir", None)
        if has_overrides:
            theme["custom_dir"] = "overrides"
        if engine == "zensical":
            theme.setdefault("variant", "classic")
        config["theme"] = theme
    extra = config.get("extra")
    if isinstance(extra, dict) and isinstance(extra.get("analytics"), dict):
        analytics = {k: v for k, v in extra["analytics"].items() if k != "feedback"}
        if analytics.get("provider") == "custom":
            analytics.pop("provider")
        config["extra"] = {**extra, "analytics": analytics or None}
    _with_columns_fence(config.get("markdown_extensions"))
    header = (
        f"# Written by `paved render --engine {engine}`: the portal without the paved plugin.\n"
        "# Regenerate it rather than editing it.\n"
    )
    body = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return header + body


def _with_columns_fence(extensions: Any) -> None:
    """The ``paved-columns`` fence, as the plugin registers it when mkdocs.yml lacks it."""
    from paved.generator.mkdocs_plugin.tables import FENCE

    if not isinstance(extensions, list):
        return
    for index, entry in enumerate(extensions):
        if entry == "pymdownx.superfences":
            entry = extensions[index] = {"pymdownx.superfences": {}}
        if isinstance(entry, dict) and "pymdownx.superfences" in entry:
            options = entry["pymdownx.superfences"]
            if options is None:
                options = entry["pymdownx.superfences"] = {}
            fences = options.setdefault("custom_fences", [])
            if not any(isinstance(f, dict) and f.get("name") == FENCE["name"] for f in fences):
                fence = dict(FENCE)
                formatter = fence["format"]
                name = (
                    f"{getattr(formatter, '__module__', '')}.{getattr(formatter, '__name__', '')}"
                )
                fence["format"] = _Tagged(f"tag:yaml.org,2002:python/name:{name}", "")
                fences.append(fence)
            return
