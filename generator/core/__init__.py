"""The engine-neutral core: load → validate → model → render / index, diagnostics and
git facts. It imports neither MkDocs nor Slack nor the bot (enforced by import-linter)."""
