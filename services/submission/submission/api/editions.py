"""Routes of the edition schedule: schema in, service call, schema out."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from submission.schemas.editions import (
    EditionChangeSchema,
    EditionCreateSchema,
    EditionPatchSchema,
    EditionSchema,
)
from submission.service import editions
from wsis_common.web import authenticate, context

blp = Blueprint("editions", __name__, url_prefix="/api/v1/editions",
                description="Editions: phase dates, parameters and the questionnaire")


@blp.route("")
class Editions(MethodView):
    @blp.response(200, EditionSchema(many=True))
    def get(self):
        return editions.list_editions(context())

    @blp.arguments(EditionCreateSchema)
    @blp.response(201, EditionSchema)
    def post(self, data):
        admin = authenticate(role="admin")
        return editions.create_edition(context(), data, actor=admin.account_id)


@blp.route("/<int:year>")
class EditionByYear(MethodView):
    @blp.response(200, EditionSchema)
    def get(self, year: int):
        return editions.read_edition(context(), year)

    @blp.arguments(EditionPatchSchema)
    @blp.response(200, EditionSchema)
    def patch(self, changes, year: int):
        admin = authenticate(role="admin")
        return editions.update_edition(context(), year, changes, actor=admin.account_id)


@blp.route("/<int:year>/history")
class EditionHistory(MethodView):
    @blp.response(200, EditionChangeSchema(many=True))
    def get(self, year: int):
        """Admin: every change to the edition (who, when, before and after)."""
        authenticate(role="admin")
        return editions.edition_history(context(), year)
