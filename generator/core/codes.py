"""The registry of every diagnostic code Paved can report.

A code is a promise: it stays stable so people can search for it, CI logs can be
grepped for it and docs can explain it. Each entry says what the code means, how
severe it is by default and how to fix it; rules use ``diagnostic()`` so the
severity and the fallback hint come from here rather than being repeated.

Families: WID1xx (Work Initiation Documents), ADR2xx (decisions), CAT3xx
(custodian catalogue), DOC4xx (hand-written docs), SEC5xx (unsafe content).
The loaders' codes (FILE0xx, YAML0xx, SHEET0xx) live in ``paved.generator.core.load.codes``
and are merged in by ``registry()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paved.generator.core.diagnostics import Diagnostic, Location, Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    rule: str
    title: str
    severity: Severity
    hint: str


def _c(code: str, rule: str, title: str, severity: Severity, hint: str) -> CodeInfo:
    return CodeInfo(code, rule, title, severity, hint)


VALIDATION_CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in (
        # --- WIDs ------------------------------------------------------------------
        _c(
            "WID101",
            "wid-schema",
            "WID front matter does not match the WID schema",
            E,
            "Fix the field as the message says; the portal's `schemas/wid.schema.json` "
            "describes every field.",
        ),
        _c(
            "WID102",
            "wid-unique-id",
            "Two WIDs use the same id",
            E,
            "Give one of them the next free id (`paved new wid` picks one) and rename its file.",
        ),
        _c(
            "WID103",
            "wid-id-matches-file",
            "The WID's file name and its front matter id differ",
            E,
            "Rename the file to `wids/<id>-<slug>.md` or correct the `id:` field.",
        ),
        _c(
            "WID104",
            "wid-domain-exists",
            "The WID's domain is not in the catalogue",
            E,
            "Use a domain id from the catalogue's domains sheet, or add the domain there.",
        ),
        _c(
            "WID105",
            "wid-custodian-exists",
            "The WID's custodian is not in the catalogue",
            E,
            "Use a custodian id from the catalogue's custodians sheet, or add the person there.",
        ),
        _c(
            "WID106",
            "wid-upstream-system-exists",
            "An upstream system is not in the catalogue",
            E,
            "Use a system id from the catalogue's systems sheet, or add the system there.",
        ),
        _c(
            "WID107",
            "wid-upstream-dataset-exists",
            "An upstream dataset is not in the catalogue",
            E,
            "Use a dataset id (system.table) from the catalogue's datasets sheet.",
        ),
        _c(
            "WID108",
            "wid-integration-system-exists",
            "An integration point names a system that is not in the catalogue",
            E,
            "Use a system id from the catalogue's systems sheet, or add the system there.",
        ),
        _c(
            "WID109",
            "wid-related-adr-exists",
            "A related ADR does not exist",
            E,
            "Use the id of an ADR under adrs/ (ADR- and its four-digit number).",
        ),
        _c(
            "WID110",
            "wid-personal-data-legal-basis",
            "Personal data is present but no legal basis is given",
            E,
            "Add `legal_basis:` under `personal_data:` (consent, contract, legal-obligation, "
            "vital-interests, public-task or legitimate-interests); ask your privacy officer.",
        ),
        _c(
            "WID111",
            "wid-personal-data-retention",
            "Personal data is present but no retention period is given",
            E,
            "Add `retention:` under `personal_data:` as an ISO 8601 duration, e.g. P2Y or P90D.",
        ),
        _c(
            "WID112",
            "wid-required-section",
            "A required WID section is missing",
            E,
            "Add the section as a `## ` heading; `paved new wid` creates all of them.",
        ),
        _c(
            "WID113",
            "wid-section-written",
            "A WID section still holds the template text",
            E,
            "Replace the template's placeholder text with your own words.",
        ),
        _c(
            "WID114",
            "wid-contact-email-typo",
            "A contact's email nearly matches a custodian's email",
            W,
            "Check the address for a typo; the catalogue lists a very similar one.",
        ),
        # --- ADRs ------------------------------------------------------------------
        _c(
            "ADR201",
            "adr-schema",
            "ADR front matter does not match the ADR schema",
            E,
            "Fix the field as the message says; the portal's `schemas/adr.schema.json` "
            "describes every field.",
        ),
        _c(
            "ADR202",
            "adr-unique-id",
            "Two ADRs use the same id",
            E,
            "Renumber one of them to the next free number (`paved new adr` picks one).",
        ),
        _c(
            "ADR203",
            "adr-id-matches-file",
            "The ADR's file number and its front matter id differ",
            E,
            "Rename the file to `adrs/<number>-<slug>.md` or correct the `id:` field.",
        ),
        _c(
            "ADR204",
            "adr-affected-wid-exists",
            "An affected WID does not exist",
            E,
            "Use the id of a WID under wids/ (WID- and four digits).",
        ),
        _c(
            "ADR205",
            "adr-affected-system-exists",
            "An affected system is not in the catalogue",
            E,
            "Use a system id from the catalogue's systems sheet.",
        ),
        _c(
            "ADR206",
            "adr-supersedes-agrees",
            "An ADR supersedes another that does not name it as its successor",
            E,
            "In the older ADR set `status: superseded` and `superseded-by:` to this ADR's id "
            "(`paved new adr --supersedes` does both).",
        ),
        _c(
            "ADR207",
            "adr-superseded-by-agrees",
            "An ADR names a successor that does not list it in `supersedes`",
            E,
            "Add this ADR's id to the successor's `supersedes:` list.",
        ),
        _c(
            "ADR208",
            "adr-supersede-target-exists",
            "A supersede link names an unknown ADR",
            E,
            "Use the id of an ADR under adrs/.",
        ),
        _c(
            "ADR209",
            "adr-successor-current",
            "An ADR is superseded by one that is not accepted",
            W,
            "A decision should only be replaced by an accepted one; accept the successor "
            "or put the old ADR's status back.",
        ),
        _c(
            "ADR210",
            "adr-superseded-status",
            "An ADR names a successor but its status is not superseded",
            E,
            "Set `status: superseded`, or remove `superseded-by:`.",
        ),
        _c(
            "ADR211",
            "adr-required-section",
            "A required ADR section is missing",
            E,
            "Add the section as a `## ` heading; `paved new adr` creates all of them.",
        ),
        _c(
            "ADR212",
            "adr-section-written",
            "An ADR section still holds the template text",
            E,
            "Replace the template's placeholder text with your own words.",
        ),
        # --- Catalogue -------------------------------------------------------------
        _c(
            "CAT301",
            "catalogue-schema",
            "A catalogue row does not match its sheet's schema",
            E,
            "Fix the cell as the message says; the portal's "
            "`schemas/catalogue.<sheet>.schema.json` "
            "describes every column.",
        ),
        _c(
            "CAT302",
            "catalogue-unique-key",
            "Two catalogue rows have the same key",
            E,
            "Remove the duplicate row or give it its own key.",
        ),
        _c(
            "CAT303",
            "catalogue-reference-exists",
            "A catalogue cell refers to a row that does not exist",
            E,
            "Use a key that exists in the referenced sheet, or add the row there first.",
        ),
        _c(
            "CAT304",
            "catalogue-lineage-acyclic",
            "Lineage edges form a cycle",
            E,
            "Data cannot flow in a circle: remove or reverse one of the edges in the cycle.",
        ),
        _c(
            "CAT305",
            "catalogue-personal-data-not-public",
            "A dataset with personal-data columns is classified public",
            E,
            "Classify the dataset internal, confidential or restricted, or remove the personal "
            "data.",
        ),
        _c(
            "CAT306",
            "catalogue-dataset-custodian",
            "A dataset has no custodian",
            W,
            "Name the custodian who answers questions about this dataset.",
        ),
        _c(
            "CAT307",
            "catalogue-dataset-description",
            "A dataset has no description",
            W,
            "Say what one row means and what the table is for.",
        ),
        _c(
            "CAT308",
            "catalogue-custodian-slack",
            "A custodian named by a WID has no Slack handle",
            W,
            "Add the person's Slack handle (@name) so the bot can route questions to them.",
        ),
        _c(
            "CAT309",
            "catalogue-findings-capped",
            "More findings of one kind in a sheet",
            W,
            "Fix the first ones reported; the rest are usually the same mistake repeated.",
        ),
        # --- Docs ------------------------------------------------------------------
        _c(
            "DOC401",
            "doc-review-date",
            "A docs page's review_by is not a date",
            E,
            "Write the review date as YYYY-MM-DD.",
        ),
        _c(
            "DOC402",
            "doc-title",
            "A docs page has no title",
            W,
            "Start the page with a `# ` heading or add `title:` to its front matter.",
        ),
        # --- Security --------------------------------------------------------------
        _c(
            "SEC501",
            "unsafe-html-element",
            "Raw HTML element that can run code",
            E,
            "Remove the element; embed diagrams and media with Markdown instead, or put the "
            "snippet in a fenced code block to show it as text.",
        ),
        _c(
            "SEC502",
            "unsafe-html-event-handler",
            "HTML attribute that runs script (on…=)",
            E,
            "Remove the on… attribute; pages must not run scripts.",
        ),
        _c(
            "SEC503",
            "unsafe-javascript-url",
            "A javascript: link",
            E,
            "Link to an http(s) address or a page path instead.",
        ),
    )
}


def _load_codes() -> dict[str, CodeInfo]:
    """The loaders' codes (``paved.generator.core.load.codes.LOAD_CODES``) as ``CodeInfo``."""
    from paved.generator.core.load.codes import LOAD_CODES

    return {code: _coerce(code, info) for code, info in LOAD_CODES.items()}


def _coerce(code: str, info: Any) -> CodeInfo:
    if isinstance(info, CodeInfo):
        return info
    severity = getattr(info, "severity", None)
    return CodeInfo(
        code=code,
        rule=str(getattr(info, "rule", "") or getattr(info, "name", "") or code.lower()),
        title=str(getattr(info, "title", "") or info),
        severity=severity if isinstance(severity, Severity) else E,
        hint=str(getattr(info, "hint", "") or ""),
    )


def registry() -> dict[str, CodeInfo]:
    """Every known code: validation's and the loaders'."""
    return {**_load_codes(), **VALIDATION_CODES}


def diagnostic(
    code: str,
    location: Location,
    message: str,
    *,
    hint: str | None = None,
    severity: Severity | None = None,
    related: tuple[Location, ...] = (),
) -> Diagnostic:
    """A Diagnostic for a registered validation code (unknown codes fail fast: a typo
    in a rule must not ship)."""
    info = VALIDATION_CODES[code]
    return Diagnostic(
        code=code,
        severity=severity or info.severity,
        location=location,
        message=message,
        hint=info.hint if hint is None else hint,
        rule=info.rule,
        related=related,
    )
