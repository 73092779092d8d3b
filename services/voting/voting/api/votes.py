"""A vote cast through the API (the hot path), and a voter's own choices."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from flask import Request, Response, request
from flask.views import MethodView

from voting.api import blp, client_address, current_voting
from voting.schemas.votes import CastVoteSchema, ChoiceSchema, MyVotesSchema, read_vote
from voting.service import votes
from wsis_common.inputs import check_json_body, reads_own_body
from wsis_common.problems import Problem
from wsis_common.web import authenticate, documented

# The token check of a vote through the API: the bearer token, of a stakeholder.
_stakeholder = partial(authenticate, role="stakeholder")

# A vote's body ({"category": ..., "nominee": ...}) is under 200 bytes.
_LONGEST_VOTE_BODY = 4096


def _json_body(req: Request) -> Any:
    """The vote's JSON body; None when it is not JSON (read_vote says so). Read from the WSGI
    input in one call (werkzeug's stream wrapper and Flask's JSON provider cost 4x the parse),
    and only when its announced length is that of a vote: anything longer is refused unread."""
    if not req.is_json:
        return None
    length = req.content_length
    if length is None or length > _LONGEST_VOTE_BODY:
        raise Problem(413, f"A vote is a JSON object of at most {_LONGEST_VOTE_BODY} bytes, "
                           "sent with its Content-Length.", title="Request too large")
    raw = req.environ["wsgi.input"].read(length)
    check_json_body(raw, largest=_LONGEST_VOTE_BODY)  # nesting and control characters: cheap
    try:
        return json.loads(raw)
    except ValueError:
        return None


@blp.route("/<int:year>/votes")
@reads_own_body
class Votes(MethodView):
    init_every_request = False  # stateless: one instance serves every request

    # Documented from CastVoteSchema, read by read_vote (the same rules, without webargs); the
    # view answers with its own Response, so the decorators only document it.
    @documented(
        blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": CastVoteSchema}}}),
        blp.response(201, ChoiceSchema),
        blp.alt_response(409, description="Already voted in that category; `chosen` says for whom"),
        blp.alt_response(422, description="Not a nominee of that category; `errors` by field"),
        blp.alt_response(403, description="Profile incomplete, or the vote is not open"),
        blp.alt_response(413, description="A body over 4 KiB, refused unread"),
        blp.alt_response(503, description="Too busy (too many votes in flight here: nothing recorded), or "
                                          "not confirmed (the database unreachable or too slow); either way "
                                          "with Retry-After: voting again is safe, and names the first "
                                          "choice if it was stored"),
    )
    def post(self, year: int):
        """Cast one vote: at most one per category, final once cast."""
        req = request._get_current_object()  # type: ignore[attr-defined]  # one proxy look-up
        choice = votes.vote(current_voting(), year, voter=_stakeholder,
                            choice=lambda: read_vote(_json_body(req)), address=client_address(req))
        # Already the response's shape (ChoiceSchema), all strings: no marshmallow dump and no
        # Flask JSON provider on the hot path.
        return Response(json.dumps(choice), status=201, mimetype="application/json")


@blp.route("/<int:year>/votes/mine")
class MyVotes(MethodView):
    @blp.response(200, MyVotesSchema)
    def get(self, year: int):
        """The stakeholder's own choices."""
        return votes.my_votes(current_voting(), authenticate(), year)
