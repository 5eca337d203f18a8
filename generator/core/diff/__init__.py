"""The model at the base of a pull request vs the model at its head: what changed, how
much it matters (info, review, breaking), what depends on it and who must approve.

``run.diff_repository`` is the entry point; ``changes`` holds the vocabulary the
reporters and the portal's "What changed" page share.
"""
