"""Errors as application/problem+json (RFC 9457), with every invalid field at once.

The Problem itself and the plain parts of its document (media type, headers, the reasons'
codes): standard library only, so that a use case or a worker raising one imports no Flask.
How a Flask app answers one is wsis_common.problem_responses."""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

PROBLEM_JSON = "application/problem+json"
# Every 503 says when to come back: a database outage passes (the pool reconnects on the first
# checkout after it is back: pool_pre_ping), and a client that retries on 503 alone needs it.
RETRY_AFTER_SECONDS = 5


class Problem(Exception):
    """Raise from anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        errors: dict[str, list[str]] | None = None,
        retry_after: int | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.errors = errors
        self.extra = extra
        self.retry_after = RETRY_AFTER_SECONDS if retry_after is None and status == 503 else retry_after


def problem_headers(problem: Problem) -> dict[str, str]:
    """The headers a problem's answer carries, whatever its body (a page tells it too)."""
    return {} if problem.retry_after is None else {"Retry-After": str(problem.retry_after)}


def database_unavailable() -> Problem:
    """What a request answers while the database cannot be reached (wsis_common.outage)."""
    return Problem(503, "The service's database cannot be reached just now; please try again "
                        "shortly.", title="Database unavailable")


def flatten_validation_messages(messages: dict[str, Any]) -> dict[str, list[str]]:
    """webargs nests errors by location ({"json": {"field": [...]}}) and by field; flatten to
    dotted field names, each with the list of all its reasons."""
    flat: dict[str, list[str]] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            flat.setdefault(prefix or "_request", []).extend(value)
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(f"{prefix}.{index}", inner)
        else:
            flat.setdefault(prefix or "_request", []).append(str(value))

    locations = {"json", "query", "form", "files", "headers", "path", "view_args"}
    if messages and set(messages) <= locations:
        for location_errors in messages.values():
            walk("", location_errors)
    else:
        walk("", messages)
    return flat


# marshmallow's own messages, as codes with params (the problem's `reasons`), so that a page can
# say them in its visitor's language; a message not here has the code "invalid".
_SCHEMA_MESSAGES = (
    (re.compile(r"^Missing data for required field\.$"), "field.required"),
    (re.compile(r"^Longer than maximum length (?P<max>\d+)\.$"), "field.too_long"),
    (re.compile(r"^Shorter than minimum length (?P<min>\d+)\.$"), "field.too_short"),
    (re.compile(r"^Length must be (?P<equal>\d+)\.$"), "field.length"),
    (re.compile(r"^Must be one of: (?P<choices>.*)\.$"), "field.not_a_choice"),
    (re.compile(r"^Not a valid (?P<type>\w+)\.$"), "field.not_a_type"),
    (re.compile(r"^Unknown field\.$"), "field.unknown"),
    # limits.py: a character no consumer may be sent
    (re.compile(r"^Contains a control character \((?P<codepoint>U\+[0-9A-F]+)\)\.$"),
     "text.control_character"),
    (re.compile(r"^Contains an unpaired surrogate \((?P<codepoint>U\+[0-9A-F]+)\)\.$"),
     "text.unpaired_surrogate"),
)


def schema_reason(message: str) -> dict[str, Any]:
    """A marshmallow message as {"code", "params"}; params are the numbers and words it names."""
    for pattern, code in _SCHEMA_MESSAGES:
        match = pattern.match(message)
        if match:
            params: dict[str, Any] = {k: int(v) if v.isdigit() else v for k, v in match.groupdict().items()}
            return {"code": code, "params": params}
    return {"code": "invalid", "params": {}}
