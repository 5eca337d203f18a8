"""MkDocs' sitemap left as the previous in-place build wrote it when nothing it shows
changed (``paved serve``).

MkDocs renders ``sitemap.xml`` (and writes ``sitemap.xml.gz``) from every page on every
build: 12,378 pages through Jinja's sandbox (``templates.sandbox``), about 0.35 s of CPU
of every rebuild of the large benchmark, though a one-file edit leaves every URL and
date as it was. MkDocs' own template reads, of each documentation page, only whether it
is a link, its two URLs and its update date; the gzip's time is the build timestamp of
those pages. Those values are the *key*: when it is the last build's and both files are
in the site, neither is rendered nor written. Another ``sitemap.xml`` (the overrides',
a theme's) or a plugin that takes part in rendering templates may read anything: it is
rendered every build, as MkDocs does.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import mkdocs
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

SITEMAP = "sitemap.xml"

#: MkDocs' own template (``mkdocs/templates/sitemap.xml``).
_MKDOCS_SITEMAP = (Path(mkdocs.__file__).parent / "templates" / SITEMAP).resolve()

#: Plugin events that can change what a theme template renders.
_TEMPLATE_EVENTS = ("pre_template", "template_context", "post_template")


def sitemap_key(env: jinja2.Environment, files: Files, config: MkDocsConfig) -> object | None:
    """What MkDocs' sitemap of this build shows (see the module docstring), or None
    when its output may depend on anything else."""
    try:
        template = env.get_template(SITEMAP)
    except jinja2.TemplateNotFound:
        return None
    if template.filename is None or Path(template.filename).resolve() != _MKDOCS_SITEMAP:
        return None
    if any(config.plugins.events.get(event) for event in _TEMPLATE_EVENTS):
        return None
    rows = []
    pages = []
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            return None  # the template would fail on it: left to MkDocs
        pages.append(page)
        rows.append((page.is_link, page.abs_url, page.canonical_url, page.update_date))
    return (tuple(rows), utils.get_build_timestamp(pages=pages))


def sitemap_kept(site: Path, key: object | None, last: object | None) -> bool:
    """Whether the sitemap the last build wrote stands for this build's ``key``."""
    return (
        key is not None
        and key == last
        and (site / SITEMAP).is_file()
        and (site / f"{SITEMAP}.gz").is_file()
    )
