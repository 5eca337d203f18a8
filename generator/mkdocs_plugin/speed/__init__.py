"""What exists only to make portal builds fast: forked workers sharing the pages,
the per-folder navigation cache. The plugin reaches it through a small interface."""
