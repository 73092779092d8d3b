"""Routes of the edition API: schema in, service call, schema out. Nothing else."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from submission import service
from submission.schemas import EditionCreateSchema, EditionPatchSchema, EditionSchema
from wsis_common.web import authenticate, context

blp = Blueprint("editions", __name__, url_prefix="/api/v1/editions",
                description="Editions: phase dates and parameters")


@blp.route("")
class Editions(MethodView):
    @blp.response(200, EditionSchema(many=True))
    def get(self):
        return service.list_editions(context())

    @blp.arguments(EditionCreateSchema)
    @blp.response(201, EditionSchema)
    def post(self, data):
        authenticate(role="admin")
        return service.create_edition(context(), data)


@blp.route("/<int:year>")
class EditionByYear(MethodView):
    @blp.response(200, EditionSchema)
    def get(self, year: int):
        return service.get_edition(context(), year)

    @blp.arguments(EditionPatchSchema)
    @blp.response(200, EditionSchema)
    def patch(self, changes, year: int):
        authenticate(role="admin")
        return service.update_edition(context(), year, changes)
