"""Routes of the voting API: schema in, use case, schema out. Nothing else."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from flask import Request, Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from voting.domain.ballot import Ballot
from voting.domain.suspicious import NewAccountRule
from voting.models.group_commit import WriterUnavailable
from voting.schemas import (
    BallotSchema,
    CastVoteSchema,
    ChoiceSchema,
    CountsSchema,
    MyVotesSchema,
    ReportQuerySchema,
    ReportSchema,
    TimelineQuerySchema,
    TimelineSchema,
    read_vote,
)
from voting.service import suspicious, tallies, timeline, votes
from voting.service.ballot import RenderedBallots
from wsis_common.clock import clock
from wsis_common.inputs import check_json_body, reads_own_body
from wsis_common.problems import Problem
from wsis_common.web import authenticate, context, documented

blp = Blueprint("voting", __name__, url_prefix="/api/v1/editions",
                description="The ballot and the votes of an edition")


_rendered = RenderedBallots(BallotSchema().dumps)


def _voting() -> votes.Voting:
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


@blp.route("/<int:year>/ballot")
class BallotView(MethodView):
    @blp.response(200, BallotSchema)
    def get(self, year: int):
        """The nominees to vote on, per category, and the voting window."""
        ballot: Ballot = _voting().ballot(year)
        # Rendered with BallotSchema once per cached ballot (see RenderedBallots).
        return Response(_rendered(ballot, clock.now()), mimetype="application/json")


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
        voting = _voting()
        # First of all: a shed vote costs no token check, no body and no database work.
        with voting.admission.slot():
            principal = authenticate(role="stakeholder")
            req = request._get_current_object()  # type: ignore[attr-defined]  # one proxy look-up
            category, nominee = read_vote(_json_body(req))
            try:
                choice = votes.cast_vote(voting, principal, year, category, nominee,
                                         address=client_address(req))
            except (WriterUnavailable, TimeoutError) as exc:
                # Whether it was stored is unknown (a timeout, a connection lost after the commit):
                # voting again is safe, and says for whom if it was.
                raise Problem(503, "Your vote could not be confirmed just now; please vote again: if it "
                                   "was recorded meanwhile, the answer says for whom.",
                              retry_after=voting.admission.retry_after) from exc
        # Already the response's shape (ChoiceSchema), all strings: no marshmallow dump and no
        # Flask JSON provider on the hot path.
        return Response(json.dumps(choice), status=201, mimetype="application/json")


@blp.route("/<int:year>/votes/mine")
class MyVotes(MethodView):
    @blp.response(200, MyVotesSchema)
    def get(self, year: int):
        """The stakeholder's own choices."""
        return votes.my_votes(_voting(), authenticate(), year)


@blp.route("/<int:year>/votes/counts")
class Counts(MethodView):
    @blp.response(200, CountsSchema)
    def get(self, year: int):
        """Admin: the live counts and ranks per category."""
        authenticate(role="admin")
        return tallies.live_counts(context(), year)


@blp.route("/<int:year>/votes/suspicious")
class Suspicious(MethodView):
    @blp.arguments(ReportQuerySchema, location="query")
    @blp.response(200, ReportSchema)
    def get(self, query, year: int):
        """Admin: bursts of votes for one nominee sharing an address, e-mail domain,
        organisation or country within a short window; and votes from new accounts per nominee,
        flagged where their share is far above the rest of the category's."""
        authenticate(role="admin")
        rule = NewAccountRule(window=timedelta(hours=query["new_account_hours"]))
        return suspicious.report(context(), year, window=timedelta(minutes=query["window_minutes"]),
                                 threshold=query["threshold"], traits=query["traits"],
                                 since=query["since"], new_accounts=rule)


@blp.route("/<int:year>/votes/timeline")
class Timeline(MethodView):
    @blp.arguments(TimelineQuerySchema, location="query")
    @blp.response(200, TimelineSchema)
    def get(self, query, year: int):
        """Admin: votes over time, per hour or per day (Geneva time) and per category."""
        authenticate(role="admin")
        return timeline.timeline(context(), year, bucket=query["bucket"])


def blueprints() -> list[Blueprint]:
    return [blp]
