"""Schemathesis over one app's OpenAPI document, in-process (WSGI): every operation, with data
generated from the document (valid and invalid), once as generated and once with the real ids
of the seeded data in the path, every answer checked against the document. Failures are
collected rather than raised, so that one run names every broken operation and kind at once.

Bounded and repeatable for CI: `SCHEMATHESIS_MAX_EXAMPLES` examples per operation, mode and
pass (default 6), derandomized (a fixed seed per test), no shrinking, no example database."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "6"))


@dataclass
class Outcome:
    """What one sweep did: requests sent, and each distinct failure (operation, kind, detail)."""

    operations: int = 0
    requests: int = 0
    failures: dict[tuple[str, str], str] = field(default_factory=dict)
    kinds: Counter[str] = field(default_factory=Counter)

    def record(self, operation: str, kind: str, detail: str) -> None:
        self.kinds[kind] += 1
        self.failures.setdefault((operation, kind), detail[:600])

    def report(self) -> str:
        lines = [f"{self.operations} operations, {self.requests} requests, "
                 f"failures by kind: {dict(self.kinds)}"]
        lines += [f"- {operation}: {kind}\n  {detail}"
                  for (operation, kind), detail in sorted(self.failures.items())]
        return "\n".join(lines)


def sweep(app: Flask, headers: dict[str, str], real: dict[str, Any]) -> Outcome:
    """Every operation of `app`'s document, as the caller `headers` names; `real` maps path
    parameter names to ids that exist (the pass with real ids uses those it finds)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    outcome = Outcome()
    for result in schema.get_all_operations():
        operation = result.ok()
        outcome.operations += 1
        names = {p.name for p in operation.path_parameters}
        fixed = {name: value for name, value in real.items() if name in names}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode, headers, {}, outcome)
            if fixed:
                _run(operation, mode, headers, fixed, outcome)
    return outcome


def _run(operation: Any, mode: GenerationMode, headers: dict[str, str], fixed: dict[str, Any],
         outcome: Outcome) -> None:
    label = operation.label

    @hypothesis.settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
                         phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @hypothesis.given(case=operation.as_strategy(mode, path_parameters=fixed or None))
    def one(case: Any) -> None:
        response = case.call(headers=headers)
        outcome.requests += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except schemathesis.errors.FailureGroup as group:  # type: ignore[attr-defined]
            for failure in group.exceptions:
                outcome.record(label, failure.title, f"{case.method} {case.formatted_path} -> "
                               f"{response.status_code}: {failure.message or response.text[:300]}")
        except AssertionError as failure:
            outcome.record(label, type(failure).__name__, str(failure))

    try:
        one()
    except hypothesis.errors.Unsatisfiable:
        pass  # nothing of this mode to generate (no parameter or body to make invalid)
    except Exception as error:
        outcome.record(label, "generation", f"{type(error).__name__}: {error}")
