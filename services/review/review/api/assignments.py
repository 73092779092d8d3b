"""Routes of the assignments (the WSIS team)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from review.schemas.assignments import (
    AssignedSchema,
    AssignmentInSchema,
    OverviewSchema,
    SpreadInSchema,
    SpreadSchema,
)
from review.service import assignments
from wsis_common.web import authenticate, context

blp = Blueprint("assignments", __name__, url_prefix="/api/v1/reviews/editions",
                description="Experts assigned to categories or submissions")


@blp.route("/<int:year>/assignments")
class Assignments(MethodView):
    @blp.response(200, OverviewSchema)
    def get(self, year: int):
        """Admin: every assignment, and per submission its reviewers and reviews done."""
        authenticate(role="admin")
        return assignments.overview(context(), year)

    @blp.arguments(AssignmentInSchema)
    @blp.response(201, AssignedSchema)
    def post(self, data, year: int):
        """Admin: assign an expert to a category or to one submission (never their own organisation's)."""
        return assignments.assign(context(), year, data, authenticate(role="admin"))


@blp.route("/<int:year>/assignments/spread")
class Spread(MethodView):
    @blp.arguments(SpreadInSchema)
    @blp.response(200, SpreadSchema)
    def post(self, data, year: int):
        """Admin: give every submission the edition's number of reviewers, spread evenly over
        these experts."""
        return assignments.spread_evenly(context(), year, data, authenticate(role="admin"))


@blp.route("/<int:year>/assignments/<int:assignment_id>")
class OneAssignment(MethodView):
    @blp.response(204)
    def delete(self, year: int, assignment_id: int):
        """Admin: remove an assignment (the expert's reviews under it stop counting)."""
        assignments.unassign(context(), year, assignment_id, authenticate(role="admin"))
