"""The public routes: nominee lists and results."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from review.schemas.public import NomineesSchema, ResultsSchema
from review.service import public
from wsis_common.web import context

blp = Blueprint("public", __name__, url_prefix="/api/v1/editions",
                description="Nominee lists and results")


@blp.route("/<int:year>/nominees")
class Nominees(MethodView):
    @blp.response(200, NomineesSchema)
    def get(self, year: int):
        """Public once the worker published them: the nominees of every category."""
        return public.nominees(context(), year)


@blp.route("/<int:year>/results")
class Results(MethodView):
    @blp.response(200, ResultsSchema)
    def get(self, year: int):
        """Public: the finalists, every one a champion until the ceremony."""
        return public.results(context(), year)
