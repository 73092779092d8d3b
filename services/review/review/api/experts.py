"""Routes of the expert roster (the WSIS team)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from review.schemas.assignments import ExpertInSchema, ExpertSchema
from review.service import experts
from wsis_common.web import authenticate, context

blp = Blueprint("experts", __name__, url_prefix="/api/v1/reviews/experts",
                description="The expert group's roster, with each expert's organisation")


@blp.route("")
class Experts(MethodView):
    @blp.response(200, ExpertSchema(many=True))
    def get(self):
        """Admin: every recorded expert."""
        authenticate(role="admin")
        return experts.list_experts(context())


@blp.route("/<account_id>")
class OneExpert(MethodView):
    @blp.arguments(ExpertInSchema)
    @blp.response(200, ExpertSchema)
    def put(self, data, account_id: str):
        """Admin: record an expert and their organisation (checked for conflicts of interest)."""
        return experts.record_expert(context(), account_id, data, authenticate(role="admin"))
