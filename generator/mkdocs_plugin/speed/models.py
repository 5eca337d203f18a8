"""What ``paved serve`` keeps of the model between its rebuilds, besides the pages
(``.memo``): the loaded files, the dataset pages and each page's sections.

Owned by the ``IncrementalBuilder`` of one serve process and lent to the plugin for
each of its builds (like ``PageMemo``), so a plain build in the same process (a test's
reference build, ``mkdocs build``) never sees them: MkDocs keeps one plugin instance
per process. Each memo gives exactly what a build without it gives
(``tests/test_incremental_build.py`` compares whole sites after random edits).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paved.generator.core.git_memo import GitMemo
from paved.generator.core.index import SectionRows
from paved.generator.core.render.dataset_memo import DatasetPages
from paved.generator.core.render.lookups import LookupsMemo
from paved.generator.core.render.model_memo import ModelPages
from paved.generator.core.render.tree import JsonFragments
from paved.generator.core.validate.memo import LoadMemo
from paved.generator.mkdocs_plugin.speed.kept_files import GeneratedFiles


@dataclass
class ModelMemos:
    """One per serve process: ``loads`` (files unchanged since the last rebuild are
    not read again), ``datasets`` (dataset pages whose inputs did not change are not
    rendered again), ``sections`` (api/sections.json: pages not lifted, split or
    written again)."""

    loads: LoadMemo = field(default_factory=LoadMemo)
    datasets: DatasetPages = field(default_factory=DatasetPages)
    #: Product, decision and catalogue pages whose inputs did not change (not rendered).
    model_pages: ModelPages = field(default_factory=ModelPages)
    #: Each page's rows of api/sections.json (pages not lifted, split or written again).
    sections: SectionRows = field(default_factory=SectionRows)
    #: The catalogue's objects as api/platform.json writes them (not written again).
    fragments: JsonFragments = field(default_factory=JsonFragments)
    #: The git facts and the "What changed" merges, while ``HEAD`` is the same commit.
    git: GitMemo = field(default_factory=GitMemo)
    #: The generated pages' MkDocs files, made from the last build's.
    files: GeneratedFiles = field(default_factory=GeneratedFiles)
    #: The lookups made from an unchanged catalogue, and the lineage (not made again).
    lookups: LookupsMemo = field(default_factory=LookupsMemo)
