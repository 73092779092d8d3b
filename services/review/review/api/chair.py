"""Routes of the chair (admin): the ranking, closing a category, the nominee list, the
finalists and the winner, the edition's status and the audit trail."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from review.schemas.chair import (
    AuditEntrySchema,
    CategoryStateSchema,
    ConfirmedSchema,
    FinalistsSchema,
    NomineesInSchema,
    PickInSchema,
    PickSchema,
    RankingSchema,
    StatusSchema,
)
from review.service import audit, nomination, selection, status
from wsis_common.web import authenticate, context

blp = Blueprint("chair", __name__, url_prefix="/api/v1/reviews/editions",
                description="The chair's decisions: nominee lists and winners")
CATEGORY = "/<int:year>/categories/<category>"


@blp.route(f"{CATEGORY}/ranking")
class Ranking(MethodView):
    @blp.response(200, RankingSchema)
    def get(self, year: int, category: str):
        """Admin: the category's ranking, how it is aggregated, and where experts disagree."""
        authenticate(role="admin")
        return nomination.ranking_of(context(), year, category)


@blp.route(f"{CATEGORY}/close")
class Close(MethodView):
    @blp.response(200, CategoryStateSchema)
    def post(self, year: int, category: str):
        """Admin: close the category; its scores become final."""
        return nomination.close_category(context(), year, category, authenticate(role="admin"))


@blp.route(f"{CATEGORY}/reopen")
class Reopen(MethodView):
    @blp.response(200, CategoryStateSchema)
    def post(self, year: int, category: str):
        """Admin: reopen the category (before publication); its nominee list must be confirmed again."""
        return nomination.reopen_category(context(), year, category, authenticate(role="admin"))


@blp.route(f"{CATEGORY}/nominees")
class Nominees(MethodView):
    @blp.arguments(NomineesInSchema)
    @blp.response(200, ConfirmedSchema)
    def put(self, data, year: int, category: str):
        """Admin: confirm the nominee list (published by the worker on the edition's date)."""
        return nomination.confirm_nominees(context(), year, category, data["submission_ids"],
                                           authenticate(role="admin"))


@blp.route(f"{CATEGORY}/finalists")
class Finalists(MethodView):
    @blp.response(200, FinalistsSchema)
    def get(self, year: int, category: str):
        """Expert group: the finalists with their votes, texts and analyses."""
        principal = authenticate()
        if not principal.has("admin"):
            principal = authenticate(role="expert")
        return selection.finalists_view(context(), principal, year, category)


@blp.route(f"{CATEGORY}/winner")
class Pick(MethodView):
    @blp.arguments(PickInSchema)
    @blp.response(200, PickSchema)
    def put(self, data, year: int, category: str):
        """Admin: pick the category's one winner among its finalists (final, confidential)."""
        return selection.pick_winner(context(), year, category, data["submission_id"],
                                     authenticate(role="admin"))


@blp.route("/<int:year>/status")
class Status(MethodView):
    @blp.response(200, StatusSchema)
    def get(self, year: int):
        """Admin: every category's state and what the worker's publications wait for."""
        authenticate(role="admin")
        return status.edition_status(context(), year)


@blp.route("/<int:year>/audit")
class Audit(MethodView):
    @blp.response(200, AuditEntrySchema(many=True))
    def get(self, year: int):
        """Admin: every action of the chair and the WSIS team: who, when, what changed."""
        authenticate(role="admin")
        return audit.entries(context(), year)
