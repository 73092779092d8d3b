"""Routes of the voting API: schema in, use case, schema out. Nothing else.

One blueprint (one tag in the OpenAPI document), its routes one module per resource: ballot,
votes, reports (the WSIS team's). The vote form's POST, taken from the edge, is form.py's own
blueprint, left out of the API's document."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module

from flask import Request, current_app
from flask_smorest import Blueprint

from voting.service.votes import Voting
from wsis_common.inflight import Route, fixed_answer
from wsis_common.observe import WSGIApp
from wsis_common.problem_responses import problem_response

blp = Blueprint("voting", __name__, url_prefix="/api/v1/editions",
                description="The ballot and the votes of an edition")


# Each module adds its routes to blp when imported: in this order, the document's.
RESOURCES = ("ballot", "votes", "reports")


def blueprints() -> list[Blueprint]:
    for resource in RESOURCES:
        import_module(f"{__name__}.{resource}")
    return [blp]


def current_voting() -> Voting:
    """This process's hot-path state (service.votes.Voting), made by create_app."""
    return current_app.extensions["voting"]


def client_address(req: Request) -> str | None:
    # The gateway sets X-Real-IP to the address it saw (replacing anything a client sent) and
    # appends it to X-Forwarded-For, whose last hop is therefore the one to trust.
    real = req.headers.get("X-Real-IP")
    if real:
        return real.strip()[:64] or None
    forwarded = req.headers.get("X-Forwarded-For")
    if forwarded:
        return forwarded.rsplit(",", 1)[-1].strip()[:64] or None
    return req.remote_addr


def admission_routes(voting: Voting, form_to_portal: Callable[[int], WSGIApp]) -> list[Route]:
    """The two ways a vote comes in (the API and the page form), each taking a slot of
    `voting.admission` (wsis_common.inflight.Admission, before Flask) and, when none is free,
    refused at once: the API with the 503 problem (made once: the same every time), the form
    sent back to the portal by `form_to_portal(year)` (form.py's), which tells the voter in
    their language."""
    busy = problem_response(voting.admission.problem)
    refused = fixed_answer(busy.status, [(k, v) for k, v in busy.headers if k != "Content-Length"],
                           busy.get_data())
    return [
        Route("POST", re.compile(r"/api/v1/editions/(\d+)/votes"), "/api/v1/editions/<int:year>/votes",
              lambda _match: refused),
        Route("POST", re.compile(r"/editions/(\d+)/vote"), "/editions/<int:year>/vote",
              lambda match: form_to_portal(int(match[1]))),
    ]
