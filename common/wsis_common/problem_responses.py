"""How a Flask app answers a Problem (wsis_common.problems): the problem+json response, werkzeug's
HTTP errors (webargs' invalid input among them) as problems, and the problem document's schema
for the OpenAPI document. Apart from the Problem itself, so that the code that raises one (use
cases, the shared runtime) imports no Flask."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Response, json
from marshmallow import INCLUDE, Schema, fields
from werkzeug.exceptions import HTTPException

from wsis_common.problems import (
    PROBLEM_JSON,
    Problem,
    flatten_validation_messages,
    problem_headers,
    schema_reason,
)


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
    return Response(json.dumps(body), status=problem.status, mimetype=PROBLEM_JSON,
                    headers=problem_headers(problem))


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
