"""The registry of every diagnostic code Paved can report.

A code is a promise: it stays stable so people can search for it, CI logs can be
grepped for it and docs can explain it. Each entry says what the code means, how
severe it is by default and how to fix it; the loaders and the rules use
``diagnostic()`` so the severity and the fallback hint come from here rather than
being repeated.

Families: FILE0xx, YAML0xx, ADR001 and SHEET0xx (the loaders: files, front matter, ADR
formats, spreadsheets; rule ``load``), WID1xx (Work Initiation Documents), ADR2xx
(decisions), CAT3xx (custodian catalogue), DOC4xx (hand-written docs), SEC5xx (unsafe
content), OWN6xx (code owners), SYN7xx (the team's synonyms file).
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _load(code: str, title: str, hint: str, severity: Severity = E) -> CodeInfo:
    """A loader's code: the file could not be read as the kind it should be."""
    return CodeInfo(code, "load", title, severity, hint)


#: Every code by its identifier.
CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in (
        # --- Loaders: files of any kind -----------------------------------------
        _load(
            "FILE001",
            "File is not UTF-8",
            "Save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8).",
        ),
        _load(
            "FILE002",
            "File is binary",
            "This path must hold text. Replace it with a Markdown/CSV text file or move it out.",
        ),
        _load("FILE003", "File is empty", "Add content to the file or delete it."),
        _load(
            "FILE004",
            "File is too large",
            "Split the content into smaller files; every limit is listed in SECURITY.md (Limits).",
        ),
        _load(
            "FILE005",
            "File cannot be read",
            "Check that the file exists, is a regular file and is readable by the current user.",
        ),
        _load(
            "FILE006",
            "File starts with a byte-order mark",
            "Save the file as UTF-8 without BOM; the BOM is ignored but some tools choke on it.",
            W,
        ),
        _load(
            "FILE007",
            "Unsafe file name",
            "Rename the file: use letters, digits, '-', '_' and '.' only. The name holds "
            "control or bidirectional-text characters that can disguise what terminals, CI "
            "logs and editors show.",
        ),
        _load(
            "FILE008",
            "Symbolic link out of the repository",
            "Replace the link with the file itself (copy its content into the repository); "
            "links that lead outside the repository or into a hidden folder or file of it "
            "(.git, .env), loop or dangle are never read.",
        ),
        _load(
            "FILE009",
            "Heading too long",
            "Shorten the heading to at most 500 characters and put the rest in the text "
            "below it; a long line that is not meant as a heading must not start with '#' "
            "or stand above a line of '=' or '-'.",
        ),
        # YAML front matter.
        _load(
            "YAML001",
            "No YAML front matter",
            "Start the file with a line '---', the metadata as YAML, then a line '---'.",
        ),
        _load(
            "YAML002",
            "Invalid YAML",
            "Fix the YAML syntax at the position shown: check indentation, quote values "
            "containing ': ' or '#', and close brackets and quotes.",
        ),
        _load(
            "YAML003",
            "Front matter is not a mapping",
            "Write the front matter as 'key: value' lines, one field per line.",
        ),
        _load(
            "YAML004",
            "Duplicate key",
            "Remove one of the two entries or merge them; YAML keys must be unique in a mapping.",
        ),
        _load(
            "YAML005",
            "Front matter is not closed",
            "End the front matter with a line holding only '---' before the Markdown text.",
        ),
        # ADR formats.
        _load(
            "ADR001",
            "ADR has no status or date Paved can find",
            "The record is shown with 'status not recorded'. Record the status as MADR 4 "
            "front matter (`paved new adr` writes it; `paved adr import` converts a log), "
            "MADR 2 bullets ('* Status: accepted') under the title, or an adr-tools "
            "'## Status' section.",
            W,
        ),
        # Spreadsheets and CSV files.
        _load(
            "SHEET001",
            "Not an .xlsx workbook",
            "Save the workbook from your spreadsheet program as 'Excel Workbook (.xlsx)', "
            "or rename a CSV export to custodians/<sheet>.csv.",
        ),
        _load(
            "SHEET002",
            "Workbook is encrypted or in the old .xls format",
            "Remove the password (File → Info → Protect Workbook → Encrypt with Password → "
            "empty) and save as 'Excel Workbook (.xlsx)'.",
        ),
        _load(
            "SHEET003",
            "Workbook is corrupt",
            "Open the workbook in your spreadsheet program, let it repair the file, and save "
            "it again as .xlsx; or restore the last good version from git.",
        ),
        _load(
            "SHEET004",
            "Required sheet missing",
            "Add the sheet (or custodians/<sheet>.csv) with its header row; the sheet names "
            "are domains, custodians, systems, datasets, columns and lineage.",
        ),
        _load(
            "SHEET005",
            "Duplicate column name in the header",
            "Rename or delete one of the two columns; each column name may appear once.",
        ),
        _load(
            "SHEET006",
            "Empty column name in the header",
            "Type the column name in row 1, or delete the column if it is not needed.",
        ),
        _load(
            "SHEET007",
            "Merged cells",
            "Unmerge the cells (Home → Merge & Center → Unmerge) and type the value in every row.",
        ),
        _load(
            "SHEET008",
            "Formula in a catalogue cell",
            "Replace the formula with its value (copy, then Paste Special → Values): "
            "catalogue cells must hold plain values.",
        ),
        _load(
            "SHEET009",
            "Workbook or CSV file is too large",
            "Split the catalogue or remove unused content; "
            "every limit is listed in SECURITY.md (Limits).",
        ),
        _load(
            "SHEET010",
            "Required column missing",
            "Add the column to the header row (row 1) and fill it in every row.",
        ),
        _load(
            "SHEET011",
            "Sheet defined twice",
            "Keep each catalogue sheet in one place: either a sheet of the workbook or "
            "custodians/<sheet>.csv, not both.",
        ),
        _load(
            "SHEET012",
            "Cell text over the size limit",
            "Shorten the cell to at most 32,767 characters (Excel's own limit), or move long "
            "text into a docs page and link to it; a very long text repeated in many cells "
            "counts once per cell.",
        ),
        _load(
            "SHEET013",
            "Sheet shape outside the limits",
            "Delete stray rows, columns and separators (in a CSV file, a run of commas), and "
            "save the workbook again from your spreadsheet program so every cell has a normal "
            "address such as B7 within A1:XFD1048576.",
        ),
        _load(
            "SHEET014",
            "Error value in a catalogue cell",
            "Type the value the cell should hold, or clear it: an error such as #N/A or "
            "#REF! (often pasted as a value from a lookup) is no catalogue value.",
        ),
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
            "Two records disagree about which ADR replaced a decision",
            E,
            "One side of a supersede link is enough (the other is inferred), but both sides "
            "must name the same ADRs: correct the older ADR's `superseded-by` or the newer "
            "ADR's `supersedes`.",
        ),
        _c(
            "ADR207",
            "adr-supersede-cycle",
            "Supersede links form a cycle or an ADR supersedes itself",
            E,
            "A decision can only be replaced by a later one: remove the link that closes "
            "the cycle.",
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
            "An ADR is replaced by another but its status says it is in force",
            W,
            "Set its status to superseded (`paved adr supersede` does it), or remove the link.",
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
        _c(
            "ADR213",
            "adr-strict-from",
            "A record from the strict-from point on does not meet MADR 4",
            E,
            "From `adr_strict_from` on (mkdocs.yml), records are MADR 4 with a status and a "
            "YYYY-MM-DD date in YAML front matter: `paved new adr` writes one.",
        ),
        _c(
            "ADR214",
            "adr-status-word",
            "Paved cannot map an ADR's status word to a status",
            W,
            "The word is shown as written. Map it under `adr_statuses:` of the paved plugin in "
            "mkdocs.yml (e.g. `ratified: accepted`), or write proposed, accepted, rejected, "
            "deprecated or superseded.",
        ),
        _c(
            "ADR215",
            "adr-date",
            "An ADR's date is not a date",
            E,
            "Write the date as YYYY-MM-DD (or YYYY-MM, or YYYY, when only that is known).",
        ),
        _c(
            "ADR216",
            "adr-field-typo",
            "An ADR front matter key looks like a misspelt MADR field",
            W,
            "Unknown keys are kept and ignored (other site generators use them); correct the "
            "spelling if you meant the MADR field.",
        ),
        _c(
            "ADR217",
            "adr-not-markdown",
            "A decision record under adrs/ is not Markdown, so it is not read",
            W,
            "Paved reads .md, .markdown and .mdx records; convert an AsciiDoc or reStructuredText "
            "record to Markdown (Pandoc does both) or keep it outside adrs/.",
        ),
        _c(
            "ADR218",
            "adr-settings",
            "The decision log's settings in mkdocs.yml are not valid",
            E,
            "Under `plugins: - paved:`, `adr_statuses` maps words to proposed, accepted, "
            "rejected, deprecated or superseded; `adr_strict_from` is an ADR number or a date.",
        ),
        _c(
            "ADR219",
            "adr-translation",
            "Records read as translations of other records",
            W,
            "A record with the number (or name) of another, in a language folder (`de/`, "
            "`deutsch/`) or with a language tag (`0001-x.de.md`), is listed with the record it "
            "translates. Give a record that is a decision of its own a number of its own.",
        ),
        _c(
            "ADR220",
            "adr-one-file-log",
            "A page under adrs/ keeps several decisions Paved cannot read one by one",
            W,
            "Head each decision '## ADR-<n>: <title>' with a 'Status:' line (or a status table "
            "row) under it, and Paved reads each section as a record; or keep one decision per "
            "file.",
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
        _c(
            "DOC403",
            "near-duplicate-tag",
            "A tag is a near-duplicate of another (cost / costs, data-quality / data_quality)",
            W,
            "Use the spelling the message names in every WID, ADR and docs page, so readers "
            "find all of them under one tag; if both words are meant, rename one clearly.",
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
        _c(
            "SEC504",
            "config-runs-code",
            "mkdocs.yml would run Python code (a !!python/ tag, hooks: or a plugin)",
            E,
            "Remove the tag, the hooks: list or the plugin; a !!python/name: of material., "
            "pymdownx., markdown. or paved. is fine, and so are the search, tags, offline, "
            "typeset and paved plugins. If your team wrote these hooks and reviews every "
            "change to mkdocs.yml, run with --trust-config (or PAVED_TRUST_CONFIG=1).",
        ),
        _c(
            "SEC505",
            "config-path-outside",
            "A path in mkdocs.yml leads out of the repository",
            E,
            "Use a path relative to the folder of mkdocs.yml, without '..' (docs, site, "
            "overrides); to write the site elsewhere, pass it on the command line: "
            "paved build -d /tmp/portal.",
        ),
        _c(
            "SEC506",
            "config-reads-environment",
            "mkdocs.yml reads an environment variable of the build machine (!ENV)",
            E,
            "Write the value itself instead of !ENV (a pull request can name any variable, "
            "and the build publishes its value). A variable the site needs (not a secret) "
            "is listed in PAVED_CONFIG_ENV where the build runs (the workflow's env:, the "
            "shell), e.g. PAVED_CONFIG_ENV=SITE_URL; PAVED_FEEDBACK_URL is always read.",
        ),
        _c(
            "SEC507",
            "config-connects-out",
            "mkdocs.yml names a database server the build would connect to",
            E,
            "Remove store_url from mkdocs.yml (or keep an sqlite:/// file of the repository) "
            "and give the build its store where it runs: PAVED_DATABASE_URL in the "
            "workflow's secrets or the shell. If your team reviews every change to "
            "mkdocs.yml, run with --trust-config (or PAVED_TRUST_CONFIG=1).",
        ),
        # --- Owners ----------------------------------------------------------------
        _c(
            "OWN601",
            "codeowners-current",
            "The committed CODEOWNERS no longer matches the WIDs and the catalogue",
            E,
            "Run `paved codeowners` and commit the file it writes, so GitHub asks the right "
            "people to review.",
        ),
        # --- Team synonyms (synonyms.yml) ------------------------------------------
        _c(
            "SYN701",
            "synonyms-schema",
            "synonyms.yml does not fit its schema",
            E,
            "Write `synonyms:` as a list of groups, each a list of two or more words or "
            "phrases, e.g. `- [till, pos, point of sale]` (schemas/synonyms.schema.json).",
        ),
        _c(
            "SYN702",
            "synonym-in-two-groups",
            "A word is in two synonym groups",
            E,
            "Keep each word in one group: merge the two groups if they mean the same thing, "
            "or remove the word from the group it does not belong to.",
        ),
    )
}


def registry() -> dict[str, CodeInfo]:
    """Every known code (``paved codes`` lists them)."""
    return CODES


def diagnostic(
    code: str,
    location: Location,
    message: str,
    *,
    hint: str | None = None,
    severity: Severity | None = None,
    related: tuple[Location, ...] = (),
) -> Diagnostic:
    """A Diagnostic for a registered code, with the code's rule, default severity and,
    unless ``hint`` is given, its hint (unknown codes fail fast: a typo must not ship)."""
    info = CODES[code]
    return Diagnostic(
        code=code,
        severity=severity or info.severity,
        location=location,
        message=message,
        hint=info.hint if hint is None else hint,
        rule=info.rule,
        related=related,
    )
