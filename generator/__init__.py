"""Paved: validate, render and answer from a data platform's docs-as-code repository."""

__version__ = "0.1.0"
