"""A pull request's ``store_url`` cannot have the build write into a database outside
the repository.

The paved plugin's ``store_url`` option (in ``mkdocs.yml``) names the bot's store the
build reads the report pages from, and opening a store migrates it. ``store_url:
sqlite:////home/reviewer/.local/share/app/data.sqlite`` in a pull request had ``paved
build`` create Paved's tables in that database (any SQLite file of the machine: a
browser's history, another project's data), 0 errors. An SQLite path that is absolute or
climbs out with ``..`` is refused like ``site_dir`` (SEC505); the store of the machine
is given where the build runs (``PAVED_DATABASE_URL``). A database server named there
(``postgresql://host/db``) is refused too (SEC507): the build would connect to it.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
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


def _listening() -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(0.5)
    return server


@pytest.mark.parametrize("written", ["plain", "env-default"])
def test_a_database_server_named_in_mkdocs_yml_is_never_contacted(
    tmp_path: Path, written: str
) -> None:
    """``store_url: postgresql://probe@host/db`` in a pull request had every build of the
    branch connect to the host it chose, handing it ``PGPASSWORD`` / ``~/.pgpass`` of the
    build machine. A listening socket stands for that host: it must see no connection."""
    server = _listening()
    port = server.getsockname()[1]
    url = f"postgresql://probe@127.0.0.1:{port}/db"
    value = url if written == "plain" else f"!ENV [PAVED_NOT_SET_ANYWHERE, '{url}']"
    root = copy_example(tmp_path / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = "  - paved:\n"
    config.write_text(text.replace(old, f"{old}      store_url: {value}\n", 1))
    line = 1 + config.read_text().splitlines().index(f"      store_url: {value}")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PAVED_TRUST_CONFIG", "PAVED_DATABASE_URL", "PAVED_CONFIG_ENV"}
    }
    try:
        done = subprocess.run(
            [PAVED, "build", "-q", "-d", str(tmp_path / "site")],
            cwd=root,
            env={**env, "PGPASSWORD": "not-for-that-host", "PGCONNECT_TIMEOUT": "2"},
            capture_output=True,
            text=True,
            timeout=600,
        )
        with pytest.raises(TimeoutError):
            server.accept()  # nothing ever connected
    finally:
        server.close()
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"mkdocs.yml:{line}:" in done.stderr
    assert "error SEC507" in done.stderr
    assert "PAVED_DATABASE_URL" in done.stderr  # how to fix it


def test_an_sqlite_store_in_the_repository_is_no_server(tmp_path: Path) -> None:
    from paved.generator.core.load.config_guard import check_config_text

    text = "plugins:\n  - paved:\n      store_url: sqlite:///feedback.sqlite\n"
    assert check_config_text(text, "mkdocs.yml") == []
    served = check_config_text(text.replace("sqlite:///feedback.sqlite", "mysql://h/db"), "x")
    assert [d.code for d in served] == ["SEC507"]
