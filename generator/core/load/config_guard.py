"""What in ``mkdocs.yml`` would run code or reach outside the repository, found before
MkDocs reads it.

``mkdocs.yml`` reaches the repository by pull request like every other file, and MkDocs
reads it with PyYAML's unsafe loader: ``!!python/object/apply:os.system [...]`` runs
while the configuration is read, ``hooks:`` runs Python files during the build, and a
``site_dir`` outside the repository is *emptied* by every build. A reviewer who runs
``paved build`` or ``paved serve`` on a contributor's branch must not be exposed to that.

So the file is first composed with the safe loader (nodes only: nothing is constructed,
aliases are not expanded) and searched for:

* Python tags other than ``!!python/name:`` naming a callable of Markdown, Material,
  Python-Markdown extensions or Paved (what ``mkdocs.yml`` files use for emoji and
  custom fences) — SEC504;
* a ``hooks:`` list — SEC504;
* a plugin other than those of :data:`SAFE_PLUGINS` — SEC504: a plugin is Python the
  build runs, and some run more (Material's ``projects`` builds every
  ``projects/*/mkdocs.yml`` with the unsafe loader, unchecked; ``privacy`` downloads what
  pages link to; a templating plugin runs Jinja over contributed pages);
* ``docs_dir``, ``site_dir``, ``theme.custom_dir``, ``INHERIT``, the paved plugin's
  ``root`` and ``store_url`` (an SQLite file), pymdownx.snippets' ``base_path`` and
  pymdownx.emoji's ``custom_icons`` leading out of the repository (an
  absolute path or ``..``), written plain, as a ``!relative`` suffix or as an ``!ENV``
  default — SEC505;
* an ``!ENV`` tag naming a variable other than Paved's own ``PAVED_FEEDBACK_URL`` and the
  names listed in ``PAVED_CONFIG_ENV`` — SEC506. MkDocs puts the variable's value where
  the tag is (``site_name: !ENV SLACK_SIGNING_SECRET``, ``extra: {x: !ENV
  PAVED_DATABASE_URL}``) and the build publishes it: a pull request could read any secret
  the build machine holds into the portal. The allow-list is set where the build runs
  (the workflow, the shell), never in the repository's content;
* the paved plugin's ``store_url`` naming a database server (``postgresql://host/db``)
  — SEC507: the build would connect to a host the pull request chose, with what the
  machine holds for it (``PGPASSWORD``, ``~/.pgpass``).

A team that does trust its configuration (its own hooks) says so outside the pull
request: ``--trust-config`` or ``PAVED_TRUST_CONFIG=1``.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location
from paved.generator.core.load.config_nodes import entries, get, values
from paved.generator.core.load.limits import MAX_MARKDOWN_BYTES
from paved.generator.core.load.text import read_text

#: The environment variable that trusts the configuration, like ``--trust-config``.
TRUST_ENV = "PAVED_TRUST_CONFIG"
_PYTHON_TAG = "tag:yaml.org,2002:python/"
#: Modules whose callables ``!!python/name:`` may name (emoji index and generator,
#: custom fence formatters, Markdown extensions' options).
ALLOWED_NAME_MODULES = ("material.", "pymdownx.", "markdown.", "paved.")
#: A YAML document of more nodes than this is not searched further (and is reported).
MAX_NODES = 200_000
_PATH_KEYS = ("docs_dir", "site_dir", "INHERIT")
#: Plugins a pull request may enable: they run no code of the repository, read nothing
#: outside ``docs/`` and fetch nothing (MkDocs' and Material's search, Material's tags,
#: offline and typeset, and Paved itself). Any other needs ``--trust-config``.
SAFE_PLUGINS = frozenset(
    {"search", "material/search", "tags", "material/tags", "offline", "material/offline",
     "typeset", "material/typeset", "paved"}
)  # fmt: skip
#: ``INHERIT`` chains longer than this are not followed.
_MAX_INHERIT = 5
#: The tag MkDocs (pyyaml_env_tag) replaces by an environment variable's value.
ENV_TAG = "!ENV"
#: MkDocs' tag for a folder of the build machine (``$config_dir/...``, ``$docs_dir/...``).
RELATIVE_TAG = "!relative"
#: The environment variable listing further names ``!ENV`` may read (commas or spaces).
ENV_ALLOW_VARIABLE = "PAVED_CONFIG_ENV"
#: Variables ``!ENV`` may always read: Paved's own settings that are public in the
#: portal anyway (the feedback widget's URL, documented in the example ``mkdocs.yml``).
BUILT_IN_ENV = ("PAVED_FEEDBACK_URL",)


def trusted(flag: bool) -> bool:
    """``--trust-config`` given, or ``PAVED_TRUST_CONFIG`` set to 1/true/yes."""
    return flag or os.environ.get(TRUST_ENV, "").strip().lower() in {"1", "true", "yes"}


def allowed_env(environ: dict[str, str] | None = None) -> frozenset[str]:
    """The variables ``!ENV`` may read: :data:`BUILT_IN_ENV` and the names listed in
    ``PAVED_CONFIG_ENV`` (separated by commas or white space) of the build's environment."""
    env = os.environ if environ is None else environ
    listed = env.get(ENV_ALLOW_VARIABLE, "").replace(",", " ").split()
    return frozenset((*BUILT_IN_ENV, *listed))


def check_config_file(
    file: Path, rel: str = "mkdocs.yml", *, env_names: Collection[str] | None = None
) -> list[Diagnostic]:
    """The findings for ``file`` and the files it inherits from (``INHERIT:``, inside the
    repository); none when it does not exist: MkDocs says so. ``env_names`` are the
    variables ``!ENV`` may read (default: :func:`allowed_env`)."""
    names = allowed_env() if env_names is None else env_names
    out: list[Diagnostic] = []
    folder = file.parent.resolve()
    seen: set[Path] = set()
    while file.is_file() and file.resolve() not in seen and len(seen) < _MAX_INHERIT:
        seen.add(file.resolve())
        text, found = read_text(file, rel, max_bytes=MAX_MARKDOWN_BYTES)
        out.extend(found)
        if text is None:
            break
        out.extend(check_config_text(text, rel, env_names=names))
        node = _inherited(text)
        if node is None:
            break
        file = (file.parent / str(node.value)).resolve()
        if not file.is_relative_to(folder):
            # Written with '..' or absolute: reported as SEC505 above. Written as a plain
            # name, it is a symbolic link out of the repository, which MkDocs would read
            # (and run) unchecked.
            if not any(d.code == "SEC505" and d.location == _at(rel, node) for d in out):
                out.append(
                    diagnostic(
                        "SEC505",
                        _at(rel, node),
                        f"INHERIT: {str(node.value)[:120]!r} is a symbolic link that leads "
                        "out of the repository",
                    )
                )
            break
        rel = file.relative_to(folder).as_posix()
    return out


def _inherited(text: str) -> ScalarNode | None:
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    node = get(document, "INHERIT")
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value:
        return node
    return None


def check_config_text(
    text: str, rel: str, *, env_names: Collection[str] | None = None
) -> list[Diagnostic]:
    """SEC504 / SEC505 / SEC506 / SEC507 findings for the text of a ``mkdocs.yml``; ``env_names``
    are the variables ``!ENV`` may read (default: :func:`allowed_env`)."""
    names = allowed_env() if env_names is None else env_names
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []  # MkDocs reports a broken file, and can construct nothing from it
    if document is None:
        return []
    out = [
        *_tags(document, rel),
        *_hooks(document, rel),
        *_plugins(document, rel),
        *_paths(document, rel),
        *_computed(document, rel, names),
    ]
    return sorted(out, key=lambda d: (d.location.line or 0, d.location.column or 0))


def _nodes(root: Node) -> Iterator[Node]:
    """Every node once (an alias is the node it names), at most ``MAX_NODES``."""
    seen: set[int] = set()
    stack = [root]
    while stack and len(seen) < MAX_NODES:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))


def _at(rel: str, node: Node) -> Location:
    mark = node.start_mark
    return Location(rel, line=mark.line + 1, column=mark.column + 1)


def _tags(document: Node, rel: str) -> Iterator[Diagnostic]:
    for node in _nodes(document):
        tag = node.tag or ""
        if not tag.startswith(_PYTHON_TAG):
            continue
        kind = tag[len(_PYTHON_TAG) :]
        if kind.startswith("name:") and kind[5:].startswith(ALLOWED_NAME_MODULES):
            continue
        yield diagnostic(
            "SEC504",
            _at(rel, node),
            f"the tag !!python/{kind[:80]} makes MkDocs run Python code while it reads "
            f"this file; only !!python/name: of {', '.join(m + '…' for m in ALLOWED_NAME_MODULES)}"
            " is read",
        )


def _hooks(document: Node, rel: str) -> Iterator[Diagnostic]:
    for hooks in values(document, "hooks"):
        if isinstance(hooks, SequenceNode) and not hooks.value:
            continue
        yield diagnostic(
            "SEC504",
            _at(rel, hooks),
            "hooks: run Python files of the repository during every build",
        )


def _plugins(document: Node, rel: str) -> Iterator[Diagnostic]:
    for name, _, node in entries(document, "plugins"):
        if name in SAFE_PLUGINS:
            continue
        yield diagnostic(
            "SEC504",
            _at(rel, node),
            f"plugins: {name[:80]!r} is not one Paved knows to run no code of the repository "
            f"and read nothing outside it (those are {', '.join(sorted(SAFE_PLUGINS))})",
        )


def _paths(document: Node, rel: str) -> Iterator[Diagnostic]:
    for key in _PATH_KEYS:
        for value in values(document, key):
            yield from _outside(value, key, rel)
    for theme in values(document, "theme"):
        for value in values(theme, "custom_dir"):
            yield from _outside(value, "theme.custom_dir", rel)
    for name, options, _ in entries(document, "plugins"):
        if name == "paved":
            for value in values(options, "root"):
                yield from _outside(value, "plugins.paved.root", rel)
            for value in values(options, "store_url"):
                yield from _sqlite_outside(value, rel)
                yield from _server_named(value, rel)
    for name, options, _ in entries(document, "markdown_extensions"):
        if name == "pymdownx.snippets":
            for base in values(options, "base_path"):
                for value in base.value if isinstance(base, SequenceNode) else [base]:
                    yield from _outside(value, "pymdownx.snippets base_path", rel)
        if name == "pymdownx.emoji":  # Material reads every .svg of these folders inline
            for icons in (v for o in values(options, "options") for v in values(o, "custom_icons")):
                for value in icons.value if isinstance(icons, SequenceNode) else [icons]:
                    yield from _outside(value, "pymdownx.emoji custom_icons", rel)


def _sqlite_outside(node: Node, rel: str) -> Iterator[Diagnostic]:
    """The paved plugin's ``store_url`` naming an SQLite file out of the repository: the
    build opens it and migrates it (writes its tables into any SQLite database of the
    machine: a browser's history, another project's data)."""
    if isinstance(node, SequenceNode) and node.tag == ENV_TAG and len(node.value) > 1:
        node = node.value[-1]  # the default, used when the variable is not set
    if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        return
    scheme, _, rest = str(node.value).strip().partition("://")
    if scheme.lower() != "sqlite" or rest in ("", "/", "/:memory:"):
        return
    yield from _outside(node, "plugins.paved.store_url", rel, rest[1:] if rest[:1] == "/" else rest)


def _server_named(node: Node, rel: str) -> Iterator[Diagnostic]:
    """The paved plugin's ``store_url`` naming a database server (any scheme but
    ``sqlite``): every build of the branch would connect to the host a pull request
    chose, and the database driver hands it what the build machine holds for it
    (``PGPASSWORD``, ``~/.pgpass``, client certificates) and fills report pages with
    what it answers. The store of a build is given where the build runs."""
    if isinstance(node, SequenceNode) and node.tag == ENV_TAG and len(node.value) > 1:
        node = node.value[-1]  # the default, used when the variable is not set
    if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        return
    url = str(node.value).strip()
    scheme = url.partition(":")[0].lower()
    if not url or scheme == "sqlite":
        return
    yield diagnostic(
        "SEC507",
        _at(rel, node),
        f"plugins.paved.store_url names the database {url[:80]!r}: every build of this "
        "branch would connect to it with the credentials of the machine that builds",
    )


def _computed(document: Node, rel: str, env_names: Collection[str]) -> Iterator[Diagnostic]:
    """The values MkDocs computes from the build machine: ``!ENV`` names outside the
    allow-list (SEC506), and ``!relative`` suffixes that climb out (SEC505), wherever in
    the file they are (any key: ``site_name``, ``extra``, a plugin's options)."""
    allowed = ", ".join(sorted(env_names))
    for node in _nodes(document):
        if node.tag == ENV_TAG:
            for name in _env_names(node):
                if isinstance(name, ScalarNode) and str(name.value) in env_names:
                    continue
                shown = str(name.value)[:80] if isinstance(name, ScalarNode) else "(not a name)"
                yield diagnostic(
                    "SEC506",
                    _at(rel, name),
                    f"!ENV {shown} reads the build machine's environment into the site "
                    "(a pull request could publish a secret of the build); !ENV reads only "
                    f"{allowed} (add names to {ENV_ALLOW_VARIABLE} where the build runs)",
                )
        elif node.tag == RELATIVE_TAG and isinstance(node, ScalarNode):
            prefix, _, suffix = str(node.value).partition("/")
            if prefix.startswith("$") and suffix:
                yield from _outside(node, f"!relative {prefix}", rel, suffix)


def _env_names(node: Node) -> list[Node]:
    """The nodes of the variable names an ``!ENV`` tag reads, as pyyaml_env_tag reads
    them: the scalar itself, or every item of a list but the last (the default) when the
    list has two or more. A mapping (MkDocs refuses it) is reported as a name."""
    if isinstance(node, SequenceNode):
        return list(node.value[:-1] if len(node.value) > 1 else node.value)
    return [node]


def _outside(
    node: Node | None, key: str, rel: str, path: str | None = None
) -> Iterator[Diagnostic]:
    """A path value that is absolute or climbs out with ``..``: plain, or the default of
    an ``!ENV`` (what MkDocs uses when the variable is not set). ``path`` is the part of
    a computed value to check (a ``!relative`` suffix)."""
    if isinstance(node, SequenceNode) and node.tag == ENV_TAG and len(node.value) > 1:
        yield from _outside(node.value[-1], key, rel)
        return
    if path is None:
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            return
        path = str(node.value)
    assert node is not None
    value = path.strip()
    if not value:
        return
    posix, windows = PurePosixPath(value), PureWindowsPath(value)
    if not (
        posix.is_absolute()
        or windows.is_absolute()
        or windows.drive
        or ".." in posix.parts
        or ".." in windows.parts
    ):
        return
    yield diagnostic(
        "SEC505",
        _at(rel, node),
        f"{key}: {value[:120]!r} leads out of the repository"
        + (" (MkDocs empties site_dir before every build)" if key == "site_dir" else ""),
    )
