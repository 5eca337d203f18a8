"""Where the theme's compiled Jinja templates are kept between builds.

Jinja's own file cache (a private folder per user in the temporary directory, checked
for ownership) keyed by template name and source checksum. ``None`` when that folder
cannot be made: the build then compiles the templates as MkDocs always did.
"""

from __future__ import annotations

from jinja2 import BytecodeCache, FileSystemBytecodeCache


def bytecode_cache() -> BytecodeCache | None:
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None
