"""Past winners, who may not enter again: the list, and an admin's import."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from submission.schemas.responses import WinnersAddedSchema
from submission.schemas.submissions import PastWinnerSchema, WinnersImportSchema
from submission.service import winners
from wsis_common.web import authenticate, context, documented

blp = Blueprint("winners", __name__, url_prefix="/api/v1/winners",
                description="Winners of earlier editions (not eligible again)")


@blp.route("")
class PastWinners(MethodView):
    @blp.response(200, PastWinnerSchema(many=True))
    def get(self):
        authenticate(role="admin")
        return winners.list_winners(context())

    @blp.arguments(WinnersImportSchema)
    @documented(blp.response(201, WinnersAddedSchema))
    def post(self, data):
        """Admin: import winners of editions run before this platform."""
        authenticate(role="admin")
        return {"added": winners.import_winners(context(), data["winners"])}, 201
