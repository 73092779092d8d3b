"""The ballot voters read, rendered once per cached ballot (service.ballot.RenderedBallots)."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView

from voting.api import blp, current_voting
from voting.schemas.ballot import BallotSchema
from voting.service.ballot import RenderedBallots
from wsis_common.clock import clock

_rendered = RenderedBallots(BallotSchema().dumps)


@blp.route("/<int:year>/ballot")
class BallotView(MethodView):
    @blp.response(200, BallotSchema)
    def get(self, year: int):
        """The nominees to vote on, per category, and the voting window."""
        ballot = current_voting().ballot(year)
        # Rendered with BallotSchema once per cached ballot (see RenderedBallots).
        return Response(_rendered(ballot, clock.now()), mimetype="application/json")
