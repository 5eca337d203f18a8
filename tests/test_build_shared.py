"""``paved build`` sharing its pages among forked processes (``speed.parallel``).

The property that matters: the site is byte for byte the one a single process writes,
and a failure or a warning in any process is the build's failure or warning. Each test
runs the real ``paved`` command on a copy of the example, with MkDocs ``hooks:`` as the
probe: they record which process wrote which page, or misbehave in one process only.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from example_site import commit_all, copy_example

from paved.generator.mkdocs_plugin.speed.navcache import NavCache
from paved.generator.mkdocs_plugin.speed.parallel import can_fork

PAVED = str(Path(sys.executable).with_name("paved"))

needs_fork = pytest.mark.skipif(not can_fork(), reason="a shared build needs os.fork (Linux)")

# Records, for each page written, the process that wrote it; misbehaves on request.
HOOKS = """
import logging
import os
import time
from pathlib import Path

PARENT = os.getpid()  # hooks load with the configuration, before any fork
LOG = Path(__file__).with_name("written.log")
PID_FILE = LOG.with_name("worker.pid")
MODE = os.environ.get("HOOK_MODE", "")
log = logging.getLogger("mkdocs.plugins.test_hooks")


def write_pid():
    # Written whole under another name, then renamed: whoever sees worker.pid (the
    # parent below, the test) reads the complete pid, never a file still empty.
    partial = PID_FILE.with_name(f"worker.pid.{os.getpid()}.tmp")
    partial.write_text(str(os.getpid()))
    os.replace(partial, PID_FILE)


def wait_for_worker():
    deadline = time.monotonic() + 60
    while not PID_FILE.exists():
        if time.monotonic() > deadline:
            raise RuntimeError("the worker never reached a page")
        time.sleep(0.01)


def on_page_markdown(markdown, page, config, files):
    in_worker = os.getpid() != PARENT
    generated = page.file.generated_by is not None and page.file.src_uri != "index.md"
    if markdown and generated and in_worker:
        write_pid()
        if MODE == "fail-in-worker":
            raise RuntimeError(f"boom on {page.file.src_uri}")
        if MODE == "warn-in-worker" and not LOG.with_name("warned").exists():
            LOG.with_name("warned").touch()
            log.warning("hook: a warning from a worker on %s", page.file.src_uri)
    if markdown and generated and not in_worker and MODE == "fail-in-parent":
        # Fail once the worker is surely running (it converts pages on its own until
        # the processes swap titles), so the test can check that it is stopped.
        wait_for_worker()
        raise RuntimeError(f"parent boom on {page.file.src_uri}")
    return markdown


def on_post_page(output, page, config):
    if output.strip():
        with open(LOG, "a") as handle:
            handle.write(f"{os.getpid()} {page.file.src_uri}\\n")
    return output
"""


def example(root: Path) -> Path:
    copy_example(root)
    (root / "hooks.py").write_text(HOOKS, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n")
    commit_all(root, author="Test Author", date="2026-01-05T10:00:00+00:00")
    return root


def paved_build(
    root: Path, site: Path, *args: str, mode: str = "", schedule: str = "static"
) -> subprocess.CompletedProcess[str]:
    (root / "written.log").unlink(missing_ok=True)
    env = {**os.environ, "HOOK_MODE": mode, "PAVED_BUILD_SCHEDULE": schedule}
    return subprocess.run(
        [PAVED, "build", "-d", str(site), "--trust-config", *args],  # our own hooks
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def writers(root: Path) -> dict[str, list[str]]:
    """Page → the processes that wrote it."""
    by_page: dict[str, list[str]] = {}
    for line in (root / "written.log").read_text(encoding="utf-8").splitlines():
        pid, src_uri = line.split(" ", 1)
        by_page.setdefault(src_uri, []).append(pid)
    return by_page


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purpose (its parent has gone; init reaps it).
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


@needs_fork
@pytest.mark.parametrize("schedule", ["static", "first-come"])
def test_a_shared_build_writes_the_same_site_as_one_process(tmp_path: Path, schedule: str) -> None:
    root = example(tmp_path / "repo")

    one = paved_build(root, tmp_path / "one", "--jobs", "1", schedule=schedule)
    assert one.returncode == 0, one.stderr
    alone = writers(root)
    shared = paved_build(root, tmp_path / "two", "--jobs", "2", schedule=schedule)
    assert shared.returncode == 0, shared.stderr
    together = writers(root)

    assert site_files(tmp_path / "two") == site_files(tmp_path / "one")
    assert set(together) == set(alone)
    assert all(len(pids) == 1 for pids in together.values()), "a page written twice"
    pids = {pids[0] for pids in together.values()}
    assert len(pids) == 2, "the worker wrote no page" if schedule == "static" else pids
    assert "Traceback" not in shared.stderr


@needs_fork
def test_a_failing_worker_fails_the_build_and_does_not_outlive_it(tmp_path: Path) -> None:
    root = example(tmp_path / "repo")

    result = paved_build(root, tmp_path / "site", "--jobs", "2", mode="fail-in-worker")

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"build worker 1 failed: boom on \S+\.md", output), output
    assert "--jobs 1" in output
    assert "Traceback" not in output
    worker = int((root / "worker.pid").read_text())
    assert not alive(worker)


@needs_fork
def test_a_failure_in_the_parent_stops_the_workers(tmp_path: Path) -> None:
    root = example(tmp_path / "repo")

    result = paved_build(root, tmp_path / "site", "--jobs", "2", mode="fail-in-parent")

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "parent boom on" in output
    worker = int((root / "worker.pid").read_text())
    assert not alive(worker)


@needs_fork
def test_a_workers_warning_is_shown_once_and_counts_in_strict_mode(tmp_path: Path) -> None:
    root = example(tmp_path / "repo")

    result = paved_build(root, tmp_path / "site", "--jobs", "2", "--strict", mode="warn-in-worker")

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert output.count("hook: a warning from a worker on") == 1, output
    assert "1 warnings in strict mode" in output


def h2_anchor(html: str) -> str:
    match = re.search(r'<h2 id="([^"]+)"', html)
    assert match, "no second-level heading on the page"
    return match.group(1)


@needs_fork
def test_anchor_links_into_pages_a_worker_wrote_are_checked(tmp_path: Path) -> None:
    root = example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("validation:\n  nav:", "validation:\n  anchors: warn\n  nav:")
    )
    first = paved_build(root, tmp_path / "first", "--jobs", "1")
    assert first.returncode == 0, first.stderr
    products = sorted((tmp_path / "first" / "products").glob("wid-*/index.html"))
    links = [
        f"- [{p.parent.name}](products/{p.parent.name}.md#{h2_anchor(p.read_text())})"
        for p in products
    ]
    page = root / "docs" / "links.md"
    page.write_text("# Links\n\n" + "\n".join(links) + "\n", encoding="utf-8")

    good = paved_build(root, tmp_path / "good", "--jobs", "2", "--strict")
    assert good.returncode == 0, good.stdout + good.stderr
    assert len({pids[0] for pids in writers(root).values()}) == 2

    broken = links[-1].replace("#", "#no-such-")
    page.write_text("# Links\n\n" + "\n".join([*links, broken]) + "\n", encoding="utf-8")
    bad = paved_build(root, tmp_path / "bad", "--jobs", "2", "--strict")
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1, output
    assert output.count("does not contain an anchor") == 1, output
    assert "#no-such-" in output


def test_the_navigation_is_rendered_once_per_folder_outside_it() -> None:
    cache = NavCache(["", "products/", "docs/get-started/", "reference/bot/"])
    rendered: list[str] = []

    class Page:
        def __init__(self, url: str) -> None:
            self.url = url

    def nav_for(url: str) -> str:
        return cache(Page(url), lambda: rendered.append(url) or f"nav for {url}")

    assert nav_for("products/wid-0001/") == "nav for products/wid-0001/"
    assert nav_for("products/wid-0002/") == "nav for products/wid-0001/"  # same folder
    assert nav_for("decisions/adr-0001/") == "nav for decisions/adr-0001/"
    assert nav_for("products/") == "nav for products/"  # in the navigation
    assert nav_for("products/") == "nav for products/"
    assert nav_for("reference/") == "nav for reference/"  # has an entry below it
    assert nav_for("reference/") == "nav for reference/"
    assert rendered == [
        "products/wid-0001/",
        "decisions/adr-0001/",
        "products/",
        "products/",
        "reference/",
        "reference/",
    ]
    assert cache.rendered == 2


def test_the_navigation_cache_changes_no_page(tmp_path: Path) -> None:
    root = example(tmp_path / "repo")
    cached = paved_build(root, tmp_path / "cached", "--jobs", "1")
    assert cached.returncode == 0, cached.stderr
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - paved:\n", "  - paved:\n      nav_cache: false\n")
    )
    uncached = paved_build(root, tmp_path / "uncached", "--jobs", "1")
    assert uncached.returncode == 0, uncached.stderr

    assert site_files(tmp_path / "cached") == site_files(tmp_path / "uncached")


def test_jobs_must_be_a_count(tmp_path: Path) -> None:
    result = subprocess.run(
        [PAVED, "build", "--jobs", "-1"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "--jobs" in result.stderr


def test_the_hooks_probe_itself_sees_every_page(tmp_path: Path) -> None:
    root = example(tmp_path / "repo")
    result = paved_build(root, tmp_path / "site", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    written = writers(root)
    html = [p for p in (tmp_path / "site").rglob("*.html") if p.name != "404.html"]
    assert len(written) == len(html)
    assert len({pids[0] for pids in written.values()}) == 1


def children() -> set[int]:
    """Live (not zombie) child processes of this process."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


@needs_fork
def test_a_build_that_fails_validation_leaves_no_helper_behind(tmp_path: Path) -> None:
    """The rules and api/platform.json run in forked children during on_config; a
    build stopped there must not leave them blocked on a pipe nobody reads."""
    from example_site import break_a_wid, build_site
    from mkdocs.exceptions import Abort

    root = copy_example(tmp_path / "repo")
    break_a_wid(root)
    before = children()

    with pytest.raises(Abort):
        build_site(root, tmp_path / "site")

    assert children() - before == set()


@pytest.mark.parametrize(
    ("jobs", "cpus", "size"), [(0, 1, 1), (0, 2, 2), (0, 64, 4), (1, 64, 1), (8, 2, 8)]
)
def test_how_many_processes_share_the_pages(jobs: int, cpus: int, size: int) -> None:
    from paved.generator.mkdocs_plugin.speed.shared import team_size

    assert team_size(jobs, cpus) == size


@needs_fork
def test_by_default_a_site_with_an_unknown_plugin_builds_in_one_process(
    tmp_path: Path,
) -> None:
    """A hook (or a tags index, a blog) may gather every page: without --jobs, such a
    site is built in one process, and the log says why."""
    root = example(tmp_path / "repo")

    result = paved_build(root, tmp_path / "site")

    assert result.returncode == 0, result.stderr
    assert "building in one process: hooks.py" in result.stderr
    assert len({pids[0] for pids in writers(root).values()}) == 1


def _config(root: Path) -> object:
    """A real MkDocs configuration of a tiny site under ``root``."""
    from mkdocs.config import load_config

    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins._current_plugin = "paved"  # File.generated's author, as in a hook
    return config


def test_pages_are_converted_largest_first_and_built_in_mkdocs_order(tmp_path: Path) -> None:
    """The processes convert the claimable pages from the longest Markdown down (the
    one claimed last is short, so nobody waits long at the titles exchange), the
    parent's own pages first and the last page last; MkDocs' order is back before
    anything is built or written."""
    from mkdocs.structure.files import File, Files

    from paved.generator.mkdocs_plugin.speed.shared import SharedBuild

    config = _config(tmp_path)
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (tmp_path / "docs" / "logo.png").write_bytes(b"\x89PNG")
    sizes = {"a.md": 10, "b.md": 300, "c.md": 20, "d.md": 300, "e.md": 5000, "last.md": 9000}
    made = [
        File.generated(config, uri, content="x" * size)  # type: ignore[arg-type]
        for uri, size in sizes.items()
    ]
    on_disk = [
        File("guide.md", str(tmp_path / "docs"), str(tmp_path / "site"), False),
        File("logo.png", str(tmp_path / "docs"), str(tmp_path / "site"), False),
    ]
    files = Files([made[0], on_disk[0], *made[1:3], on_disk[1], *made[3:]])
    original = [f.src_uri for f in files]
    shared = SharedBuild(order=[f.src_uri for f in files.documentation_pages()])
    shared.last_page = "last.md"

    shared.convert_largest_first(files, claimable=set(sizes))

    assert [f.src_uri for f in files.documentation_pages()] == [
        "guide.md",  # the parent's own
        "e.md",
        "b.md",  # equal lengths keep MkDocs' order
        "d.md",
        "c.md",
        "a.md",
        "last.md",  # claimable but the loop's last: the parent's, last
    ]
    shared.restore_order(files)
    assert [f.src_uri for f in files] == original


def test_the_worker_copies_only_static_files_nothing_else_writes(tmp_path: Path) -> None:
    """A static file whose destination a page or a theme template also writes stays
    with the parent (MkDocs copies it first so that the page wins), as does a file
    held in memory (the parent may still fill it: api/sections.json)."""
    from mkdocs.structure.files import File, Files

    from paved.generator.mkdocs_plugin.speed.shared import _worker_copies

    config = _config(tmp_path)
    docs, site = str(tmp_path / "docs"), str(tmp_path / "site")
    for name in ("img.png", "guide/index.html", "404.html", "guide.md"):
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_bytes(b"x")
    config.theme.static_templates.add("404.html")  # type: ignore[attr-defined]
    files = Files(
        [
            File("img.png", docs, site, True),
            File("guide/index.html", docs, site, True),  # guide.md's page
            File("404.html", docs, site, True),  # the theme's 404 template
            File("guide.md", docs, site, True),
            File.generated(config, "api/sections.json", content=""),  # type: ignore[arg-type]
        ]
    )

    assert _worker_copies(files, config) == {"img.png"}  # type: ignore[arg-type]


@needs_fork
def test_a_build_into_the_previous_site_writes_the_same_site(tmp_path: Path) -> None:
    """The previous site is deleted meanwhile (``speed.emptying``): the site is the one
    a build into an empty folder writes, hidden entries kept as MkDocs keeps them."""
    root = example(tmp_path / "repo")
    fresh = paved_build(root, tmp_path / "fresh", "--jobs", "2")
    assert fresh.returncode == 0, fresh.stderr
    site = tmp_path / "again"
    first = paved_build(root, site, "--jobs", "2")
    assert first.returncode == 0, first.stderr
    (site / "stale-page").mkdir()
    (site / "stale-page" / "index.html").write_text("from a page since removed")
    (site / ".nojekyll").write_text("")
    again = paved_build(root, site, "--jobs", "2")
    assert again.returncode == 0, again.stderr
    assert (site / ".nojekyll").exists()
    assert not (site / "stale-page").exists()
    assert not [p for p in site.iterdir() if p.name.startswith(".paved-old-site-")]
    kept = site_files(site)
    kept.pop(".nojekyll")
    assert kept == site_files(tmp_path / "fresh")
