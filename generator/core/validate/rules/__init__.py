"""Cross-document rules: each module checks one family of facts and returns diagnostics."""
