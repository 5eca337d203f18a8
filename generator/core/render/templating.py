"""The Jinja2 environment for page templates, built once per process.

Autoescape is off because the output is Markdown, not HTML; every user value that
reaches a page goes through the ``md`` filter (``paved.generator.core.render.escape.md_escape``)
or through a link builder that escapes it.
"""

from __future__ import annotations

from functools import cache

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    Template,
)

from paved.generator.core.render.badges import badge, check
from paved.generator.core.render.escape import mailto, md_escape, mermaid_label, slug


def bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs (Jinja's per-user folder in the temporary
    directory, keyed by the source's checksum): compiling ours was 0.03 s of every
    build; the plugin gives MkDocs' theme environment one too."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@cache
def environment() -> Environment:
    env = Environment(
        bytecode_cache=bytecode_cache(),
        loader=PackageLoader("paved.generator.core.render", "templates"),
        autoescape=False,  # Markdown output; values are escaped with the md filter
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["mermaid"] = mermaid_label
    env.filters["slug"] = slug
    env.filters["mailto"] = mailto
    env.filters["badge"] = badge
    env.filters["check"] = check
    return env


@cache
def template(name: str) -> Template:
    """A compiled template; compiled once, reused for every page of its family."""
    return environment().get_template(name)
