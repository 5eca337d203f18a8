"""Rendering: a pure function from the model to Markdown pages."""
