"""The signed store behind incremental validation: ``<repository>/.paved/validate/``.

Why signed: ``.paved/`` sits in the repository folder, and a pull request can put files
anywhere in it (``git add -f``). The cache holds pickles, and unpickling a planted file
would run its author's code. So every file carries a keyed BLAKE2b MAC over its bytes,
with a key that never lives in the repository (``PAVED_CACHE_KEY``, else
``$XDG_CACHE_HOME/paved/cache-key``, made once with mode 0600). A file whose MAC does not
check (damaged, truncated, planted, or written under another key: another user or
machine) is never unpickled: it is ignored with a one-line note and rewritten.

Each file also records the *environment* it was written for: Paved's version, a digest
of the core's own code and schemas (an edited rule or schema invalidates everything),
the Python version and the validation options. A file from another environment is
ignored too, but quietly: after an upgrade that is expected, not a problem to report.
Paths are never followed out of the repository: a ``.paved`` or
``.paved/validate`` that is a symbolic link switches the cache off.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import pickle
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: First bytes of every cache file; bumped when the layout of the payloads changes.
MAGIC = b"paved-validation-cache 2\n"
MAC_BYTES = 32
CACHE_DIR = ".paved"
VALIDATE_DIR = "validate"
KEY_VARIABLE = "PAVED_CACHE_KEY"

Note = Callable[[str], None]

#: Parts of the core that validation never runs: editing them keeps the cache.
NOT_VALIDATION = frozenset({"render", "scaffold", "index.py", "build_model.py", "model.py"})


@functools.cache
def environment(options: str = "") -> bytes:
    """What a cached result depends on besides the files: Paved's version, the bytes of
    the core's loaders, rules and schemas (everything but the renderer and the model),
    Python's version, and the options of the run. Computed once per process: the code
    of a running process does not change under it."""
    from paved.generator import __version__, core

    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"{__version__}|{sys.version}|{options}|".encode())
    top = Path(core.__file__).parent
    for path in sorted(top.rglob("*")):
        if path.relative_to(top).parts[0] in NOT_VALIDATION:
            continue
        if path.suffix in {".py", ".json"} and path.is_file():
            digest.update(
                path.relative_to(top).as_posix().encode("utf-8", "surrogateescape") + b"\0"
            )
            digest.update(path.read_bytes())
    return digest.digest()


def file_digest(data: bytes) -> bytes:
    """The content key of one input file."""
    return hashlib.blake2b(data, digest_size=20).digest()


class Store:
    """Named values under ``<root>/.paved/validate/``, signed and tied to one
    environment. ``read`` answers None (after one note) for anything it cannot trust;
    ``write`` never raises (a read-only checkout just runs without a cache)."""

    def __init__(
        self,
        root: Path,
        env: bytes,
        note: Note,
        key: bytes | None = None,
        *,
        section: str = VALIDATE_DIR,
    ) -> None:
        self.section = section
        self.folder = root / CACHE_DIR / section
        self.env = env
        self.note = note
        self._key = key
        self.usable = self._safe_folder(root)

    def read(self, name: str) -> Any | None:
        if not self.usable:
            return None
        path = self.folder / f"{name}.bin"
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return None
        except OSError as error:
            self.note(f"ignoring {self._shown(path)}: cannot read it ({error.strerror})")
            return None
        with os.fdopen(fd, "rb") as handle:
            data = handle.read()
        head = len(MAGIC)
        if not data.startswith(MAGIC) or len(data) < head + MAC_BYTES + len(self.env):
            self.note(f"ignoring {self._shown(path)}: not a Paved validation cache (damaged?)")
            return None
        mac, body = data[head : head + MAC_BYTES], data[head + MAC_BYTES :]
        key = self.key()
        if key is None:
            return None
        if not hmac.compare_digest(mac, _mac(key, body)):
            self.note(
                f"ignoring {self._shown(path)}: its signature does not match "
                "(damaged, or written by another user or machine); rebuilding it"
            )
            return None
        if body[: len(self.env)] != self.env:
            return None  # another Paved version or configuration: expected, rebuilt quietly
        try:
            return pickle.loads(body[len(self.env) :])  # noqa: S301 - signed by our own key
        except Exception as error:  # noqa: BLE001 - a cache never breaks a run
            self.note(f"ignoring {self._shown(path)}: {type(error).__name__}; rebuilding it")
            return None

    def write(self, name: str, value: Any, dumps: Callable[[Any], bytes] | None = None) -> None:
        """Keep ``value`` as ``name``, pickled by ``dumps`` (by default ``pickle.dumps``;
        whatever it is, ``read`` unpickles it with ``pickle.loads``)."""
        if not self.usable:
            return
        key = self.key()
        if key is None:
            return
        pickled = (dumps or _dumps)(value)
        body = self.env + pickled
        path = self.folder / f"{name}.bin"
        temporary = self.folder / f".{name}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self._safe_folder(self.folder.parent.parent):
                return
            with temporary.open("wb") as handle:
                handle.write(MAGIC + _mac(key, body) + body)
            temporary.replace(path)  # atomic: a reader sees the old or the new file
        except OSError as error:
            self.note(f"could not write {self._shown(path)} ({error.strerror}); continuing")
            temporary.unlink(missing_ok=True)
            self.usable = False

    def key(self) -> bytes | None:
        if self._key is None:
            self._key = _load_key(self.note)
            if self._key is None:
                self.usable = False
        return self._key

    def _safe_folder(self, root: Path) -> bool:
        for folder in (root / CACHE_DIR, root / CACHE_DIR / self.section):
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                self.note(
                    f"not using the cache: {folder.relative_to(root).as_posix()} is not a "
                    "plain folder (remove it to re-enable the cache)"
                )
                return False
        return True

    def _shown(self, path: Path) -> str:
        return f"{CACHE_DIR}/{self.section}/{path.name}"


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _mac(key: bytes, body: bytes) -> bytes:
    return hashlib.blake2b(body, key=key, digest_size=MAC_BYTES).digest()


def key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "paved" / "cache-key"


def _load_key(note: Note) -> bytes | None:
    """The signing key: ``PAVED_CACHE_KEY`` (for CI, from a secret) or a random key
    made once per user, outside any repository."""
    given = os.environ.get(KEY_VARIABLE)
    if given:
        return hashlib.blake2b(given.encode(), digest_size=32).digest()
    path = key_path()
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        note(f"not using the cache: cannot read its key {path} ({error.strerror})")
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    except FileExistsError:
        pass  # another run made it at the same moment
    except OSError as error:
        note(f"not using the cache: cannot create its key {path} ({error.strerror})")
        return None
    try:
        return _read_key(path)
    except OSError as error:
        note(f"not using the cache: cannot read its key {path} ({error.strerror})")
        return None


def _read_key(path: Path) -> bytes:
    data = path.read_bytes()
    if len(data) < 16:
        raise OSError(0, "the key file is too short")
    return data
