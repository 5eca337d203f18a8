"""The generated pages' MkDocs ``File`` objects made from the last build's
(``paved serve``).

The plugin hands MkDocs a ``File.generated`` for each of its pages on every build:
12,379 on the large benchmark, each parsing its path with ``pathlib`` and working out
its destination, URL and output path again (about 0.3 s of a one-file rebuild, with
the look-ups that follow). Those depend only on the page's path, the site folder,
``use_directory_urls`` and the plugin making the file, so each page's file is a copy
of a pristine one made once, with this build's content. The pristine files are never
given to MkDocs (a build changes its files: page, inclusion, content), and only the
last build's pages are kept.
"""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


class GeneratedFiles:
    """One per ``paved serve`` process (``speed.models.ModelMemos``)."""

    def __init__(self) -> None:
        self._last: dict[str, File] = {}
        self._setting: tuple[object, ...] = ()

    def files(self, config: MkDocsConfig, contents: Mapping[str, str | bytes]) -> list[File]:
        """What ``File.generated(config, src_uri, content=content)`` gives for each
        item of ``contents``, in its order."""
        setting = (
            config.site_dir,
            config.use_directory_urls,
            getattr(config.plugins, "_current_plugin", None) or "<unknown>",
        )
        last = self._last if setting == self._setting else {}
        kept: dict[str, File] = {}
        made = []
        for src_uri, content in contents.items():
            pristine = last.get(src_uri)
            if pristine is None:
                pristine = File.generated(config, src_uri, content=b"")
                # Worked out once: each is a cached property, kept in the file's dict.
                _ = (pristine.name, pristine.dest_uri, pristine.url, pristine.abs_dest_path)
            kept[src_uri] = pristine
            file = File.__new__(File)
            file.__dict__.update(pristine.__dict__)
            file._content = content  # noqa: SLF001 - as File.generated sets it
            made.append(file)
        self._last, self._setting = kept, setting
        return made
