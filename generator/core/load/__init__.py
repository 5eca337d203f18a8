"""Loaders: turn files into located, untyped documents. They never raise on bad input;
they return diagnostics instead."""
