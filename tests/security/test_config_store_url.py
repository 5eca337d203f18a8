"""A pull request's ``store_url`` cannot have the build write into a database outside
the repository.

The paved plugin's ``store_url`` option (in ``mkdocs.yml``) names the bot's store the
build reads the report pages from, and opening a store migrates it. ``store_url:
sqlite:////home/reviewer/.local/share/app/data.sqlite`` in a pull request had ``paved
build`` create Paved's tables in that database (any SQLite file of the machine: a
browser's history, another project's data), 0 errors. An SQLite path that is absolute or
climbs out with ``..`` is refused like ``site_dir`` (SEC505); the store of the machine
is given where the build runs (``PAVED_DATABASE_URL``).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from example_site import copy_example

PAVED = str(Path(sys.executable).with_name("paved"))


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_an_sqlite_store_outside_the_repository_is_never_opened(tmp_path: Path) -> None:
    db = tmp_path / "home" / "other-app.sqlite"
    db.parent.mkdir()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE visits (url TEXT)")
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = "  - paved:\n"
    assert old in text
    config.write_text(text.replace(old, f"{old}      store_url: sqlite:///{db}\n", 1))
    line = 1 + config.read_text().splitlines().index(f"      store_url: sqlite:///{db}")

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PAVED_TRUST_CONFIG", "PAVED_DATABASE_URL", "PAVED_CONFIG_ENV"}
    }
    done = subprocess.run(
        [PAVED, "build", "-q", "-d", str(tmp_path / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"mkdocs.yml:{line}:18: error SEC505" in done.stderr
    assert _tables(db) == {"visits"}
