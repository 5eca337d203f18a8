"""The MkDocs adapter: the ``paved`` plugin, translating MkDocs' hooks to the core."""
