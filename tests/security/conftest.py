"""Security tests: hostile input against the real service, stores and renderers. Each
module owns its fixtures; this file stays minimal so several modules can live here."""

import sys
from pathlib import Path

# tests/ holds the helpers shared with the other suites (example_site: a copy of the
# example and its build); pytest puts only this folder on the path for these modules.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
