"""CORS for the browser-facing routes, limited to the portal's origins. Pure functions:
given the request's Origin, which headers to add, if any."""

from __future__ import annotations

from collections.abc import Collection

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Content-Type"
MAX_AGE_SECONDS = "600"


def origin_allowed(origin: str | None, allowed: Collection[str]) -> bool:
    """No Origin header (curl, server-to-server) is allowed; a browser's must be listed."""
    return origin is None or origin.rstrip("/") in allowed


def cors_headers(origin: str | None, allowed: Collection[str]) -> dict[str, str]:
    """Headers for an actual response: echo an allowed origin, nothing otherwise."""
    if origin is None or origin.rstrip("/") not in allowed:
        return {"Vary": "Origin"}
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}


def preflight_headers(origin: str | None, allowed: Collection[str]) -> dict[str, str] | None:
    """Headers answering an ``OPTIONS`` preflight, or None when the origin is refused."""
    if origin is None or origin.rstrip("/") not in allowed:
        return None
    return {
        **cors_headers(origin, allowed),
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": MAX_AGE_SECONDS,
    }
