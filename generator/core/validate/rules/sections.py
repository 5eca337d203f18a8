"""Required Markdown sections are present and written (not left as template text)."""

from __future__ import annotations

import re

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic, Location, Severity
from paved.generator.core.load.adr_settings import settings_of
from paved.generator.core.load.types import MarkdownDoc, Section
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.inputs import ADR, CONFIG, WID
from paved.generator.core.validate.rules.decisions import is_strict

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({WID, ADR, CONFIG})


WID_SECTIONS: tuple[tuple[str, ...], ...] = (
    ("value proposition",),
    ("architecture",),
    ("integration points",),
    ("how the data is surfaced",),
)

#: MADR 4 is Paved's native format; its sections are errors when missing.
MADR4_SECTIONS: tuple[tuple[str, ...], ...] = (
    ("context and problem statement", "context", "problem statement"),
    ("considered options",),
    ("decision outcome",),
    ("consequences", "positive consequences", "negative consequences"),
)
#: Imported formats (adr-tools/Nygard, MADR 2, log4brains): equivalents, warnings only,
#: with the headings logs written in French, Spanish, Portuguese, German, Italian and
#: Dutch use.
IMPORTED_SECTIONS: tuple[tuple[str, ...], ...] = (
    (
        "context",
        "context and problem statement",
        "problem statement",
        *("contexte", "contexto", "kontext", "contesto"),
    ),
    (
        "decision",
        "decision outcome",
        *("décision", "décisions", "decisión", "decisão", "entscheidung", "decisione"),
        *("besluit", "beslissing"),
    ),
    (
        "consequences",
        "positive consequences",
        "negative consequences",
        "pros and cons of the options",
        *("conséquences", "consecuencias", "consequências", "konsequenzen", "folgen"),
        *("conseguenze", "gevolgen", "consequenties"),
    ),
)
NATIVE_ADR_FORMATS = ("front-matter", "madr4", "madr")

_NUMBERING = re.compile(r"^[\d.\s]+")

#: ``paved.generator.core.scaffold.MARKER`` (a test keeps them equal). Spelled out here because
#: importing the scaffold module pulls in jinja2 (about 20 ms of every ``paved validate``);
#: it is imported only when a section may still hold template text.
MARKER = "Template:"


def holds_template_text(kind: str, text: str) -> bool:
    """``paved.generator.core.scaffold.holds_template_text``, imported only when needed: every
    placeholder line contains the marker, compared in lower case, so text without
    it cannot hold one."""
    if MARKER.lower() not in text.lower():
        return False
    from paved.generator.core.scaffold import holds_template_text as holds

    return holds(kind, text)


def heading_key(title: str) -> str:
    """'2. How the Data is Surfaced:' → 'how the data is surfaced'."""
    text = _NUMBERING.sub("", title).strip().rstrip(":").strip()
    return " ".join(text.lower().split())


def check(ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for doc in ctx.loaded.wids:
        out.extend(check_doc(doc, "wid", WID_SECTIONS, "WID112", "WID113", None))
        out.extend(_front_matter_placeholders(doc))
    settings = settings_of(ctx.loaded)
    for doc in ctx.loaded.adrs:
        # Errors only where the team asked for the full standard (adr_strict_from):
        # an adopted log is read as it is, its missing sections are warnings.
        strict = is_strict(doc, settings)
        native = doc.format in NATIVE_ADR_FORMATS or strict
        required = MADR4_SECTIONS if native else IMPORTED_SECTIONS
        severity = None if strict else Severity.WARNING
        out.extend(check_doc(doc, "adr", required, "ADR211", "ADR212", severity))
    return out


def _where_missing(doc: MarkdownDoc) -> Location:
    line = doc.title_line or doc.body_line or 1
    return Location(doc.path, line=line, column=1)


def check_doc(
    doc: MarkdownDoc,
    kind: str,
    required: tuple[tuple[str, ...], ...],
    missing_code: str,
    template_code: str,
    severity: Severity | None,
) -> list[Diagnostic]:
    by_key: dict[str, Section] = {}
    for heading in doc.sections:
        by_key.setdefault(heading_key(heading.title), heading)
    out = []
    for names in required:
        section: Section | None = next((by_key[n] for n in names if n in by_key), None)
        if section is None:
            title = names[0][:1].upper() + names[0][1:]
            out.append(
                diagnostic(
                    missing_code,
                    _where_missing(doc),
                    f"required section '{title}' is missing",
                    hint=f"add a `## {title}` heading and write the section",
                    severity=severity,
                )
            )
        elif holds_template_text(kind, section.text):
            out.append(
                diagnostic(
                    template_code,
                    Location(doc.path, line=section.line, column=1),
                    f"section '{section.title}' still holds the template text",
                    severity=severity,
                )
            )
    return out


def _front_matter_placeholders(doc: MarkdownDoc) -> list[Diagnostic]:
    out = []
    for key, value in doc.front_matter.items():
        if isinstance(value, str) and value.startswith(MARKER):
            out.append(
                diagnostic(
                    "WID113",
                    doc.locate((key,)),
                    f"{key} still holds the template text",
                    hint=f"replace '{value}' with your own words",
                )
            )
    return out


def unwritten_sections(doc: MarkdownDoc, kind: str) -> list[str]:
    """Titles of sections (and front matter fields) still holding template text."""
    names = [s.title for s in doc.sections if holds_template_text(kind, s.text)]
    names += [
        key
        for key, value in doc.front_matter.items()
        if isinstance(value, str) and value.startswith(MARKER)
    ]
    return names
