"""The options of the ``paved`` plugin in ``mkdocs.yml``, declared and typed.

plugins:
  - search
  - paved:
      feedback_url: !ENV [PAVED_FEEDBACK_URL, ""]
"""

from __future__ import annotations

import datetime

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


# MkDocs' Config declares an untyped __init_subclass__; nothing to check there.
class PavedConfig(Config):  # type: ignore[no-untyped-call]
    """Options of the ``paved`` plugin in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    # Repository root holding wids/, adrs/, custodians/; default: the mkdocs.yml folder.
    root = c.Optional(c.Type(str))
    # Where the feedback widget POSTs; empty hides the widget. Falls back to
    # ``extra.paved.feedback_url``.
    feedback_url = c.Type(str, default="")
    # Absolute base URL used in api/platform.json and api/sections.json; default: MkDocs'
    # ``site_url``.
    site_url = c.Type(str, default="")
    # "Request access" on each dataset page: a URL template (http(s), mailto or
    # site-relative) with {dataset}, {system}, {domain}, {custodian}, {classification},
    # e.g. https://service.example/access/new?dataset={dataset}; empty: the docs section
    # titled "Request access…" (the access guide).
    access_url = c.Type(str, default="")
    # Treat validation warnings as errors (CI).
    fail_on_warnings = c.Type(bool, default=False)
    # The bot's store to publish reports/feedback.md and reports/questions.md from;
    # default: PAVED_DATABASE_URL; neither set: no report pages, no store opened.
    store_url = c.Type(str, default="")
    # Processes sharing the page work of a build (0: one per CPU, at most 4; see
    # speed.shared). ``paved build`` sets it; ``paved serve`` always uses 1.
    jobs = c.Type(int, default=1)
    # Render Material's navigation once per folder for pages outside it (see
    # speed.navcache); turn off if a theme override makes it page-specific.
    nav_cache = c.Type(bool, default=True)
    # The decision log (read by the core from this file, so `paved validate` sees them too;
    # see load.adr_settings): the team's status words → proposed, accepted, rejected,
    # deprecated or superseded, and the ADR number or date from which records must meet
    # MADR 4 in full.
    adr_statuses = c.Type(dict, default={})
    adr_strict_from = c.Optional(c.Type((str, int, datetime.date)))
    #: how the decision log writes 05/02/2018: day-first or month-first (checked by the core)
    adr_date_order = c.Optional(c.Type(str))
