"""Pure validation of the JSON bodies the API accepts. Every field is checked, unknown
fields are rejected, and each problem names its field, so a 422 tells the caller exactly
what to fix."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import quote

from paved.bot.urls import origin_of, safe_url

MAX_PAGE = 512
MAX_URL = 2048
MAX_TITLE = 300
MAX_COMMENT = 2000
MAX_QUESTION = 500
MAX_OWNER = 200
MAX_KIND = 40
MAX_SUBJECT = 200

FEEDBACK_FIELDS = ("page", "rating", "comment", "url", "title", "owner", "kind", "subject")
FEEDBACK_REQUIRED = ("page", "rating")

# C0 controls except tab, newline and carriage return; DEL and C1 controls. PostgreSQL
# also refuses NUL in text, so rejecting these keeps both stores identical.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# JSON may escape half of a surrogate pair ("\ud800"): not text, and no store can encode it.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NOT_UNICODE = "must be valid Unicode text (no lone surrogate)"
# A path inside the site: "/products/x/" or, as MkDocs names source files, "wids/x.md".
# Segments of letters, digits and "._~+@,=-" only: a page is published as a link target
# in the reports and must need no quoting there (no quotes, brackets, colons, spaces).
_SEGMENT = r"[\w.~+@,=-]+"
#: the characters of a URL kept as they are (the others are percent-encoded)
_URL_KEEP = "-._~!$&*+,;=:@/?#%"
_PAGE = re.compile(rf"/|/?{_SEGMENT}(?:/{_SEGMENT})*/?")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


@dataclass(frozen=True)
class FeedbackInput:
    page: str
    rating: int
    comment: str | None
    url: str | None
    title: str | None
    owner: str | None = None
    kind: str | None = None
    subject: str | None = None


def _name(key: str) -> str:
    """An unknown field's name as it can be echoed back (lone surrogates escaped)."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def _text(
    payload: dict[str, object], name: str, limit: int, errors: list[FieldError]
) -> str | None:
    """An optional string field: null or empty becomes None; too long or controls → error."""
    value = payload.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(FieldError(name, "must be a string or null"))
        return None
    value = value.strip()
    if len(value) > limit:
        errors.append(FieldError(name, f"must be at most {limit} characters, not {len(value)}"))
        return None
    if _CONTROL.search(value):
        errors.append(FieldError(name, "must not contain control characters"))
        return None
    if _SURROGATE.search(value):
        errors.append(FieldError(name, _NOT_UNICODE))
        return None
    return value or None


def validate_feedback(
    payload: object, url_origins: Collection[str] | None = None
) -> tuple[FeedbackInput | None, list[FieldError]]:
    """Check a feedback body: ``{page, rating, comment?, url?, title?, owner?, kind?,
    subject?}`` (the last three tell whom the page belongs to, for routing).

    ``url`` is the page the reader rated: a plain http(s) URL (``paved.bot.urls``) and,
    when ``url_origins`` is given, on one of those origins (the portal's), so that no
    report or Slack message links to a site the sender chose."""
    if not isinstance(payload, dict):
        return None, [FieldError("$", "the body must be a JSON object")]
    errors = [FieldError(_name(k), "unknown field") for k in payload if k not in FEEDBACK_FIELDS]
    errors += [FieldError(k, "is required") for k in FEEDBACK_REQUIRED if k not in payload]

    page = payload.get("page")
    if "page" in payload:
        if not isinstance(page, str):
            errors.append(FieldError("page", "must be a string"))
        elif len(page) > MAX_PAGE:
            errors.append(FieldError("page", f"must be at most {MAX_PAGE} characters"))
        elif _SURROGATE.search(page):
            errors.append(FieldError("page", _NOT_UNICODE))
        elif not _PAGE.fullmatch(page) or "/../" in f"/{page}/":
            errors.append(
                FieldError(
                    "page",
                    "must be a path inside the site such as /products/store-footfall/",
                )
            )
    rating = payload.get("rating")
    if "rating" in payload and (type(rating) is not int or rating not in (0, 1)):
        errors.append(FieldError("rating", "must be 1 (helpful) or 0 (not helpful)"))

    comment = _text(payload, "comment", MAX_COMMENT, errors)
    title = _text(payload, "title", MAX_TITLE, errors)
    url = _text(payload, "url", MAX_URL, errors)
    owner = _text(payload, "owner", MAX_OWNER, errors)
    kind = _text(payload, "kind", MAX_KIND, errors)
    subject = _text(payload, "subject", MAX_SUBJECT, errors)
    if url is not None:
        # what a browser's location.href may hold unencoded ("(", ")", "'", "[", "]"...)
        # is percent-encoded: the same page, spelled so it needs no quoting anywhere
        url = quote(url, safe=_URL_KEEP)
    if url is not None and safe_url(url) is None:
        errors.append(
            FieldError(
                "url",
                "must be an absolute http(s) URL such as https://docs.example.com/page/",
            )
        )
    elif url is not None and url_origins is not None and origin_of(url) not in url_origins:
        errors.append(FieldError("url", "must be a URL of the portal the feedback is about"))

    if errors:
        return None, errors
    assert isinstance(page, str)
    assert isinstance(rating, int)
    valid = FeedbackInput(
        page=page,
        rating=rating,
        comment=comment,
        url=url,
        title=title,
        owner=owner,
        kind=kind,
        subject=subject,
    )
    return valid, []


def validate_question(raw: object, field: str = "question") -> tuple[str | None, list[FieldError]]:
    """A question: a non-empty string of at most 500 characters, no control characters."""
    if not isinstance(raw, str) or not raw.strip():
        return None, [FieldError(field, "is required: a non-empty string")]
    errors: list[FieldError] = []
    question = _text({field: raw}, field, MAX_QUESTION, errors)
    return (None, errors) if errors else (question, [])


def validate_ask_body(payload: object) -> tuple[str | None, list[FieldError]]:
    """Check an ask body: ``{"question": "..."}`` and nothing else."""
    if not isinstance(payload, dict):
        return None, [FieldError("$", "the body must be a JSON object")]
    unknown = [FieldError(_name(k), "unknown field") for k in payload if k != "question"]
    question, errors = validate_question(payload.get("question"))
    return (None, unknown + errors) if unknown or errors else (question, [])
