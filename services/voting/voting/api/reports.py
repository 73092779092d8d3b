"""The WSIS team's reports (admin only): live counts, suspicious voting, votes over time."""

from __future__ import annotations

from datetime import timedelta

from flask.views import MethodView

from voting.api import blp
from voting.domain.suspicious import NewAccountRule
from voting.schemas.reports import (
    CountsSchema,
    ReportQuerySchema,
    ReportSchema,
    TimelineQuerySchema,
    TimelineSchema,
)
from voting.service import suspicious, tallies, timeline
from wsis_common.web import authenticate, context


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
