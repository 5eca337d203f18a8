"""The previous site deleted while the build goes on (``paved build`` into a folder that
holds one).

MkDocs empties the site folder before it writes anything (``clean_directory``: every
entry but hidden ones). On a large portal that is waiting on the disk, not work: 12,379
pages, 818 MB, took 32–37 s at a load of 11 for 2 s of CPU (``benchmarks/README.md``,
round 8), all of it before the first page. ``empty`` moves those same entries into one
hidden folder inside the site folder (a rename each, same file system) and a forked
child deletes that folder meanwhile; MkDocs then finds nothing to delete. The site
written is the same: MkDocs never copies or deletes hidden entries, and a folder left by
a build that was killed is taken away by the next one.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from paved.generator.mkdocs_plugin.speed.split import Meanwhile

#: The hidden folder the old site is moved into, inside the site folder.
PREFIX = ".paved-old-site-"


def empty(site_dir: str) -> Meanwhile[None] | None:
    """Move what MkDocs would delete from ``site_dir`` (and any folder an earlier build
    left by ``PREFIX``) aside, and delete it in a forked child; None when there is
    nothing to delete (or the folder cannot be read: MkDocs' own cleaning says why)."""
    folder = Path(site_dir)
    try:
        old = [
            entry
            for entry in folder.iterdir()
            if not entry.name.startswith(".") or entry.name.startswith(PREFIX)
        ]
        if not old:
            return None
        aside = Path(tempfile.mkdtemp(prefix=PREFIX, dir=folder))
    except OSError:
        return None
    for entry in old:
        # One that cannot be moved stays where it is, for MkDocs' cleaning.
        with contextlib.suppress(OSError):
            entry.rename(aside / entry.name)
    return Meanwhile(lambda: shutil.rmtree(aside, ignore_errors=True))
