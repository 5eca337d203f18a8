"""Symbolic links never lead the loaders out of the repository (RS-015, RS-016, RS-017):
a link whose target resolves outside the root, loops or dangles is reported at the link
(FILE008, naming the link and its target) and never read, so no outside content reaches
CI logs or the portal. Linked directories are never descended."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from example_site import copy_example
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from paved.generator.core.load.repository import load_documents, load_repository
from paved.generator.mkdocs_plugin.assets import decision_asset_files, vet_docs_files

PAVED = Path(sys.executable).parent / "paved"
SECRET = "root:x:0:0:secret-marker"
WID = "---\nid: WID-0001\ntitle: Real\nstatus: draft\ndomain: finance\n---\n# Real\n\nText.\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the repository holding a 'secret' file and directory."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "passwd.md").write_text(f"# Secret\n\n{SECRET}\n", encoding="utf-8")
    (folder / "catalogue.csv").write_text(f"id\n{SECRET}\n", encoding="utf-8")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("wids", "adrs", "docs", "custodians"):
        (root / folder).mkdir(parents=True)
    (root / "wids" / "WID-0001-real.md").write_text(WID, encoding="utf-8")
    return root


def codes(found: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(f"{d.code} {d.location}" for d in found)


@pytest.mark.parametrize("folder", ["wids", "adrs", "docs", "custodians"])
def test_rs015_a_link_to_a_file_outside_is_reported_and_not_read(
    repo: Path, outside: Path, folder: str
) -> None:
    name = "domains.csv" if folder == "custodians" else "0009-passwd.md"
    link = repo / folder / name
    link.symlink_to(outside / ("catalogue.csv" if folder == "custodians" else "passwd.md"))
    loaded, found = load_repository(repo)
    rel = f"{folder}/{name}"
    mine = [d for d in found if d.location.path == rel]
    assert [d.code for d in mine] == ["FILE008"]
    assert str(outside) in mine[0].message
    assert rel in mine[0].message
    assert "replace the link with the file" in mine[0].hint.lower()
    everything = repr(loaded) + repr(found)
    assert SECRET not in everything


def test_rs016_links_to_directories_loops_and_dangling_links(repo: Path, outside: Path) -> None:
    docs = repo / "docs"
    (docs / "up").symlink_to("../../", target_is_directory=True)
    (docs / "out").symlink_to(outside, target_is_directory=True)
    (docs / "loop.md").symlink_to("loop.md")
    (docs / "a.md").symlink_to("b.md")
    (docs / "b.md").symlink_to("a.md")
    (docs / "gone.md").symlink_to("nowhere.md")
    (docs / "sub").mkdir()
    (docs / "sub" / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / "inside").symlink_to("sub", target_is_directory=True)
    documents = load_documents(repo)
    by_path = {d.location.path: d for d in documents.found}
    for rel in ("docs/up", "docs/out", "docs/loop.md", "docs/a.md", "docs/b.md", "docs/gone.md"):
        assert by_path[rel].code == "FILE008", rel
        assert by_path[rel].is_error, rel
    assert by_path["docs/inside"].code == "FILE008"
    # An error under docs/ (MkDocs would follow it): see test_linked_directories_under_docs_*.
    assert by_path["docs/inside"].is_error
    assert [doc.path for doc in documents.docs] == ["docs/sub/page.md"]  # once, not via 'inside'
    assert SECRET not in repr(documents)


def test_a_link_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "docs" / "real.md").write_text("# Real\n", encoding="utf-8")
    (repo / "docs" / "alias.md").symlink_to("real.md")
    documents = load_documents(repo)
    assert [doc.path for doc in documents.docs] == ["docs/alias.md", "docs/real.md"]
    assert documents.found == []


@pytest.mark.parametrize("folder", ["wids", "docs", "custodians"])
def test_a_linked_top_folder_out_of_the_repository_is_not_read(
    tmp_path: Path, outside: Path, folder: str
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / folder).symlink_to(outside, target_is_directory=True)
    loaded, found = load_repository(root)
    assert [f"{d.code} {d.location}" for d in found] == [f"FILE008 {folder}"]
    assert SECRET not in repr(loaded)


def test_rs017_catalogue_link_to_a_device_is_refused(repo: Path) -> None:
    (repo / "custodians" / "domains.csv").symlink_to("/dev/zero")
    (repo / "custodians" / "catalogue.xlsx").symlink_to("/proc/self/environ")
    _, found = load_repository(repo)
    assert codes(found) == [
        "FILE008 custodians/catalogue.xlsx",
        "FILE008 custodians/domains.csv",
    ]


def test_validate_prints_the_link_and_never_the_content(repo: Path, outside: Path) -> None:
    (repo / "docs" / "passwd.md").symlink_to(outside / "passwd.md")
    result = subprocess.run(
        [str(PAVED), "validate", str(repo)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "docs/passwd.md: error FILE008" in result.stdout
    assert str(outside / "passwd.md") in result.stdout
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_repository_root_given_through_a_link_still_works(tmp_path: Path, repo: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(repo, target_is_directory=True)
    (repo / "docs" / "page.md").write_text("# Page\n", encoding="utf-8")
    (repo / "docs" / "same.md").symlink_to(os.path.join("..", "docs", "page.md"))
    loaded, found = load_repository(alias)
    assert not [d for d in found if d.code == "FILE008"]
    assert [doc.path for doc in loaded.docs] == ["docs/page.md", "docs/same.md"]


# ------------------------------------------------- links into the repository's hidden files
# In CI the checkout's ``.git/config`` holds the token actions/checkout persists (an
# ``http.extraheader``), and ``.env`` files hold local secrets: both sit inside the root,
# so "inside the repository" is not enough. A link into a hidden folder or file is
# reported and never read, published or indexed.
HIDDEN_SECRET = "AUTHORIZATION: basic hidden-canary-4d2e"


@pytest.fixture
def hidden(repo: Path) -> Path:
    (repo / ".git").mkdir()
    (repo / ".git" / "config").write_text(
        f'[http "https://github.com/"]\n\textraheader = {HIDDEN_SECRET}\n', encoding="utf-8"
    )
    (repo / ".env").write_text(f"TOKEN={HIDDEN_SECRET}\n", encoding="utf-8")
    return repo


@pytest.mark.parametrize(
    ("rel", "target"),
    [
        ("docs/leak.md", "../.env"),
        ("docs/sub/config.md", "../../.git/config"),
        ("wids/WID-0002-leak.md", "../.git/config"),
        ("adrs/0002-leak.md", "../.env"),
        ("custodians/domains.csv", "../.env"),
    ],
)
def test_a_link_into_a_hidden_folder_or_file_is_reported_and_not_read(
    hidden: Path, rel: str, target: str
) -> None:
    link = hidden / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    loaded, found = load_repository(hidden)
    mine = [d for d in found if d.location.path == rel]
    assert [d.code for d in mine] == ["FILE008"]
    assert mine[0].is_error
    assert "hidden" in mine[0].message
    assert HIDDEN_SECRET not in repr(loaded) + repr(found)


def _docs_config(root: Path) -> MkDocsConfig:
    (root / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"))
    # File.generated names the plugin running the current event; outside a build, say it.
    config.plugins._current_plugin = "paved"
    return config


def test_docs_files_linked_into_hidden_files_are_not_published(hidden: Path) -> None:
    docs = hidden / "docs"
    (docs / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / "leak.md").symlink_to("../.env")
    (docs / "leak.txt").symlink_to("../.git/config")
    (docs / "env.json").symlink_to("../.env")
    (docs / "alias.md").symlink_to("page.md")
    config = _docs_config(hidden)
    files = get_files(config)
    refused = vet_docs_files(files, config, hidden)
    assert sorted(r.path for r in refused) == ["env.json", "leak.md", "leak.txt"]
    assert all("hidden" in r.reason for r in refused)
    assert sorted(f.src_uri for f in files) == ["alias.md", "page.md"]


def test_a_hidden_file_of_docs_is_not_published_and_not_called_a_link(hidden: Path) -> None:
    """An editor's swap file (``docs/.page.md.swp``) is left out, and the message says
    why without calling it a link to replace."""
    docs = hidden / "docs"
    (docs / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / ".page.md.swp").write_bytes(b"b0VIM 9.0")
    config = _docs_config(hidden)
    config.exclude_docs = None  # MkDocs leaves hidden files out by default; here it lists them
    files = get_files(config)
    refused = vet_docs_files(files, config, hidden)
    assert [r.path for r in refused] == [".page.md.swp"]
    assert "hidden file" in refused[0].reason
    assert "link" not in refused[0].reason
    assert [f.src_uri for f in files] == ["page.md"]


def test_files_next_to_adrs_linked_into_hidden_files_are_not_published(hidden: Path) -> None:
    adrs = hidden / "adrs"
    (adrs / "leak.txt").symlink_to("../.git/config")
    (adrs / "env.csv").symlink_to("../.env")
    (adrs / "notes.txt").write_text("plain\n", encoding="utf-8")
    published, refused = decision_asset_files(_docs_config(hidden), hidden)
    assert [f.src_uri for f in published] == ["decisions/notes.txt"]
    assert sorted(r.path for r in refused) == ["adrs/env.csv", "adrs/leak.txt"]
    assert all("hidden" in r.reason for r in refused)


# ------------------------------------------------- directory links the site builder follows
# MkDocs lists docs/ with os.walk(followlinks=True) before any plugin sees a file: two
# links to '.' make the walk branch without end (the build never finishes), one to '/'
# walks the disk. The loader never descends linked directories; under docs/ such a link
# is an error that stops ``paved build`` and ``paved serve`` before MkDocs walks.
EXAMPLE = Path(__file__).resolve().parents[2]
SERVE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
"""


def test_a_linked_directory_elsewhere_is_only_a_warning(repo: Path) -> None:
    (repo / "wids" / "sub").mkdir()
    (repo / "wids" / "linked").symlink_to("sub", target_is_directory=True)
    _, found = load_repository(repo)
    assert [(d.code, d.is_error) for d in found if d.location.path == "wids/linked"] == [
        ("FILE008", False)
    ]


@pytest.mark.parametrize("command", ["build", "serve"])
def test_linked_directories_under_docs_stop_the_site_build_in_bounded_time(
    tmp_path: Path, command: str
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "wids", "adrs", "custodians", "overrides", "synonyms.yml"):
        source = EXAMPLE / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    (root / "docs" / "a").symlink_to(".", target_is_directory=True)
    (root / "docs" / "get-started" / "b").symlink_to("..", target_is_directory=True)
    site = tmp_path / "site"
    if command == "build":
        argv = [
            str(PAVED),
            "build",
            "-q",
            "-j",
            "1",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site),
        ]
    else:
        argv = [sys.executable, "-c", SERVE, str(root / "mkdocs.yml"), str(site)]
    result = subprocess.run(
        argv, capture_output=True, text=True, timeout=120, check=False, cwd=root
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "docs/a: error FILE008" in output
    assert "docs/get-started/b: error FILE008" in output
    assert "Traceback" not in output


# ------------------------------------------------- paved adr import's folders
NYGARD_RECORD = "# 1. Record\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n"


@pytest.mark.parametrize("how", ["adrs is a link into .git", "--into .git/hooks"])
def test_adr_import_never_moves_files_into_a_hidden_folder(tmp_path: Path, how: str) -> None:
    """A committed link ``adrs -> .git/hooks`` made ``paved adr import`` move the files
    next to the records (an executable ``post-checkout`` among them) into git's hooks,
    run at the maintainer's next checkout. Source and target must lie inside the
    repository and outside its hidden folders, whatever links lead there."""
    root = tmp_path / "repo"
    log = root / "docs" / "adr"
    log.mkdir(parents=True)
    (root / ".git" / "hooks").mkdir(parents=True)
    (log / "0001-record.md").write_text(NYGARD_RECORD, encoding="utf-8")
    hook = log / "post-checkout"
    hook.write_text("#!/bin/sh\necho pwned\n", encoding="utf-8")
    hook.chmod(0o755)
    into: list[str] = []
    if how.startswith("adrs"):
        (root / "adrs").symlink_to(".git/hooks", target_is_directory=True)
    else:
        into = ["--into", str(root / ".git" / "hooks")]
    result = subprocess.run(
        [str(PAVED), "adr", "import", str(log), "--root", str(root), *into],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "hidden" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (root / ".git" / "hooks").iterdir()) == []
    assert hook.exists()


@pytest.mark.parametrize(
    ("link", "target"),
    [
        (".github/CODEOWNERS", "../../outside/authorized_keys"),
        (".github/CODEOWNERS", "../.git/hooks/pre-commit"),
        (".github", ".git/hooks"),
    ],
)
@pytest.mark.parametrize("check", [False, True])
def test_codeowners_never_writes_or_reads_through_a_link(
    repo: Path, outside: Path, link: str, target: str, check: bool
) -> None:
    """A committed ``.github/CODEOWNERS`` (or ``.github``) link would make ``paved
    codeowners`` overwrite a file outside the repository or in git's own folder."""
    (repo / ".git" / "hooks").mkdir(parents=True)
    kept = {
        outside / "authorized_keys": "ssh-ed25519 AAAA kept\n",
        repo / ".git" / "hooks" / "pre-commit": "#!/bin/sh\nexit 0\n",
    }
    for file, text in kept.items():
        file.write_text(text, encoding="utf-8")
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    (repo / link).symlink_to(target, target_is_directory=link == ".github")
    result = subprocess.run(
        [str(PAVED), "codeowners", str(repo), *(["--check"] if check else [])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for file, text in kept.items():
        assert file.read_text(encoding="utf-8") == text
    assert not (repo / ".git" / "hooks" / "CODEOWNERS").exists()


@pytest.mark.parametrize("git", [False, True])
@pytest.mark.parametrize("where", ["into .git/hooks", "outside the repository"])
def test_adr_import_never_moves_or_writes_through_a_link_below_the_target(
    tmp_path: Path, git: bool, where: str
) -> None:
    """The target's own path was checked, not the folders below it: a log kept in
    subfolders (``docs/adr/hooks/post-checkout``) and a committed link
    ``adrs/hooks -> ../.git/hooks`` had ``paved adr import`` rename the executable into
    git's hooks (``git mv`` refuses a path beyond a link; the plain rename it falls back
    to follows it), and a record's converted text was written through such a link
    anywhere on the disk. Every destination must stay in the target, through no link."""
    root = tmp_path / "repo"
    log = root / "docs" / "adr"
    (log / "hooks").mkdir(parents=True)
    (root / ".git" / "hooks").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (log / "hooks" / "0001-record.md").write_text(NYGARD_RECORD, encoding="utf-8")
    hook = log / "hooks" / "post-checkout"
    hook.write_text("#!/bin/sh\necho pwned\n", encoding="utf-8")
    hook.chmod(0o755)
    (root / "adrs").mkdir()
    landing = root / ".git" / "hooks" if where.startswith("into") else outside
    (root / "adrs" / "hooks").symlink_to(landing, target_is_directory=True)
    if git:
        shutil.rmtree(root / ".git")
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        subprocess.run(["git", "-C", str(root), "add", "docs"], check=True)
        if where.startswith("into"):
            (root / "adrs" / "hooks").unlink()
            (root / "adrs" / "hooks").symlink_to("../.git/hooks", target_is_directory=True)
            landing = root / ".git" / "hooks"
            for sample in landing.iterdir():
                sample.unlink()
    result = subprocess.run(
        [str(PAVED), "adr", "import", str(log), "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=root,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert sorted(p.name for p in landing.iterdir()) == [], output
    assert result.returncode == 2, output
    assert "adrs/hooks is a symbolic link" in result.stderr
    assert hook.exists()
    assert (log / "hooks" / "0001-record.md").exists()


INPUT_STATE = """
import sys
from pathlib import Path
from mkdocs.config import load_config
from paved.generator.mkdocs_plugin.speed.unchanged import input_state
state = input_state(load_config(config_file=sys.argv[1]), Path(sys.argv[2]))
print("usable" if state.usable else "not usable")
"""


def test_serve_takes_the_state_of_a_docs_folder_with_link_loops_in_bounded_time(
    tmp_path: Path,
) -> None:
    """``paved serve`` records what a build read, to keep the site when nothing changed.
    Walking ``docs/`` through links, ``docs/a -> .`` and ``docs/get-started/b -> ..``
    made that walk exponential, before the build's own check could refuse the links: the
    preview hung. Links are noted, not walked, and such a state is never trusted."""
    root = copy_example(tmp_path / "repo")
    (root / "docs" / "a").symlink_to(".", target_is_directory=True)
    (root / "docs" / "get-started" / "b").symlink_to("..", target_is_directory=True)
    result = subprocess.run(
        [sys.executable, "-c", INPUT_STATE, str(root / "mkdocs.yml"), str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "not usable"
