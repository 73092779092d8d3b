"""What every operation's OpenAPI document says about errors, in one place for every service:
each error is a problem document (`application/problem+json`, the Problem schema), and every
operation lists the refusals the shared code gives it (issue 19: schemathesis found ~28,000
answers of an undocumented content type, since flask-smorest documents errors as JSON).

- 400: a body that is not JSON or nested too deep; 413: a body over the size limit (`inputs`);
- 422: input refused (fields, a control character), every operation;
- 401, 403: a token missing or not valid, a role missing (`web.authenticate`): documented on
  every operation, since the public ones ignore a token they do not need;
- 404: operations with a path parameter (a year, an id that does not exist).
An operation's own description of one of these (e.g. 403's `email_not_verified`) is kept."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from apispec import APISpec, BasePlugin

from wsis_common.problems import PROBLEM_JSON

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
EVERY_OPERATION = (400, 401, 403, 422)
WITH_BODY = (413,)
WITH_PATH_PARAMETER = (404,)


def problem_content() -> dict[str, Any]:
    return {PROBLEM_JSON: {"schema": dict(PROBLEM_REF)}}


class ProblemResponses(BasePlugin):
    """An apispec plugin: runs on each path after flask-smorest built its operations."""

    def init_spec(self, spec: APISpec) -> None:
        self.spec = spec

    def operation_helper(self, path: str | None = None, operations: dict | None = None,
                         **kwargs: Any) -> None:
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            documented = {str(code) for code in responses}  # flask-smorest's keys are ints
            for status in _applying(path or "", operation):
                if str(status) not in documented:
                    responses[str(status)] = HTTPStatus(status).name  # a component, by name
            for status, response in responses.items():
                if _is_error(status) and isinstance(response, dict) and "$ref" not in response:
                    own = {k: v for k, v in response.get("content", {}).items() if k != "application/json"}
                    response["content"] = {**problem_content(), **own}  # a page's own HTML stays


def _applying(path: str, operation: dict[str, Any]) -> list[int]:
    statuses = list(EVERY_OPERATION)
    if "requestBody" in operation:
        statuses += WITH_BODY
    if "{" in path:
        statuses += WITH_PATH_PARAMETER
    return statuses



def _is_error(status: str | int) -> bool:
    return str(status) == "default" or str(status)[0] in "45"


def register_problem_responses(spec: APISpec) -> None:
    """flask-smorest's components for every status and DEFAULT_ERROR, as problem documents."""
    for status in HTTPStatus:
        response: dict[str, Any] = {"description": status.phrase}
        if _is_error(status.value):
            response["content"] = problem_content()
        spec.components.response(status.name, response, lazy=True)
    spec.components.response("DEFAULT_ERROR", {"description": "Any other error, as a problem document",
                                               "content": problem_content()}, lazy=True)



def file_answer(*content_types: str, description: str, pages_for_errors: bool = False) -> dict[str, Any]:
    """`Blueprint.doc` arguments for a view answering a file or a page in one of
    `content_types` (200); `pages_for_errors`: its refusals may be that page too (a link a
    person opens), besides the problem documents of its input checks."""
    schema = {"type": "string", "format": "binary"}
    content = {kind: {"schema": {"type": "object"} if kind == "application/json" else schema}
               for kind in content_types}
    responses: dict[Any, Any] = {200: {"description": description, "content": content}}
    if pages_for_errors:
        for status in ("default", 400, 404):
            responses[status] = {"description": "A refusal: a page for a person, or a problem document",
                                 "content": {"text/html": {"schema": schema}}}
    return {"responses": responses}
