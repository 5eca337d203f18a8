"""``api/sections.json`` computed by a forked child while the build goes on
(``Publishing.fill_sections(..., background=True)``): the same text as in process, the
child never outlives ``collect_sections``, and without a child the text is computed in
process."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from example_site import pages_of
from mkdocs.structure.files import File, Files
from sample_platform import small_platform

from paved.generator.core.index import SectionRows
from paved.generator.core.render.types import Page
from paved.generator.mkdocs_plugin.publishing import SECTIONS_JSON, Publishing, sections_file
from paved.generator.mkdocs_plugin.speed.parallel import can_fork, usable_cpus

needs_two_cpus = pytest.mark.skipif(
    not (can_fork() and usable_cpus() > 1),
    reason="a background child needs os.fork (Linux) and more than one CPU",
)


def sections_files(tmp_path: Path) -> tuple[Files, File]:
    file = File(SECTIONS_JSON, src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True)
    file.content_string = ""
    return Files([file]), file


def publishing() -> Publishing:
    platform = small_platform()
    return Publishing(platform, list(pages_of(platform).values()), site_url="https://x.test/")


def children() -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().split(") ", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found


@needs_two_cpus
def test_the_background_child_writes_the_text_computed_in_process(tmp_path: Path) -> None:
    files, file = sections_files(tmp_path)
    published = publishing()
    before = children()

    published.fill_sections(files, background=True)
    started = children() - before
    published.collect_sections()

    assert len(started) == 1, "no child computed the sections"
    assert file.content_string == published.sections_text()
    assert json.loads(file.content_string)["sections"], "no section listed"
    assert children() - before == set(), "the child outlived collect_sections"


def test_without_background_the_text_is_there_at_once(tmp_path: Path) -> None:
    files, file = sections_files(tmp_path)
    published = publishing()
    before = children()

    published.fill_sections(files)

    assert children() - before == set()
    assert file.content_string == published.sections_text()
    assert json.loads(file.content_string)["sections"][0]["url"].startswith("https://x.test/")
    # Scanned with the head blocks and tables set aside: the same as the pages as written.
    assert any('<div class="paved-card">' in page.markdown for page in published.pages)
    assert any('<div class="paved-table"' in page.markdown for page in published.pages)
    assert file.content_string == sections_file(
        published.platform, published.pages, site_url="https://x.test/"
    )
    published.collect_sections()  # nothing to collect: the text stays
    assert file.content_string == published.sections_text()


def test_kept_rows_patch_the_file_page_by_page(tmp_path: Path) -> None:
    """``paved serve`` keeps each page's rows (``SectionRows``): a rebuild splits and
    writes only the pages that changed, and the file is byte for byte what the whole
    index writes (emoji included: four bytes in UTF-8, one character in JSON)."""
    platform = small_platform()
    pages = list(pages_of(platform).values())
    rows = SectionRows()

    def file_of(pages: list[Page], site_url: str = "https://x.test/") -> bytes:
        files, file = sections_files(tmp_path)
        Publishing(platform, pages, site_url=site_url, page_rows=rows).fill_sections(files)
        assert file.content_bytes == sections_file(platform, pages, site_url=site_url).encode()
        return file.content_bytes

    every = len(pages) + len(platform.docs)
    file_of(pages)
    assert rows.made == every
    pages = list(pages_of(platform).values())  # rendered again: equal, new objects
    file_of(pages)
    assert rows.made == 0, "an unchanged page was split and written again"
    file_of(pages)  # the very same objects
    assert rows.made == 0

    edited = replace(pages[3], markdown=pages[3].markdown + "\n\n## Added 🚲\n\nA new section.\n")
    pages = [*pages[:3], edited, *pages[4:]]
    assert "Added 🚲" in file_of(pages).decode()
    assert rows.made == 1
    file_of(pages[:-1])  # a page gone: nothing made, its rows not written
    assert rows.made == 0
    file_of(pages, site_url="https://y.test/")  # every URL changes
    assert rows.made == every
