"""Errors as application/problem+json (RFC 9457), with every invalid field at once."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Response, json
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
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.errors = errors
        self.extra = extra


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
    return Response(json.dumps(body), status=problem.status, mimetype=PROBLEM_JSON)


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


def from_http_exception(error: HTTPException) -> Problem:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    messages = data.get("messages")
    if messages:
        return Problem(
            status,
            "The request is not valid: see `errors` for every field and reason.",
            title="Invalid request",
            errors=flatten_validation_messages(messages),
        )
    detail = data.get("message") or error.description or HTTPStatus(status).phrase
    return Problem(status, str(detail))
