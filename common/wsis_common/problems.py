"""Errors as application/problem+json (RFC 9457), with every invalid field at once."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from flask import Response, json
from marshmallow import INCLUDE, Schema, fields
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class Problem(Exception):
    """Raise from anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.errors = errors
        self.headers = headers or {}  # HTTP headers of the answer (e.g. a 503's Retry-After)
        self.extra = extra


class ReasonSchema(Schema):
    code = fields.String(metadata={"description": "what the reason is, e.g. box.too_few, text.not_english"})
    params = fields.Dict(metadata={"description": "its values, e.g. {box, label, words, limit}; instants "
                                                  "as ISO 8601, languages as ISO 639 codes"})


class ProblemSchema(Schema):
    """The problem document every error answers with (the OpenAPI document's error schema).
    Open to extension members (RFC 9457), e.g. a closed category's `incomplete`."""

    class Meta:
        unknown = INCLUDE

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String(metadata={"description": "what went wrong, in English"})
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), metadata={
        "description": "invalid input: every field (dotted name) with every reason, in English"})
    reasons = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(ReasonSchema)), metadata={
        "description": "the same fields as `errors`, each reason at the same place as a code and "
                       "params, for a client that says it in another language"})
    reason = fields.Nested(ReasonSchema, metadata={
        "description": "when `detail` is itself one reason (a closed window, a submission that is not "
                       "a draft): its code and params"})


def problem_response(problem: Problem) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
    }
    if problem.errors:
        body["errors"] = problem.errors
    body.update(problem.extra)
    return Response(json.dumps(body), status=problem.status, mimetype=PROBLEM_JSON, headers=problem.headers)


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


def from_http_exception(error: HTTPException) -> Problem:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    messages = data.get("messages")
    if messages:
        errors = flatten_validation_messages(messages)
        return Problem(
            status,
            "The request is not valid: see `errors` for every field and reason.",
            title="Invalid request",
            errors=errors,
            reasons={key: [schema_reason(m) for m in found] for key, found in errors.items()},
        )
    detail = data.get("message") or error.description or HTTPStatus(status).phrase
    return Problem(status, str(detail))
