"""Rendering: a pure function from the model to Markdown pages.

Entry points: ``paved.generator.core.render.site.render_site`` (every generated page) and
``nav_sections`` (the index pages only, for a small navigation). One module per page
family (``home``, ``products``, ``decisions``, ``catalogue``, ``tags``, ``reports``);
shared helpers: ``paths`` (the URL contract of ``types``), ``lookups`` (cross-references
computed once), ``links`` and ``escape`` (every user value escaped), ``body`` and
``bodylinks`` (authors' Markdown under a generated header), ``templating`` (Jinja2
templates in ``generator/core/render/templates``, compiled once).
"""
