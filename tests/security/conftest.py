"""Security tests: hostile input against the real service, stores and renderers. Each
module owns its fixtures; this file stays minimal so several modules can live here."""
