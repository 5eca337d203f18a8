"""The two modals: why an answer was not helpful, and feedback about a portal page.

Each modal's ``private_metadata`` carries what its submission needs (Slack returns it
untouched), and the readers of submitted values live here too, next to the block and
action ids they depend on."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from paved.bot.views.types import Block, truncate

DOWNVOTE_CALLBACK = "paved_downvote_reason"
PAGE_FEEDBACK_CALLBACK = "paved_page_feedback"
REASON_BLOCK, REASON_ACTION = "reason", "reason_input"
PAGE_BLOCK, PAGE_ACTION = "page", "page_input"
RATING_BLOCK, RATING_ACTION = "rating", "rating_input"
COMMENT_BLOCK, COMMENT_ACTION = "comment", "comment_input"
MAX_COMMENT = 2000
MAX_PAGE = 512
_METADATA_LIMIT = 3000  # Slack's limit on private_metadata
_URL = re.compile(r"https?://[^\s|>]+")


def _text(text: str) -> dict[str, object]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _metadata(data: Mapping[str, object]) -> str:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(raw) > _METADATA_LIMIT:
        raise ValueError(f"private_metadata is {len(raw)} characters; Slack keeps 3000")
    return raw


def read_metadata(raw: str | None) -> dict[str, object]:
    """The modal's metadata back; an empty dict when it is missing or not ours."""
    try:
        data = json.loads(raw or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def downvote_modal(answer_id: int, *, channel: str | None, question: str | None = None) -> Block:
    """Asks why an answer was not helpful; the 👎 itself is stored before it opens."""
    blocks: list[Block] = []
    if question:
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "plain_text", "text": truncate(f"“{question}”", 150)}],
            }
        )
    blocks.append(
        {
            "type": "input",
            "block_id": REASON_BLOCK,
            "label": _text("What was wrong or missing?"),
            "element": {
                "type": "plain_text_input",
                "action_id": REASON_ACTION,
                "multiline": True,
                "max_length": MAX_COMMENT,
                "placeholder": _text("e.g. it cited a superseded decision"),
            },
        }
    )
    return {
        "type": "modal",
        "callback_id": DOWNVOTE_CALLBACK,
        "title": _text("Not helpful"),
        "submit": _text("Send"),
        "close": _text("Cancel"),
        "private_metadata": _metadata({"answer_id": answer_id, "channel": channel}),
        "blocks": blocks,
    }


def guess_page(message_text: str, portal_url: str) -> str:
    """The first portal link in a message (Slack writes links as ``<url|label>``), or ''."""
    prefix = portal_url.rstrip("/") + "/"
    for url in _URL.findall(message_text):
        if url.startswith(prefix) or url.rstrip("/") == portal_url.rstrip("/"):
            return str(url)
    return ""


def page_feedback_modal(*, page: str, channel: str | None, message_ts: str | None) -> Block:
    """Feedback about a portal page, opened from a message shortcut: the page (prefilled
    with the message's first portal link), helpful or not, and a comment."""
    page_input: dict[str, object] = {
        "type": "plain_text_input",
        "action_id": PAGE_ACTION,
        "max_length": MAX_PAGE,
        "placeholder": _text("https://… link to the page"),
    }
    if page:
        page_input["initial_value"] = truncate(page, MAX_PAGE)
    options = [
        {"text": _text("👍 Helpful"), "value": "1"},
        {"text": _text("👎 Not helpful"), "value": "0"},
    ]
    return {
        "type": "modal",
        "callback_id": PAGE_FEEDBACK_CALLBACK,
        "title": _text("Page feedback"),
        "submit": _text("Send"),
        "close": _text("Cancel"),
        "private_metadata": _metadata({"channel": channel, "message_ts": message_ts}),
        "blocks": [
            {
                "type": "input",
                "block_id": PAGE_BLOCK,
                "label": _text("Which page?"),
                "element": page_input,
            },
            {
                "type": "input",
                "block_id": RATING_BLOCK,
                "label": _text("Was it helpful?"),
                "element": {
                    "type": "radio_buttons",
                    "action_id": RATING_ACTION,
                    "options": options,
                },
            },
            {
                "type": "input",
                "block_id": COMMENT_BLOCK,
                "optional": True,
                "label": _text("What should change?"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": COMMENT_ACTION,
                    "multiline": True,
                    "max_length": MAX_COMMENT,
                },
            },
        ],
    }


def _value(state: Mapping[str, object], block: str, action: str) -> object:
    values = state.get("values")
    if not isinstance(values, Mapping):
        return None
    element = values.get(block, {})
    if not isinstance(element, Mapping):
        return None
    return element.get(action)


def submitted_text(state: Mapping[str, object], block: str, action: str) -> str | None:
    """A plain-text input's submitted value, stripped; None when empty or absent."""
    element = _value(state, block, action)
    value = element.get("value") if isinstance(element, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def submitted_option(state: Mapping[str, object], block: str, action: str) -> str | None:
    """A radio group's selected option value, or None."""
    element = _value(state, block, action)
    selected = element.get("selected_option") if isinstance(element, Mapping) else None
    value = selected.get("value") if isinstance(selected, Mapping) else None
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class PageFeedbackInput:
    page: str
    url: str | None
    rating: int
    comment: str | None


def page_path(page: str, portal_url: str) -> str | None:
    """The portal path a submitted page names (``/products/wid-0001/``), accepting a full
    portal URL or a path; None when it is neither (another site, spaces, ...)."""
    value = page.strip().split("#", 1)[0].split("?", 1)[0]
    base = portal_url.rstrip("/")
    if value.startswith(("http://", "https://")):
        if value != base and not value.startswith(base + "/"):
            return None
        value = value[len(base) :] or "/"
    if not value.startswith("/"):
        value = "/" + value
    if any(c.isspace() for c in value) or len(value) > MAX_PAGE:
        return None
    return value


def read_page_feedback(
    state: Mapping[str, object], portal_url: str
) -> tuple[PageFeedbackInput | None, dict[str, str]]:
    """The submitted page feedback, or the errors to show next to the fields (Slack's
    ``response_action: errors``, keyed by block id)."""
    errors: dict[str, str] = {}
    raw_page = submitted_text(state, PAGE_BLOCK, PAGE_ACTION) or ""
    path = page_path(raw_page, portal_url) if raw_page else None
    if path is None:
        errors[PAGE_BLOCK] = f"Paste a link to a page of the portal ({portal_url.rstrip('/')}/…)."
    rating = submitted_option(state, RATING_BLOCK, RATING_ACTION)
    if rating not in ("0", "1"):
        errors[RATING_BLOCK] = "Choose helpful or not helpful."
    comment = submitted_text(state, COMMENT_BLOCK, COMMENT_ACTION)
    if errors or path is None or rating is None:
        return None, errors
    url = raw_page if raw_page.startswith(("http://", "https://")) else None
    return PageFeedbackInput(page=path, url=url, rating=int(rating), comment=comment), {}
